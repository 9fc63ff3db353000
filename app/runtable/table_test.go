package runtable

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"sort"
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
func ids(a *Answer) []string {
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
		q     Query
		want  []string
		total int
	}{
		{"collapsed, newest first", Query{Limit: 100},
			[]string{"p1", "p2", "o", "l1"}, 4},
		{"expanded parents show their children in order", Query{Limit: 100, Expanded: all},
			[]string{"p1", "c2", "g1", "c1", "p2", "o", "l1"}, 7},
		{"a window of the expanded tree", Query{Offset: 2, Limit: 3, Expanded: all},
			[]string{"g1", "c1", "p2"}, 7},
		{"window past the end", Query{Offset: 50, Limit: 3}, []string{}, 4},
		// The loop's first run in the order is listed, after the others.
		{"sorted by a metric", Query{Limit: 100, OrderBy: []string{"metrics.loss DESC"}},
			[]string{"o", "p2", "p1", "l2"}, 4},
		// A child whose parent does not match is a top-level row; g1
		// stays under c2.
		{"filter cuts the parent away", Query{Limit: 100, Filter: "metrics.loss < 0.45"},
			[]string{"c2", "c1"}, 2},
		{"limit zero counts only", Query{Limit: 0}, []string{}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Build(runs, tt.q)
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
	runs[0].Info.ExperimentID, runs[1].Info.ExperimentID = "1", "2"
	runs[0].Data.Tags = append(runs[0].Data.Tags, mlflow.Tag{Key: mlflow.TagSourceName, Value: "train.py"})
	a, err := Build(runs, Query{Limit: 10, Keys: true,
		Columns:  []string{"metrics.loss", "params.lr", "tags.team", "metrics.nope"},
		Expanded: map[string]bool{"p1": true}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(a.Rows)
	want := `[["p1","run-p1","FINISHED",100,150,"","train.py","",0,1,"1",0.5,"0.05",null,null],` +
		`["c1","run-c1","FINISHED",110,null,"","","p1",1,0,"2",0.4,"0.04",null,null]]`
	if string(b) != want {
		t.Errorf("rows\n%s\nwant\n%s", b, want)
	}
	wantKeys := &KeyLists{Metrics: []string{"loss"}, Params: []string{"lr"},
		Tags: []string{mlflow.TagParentRunID, mlflow.TagSourceName}}
	if !reflect.DeepEqual(a.Keys, wantKeys) {
		t.Errorf("keys %+v, want %+v", a.Keys, wantKeys)
	}
	if a.Matched != 2 || a.InView != 2 || len(a.Fields) != 11 {
		t.Errorf("matched %d, in view %d, fields %v", a.Matched, a.InView, a.Fields)
	}
}

func TestBuildTableDefaultColumns(t *testing.T) {
	r := tableRun("a", 1, 1, "")
	for i := range 12 {
		r.Data.Metrics = append(r.Data.Metrics, mlflow.Metric{Key: fmt.Sprintf("m%02d", i)})
	}
	a, err := Build([]*mlflow.Run{r}, Query{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Columns) != DefaultPerKind+1 || a.Columns[0] != "metrics.loss" ||
		a.Columns[DefaultPerKind] != "params.lr" || a.Keys != nil {
		t.Errorf("default columns %v (keys %v)", a.Columns, a.Keys)
	}
	a, _ = Build([]*mlflow.Run{r}, Query{Limit: 1, Columns: []string{}})
	if len(a.Columns) != 0 {
		t.Errorf("no columns asked for, got %v", a.Columns)
	}
}

func TestBuildTableFaults(t *testing.T) {
	runs := []*mlflow.Run{tableRun("a", 1, 1, "")}
	tests := []struct {
		name     string
		q        Query
		field    string
		pos, len int
		index    int
	}{
		{"bad comparator", Query{Filter: "metrics.loss ~ 1"}, "filter", 13, 1, 0},
		{"unquoted param", Query{Filter: "params.lr = 0.1"}, "filter", 12, 3, 0},
		{"bad entity", Query{Filter: "metric.a < 1 and foo.b = 'x'"}, "filter", 17, 3, 0},
		{"bad order", Query{OrderBy: []string{"metrics.loss", "metrics.loss UP"}},
			"order_by", 13, 2, 1},
		{"bad column", Query{Columns: []string{"metrics.loss", "loss"}}, "columns", 0, 4, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(runs, tt.q)
			var f *Fault
			if !errors.As(err, &f) {
				t.Fatalf("query %+v: error %v, want a fault", tt.q, err)
			}
			if f.Field != tt.field || f.Err.Pos != tt.pos || f.Err.Len != tt.len ||
				f.Err.Index != tt.index {
				t.Errorf("query %+v: fault in %s at %d+%d (entry %d): %s; want %s at %d+%d (entry %d)",
					tt.q, f.Field, f.Err.Pos, f.Err.Len, f.Err.Index, f.Err.Msg,
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
	q := Query{
		Filter: "metrics.m3 > 0.3 and params.p1 LIKE 'v%' and tags.t2 != 'tag0' " +
			"and attributes.status != 'RUNNING'",
		OrderBy: []string{"metrics.m5 DESC"},
		Offset:  5000, Limit: 100, Columns: cols,
		Expanded: map[string]bool{runs[0].Info.RunID: true},
	}
	for _, bc := range []struct {
		name string
		keys bool
	}{{"window", false}, {"first load", true}} {
		b.Run(bc.name, func(b *testing.B) {
			q.Keys = bc.keys
			runtime.GC()
			var size int
			for b.Loop() {
				a, err := Build(runs, q)
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

// groupTableRuns are six runs grouped by the param alpha: "a" and "b" at
// 0.5 (b lacks rmse), "c" at 10, "n" at 0.5 with a NaN rmse, "d" at "x",
// and "e" without alpha.
func groupTableRuns() []*mlflow.Run {
	mk := func(id string, start int64, alpha string, rmse float64, has bool) *mlflow.Run {
		r := tableRun(id, start, 0.1, "")
		if has {
			r.Data.Metrics = append(r.Data.Metrics, mlflow.Metric{Key: "rmse",
				Value: mlflow.Float(rmse)})
		}
		if alpha != "" {
			r.Data.Params = append(r.Data.Params, mlflow.Param{Key: "alpha", Value: alpha})
		}
		return r
	}
	return []*mlflow.Run{
		mk("a", 60, "0.5", 0.2, true),
		mk("b", 50, "0.5", 0, false),
		mk("c", 40, "10", 0.9, true),
		mk("n", 30, "0.5", math.NaN(), true),
		mk("d", 20, "x", 0.4, true),
		mk("e", 10, "", 0.6, true),
	}
}

// gridIDs lists an answer's rows: "[value count]" for a header, the run
// id for a run.
func gridIDs(a *Answer) []string {
	out := make([]string, len(a.Rows))
	for i, r := range a.Rows {
		if r[len(Fields)+1] == nil {
			out[i] = r[0].(string)
			continue
		}
		v, _ := r[len(Fields)].(string)
		if r[len(Fields)] == nil {
			v = "(none)"
		}
		out[i] = fmt.Sprintf("[%s %d]", v, r[len(Fields)+1])
	}
	return out
}

func TestBuildTableGroups(t *testing.T) {
	runs := groupTableRuns()
	runs = append(runs, tableRun("k", 55, 0.1, "a")) // a child of a, alpha unset
	runs[len(runs)-1].Data.Params = append(runs[len(runs)-1].Data.Params,
		mlflow.Param{Key: "alpha", Value: "0.5"})
	q := func(offset, limit int, collapsed ...string) Query {
		c := map[string]bool{}
		for _, v := range collapsed {
			c[v] = true
		}
		return Query{Offset: offset, Limit: limit, GroupBy: "params.alpha", Collapsed: c}
	}
	none := q(0, 100)
	none.CollapsedNone = true
	tests := []struct {
		name   string
		q      Query
		want   []string
		total  int
		groups int
	}{
		// Numbers by value (0.5 before 10), then text, then no value; runs
		// keep the sort (newest first) inside a group; k is a's child.
		{"every group open", q(0, 100),
			[]string{"[0.5 4]", "a", "b", "n", "[10 1]", "c", "[x 1]", "d", "[(none) 1]", "e"},
			10, 4},
		{"a folded group sends only its header", q(0, 100, "0.5"),
			[]string{"[0.5 4]", "[10 1]", "c", "[x 1]", "d", "[(none) 1]", "e"}, 7, 4},
		{"null folds the runs without a value", none,
			[]string{"[0.5 4]", "a", "b", "n", "[10 1]", "c", "[x 1]", "d", "[(none) 1]"}, 9, 4},
		{"a page across group rows", q(3, 3), []string{"n", "[10 1]", "c"}, 10, 4},
		{"a page after a folded group", q(2, 4, "0.5"),
			[]string{"c", "[x 1]", "d", "[(none) 1]"}, 7, 4},
		{"past the end", q(10, 5), []string{}, 10, 4},
		{"filter before grouping", Query{Limit: 100, GroupBy: "params.alpha",
			Filter: "metrics.rmse > 0.3"}, []string{"[10 1]", "c", "[x 1]", "d",
			"[(none) 1]", "e"}, 6, 3},
		{"by a tag nobody has", Query{Limit: 100, GroupBy: "tags.team"},
			[]string{"[(none) 7]", "a", "b", "c", "n", "d", "e"}, 7, 1},
		{"a parent shows its child inside the group", Query{Limit: 4,
			GroupBy: "params.alpha", Expanded: map[string]bool{"a": true}},
			[]string{"[0.5 4]", "a", "k", "b"}, 11, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Build(runs, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := gridIDs(a); !reflect.DeepEqual(got, tt.want) || a.Total != tt.total ||
				a.Groups != tt.groups {
				t.Errorf("rows %v, total %d, groups %d; want %v, total %d, groups %d",
					got, a.Total, a.Groups, tt.want, tt.total, tt.groups)
			}
		})
	}
}

func TestBuildTableGroupAggregates(t *testing.T) {
	runs := groupTableRuns()
	runs[1].Data.Metrics = append(runs[1].Data.Metrics, mlflow.Metric{Key: "acc", Value: 1})
	a, err := Build(runs, Query{Limit: 100, GroupBy: "params.alpha",
		Columns:   []string{"metrics.rmse", "params.alpha", "metrics.acc", "metrics.none"},
		Collapsed: map[string]bool{"10": true, "x": true}, CollapsedNone: true})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(a.Rows)
	// Group 0.5: rmse of a (0.2) only, as b lacks it and n's is NaN; acc
	// of b only. Runs' rows carry null in the group fields.
	nulls := `null,null,null,null,null,null,null,null`
	// After depth and children: the experiment id, then the group fields.
	want := `[[` + nulls + `,0,0,null,"0.5",3,[0.2,0.2,0.2,1],null,[1,1,1,1],null],` +
		`["a","run-a","FINISHED",60,null,"","","",0,0,"",null,null,0.2,"0.5",null,null],` +
		`["b","run-b","FINISHED",50,null,"","","",0,0,"",null,null,null,"0.5",1,null],` +
		`["n","run-n","FINISHED",30,null,"","","",0,0,"",null,null,"NaN","0.5",null,null],` +
		`[` + nulls + `,0,0,null,"10",1,[0.9,0.9,0.9,1],null,null,null],` +
		`[` + nulls + `,0,0,null,"x",1,[0.4,0.4,0.4,1],null,null,null],` +
		`[` + nulls + `,0,0,null,null,1,[0.6,0.6,0.6,1],null,null,null]]`
	if string(b) != want {
		t.Errorf("rows\n%s\nwant\n%s", b, want)
	}
	if want := slices.Concat(Fields, groupFields); !reflect.DeepEqual(a.Fields, want) {
		t.Errorf("fields %v, want %v", a.Fields, want)
	}
}

func TestGroupAggregate(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name   string
		values []float64 // one run each; one more run lacks the metric
		want   string
	}{
		{"one value", []float64{2}, `[2,2,2,1]`},
		{"min mean max", []float64{1, 2, 6}, `[1,3,6,3]`},
		{"NaN left out", []float64{math.NaN(), 4, 2}, `[2,3,4,2]`},
		{"only NaN", []float64{math.NaN()}, `null`},
		{"infinity", []float64{1, inf}, `[1,"Infinity","Infinity",2]`},
		{"none", nil, `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var runs []*mlflow.Run
			var idx []int32
			for i, v := range tt.values {
				runs = append(runs, tableRun(strconv.Itoa(i), 1, v, ""))
				idx = append(idx, int32(i))
			}
			runs = append(runs, tableRun("lacks", 1, 0, ""))
			runs[len(runs)-1].Data.Metrics = nil
			idx = append(idx, int32(len(runs)-1))
			b, _ := json.Marshal(aggregate(runs, idx, "loss"))
			if string(b) != tt.want {
				t.Errorf("aggregate of %v = %s, want %s", tt.values, b, tt.want)
			}
		})
	}
}

func TestGroupOrder(t *testing.T) {
	vals := []string{"b", "10", "0.5", "", "a", "2", "-1", "1e3"}
	sort.Slice(vals, func(i, j int) bool { return lessGroupValue(vals[i], vals[j]) })
	want := []string{"-1", "0.5", "2", "10", "1e3", "", "a", "b"}
	if !reflect.DeepEqual(vals, want) {
		t.Errorf("order %q, want %q", vals, want)
	}
}

func TestBuildTableGroupDatasets(t *testing.T) {
	runs := groupTableRuns()[:3]
	ds := func(name string) mlflow.DatasetInput {
		return mlflow.DatasetInput{Dataset: mlflow.Dataset{Name: name, Digest: "d1"}}
	}
	runs[0].Inputs.DatasetInputs = []mlflow.DatasetInput{ds("train"), ds("eval"), ds("train")}
	runs[1].Inputs.DatasetInputs = []mlflow.DatasetInput{ds("train")}
	a, err := Build(runs, Query{Limit: 100, GroupBy: "datasets"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"[eval (d1) 1]", "a", "[train (d1) 2]", "a", "b", "[(none) 1]", "c"}
	if got := gridIDs(a); !reflect.DeepEqual(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
}

func TestBuildTableGroupFault(t *testing.T) {
	for _, g := range []string{"metrics.rmse", "params.", "alpha", "attributes.status"} {
		_, err := Build(groupTableRuns(), Query{Limit: 1, GroupBy: g})
		var f *Fault
		if !errors.As(err, &f) || f.Field != "group_by" || f.Err.Len != len(g) {
			t.Errorf("group_by %q: error %v, want a fault in group_by", g, err)
		}
	}
}
