package ui

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// runsPageSize is how many runs one runs/search request asks for.
const runsPageSize = 1000

// ExperimentView is an experiment's page: its name and description and the
// table of its runs.
type ExperimentView struct {
	app.Compo
	ExperimentID string

	loadedID    string
	load        loadState
	experiment  *mlflow.Experiment
	runs        []*mlflow.Run
	nextToken   string
	showDeleted bool
}

// OnMount loads the experiment.
func (v *ExperimentView) OnMount(ctx app.Context) { v.fetch(ctx) }

// OnUpdate reloads when the parent points the view at another experiment.
func (v *ExperimentView) OnUpdate(ctx app.Context) {
	if v.ExperimentID != v.loadedID {
		v.fetch(ctx)
	}
}

func (v *ExperimentView) fetch(ctx app.Context) {
	id, deleted := v.ExperimentID, v.showDeleted
	v.loadedID, v.load, v.runs, v.nextToken = id, loading, nil, ""
	ctx.Async(func() {
		var exp struct {
			Experiment *mlflow.Experiment `json:"experiment"`
		}
		err := getJSON("experiments/get", url.Values{"experiment_id": {id}}, &exp)
		var page runsPage
		if err == nil {
			page, err = searchRuns(id, deleted, "")
		}
		ctx.Dispatch(func(ctx app.Context) {
			if v.loadedID != id {
				return // the user moved on
			}
			v.load = v.load.done(err)
			v.experiment, v.runs, v.nextToken = exp.Experiment, page.Runs, page.NextPageToken
		})
	})
}

func (v *ExperimentView) onMore(ctx app.Context, e app.Event) {
	id, deleted, token := v.loadedID, v.showDeleted, v.nextToken
	v.nextToken = ""
	ctx.Async(func() {
		page, err := searchRuns(id, deleted, token)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				v.load = v.load.done(err)
				return
			}
			v.runs = append(v.runs, page.Runs...)
			v.nextToken = page.NextPageToken
		})
	})
}

func (v *ExperimentView) onToggleDeleted(ctx app.Context, e app.Event) {
	v.showDeleted = !v.showDeleted
	v.fetch(ctx)
}

// runsPage is one answer of runs/search.
type runsPage struct {
	Runs          []*mlflow.Run `json:"runs"`
	NextPageToken string        `json:"next_page_token"`
}

func searchRuns(expID string, withDeleted bool, token string) (runsPage, error) {
	view := "ACTIVE_ONLY"
	if withDeleted {
		view = "ALL"
	}
	body := map[string]any{
		"experiment_ids": []string{expID},
		"run_view_type":  view,
		"max_results":    runsPageSize,
	}
	if token != "" {
		body["page_token"] = token
	}
	var page runsPage
	err := postJSON("runs/search", body, &page)
	return page, err
}

// Render draws the page in its loading, failed or loaded state.
func (v *ExperimentView) Render() app.UI {
	switch {
	case v.load.status == statusFailed:
		return app.Div().Class("page").Body(
			app.H1().Text("Experiment "+v.ExperimentID),
			errorBox("This experiment could not be loaded.", v.load.err),
		)
	case v.experiment == nil:
		return app.Div().Class("page").Body(
			app.Div().Class("skeleton-title"),
			app.Div().Class("skeleton-block"),
		)
	}
	e := v.experiment
	note, _ := e.TagValue(mlflow.TagNote)
	return app.Div().Class("page").Body(
		app.Nav().Class("crumbs").Aria("label", "Breadcrumbs").Body(
			app.A().Href("/").Text("Experiments"), app.Span().Text(" › "),
			app.Span().Text(e.Name),
		),
		app.H1().ID("experiment-name").Text(e.Name),
		app.Dl().Class("facts").Body(
			fact("Experiment ID", app.Code().Text(e.ExperimentID)),
			fact("Artifact location", app.Code().Text(e.ArtifactLocation)),
			app.If(e.CreationTime != 0, fact("Created", timeText(e.CreationTime))),
			app.If(e.LifecycleStage == mlflow.StageDeleted,
				fact("State", app.Span().Class("badge deleted").Text("deleted"))),
		),
		app.If(note != "", app.P().Class("note").Text(note)),
		app.Div().Class("toolbar").Body(
			app.Span().Class("count").ID("run-count").Text(runCount(len(v.runs), v.nextToken != "")),
			app.Label().Class("toggle").Body(
				app.Input().Type("checkbox").Checked(v.showDeleted).
					OnChange(v.onToggleDeleted),
				app.Text(" Show deleted runs"),
			),
		),
		v.table(),
	)
}

func (v *ExperimentView) table() app.UI {
	if v.load.status == statusLoading && len(v.runs) == 0 {
		return app.Div().Class("skeleton-block")
	}
	if len(v.runs) == 0 {
		return app.Div().Class("empty").Body(
			app.P().Text("This experiment has no runs yet."),
			app.P().Class("muted").Text("Runs appear here as soon as a client logs them."),
		)
	}
	return app.Div().Body(
		&RunsTable{ExperimentID: v.loadedID, Runs: v.runs},
		app.If(v.nextToken != "",
			app.Button().Class("more").Text("Load more runs").OnClick(v.onMore)),
	)
}

func runCount(n int, more bool) string {
	s := itoa(n) + " runs"
	if n == 1 {
		s = "1 run"
	}
	if more {
		s += " (more on the server)"
	}
	return s
}

func fact(label string, value app.UI) app.UI {
	return app.Div().Class("fact").Body(app.Dt().Text(label), app.Dd().Body(value))
}
