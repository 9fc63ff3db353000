package ui

import (
	"net/url"
	"sort"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// Sidebar lists the experiments, with a filter box and a switch that shows
// deleted ones. Selected is the id of the experiment on screen, or several
// joined by commas. Each experiment has a check box; with two or more
// checked, a link opens their runs in one table (sidebar_compare.go).
type Sidebar struct {
	app.Compo
	Selected string
	OnModels bool // a models page is on screen

	load        loadState
	experiments []*mlflow.Experiment
	filter      string
	showDeleted bool
	checked     []string // experiment ids, in the order checked
}

// actionExperimentsChanged is the go-app action views post after creating,
// renaming, deleting or restoring an experiment; the sidebar reloads.
const actionExperimentsChanged = "experiments-changed"

// fetchExperiments reads every experiment of a view type ("ACTIVE_ONLY"
// or "ALL"), as the sidebar lists them. It blocks; call it from ctx.Async.
func fetchExperiments(view string) ([]*mlflow.Experiment, error) {
	var resp struct {
		Experiments []*mlflow.Experiment `json:"experiments"`
	}
	err := getJSON("experiments/search", experimentsQuery(view), &resp)
	return resp.Experiments, err
}

// getExperiment loads one experiment through experiments/get. It blocks;
// call it from ctx.Async.
func getExperiment(id string) (*mlflow.Experiment, error) {
	var ans struct {
		Experiment *mlflow.Experiment `json:"experiment"`
	}
	err := getJSON("experiments/get", experimentQuery(id), &ans)
	return ans.Experiment, err
}

// experimentQuery is the query of experiments/get.
func experimentQuery(id string) url.Values { return url.Values{"experiment_id": {id}} }

// experimentsQuery is the query of the sidebar's experiments/search.
func experimentsQuery(view string) url.Values {
	return url.Values{"max_results": {"50000"}, "view_type": {view}}
}

// OnMount loads the experiment list and reloads it when a view changes
// experiments.
func (s *Sidebar) OnMount(ctx app.Context) {
	s.fetch(ctx)
	ctx.Handle(actionExperimentsChanged, func(ctx app.Context, a app.Action) { s.fetch(ctx) })
}

func (s *Sidebar) fetch(ctx app.Context) {
	view := "ACTIVE_ONLY"
	if s.showDeleted {
		view = "ALL"
	}
	s.load = loading
	ctx.Async(func() {
		exps, err := fetchExperiments(view)
		ctx.Dispatch(func(ctx app.Context) {
			s.load = s.load.done(err)
			s.experiments = exps
			sort.SliceStable(s.experiments, func(i, j int) bool {
				return strings.ToLower(s.experiments[i].Name) <
					strings.ToLower(s.experiments[j].Name)
			})
		})
	})
}

func (s *Sidebar) onFilter(ctx app.Context, e app.Event) {
	s.filter = ctx.JSSrc().Get("value").String()
}

func (s *Sidebar) onToggleDeleted(ctx app.Context, e app.Event) {
	s.showDeleted = !s.showDeleted
	s.fetch(ctx)
}

// Render draws the list.
func (s *Sidebar) Render() app.UI {
	var shown []*mlflow.Experiment
	f := strings.ToLower(s.filter)
	for _, e := range s.experiments {
		if f == "" || strings.Contains(strings.ToLower(e.Name), f) ||
			strings.Contains(e.ExperimentID, f) {
			shown = append(shown, e)
		}
	}
	return app.Nav().Class("sidebar").Aria("label", "Experiments").Body(
		app.A().Class("brand").Href(homePath()).Body(
			app.Img().Src("/web/icon.svg").Alt("").Width(20).Height(20),
			app.Span().Text("mlscope"),
		),
		app.Div().Class("sidebar-head").Body(
			app.H2().Class("sidebar-title").Text("Experiments"),
			app.If(writable(), &NewExperiment{OnCreated: func(ctx app.Context, id string) {
				ctx.NewActionWithValue(actionExperimentsChanged, id)
			}}),
		),
		app.Input().Type("search").Class("sidebar-filter").
			Placeholder("Filter experiments").Aria("label", "Filter experiments").
			Value(s.filter).OnInput(s.onFilter),
		// An export holds the active experiments only.
		app.If(writable(), app.Label().Class("toggle").Body(
			app.Input().Type("checkbox").Checked(s.showDeleted).OnChange(s.onToggleDeleted),
			app.Text(" Show deleted"),
		)),
		s.compareLink(),
		s.list(shown),
		modelsLink(s.OnModels),
	)
}

func (s *Sidebar) list(shown []*mlflow.Experiment) app.UI {
	switch {
	case s.load.status == statusLoading && len(s.experiments) == 0:
		return app.Ul().Class("exp-list").Body(skeletonItems(6)...)
	case s.load.status == statusFailed:
		return errorBox("The experiments could not be loaded.", s.load.err)
	case len(shown) == 0:
		return app.P().Class("muted").Text("No experiments match.")
	}
	return app.Ul().Class("exp-list").ID("experiment-list").Body(
		app.Range(shown).Slice(func(i int) app.UI {
			e := shown[i]
			cls := "exp-item"
			if s.isSelected(e.ExperimentID) {
				cls += " selected"
			}
			if e.LifecycleStage == mlflow.StageDeleted {
				cls += " deleted"
			}
			return app.Li().Class("exp-row").Body(
				s.checkBox(e),
				app.A().Class(cls).Href(experimentPath(e.ExperimentID, "")).
					Title(e.Name+" (id "+e.ExperimentID+")").
					DataSet("experiment-id", e.ExperimentID).Text(e.Name),
			)
		}),
	)
}

func skeletonItems(n int) []app.UI {
	out := make([]app.UI, n)
	for i := range out {
		out[i] = app.Li().Class("skeleton-line")
	}
	return out
}
