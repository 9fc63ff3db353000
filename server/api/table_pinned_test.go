package api

import (
	"fmt"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"mlscope/app/mlflow"
)

// pinnedIDs lists the run ids of an answer's pinned rows.
func pinnedIDs(a *tableAnswer) []string {
	out := []string{}
	for _, r := range a.Pinned {
		out = append(out, r[0].(string))
	}
	return out
}

func TestBuildTablePinned(t *testing.T) {
	runs := []*mlflow.Run{tableRun("a", 10, 0.1, ""), tableRun("b", 20, 0.2, ""),
		tableRun("c", 30, 0.3, ""), tableRun("d", 40, 0.4, "")}
	tests := []struct {
		name         string
		q            tableQuery
		pinned, rows []string
		total        int
	}{
		{"none pinned", tableQuery{limit: 10}, []string{}, []string{"d", "c", "b", "a"}, 4},
		{"pinned in their order, out of the rows", tableQuery{limit: 10,
			pinned: []string{"a", "c"}}, []string{"a", "c"}, []string{"d", "b"}, 2},
		{"pinned whatever the filter", tableQuery{limit: 10, filter: "metrics.loss > 0.25",
			pinned: []string{"a"}}, []string{"a"}, []string{"d", "c"}, 2},
		{"pinned in every window", tableQuery{offset: 1, limit: 1,
			pinned: []string{"b"}}, []string{"b"}, []string{"c"}, 3},
		{"unknown and repeated ids skipped", tableQuery{limit: 10,
			pinned: []string{"zz", "d", "d"}}, []string{"d"}, []string{"c", "b", "a"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := buildTable(runs, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := pinnedIDs(a); !reflect.DeepEqual(got, tt.pinned) {
				t.Errorf("pinned %v, want %v", got, tt.pinned)
			}
			if got := ids(a); !reflect.DeepEqual(got, tt.rows) || a.Total != tt.total {
				t.Errorf("rows %v (total %d), want %v (total %d)", got, a.Total, tt.rows,
					tt.total)
			}
		})
	}
}

// A grouped answer's pinned rows have the group fields, empty, like runs.
func TestBuildTablePinnedGrouped(t *testing.T) {
	runs := []*mlflow.Run{tableRun("a", 10, 0.1, ""), tableRun("b", 20, 0.2, "")}
	a, err := buildTable(runs, tableQuery{limit: 10, groupBy: "params.lr",
		columns: []string{"metrics.loss"}, pinned: []string{"a"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Pinned) != 1 || len(a.Pinned[0]) != len(a.Fields)+1 {
		t.Fatalf("pinned rows %v for fields %v", a.Pinned, a.Fields)
	}
	row := a.Pinned[0]
	if g := len(tableFields); row[g] != nil || row[g+1] != nil || fmt.Sprint(row[g+2]) != "0.1" {
		t.Errorf("pinned row %v: want null group fields, then loss 0.1", row)
	}
	if got := gridIDs(a); !reflect.DeepEqual(got, []string{"[0.02 1]", "b"}) {
		t.Errorf("grouped rows %v, want b's group only", got)
	}
}

func TestReadPinnedRuns(t *testing.T) {
	tests := []struct {
		body    string
		want    []string
		invalid bool
	}{
		{`{}`, nil, false},
		{`{"pinned_runs": ["b", "a"]}`, []string{"b", "a"}, false},
		{`{"pinned_runs": "a"}`, nil, true},
		{`{"pinned_runs": [{"run_id": "a"}]}`, nil, true},
		// Numbers read as their text, as protobuf's JSON does.
		{`{"pinned_runs": [12]}`, []string{"12"}, false},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("POST", "/ajax-api/2.0/mlscope/runs/table",
			strings.NewReader(tt.body))
		r.Header.Set("Content-Type", "application/json")
		req, err := readRequest(r)
		if err != nil {
			t.Fatal(err)
		}
		q, err := readTableQuery(req)
		if (err != nil) != tt.invalid {
			t.Errorf("%s: error %v", tt.body, err)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), "pinned_runs") {
			t.Errorf("%s: error %q does not name pinned_runs", tt.body, err)
		}
		if !tt.invalid && !reflect.DeepEqual(q.pinned, tt.want) {
			t.Errorf("%s: pinned %q, want %q", tt.body, q.pinned, tt.want)
		}
	}
}
