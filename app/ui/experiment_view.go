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

	loadedID   string
	load       loadState
	experiment *mlflow.Experiment
	runs       []*mlflow.Run
	nextToken  string
	trash      bool // show the deleted runs (the trash) instead of the active ones
	actionErr  error
}

// OnMount loads the experiment, and again whenever a child edits it.
func (v *ExperimentView) OnMount(ctx app.Context) {
	v.fetch(ctx)
	ctx.Handle(actionRefresh, func(ctx app.Context, a app.Action) { v.fetch(ctx) })
}

// OnUpdate reloads when the parent points the view at another experiment.
func (v *ExperimentView) OnUpdate(ctx app.Context) {
	if v.ExperimentID != v.loadedID {
		v.fetch(ctx)
	}
}

func (v *ExperimentView) fetch(ctx app.Context) {
	id, deleted := v.ExperimentID, v.trash
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
	id, deleted, token := v.loadedID, v.trash, v.nextToken
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

func (v *ExperimentView) onView(trash bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if v.trash != trash {
			v.trash = trash
			v.fetch(ctx)
		}
	}
}

// act runs a write against the API and reloads the page after it.
func (v *ExperimentView) act(ctx app.Context, rpc string, body map[string]any) {
	v.actionErr = nil
	ctx.Async(func() {
		err := postJSON(rpc, body, &struct{}{})
		ctx.Dispatch(func(ctx app.Context) {
			// The table's restore buttons call this with the table's
			// context: the view reloads through its action handler.
			v.actionErr = err
			ctx.NewAction(actionRefresh)
			ctx.NewActionWithValue(actionExperimentsChanged, v.loadedID)
		})
	})
}

func (v *ExperimentView) onDeleteExperiment(ctx app.Context, e app.Event) {
	if app.Window().Call("confirm", "Delete experiment \""+v.experiment.Name+
		"\" and its runs? It can be restored from the deleted experiments.").Bool() {
		v.act(ctx, "experiments/delete", map[string]any{"experiment_id": v.loadedID})
	}
}

func (v *ExperimentView) onRestoreExperiment(ctx app.Context, e app.Event) {
	v.act(ctx, "experiments/restore", map[string]any{"experiment_id": v.loadedID})
}

func (v *ExperimentView) onRestoreRun(ctx app.Context, runID string) {
	v.act(ctx, "runs/restore", map[string]any{"run_id": runID})
}

// runsPage is one answer of runs/search.
type runsPage struct {
	Runs          []*mlflow.Run `json:"runs"`
	NextPageToken string        `json:"next_page_token"`
}

func searchRuns(expID string, trash bool, token string) (runsPage, error) {
	view := "ACTIVE_ONLY"
	if trash {
		view = "DELETED_ONLY"
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
	deleted := e.LifecycleStage == mlflow.StageDeleted
	return app.Div().Class("page").Body(
		app.Nav().Class("crumbs").Aria("label", "Breadcrumbs").Body(
			app.A().Href("/").Text("Experiments"), app.Span().Text(" › "),
			app.Span().Text(e.Name),
		),
		app.Div().Class("title-row").Body(
			app.H1().ID("experiment-name").Text(e.Name),
			app.Div().Class("actions").Body(v.actions(deleted)...),
		),
		app.If(v.actionErr != nil, errorBox("That did not work.", v.actionErr)),
		app.Dl().Class("facts").Body(
			fact("Experiment ID", app.Code().Text(e.ExperimentID)),
			fact("Artifact location", app.Code().Text(e.ArtifactLocation)),
			app.If(e.CreationTime != 0, fact("Created", timeText(e.CreationTime))),
			app.If(deleted, fact("State", app.Span().Class("badge deleted").Text("deleted"))),
		),
		&NoteEditor{ExperimentID: e.ExperimentID, Text: note, ReadOnly: deleted,
			OnSaved: refreshView},
		app.Div().Class("toolbar").Body(
			app.Div().Class("segmented").Aria("role", "group").Aria("label", "Runs shown").Body(
				app.Button().ID("view-active").Aria("pressed", !v.trash).Text("Runs").
					OnClick(v.onView(false)),
				app.Button().ID("view-trash").Aria("pressed", v.trash).Text("Deleted runs").
					OnClick(v.onView(true)),
			),
			app.Span().Class("count").ID("run-count").Text(runCount(len(v.runs), v.nextToken != "")),
		),
		v.table(),
	)
}

func (v *ExperimentView) actions(deleted bool) []app.UI {
	if deleted {
		return []app.UI{app.Button().Class("button").ID("restore-experiment").
			Text("Restore experiment").OnClick(v.onRestoreExperiment)}
	}
	id := v.loadedID
	return []app.UI{
		&RenameForm{Current: v.experiment.Name,
			Rename: func(name string) error {
				return postJSON("experiments/update",
					map[string]any{"experiment_id": id, "new_name": name}, &struct{}{})
			},
			OnDone: func(ctx app.Context, name string) {
				refreshView(ctx, name)
				ctx.NewActionWithValue(actionExperimentsChanged, id)
			}},
		app.If(id != "0", app.Button().Class("button danger").ID("delete-experiment").
			Text("Delete experiment").OnClick(v.onDeleteExperiment)),
	}
}

func (v *ExperimentView) table() app.UI {
	if v.load.status == statusLoading && len(v.runs) == 0 {
		return app.Div().Class("skeleton-block")
	}
	if len(v.runs) == 0 && v.trash {
		return app.Div().Class("empty").Body(app.P().Text("No deleted runs."))
	}
	if len(v.runs) == 0 {
		return app.Div().Class("empty").Body(
			app.P().Text("This experiment has no runs yet."),
			app.P().Class("muted").Text("Runs appear here as soon as a client logs them."),
		)
	}
	table := &RunsTable{ExperimentID: v.loadedID, Runs: v.runs}
	if v.trash {
		table.OnRestore = v.onRestoreRun
	}
	return app.Div().Body(
		table,
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
