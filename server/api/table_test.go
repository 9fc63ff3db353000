package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strconv"
	"testing"

	"mlscope/app/mlflow"
)

// tableRun makes a run with a metric, a param and, when parent is set, a
// parent link.
func tableRun(id string, start int64, loss float64, parent string) *mlflow.Run {
	r := &mlflow.Run{Info: mlflow.RunInfo{RunID: id, RunName: "run-" + id,
		Status: mlflow.StatusFinished, StartTime: start, LifecycleStage: mlflow.StageActive}}
	r.Data.Metrics = []mlflow.Metric{{Key: "loss", Value: mlflow.Float(loss)}}
	r.Data.Params = []mlflow.Param{{Key: "lr", Value: strconv.FormatFloat(loss/10, 'g', -1, 64)}}
	if parent != "" {
		r.Data.Tags = []mlflow.Tag{{Key: mlflow.TagParentRunID, Value: parent}}
	}
	return r
}

// ids lists the run ids of an answer's rows.
func ids(a *tableAnswer) []string {
	out := make([]string, len(a.Rows))
	for i, r := range a.Rows {
		out[i] = r[0].(string)
	}
	return out
}

func TestBuildTable(t *testing.T) {
	// p1 has children c1 and c2 (c2 has g1); p2 has none; o's parent is
	// not in the tree; l1 and l2 are each other's parent.
	runs := []*mlflow.Run{
		tableRun("p1", 100, 0.5, ""),
		tableRun("c1", 110, 0.4, "p1"),
		tableRun("c2", 120, 0.3, "p1"),
		tableRun("g1", 130, 0.2, "c2"),
		tableRun("p2", 90, 0.6, ""),
		tableRun("o", 80, 0.7, "gone"),
		tableRun("l1", 70, 0.8, "l2"),
		tableRun("l2", 60, 0.9, "l1"),
	}
	all := map[string]bool{"p1": true, "c2": true}
	tests := []struct {
		name  string
		q     tableQuery
		want  []string
		total int
	}{
		{"collapsed, newest first", tableQuery{limit: 100},
			[]string{"p1", "p2", "o", "l1"}, 4},
		{"expanded parents show their children in order", tableQuery{limit: 100, expanded: all},
			[]string{"p1", "c2", "g1", "c1", "p2", "o", "l1"}, 7},
		{"a window of the expanded tree", tableQuery{offset: 2, limit: 3, expanded: all},
			[]string{"g1", "c1", "p2"}, 7},
		{"window past the end", tableQuery{offset: 50, limit: 3}, []string{}, 4},
		// The loop's first run in the order is listed, after the others.
		{"sorted by a metric", tableQuery{limit: 100, orderBy: []string{"metrics.loss DESC"}},
			[]string{"o", "p2", "p1", "l2"}, 4},
		// A child whose parent does not match is a top-level row; g1
		// stays under c2.
		{"filter cuts the parent away", tableQuery{limit: 100, filter: "metrics.loss < 0.45"},
			[]string{"c2", "c1"}, 2},
		{"limit zero counts only", tableQuery{limit: 0}, []string{}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := buildTable(runs, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(a); !reflect.DeepEqual(got, tt.want) || a.Total != tt.total {
				t.Errorf("query %+v: rows %v, total %d; want %v, total %d",
					tt.q, got, a.Total, tt.want, tt.total)
			}
		})
	}
}

func TestBuildTableRow(t *testing.T) {
	runs := []*mlflow.Run{tableRun("p1", 100, 0.5, ""), tableRun("c1", 110, 0.4, "p1")}
	runs[0].Info.EndTime = 150
	runs[0].Data.Tags = append(runs[0].Data.Tags, mlflow.Tag{Key: mlflow.TagSourceName, Value: "train.py"})
	a, err := buildTable(runs, tableQuery{limit: 10, keys: true,
		columns:  []string{"metrics.loss", "params.lr", "tags.team", "metrics.nope"},
		expanded: map[string]bool{"p1": true}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(a.Rows)
	want := `[["p1","run-p1","FINISHED",100,150,"","train.py","",0,1,0.5,"0.05",null,null],` +
		`["c1","run-c1","FINISHED",110,null,"","","p1",1,0,0.4,"0.04",null,null]]`
	if string(b) != want {
		t.Errorf("rows\n%s\nwant\n%s", b, want)
	}
	wantKeys := &tableKeys{Metrics: []string{"loss"}, Params: []string{"lr"},
		Tags: []string{mlflow.TagParentRunID, mlflow.TagSourceName}}
	if !reflect.DeepEqual(a.Keys, wantKeys) {
		t.Errorf("keys %+v, want %+v", a.Keys, wantKeys)
	}
	if a.Matched != 2 || a.InView != 2 || len(a.Fields) != 10 {
		t.Errorf("matched %d, in view %d, fields %v", a.Matched, a.InView, a.Fields)
	}
}

func TestBuildTableDefaultColumns(t *testing.T) {
	r := tableRun("a", 1, 1, "")
	for i := range 12 {
		r.Data.Metrics = append(r.Data.Metrics, mlflow.Metric{Key: fmt.Sprintf("m%02d", i)})
	}
	a, err := buildTable([]*mlflow.Run{r}, tableQuery{limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Columns) != tableDefaultPerKind+1 || a.Columns[0] != "metrics.loss" ||
		a.Columns[tableDefaultPerKind] != "params.lr" || a.Keys != nil {
		t.Errorf("default columns %v (keys %v)", a.Columns, a.Keys)
	}
	a, _ = buildTable([]*mlflow.Run{r}, tableQuery{limit: 1, columns: []string{}})
	if len(a.Columns) != 0 {
		t.Errorf("no columns asked for, got %v", a.Columns)
	}
}

func TestBuildTableFaults(t *testing.T) {
	runs := []*mlflow.Run{tableRun("a", 1, 1, "")}
	tests := []struct {
		name     string
		q        tableQuery
		field    string
		pos, len int
		index    int
	}{
		{"bad comparator", tableQuery{filter: "metrics.loss ~ 1"}, "filter", 13, 1, 0},
		{"unquoted param", tableQuery{filter: "params.lr = 0.1"}, "filter", 12, 3, 0},
		{"bad entity", tableQuery{filter: "metric.a < 1 and foo.b = 'x'"}, "filter", 17, 3, 0},
		{"bad order", tableQuery{orderBy: []string{"metrics.loss", "metrics.loss UP"}},
			"order_by", 13, 2, 1},
		{"bad column", tableQuery{columns: []string{"metrics.loss", "loss"}}, "columns", 0, 4, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildTable(runs, tt.q)
			var f *tableFault
			if !errors.As(err, &f) {
				t.Fatalf("query %+v: error %v, want a fault", tt.q, err)
			}
			if f.field != tt.field || f.err.Pos != tt.pos || f.err.Len != tt.len ||
				f.err.Index != tt.index {
				t.Errorf("query %+v: fault in %s at %d+%d (entry %d): %s; want %s at %d+%d (entry %d)",
					tt.q, f.field, f.err.Pos, f.err.Len, f.err.Index, f.err.Msg,
					tt.field, tt.pos, tt.len, tt.index)
			}
		})
	}
}

// benchTableRuns generates n runs with 10 metrics, 10 params and 10 tags
// each; one in ten is the child of an earlier run.
func benchTableRuns(n int) []*mlflow.Run {
	rng := rand.New(rand.NewPCG(3, 4))
	statuses := []mlflow.RunStatus{mlflow.StatusFinished, mlflow.StatusFailed,
		mlflow.StatusRunning}
	keys := make([]string, 10)
	for k := range keys {
		keys[k] = strconv.Itoa(k)
	}
	runs := make([]*mlflow.Run, n)
	for i := range runs {
		r := &mlflow.Run{Info: mlflow.RunInfo{
			RunID:          fmt.Sprintf("%032x", rng.Uint64()),
			RunName:        "run-" + strconv.Itoa(i),
			UserID:         "user" + strconv.Itoa(rng.IntN(20)),
			Status:         statuses[rng.IntN(len(statuses))],
			StartTime:      1_700_000_000_000 + rng.Int64N(10_000_000),
			LifecycleStage: mlflow.StageActive,
		}}
		for _, k := range keys {
			r.Data.Metrics = append(r.Data.Metrics, mlflow.Metric{Key: "m" + k,
				Value: mlflow.Float(rng.Float64())})
			r.Data.Params = append(r.Data.Params, mlflow.Param{Key: "p" + k,
				Value: "v" + strconv.Itoa(rng.IntN(100))})
			r.Data.Tags = append(r.Data.Tags, mlflow.Tag{Key: "t" + k,
				Value: "tag" + strconv.Itoa(rng.IntN(10))})
		}
		if i > 0 && i%10 == 0 {
			r.Data.Tags = append(r.Data.Tags, mlflow.Tag{Key: mlflow.TagParentRunID,
				Value: runs[rng.IntN(i)].Info.RunID})
		}
		runs[i] = r
	}
	return runs
}

// BenchmarkRunsTable times one window of the runs table over 100,000
// runs: filter (about 45% match), sort by a metric, group the tree, take
// 100 rows at offset 5,000 with 10 value columns, and encode the answer.
// "first load" also gathers the keys for the column chooser.
func BenchmarkRunsTable(b *testing.B) {
	runs := benchTableRuns(100_000)
	cols := []string{"metrics.m1", "metrics.m3", "metrics.m5", "params.p1", "params.p2",
		"params.p3", "tags.t1", "tags.t2", "metrics.m7", "params.p9"}
	q := tableQuery{
		filter: "metrics.m3 > 0.3 and params.p1 LIKE 'v%' and tags.t2 != 'tag0' " +
			"and attributes.status != 'RUNNING'",
		orderBy: []string{"metrics.m5 DESC"},
		offset:  5000, limit: 100, columns: cols,
		expanded: map[string]bool{runs[0].Info.RunID: true},
	}
	for _, bc := range []struct {
		name string
		keys bool
	}{{"window", false}, {"first load", true}} {
		b.Run(bc.name, func(b *testing.B) {
			q.keys = bc.keys
			runtime.GC()
			var size int
			for b.Loop() {
				a, err := buildTable(runs, q)
				if err != nil || len(a.Rows) != 100 {
					b.Fatalf("got %d rows, %v", len(a.Rows), err)
				}
				out, _ := json.Marshal(a)
				size = len(out)
			}
			b.ReportMetric(float64(size), "bytes/answer")
		})
	}
}
