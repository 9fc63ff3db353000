package ui

import (
	"slices"
	"strings"
	"testing"

	"mlscope/app/mlflow"
)

func TestMatchWord(t *testing.T) {
	tests := []struct {
		label, detail, word string
		want                int
	}{
		{"wine-quality", "", "wine-quality", scoreExact},
		{"wine-quality", "", "wine", scorePrefix},
		{"wine-quality", "", "quality", scoreWordStart},
		{"red wine", "", "wine", scoreWordStart},
		{"wine-quality", "", "ual", scoreContains},
		// The second "log" starts a word.
		{"catalog-logs", "", "log", scoreWordStart},
		{"gentle-owl-42", "6c1f0d2b", "6c1f", scoreDetail},
		{"gentle-owl-42", "", "gowl", scoreScattered - 6},
		{"wine-quality", "", "wq", scoreScattered - 4},
		{"wine-quality", "", "zebra", 0},
		{"wine", "", "wines", 0},
		{"", "", "a", 0},
	}
	for _, tt := range tests {
		if got := matchWord(tt.label, tt.detail, tt.word); got != tt.want {
			t.Errorf("matchWord(%q, %q, %q) = %d, want %d", tt.label, tt.detail, tt.word,
				got, tt.want)
		}
	}
}

func TestRankItems(t *testing.T) {
	items := []paletteItem{
		{Kind: "action", Label: "New experiment", Target: actNewExperiment},
		{Kind: "action", Label: "Keyboard shortcuts", Detail: "press ?", Target: actShortcuts},
		{Kind: "experiment", Label: "Default", Detail: "id 0", Target: "/experiments/0"},
		{Kind: "experiment", Label: "wine-quality", Detail: "id 284915716337362101",
			Target: "/experiments/284915716337362101"},
		{Kind: "experiment", Label: "red-wine-quality-v2", Detail: "id 9",
			Target: "/experiments/9"},
		{Kind: "run", Label: "gentle-owl-42", Detail: "6c1f0d2b9e8a", Target: "/r/owl"},
		{Kind: "run", Label: "brave-fox-7", Detail: "0a9b8c7d6e5f", Target: "/r/fox"},
		{Kind: "model", Label: "WineClassifier", Detail: "v3", Target: "/models/WineClassifier"},
	}
	tests := []struct {
		name, query string
		limit       int
		want        []string // labels, in order
	}{
		{"empty query keeps the order", "", 3,
			[]string{"New experiment", "Keyboard shortcuts", "Default"}},
		{"prefix before word start", "wine", 10,
			[]string{"wine-quality", "WineClassifier", "red-wine-quality-v2"}},
		{"case does not matter", "WINE-Q", 10, []string{"wine-quality", "red-wine-quality-v2"}},
		{"every word must match", "wine v2", 10, []string{"red-wine-quality-v2"}},
		{"words in any order", "quality red", 10, []string{"red-wine-quality-v2"}},
		{"run by its id", "0a9b", 10, []string{"brave-fox-7"}},
		{"scattered letters", "gowl", 10, []string{"gentle-owl-42"}},
		{"actions too", "short", 10, []string{"Keyboard shortcuts"}},
		{"the limit", "e", 2, []string{"New experiment", "Default"}},
		{"nothing", "zebra", 10, nil},
		{"spaces only", "   ", 1, []string{"New experiment"}},
	}
	for _, tt := range tests {
		var got []string
		for _, it := range rankItems(items, tt.query, tt.limit) {
			got = append(got, it.Label)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: rankItems(%q) = %q, want %q", tt.name, tt.query, got, tt.want)
		}
	}
}

func TestPaletteActions(t *testing.T) {
	exp := place{kind: "experiment", experimentID: "7"}
	tests := []struct {
		name  string
		at    place
		state tableState
		want  string // targets, joined by spaces
	}{
		{"home", place{kind: "home"}, tableState{}, "new-experiment models shortcuts"},
		{"experiment", exp, tableState{}, "deleted-runs new-experiment models shortcuts"},
		{"one run selected", exp, tableState{Selected: []string{"a"}},
			"deleted-runs new-experiment models shortcuts"},
		{"two runs selected", exp, tableState{Selected: []string{"a", "b"}},
			"compare deleted-runs new-experiment models shortcuts"},
		{"the trash", exp, tableState{Trash: true}, "active-runs new-experiment models shortcuts"},
	}
	for _, tt := range tests {
		var got []string
		for _, it := range paletteActions(tt.at, tt.state) {
			got = append(got, it.Target)
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("%s: paletteActions = %q, want %q", tt.name, s, tt.want)
		}
	}
}

func TestPaletteItems(t *testing.T) {
	runs := []*mlflow.Run{
		{Info: mlflow.RunInfo{RunID: "abc123def456", ExperimentID: "7", RunName: "owl"}},
		{Info: mlflow.RunInfo{RunID: "fedcba987654", ExperimentID: "7"},
			Data: mlflow.RunData{Tags: []mlflow.Tag{{Key: mlflow.TagRunName, Value: "fox"}}}},
		{Info: mlflow.RunInfo{RunID: "0011223344556677", ExperimentID: "7"}},
	}
	var got []string
	for _, it := range runItems(runs) {
		got = append(got, it.Label+" "+it.Target)
	}
	want := []string{"owl /experiments/7/runs/abc123def456",
		"fox /experiments/7/runs/fedcba987654", "00112233 /experiments/7/runs/0011223344556677"}
	if !slices.Equal(got, want) {
		t.Errorf("runItems = %q, want %q", got, want)
	}

	exps := experimentItems([]*mlflow.Experiment{{ExperimentID: "2", Name: "beta"},
		{ExperimentID: "1", Name: "Alpha"}})
	if exps[0].Label != "Alpha" || exps[1].Target != "/experiments/2" {
		t.Errorf("experimentItems = %+v, want Alpha then beta", exps)
	}

	models := modelItems([]*mlflow.RegisteredModel{{Name: "churn", LatestVersions: []*mlflow.
		ModelVersion{{Version: "2"}, {Version: "10"}, {Version: "3"}}}})
	if m := models[0]; m.Detail != "v10" || m.Target != "/models/churn" {
		t.Errorf("modelItems = %+v, want v10 and /models/churn", m)
	}
}
