package mlruns

import (
	"slices"
	"testing"

	"mlscope/app/mlflow"
)

func TestRunGroups(t *testing.T) {
	entry := func(exp, id, stage string) *runEntry {
		r := &Run{}
		r.Info.RunID, r.Info.LifecycleStage = id, stage
		return &runEntry{dir: runDir{id: id, exp: expDir{id: exp}}, run: r}
	}
	runs := map[string]*runEntry{
		"a1": entry("1", "a1", mlflow.StageActive), "a2": entry("1", "a2", mlflow.StageDeleted),
		"b1": entry("2", "b1", mlflow.StageActive), "c1": entry("3", "c1", mlflow.StageActive),
	}
	tests := []struct {
		name string
		ids  []string
		view mlflow.ViewType
		want []string
	}{
		{"active of one", []string{"1"}, mlflow.ViewActiveOnly, []string{"a1"}},
		{"deleted of one", []string{"1"}, mlflow.ViewDeletedOnly, []string{"a2"}},
		{"all of two", []string{"1", "2"}, mlflow.ViewAll, []string{"a1", "a2", "b1"}},
		{"an id twice", []string{"2", "2"}, mlflow.ViewAll, []string{"b1"}},
		{"an unknown id", []string{"9", "3"}, mlflow.ViewActiveOnly, []string{"c1"}},
	}
	var c groupCache
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range c.groups(1, runs).pick(tt.ids, tt.view) {
				got = append(got, r.Info.RunID)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("pick(%v, %v) = %v, want %v", tt.ids, tt.view, got, tt.want)
			}
		})
	}
	g := c.groups(1, runs)
	if c.groups(1, nil) != g {
		t.Error("the same generation was grouped again")
	}
	if len(c.groups(2, nil).byExp) != 0 {
		t.Error("a new generation kept the old groups")
	}
}
