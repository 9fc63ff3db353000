package ui

import (
	"net/url"
	"reflect"
	"testing"
)

func TestTableStateURL(t *testing.T) {
	tests := []struct {
		name  string
		state tableState
		url   string
	}{
		{"default", tableState{}, "/experiments/7"},
		{"search", tableState{Filter: "metrics.rmse < 0.8 and params.model = 'tree'"},
			"/experiments/7?q=metrics.rmse+%3C+0.8+and+params.model+%3D+%27tree%27"},
		{"sort and columns", tableState{Sort: "metrics.`train/loss` DESC",
			Cols: []string{"metrics.train/loss", "params.alpha", "tags.team"}},
			"/experiments/7?sort=metrics.%60train/loss%60+DESC&cols=metrics.train/loss,params.alpha,tags.team"},
		// No value columns at all is not the same as the default ones.
		{"no columns", tableState{Cols: []string{}}, "/experiments/7?cols="},
		{"trash", tableState{Trash: true, Filter: "a = 'b'"}, "/experiments/7?q=a+%3D+%27b%27&view=deleted"},
		{"keys with spaces and colons", tableState{Cols: []string{"metrics.val loss", "params.a:b"}},
			"/experiments/7?cols=metrics.val+loss,params.a:b"},
		{"charts of a selection", tableState{Charts: true, Selected: []string{"r2", "r1"}},
			"/experiments/7?tab=charts&sel=r2,r1"},
		{"grouped", tableState{Group: "params.alpha", Cols: []string{"metrics.rmse"}},
			"/experiments/7?cols=metrics.rmse&group=params.alpha"},
		{"pinned", tableState{Cols: []string{"metrics.rmse", "params.alpha"},
			Pin: []string{"params.alpha", "metrics.rmse"}},
			"/experiments/7?cols=metrics.rmse,params.alpha&pin=params.alpha,metrics.rmse"},
		// Pins stay in the URL with the default columns too.
		{"pinned with default columns", tableState{Pin: []string{"metrics.val loss"}, Group: "datasets"},
			"/experiments/7?pin=metrics.val+loss&group=datasets"},
		{"grouped by a tag with a dot", tableState{Group: "tags.mlflow.user"},
			"/experiments/7?group=tags.mlflow.user"},
		{"pinned runs and runs hidden in the charts", tableState{Sort: "metrics.rmse ASC",
			PinRuns: []string{"r2", "r1"}, Hidden: []string{"r3"}},
			"/experiments/7?sort=metrics.rmse+ASC&pinruns=r2,r1&hide=r3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.state.url("7")
			if got != tt.url {
				t.Errorf("url of %+v = %q, want %q", tt.state, got, tt.url)
			}
			u, err := url.Parse(got)
			if err != nil {
				t.Fatal(err)
			}
			if back := parseTableState(u.Query()); !reflect.DeepEqual(back, tt.state) {
				t.Errorf("parse %q = %+v, want %+v", got, back, tt.state)
			}
		})
	}
}

func TestParseTableStateLenient(t *testing.T) {
	q, _ := url.ParseQuery("cols=metrics.a,,params.b,&cols=tags.c&view=other&pin=,")
	got := parseTableState(q)
	want := tableState{Cols: []string{"metrics.a", "params.b", "tags.c"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestIdentifier(t *testing.T) {
	tests := []struct{ kind, key, want string }{
		{"metrics", "rmse", "metrics.rmse"},
		{"metrics", "train/loss", "metrics.`train/loss`"},
		{"params", "val loss", "params.`val loss`"},
		{"tags", "mlflow.source.name", "tags.`mlflow.source.name`"},
		{"params", "1st", "params.`1st`"},
		{"params", "and", "params.`and`"}, // a keyword would end the identifier
		{"tags", "a`b", `tags."a` + "`" + `b"`},
	}
	for _, tt := range tests {
		if got := identifier(tt.kind, tt.key); got != tt.want {
			t.Errorf("identifier(%q, %q) = %q, want %q", tt.kind, tt.key, got, tt.want)
		}
	}
}

func TestNextSort(t *testing.T) {
	tests := []struct {
		name, current, col, want string
	}{
		{"first click ascends", "", "metrics.rmse", "metrics.rmse ASC"},
		{"second click descends", "metrics.rmse ASC", "metrics.rmse", "metrics.rmse DESC"},
		{"third click ascends", "metrics.rmse DESC", "metrics.rmse", "metrics.rmse ASC"},
		{"another column starts over", "metrics.rmse DESC", "params.alpha", "params.alpha ASC"},
		{"times start with the newest", "metrics.rmse ASC", "attributes.start_time",
			"attributes.start_time DESC"},
		// With no sort the table is already newest first.
		{"created flips the default", "", "attributes.start_time", "attributes.start_time ASC"},
		{"quoted keys", "", "metrics.train/loss", "metrics.`train/loss` ASC"},
		{"quoted keys flip", "metrics.`train/loss` ASC", "metrics.train/loss",
			"metrics.`train/loss` DESC"},
		{"an alias counts as its attribute", "created DESC", "attributes.start_time",
			"attributes.start_time ASC"},
		{"source", "", "tags.mlflow.source.name", "tags.`mlflow.source.name` ASC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nextSort(tt.current, tt.col); got != tt.want {
				t.Errorf("nextSort(%q, %q) = %q, want %q", tt.current, tt.col, got, tt.want)
			}
		})
	}
}

func TestTableStateURLSeveral(t *testing.T) {
	tests := []struct {
		ids   string
		state tableState
		url   string
	}{
		{"1,22", tableState{}, "/compare-experiments?experiments=1,22"},
		{"1,22", tableState{Group: "params.a"},
			"/compare-experiments?experiments=1,22&group=params.a"},
		{"5", tableState{Group: "params.a"}, "/experiments/5?group=params.a"},
	}
	for _, tt := range tests {
		if got := tt.state.url(tt.ids); got != tt.url {
			t.Errorf("url(%q) of %+v = %q, want %q", tt.ids, tt.state, got, tt.url)
		}
	}
}

func TestToggled(t *testing.T) {
	tests := []struct {
		ids  []string
		id   string
		want []string
	}{
		{nil, "a", []string{"a"}},
		{[]string{"a", "b"}, "c", []string{"a", "b", "c"}},
		{[]string{"a", "b"}, "a", []string{"b"}},
		{[]string{"a"}, "a", nil},
	}
	for _, tt := range tests {
		if got := toggled(tt.ids, tt.id); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("toggled(%q, %q) = %q, want %q", tt.ids, tt.id, got, tt.want)
		}
	}
}
