package runtable

import (
	"fmt"
	"reflect"
	"testing"

	"mlscope/app/mlflow"
)

// pinnedIDs lists the run ids of an answer's pinned rows.
func pinnedIDs(a *Answer) []string {
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
		q            Query
		pinned, rows []string
		total        int
	}{
		{"none pinned", Query{Limit: 10}, []string{}, []string{"d", "c", "b", "a"}, 4},
		{"pinned in their order, out of the rows", Query{Limit: 10,
			Pinned: []string{"a", "c"}}, []string{"a", "c"}, []string{"d", "b"}, 2},
		{"pinned whatever the filter", Query{Limit: 10, Filter: "metrics.loss > 0.25",
			Pinned: []string{"a"}}, []string{"a"}, []string{"d", "c"}, 2},
		{"pinned in every window", Query{Offset: 1, Limit: 1,
			Pinned: []string{"b"}}, []string{"b"}, []string{"c"}, 3},
		{"unknown and repeated ids skipped", Query{Limit: 10,
			Pinned: []string{"zz", "d", "d"}}, []string{"d"}, []string{"c", "b", "a"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Build(runs, tt.q)
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
	a, err := Build(runs, Query{Limit: 10, GroupBy: "params.lr",
		Columns: []string{"metrics.loss"}, Pinned: []string{"a"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Pinned) != 1 || len(a.Pinned[0]) != len(a.Fields)+1 {
		t.Fatalf("pinned rows %v for fields %v", a.Pinned, a.Fields)
	}
	row := a.Pinned[0]
	if g := len(Fields); row[g] != nil || row[g+1] != nil || fmt.Sprint(row[g+2]) != "0.1" {
		t.Errorf("pinned row %v: want null group fields, then loss 0.1", row)
	}
	if got := gridIDs(a); !reflect.DeepEqual(got, []string{"[0.02 1]", "b"}) {
		t.Errorf("grouped rows %v, want b's group only", got)
	}
}
