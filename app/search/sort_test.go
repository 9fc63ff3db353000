package search

import (
	"math"
	"strings"
	"testing"

	"mlscope/app/mlflow"
)

// sortRuns returns runs with a metric m (NaN, -Inf and missing included),
// a param p, and a tie on start_time between r4 and r5.
func sortRuns() []*mlflow.Run {
	mk := func(id string, start int64, m float64, hasM bool, p string) *mlflow.Run {
		r := &mlflow.Run{Info: mlflow.RunInfo{RunID: id, StartTime: start}}
		if hasM {
			r.Data.Metrics = []mlflow.Metric{{Key: "m", Value: mlflow.Float(m)}}
		}
		if p != "" {
			r.Data.Params = []mlflow.Param{{Key: "p", Value: p}}
		}
		return r
	}
	return []*mlflow.Run{
		mk("r1", 10, 1, true, "b"),
		mk("r2", 20, math.NaN(), true, "a"),
		mk("r3", 30, 0, false, "b"),
		mk("r4", 40, 2, true, ""),
		mk("r5", 40, 2, true, "a"),
		mk("r6", 5, math.Inf(-1), true, ""),
	}
}

func TestSortRuns(t *testing.T) {
	tests := []struct {
		name    string
		runs    func() []*mlflow.Run
		orderBy []string
		want    string
	}{
		{"base order", sortRuns, nil, "r4,r5,r3,r2,r1,r6"},
		{"metric asc, nan then missing last", sortRuns, []string{"metrics.m ASC"},
			"r6,r1,r4,r5,r2,r3"},
		{"metric desc, nan then missing last", sortRuns, []string{"metrics.m DESC"},
			"r4,r5,r1,r6,r2,r3"},
		{"multi-key", sortRuns, []string{"params.p", "metrics.m DESC"}, "r5,r2,r1,r3,r4,r6"},
		{"start time asc, tie by run id", sortRuns, []string{"attributes.start_time ASC"},
			"r6,r1,r2,r3,r4,r5"},
		{"all missing keeps base", sortRuns, []string{"end_time DESC"}, "r4,r5,r3,r2,r1,r6"},
		{"ui default", testRuns, []string{"attributes.start_time DESC"}, "bbb,ccc,aaa"},
		{"created alias", testRuns, []string{"created"}, "aaa,ccc,bbb"},
		{"run name from tag, missing last", testRuns, []string{"run_name DESC"},
			"bbb,aaa,ccc"},
		{"end time, unfinished last", testRuns, []string{"end_time"}, "aaa,ccc,bbb"},
		{"tag, byte order", testRuns, []string{"tags.team ASC"}, "bbb,aaa,ccc"},
		{"status by name", testRuns, []string{"status"}, "ccc,aaa,bbb"},
		{"user desc", testRuns, []string{"user_id DESC"}, "ccc,bbb,aaa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys, err := ParseRunOrderBy(tt.orderBy)
			if err != nil {
				t.Fatalf("ParseRunOrderBy(%q): %v", tt.orderBy, err)
			}
			runs := tt.runs()
			SortRuns(runs, keys)
			if got := strings.Join(runIDs(runs), ","); got != tt.want {
				t.Errorf("order_by %q\n got  %s\n want %s", tt.orderBy, got, tt.want)
			}
		})
	}
}

func TestSortRunsStable(t *testing.T) {
	a := &mlflow.Run{Info: mlflow.RunInfo{RunID: "x", StartTime: 1}}
	b := &mlflow.Run{Info: mlflow.RunInfo{RunID: "x", StartTime: 1}}
	runs := []*mlflow.Run{a, b}
	SortRuns(runs, nil)
	if runs[0] != a || runs[1] != b {
		t.Error("runs equal on every key changed order")
	}
}

func TestSortExperiments(t *testing.T) {
	tests := []struct {
		name    string
		orderBy []string
		want    string
	}{
		{"default", nil, "2,3,0,10"},
		{"name, byte order", []string{"name"}, "0,3,10,2"},
		{"creation asc, id desc tiebreak, missing last", []string{"creation_time ASC"},
			"0,3,2,10"},
		{"id as strings", []string{"experiment_id"}, "0,10,2,3"},
		{"id desc", []string{"experiment_id DESC"}, "3,2,10,0"},
		{"last update desc", []string{"last_update_time DESC"}, "3,2,0,10"},
		{"two keys", []string{"creation_time DESC", "name"}, "3,2,0,10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys, err := ParseExperimentOrderBy(tt.orderBy)
			if err != nil {
				t.Fatalf("ParseExperimentOrderBy(%q): %v", tt.orderBy, err)
			}
			exps := testExperiments()
			SortExperiments(exps, keys)
			if got := strings.Join(expIDs(exps), ","); got != tt.want {
				t.Errorf("order_by %q\n got  %s\n want %s", tt.orderBy, got, tt.want)
			}
		})
	}
}

func TestSortExperimentsNoKeysUsesDefault(t *testing.T) {
	exps := testExperiments()
	SortExperiments(exps, nil)
	if got := strings.Join(expIDs(exps), ","); got != "2,3,0,10" {
		t.Errorf("got %s, want 2,3,0,10", got)
	}
}

// TestSortPackedKeys covers values whose packed keys tie or need care:
// long common string prefixes, -0 and 0, negative numbers.
func TestSortPackedKeys(t *testing.T) {
	mk := func(id string, start int64, m float64, p string) *mlflow.Run {
		return &mlflow.Run{Info: mlflow.RunInfo{RunID: id, StartTime: start},
			Data: mlflow.RunData{Metrics: []mlflow.Metric{{Key: "m", Value: mlflow.Float(m)}},
				Params: []mlflow.Param{{Key: "p", Value: p}}}}
	}
	runs := func() []*mlflow.Run {
		return []*mlflow.Run{
			mk("a", -5, 0, "common-prefix-b"),
			mk("b", 7, math.Copysign(0, -1), "common-prefix-a"),
			mk("c", -9, -2.5, "common-prefix"),
			mk("d", 3, 1e300, "common-prefix-a\x00"),
			mk("e", 3, -1e-300, "Common"),
		}
	}
	tests := []struct {
		orderBy []string
		want    string
	}{
		{nil, "b,d,e,a,c"},
		{[]string{"params.p"}, "e,c,b,d,a"},
		{[]string{"params.p DESC"}, "a,d,b,c,e"},
		{[]string{"metrics.m"}, "c,e,b,a,d"},
		{[]string{"metrics.m DESC"}, "d,b,a,e,c"},
		{[]string{"start_time"}, "c,a,d,e,b"},
	}
	for _, tt := range tests {
		keys, err := ParseRunOrderBy(tt.orderBy)
		if err != nil {
			t.Fatal(err)
		}
		rs := runs()
		SortRuns(rs, keys)
		if got := strings.Join(runIDs(rs), ","); got != tt.want {
			t.Errorf("order_by %q\n got  %s\n want %s", tt.orderBy, got, tt.want)
		}
	}
}
