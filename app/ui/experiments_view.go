package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// The experiment page for several experiments at once (issue 11), as
// mlflow ui's compare-experiments: /compare-experiments?experiments=1,2
// shows the runs of all of them in one table, with an Experiment column,
// and the same search, columns, groups, charts and bulk actions. The
// experiments' own facts, notes and models stay on their own pages.

// fetchSeveral loads the experiments of the view, for their names.
func (v *ExperimentView) fetchSeveral(ctx app.Context) {
	id := v.ExperimentID
	ctx.Async(func() {
		var exps []*mlflow.Experiment
		var err error
		for _, e := range experimentIDs(id) {
			var exp *mlflow.Experiment
			if exp, err = getExperiment(e); err != nil {
				break
			}
			exps = append(exps, exp)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if v.loadedID != id {
				return
			}
			v.load = v.load.done(err)
			v.several = exps
			if len(exps) > 0 {
				v.experiment = exps[0]
			}
		})
	})
}

// names maps the experiments of a table of several to their names; nil
// for one experiment.
func (v *ExperimentView) names() map[string]string {
	if len(v.several) < 2 {
		return nil
	}
	m := make(map[string]string, len(v.several))
	for _, e := range v.several {
		m[e.ExperimentID] = e.Name
	}
	return m
}

// title names what the page shows, for the CSV file name.
func (v *ExperimentView) title() string {
	if n := len(experimentIDs(v.ExperimentID)); n > 1 {
		return plural(n, "experiments")
	}
	return v.name()
}

// renderSeveral draws the page of several experiments.
func (v *ExperimentView) renderSeveral() app.UI {
	ids := experimentIDs(v.ExperimentID)
	switch {
	case v.load.status == statusFailed:
		return app.Div().Class("page").Body(
			app.H1().Text("Experiments "+v.ExperimentID),
			errorBox("These experiments could not be loaded.", v.load.err),
		)
	case len(v.several) != len(ids):
		return app.Div().Class("page").Body(
			app.Div().Class("skeleton-title"),
			app.Div().Class("skeleton-block"),
		)
	}
	return app.Div().Class("page").Body(
		app.Nav().Class("crumbs").Aria("label", "Breadcrumbs").Body(
			app.A().Href(homePath()).Text("Experiments"), app.Span().Text(" › "),
			app.Span().Text("Compare"),
		),
		app.H1().ID("experiment-name").Text("Runs of "+plural(len(ids), "experiments")),
		app.Ul().Class("chips experiment-chips").ID("experiment-chips").
			Aria("label", "Experiments shown").Body(
			app.Range(v.several).Slice(func(i int) app.UI {
				e := v.several[i]
				return app.Li().Body(app.A().Class("chip").
					Href(experimentPath(e.ExperimentID, "")).
					Title("id " + e.ExperimentID).Text(e.Name))
			}),
		),
		v.controls(),
		v.table(),
	)
}
