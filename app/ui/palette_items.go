package ui

import (
	"sort"
	"strconv"
	"strings"

	"mlscope/app/mlflow"
)

// Names of the palette's actions, in their paletteItem.Target.
const (
	actShortcuts     = "shortcuts"
	actNewExperiment = "new-experiment"
	actModels        = "models"
	actDeletedRuns   = "deleted-runs"
	actActiveRuns    = "active-runs"
	actCompare       = "compare"
)

// paletteActions lists the actions that make sense at p, whose runs
// table shows s. There is no theme switch to offer: the app follows the
// system's light or dark setting.
func paletteActions(p place, s tableState) []paletteItem {
	act := func(label, detail, name string) paletteItem {
		return paletteItem{Kind: "action", Label: label, Detail: detail, Target: name}
	}
	var items []paletteItem
	if p.kind == "experiment" {
		if n := len(s.Selected); n >= 2 {
			items = append(items, act("Compare selection", plural(n, "runs"), actCompare))
		}
		if s.Trash {
			items = append(items, act("Show active runs", "", actActiveRuns))
		} else if writable() { // an export holds no deleted runs
			items = append(items, act("Show deleted runs", "", actDeletedRuns))
		}
	}
	if writable() {
		items = append(items, act("New experiment", "", actNewExperiment))
	}
	return append(items,
		act("Registered models", "", actModels),
		act("Keyboard shortcuts", "press ?", actShortcuts),
	)
}

// experimentItems are the experiments, by name as the sidebar lists them.
func experimentItems(exps []*mlflow.Experiment) []paletteItem {
	items := make([]paletteItem, 0, len(exps))
	for _, e := range exps {
		items = append(items, paletteItem{Kind: "experiment", Label: e.Name,
			Detail: "id " + e.ExperimentID, Target: experimentPath(e.ExperimentID, "")})
	}
	sort.SliceStable(items, func(i, j int) bool {
		return strings.ToLower(items[i].Label) < strings.ToLower(items[j].Label)
	})
	return items
}

// runItems are runs, in the order given; a run without a name goes by
// the start of its id.
func runItems(runs []*mlflow.Run) []paletteItem {
	items := make([]paletteItem, 0, len(runs))
	for _, r := range runs {
		name := r.Info.RunName
		if name == "" {
			name, _ = r.Tag(mlflow.TagRunName)
		}
		if name == "" {
			name = shortID(r.Info.RunID)
		}
		items = append(items, paletteItem{Kind: "run", Label: name, Detail: r.Info.RunID,
			Target: experimentPath(r.Info.ExperimentID, r.Info.RunID)})
	}
	return items
}

// modelItems are registered models, with their newest version.
func modelItems(models []*mlflow.RegisteredModel) []paletteItem {
	items := make([]paletteItem, 0, len(models))
	for _, m := range models {
		detail, newest := "", 0
		for _, v := range m.LatestVersions {
			if n, _ := strconv.Atoi(v.Version); n > newest {
				newest, detail = n, "v"+v.Version
			}
		}
		items = append(items, paletteItem{Kind: "model", Label: m.Name, Detail: detail,
			Target: modelPath(m.Name, "")})
	}
	return items
}
