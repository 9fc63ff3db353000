package ui

import (
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// RunView is a run's page: overview, params, latest metrics, tags and the
// artifact tree.
type RunView struct {
	app.Compo
	ExperimentID string
	RunID        string
	Artifact     string // the artifact path the URL selects, "" for none

	loadedID   string
	load       loadState
	run        *mlflow.Run
	experiment *mlflow.Experiment
	actionErr  error
}

// OnMount loads the run, and again whenever a child edits it.
func (v *RunView) OnMount(ctx app.Context) {
	v.fetch(ctx)
	ctx.Handle(actionRefresh, func(ctx app.Context, a app.Action) { v.fetch(ctx) })
}

// OnUpdate reloads when the parent points the view at another run.
func (v *RunView) OnUpdate(ctx app.Context) {
	if v.RunID != v.loadedID {
		v.fetch(ctx)
	}
}

func (v *RunView) fetch(ctx app.Context) {
	id, expID := v.RunID, v.ExperimentID
	v.loadedID, v.load = id, loading
	ctx.Async(func() {
		var run struct {
			Run *mlflow.Run `json:"run"`
		}
		var exp struct {
			Experiment *mlflow.Experiment `json:"experiment"`
		}
		err := getJSON("runs/get", url.Values{"run_id": {id}}, &run)
		if err == nil {
			expID = run.Run.Info.ExperimentID
			// The experiment only names the breadcrumb: a failure here is
			// not worth an error.
			_ = getJSON("experiments/get", url.Values{"experiment_id": {expID}}, &exp)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if v.loadedID != id {
				return
			}
			v.load = v.load.done(err)
			v.run, v.experiment = run.Run, exp.Experiment
		})
	})
}

// Render draws the page in its loading, failed or loaded state.
func (v *RunView) Render() app.UI {
	switch {
	case v.load.status == statusFailed:
		return app.Div().Class("page").Body(
			app.H1().Text("Run "+v.RunID),
			errorBox("This run could not be loaded.", v.load.err),
		)
	case v.run == nil:
		return app.Div().Class("page").Body(
			app.Div().Class("skeleton-title"), app.Div().Class("skeleton-block"))
	}
	r := v.run
	name := r.Info.RunName
	if name == "" {
		name = r.Info.RunID
	}
	expName := r.Info.ExperimentID
	if v.experiment != nil {
		expName = v.experiment.Name
	}
	note, _ := r.Tag(mlflow.TagNote)
	deleted := r.Info.LifecycleStage == mlflow.StageDeleted
	return app.Div().Class("page").Body(
		app.Nav().Class("crumbs").Aria("label", "Breadcrumbs").Body(
			app.A().Href(homePath()).Text("Experiments"), app.Span().Text(" › "),
			app.A().Href(experimentPath(r.Info.ExperimentID, "")).Text(expName),
			app.Span().Text(" › "), app.Span().Text(name),
		),
		app.Div().Class("title-row").Body(
			app.H1().ID("run-name").Body(app.Text(name+" "), statusBadge(r.Info.Status)),
			app.Div().Class("actions").Body(v.actions(deleted)...),
		),
		app.If(v.actionErr != nil, errorBox("That did not work.", v.actionErr)),
		&NoteEditor{RunID: r.Info.RunID, Text: note, ReadOnly: deleted || !writable(),
			OnSaved: refreshView},
		v.overview(),
		app.Div().Class("columns").Body(
			section("Parameters", "params", keyValueTable(r.Data.Params, "No parameters.")),
			section("Metrics", "metrics", metricsTable(r.Data.Metrics)),
		),
		section("Charts", "charts", &RunCharts{RunID: r.Info.RunID, Metrics: r.Data.Metrics}),
		section("Tags", "tags", &TagEditor{RunID: r.Info.RunID, Tags: r.Data.Tags,
			ReadOnly: deleted || !writable(),
			OnChange: func(ctx app.Context) { refreshView(ctx, "") }}),
		loggedModelsSection(r),
		&ExperimentModels{ExperimentID: r.Info.ExperimentID, RunID: r.Info.RunID},
		section("Artifacts", "artifacts", &ArtifactBrowser{RunID: r.Info.RunID,
			ExperimentID: r.Info.ExperimentID, Target: v.Artifact}),
	)
}

// actions are the run's rename and delete or restore buttons.
func (v *RunView) actions(deleted bool) []app.UI {
	if !writable() {
		return nil // an export is read-only
	}
	id := v.run.Info.RunID
	if deleted {
		return []app.UI{app.Button().Class("button").ID("restore-run").Text("Restore run").
			OnClick(func(ctx app.Context, e app.Event) { v.act(ctx, "runs/restore") })}
	}
	return []app.UI{
		&RenameForm{Current: v.run.Info.RunName,
			Rename: func(name string) error {
				return postJSON("runs/update", map[string]any{"run_id": id, "run_name": name},
					&struct{}{})
			},
			OnDone: refreshView},
		app.Button().Class("button danger").ID("delete-run").Text("Delete run").
			OnClick(func(ctx app.Context, e app.Event) {
				if app.Window().Call("confirm", "Delete run \""+v.run.Info.RunName+
					"\"? It stays in the experiment's deleted runs until garbage collection.").Bool() {
					v.act(ctx, "runs/delete")
				}
			}),
	}
}

// act deletes or restores the run and reloads it.
func (v *RunView) act(ctx app.Context, rpc string) {
	id := v.run.Info.RunID
	v.actionErr = nil
	ctx.Async(func() {
		err := postJSON(rpc, map[string]any{"run_id": id}, &struct{}{})
		ctx.Dispatch(func(ctx app.Context) {
			v.actionErr = err
			ctx.NewAction(actionRefresh)
		})
	})
}

func (v *RunView) overview() app.UI {
	r := v.run
	info := r.Info
	src, _ := r.Tag(mlflow.TagSourceName)
	commit, _ := r.Tag(mlflow.TagGitCommit)
	parent, _ := r.Tag(mlflow.TagParentRunID)
	var ds []string
	for _, in := range r.Inputs.DatasetInputs {
		ds = append(ds, in.Dataset.Name+" ("+in.Dataset.Digest+")")
	}
	return app.Dl().Class("facts").ID("run-overview").Body(
		fact("Run ID", app.Code().Text(info.RunID)),
		fact("Status", statusBadge(info.Status)),
		fact("Started", app.Span().Title(formatTime(info.StartTime)).Text(formatTime(info.StartTime))),
		fact("Duration", app.Text(runDuration(info, time.Now()))),
		fact("User", app.Text(orDash(info.UserID))),
		fact("Source", app.Span().Title(src).Text(orDash(src))),
		app.If(commit != "", fact("Git commit", app.Code().Title(commit).Text(shortID(commit)))),
		app.If(parent != "", fact("Parent run",
			app.A().Href(experimentPath(info.ExperimentID, parent)).Text(shortID(parent)))),
		app.If(len(ds) > 0, fact("Datasets", app.Text(strings.Join(ds, ", ")))),
		app.If(info.LifecycleStage == mlflow.StageDeleted,
			fact("State", app.Span().Class("badge deleted").Text("deleted"))),
		fact("Artifact URI", app.Code().Text(orDash(info.ArtifactURI))),
	)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func section(title, id string, body app.UI) app.UI {
	return app.Section().Class("section").ID(id).Body(app.H2().Text(title), body)
}

// userTags hides the mlflow.* tags that the overview already shows.
func userTags(tags []mlflow.Tag) []mlflow.Tag {
	shown := map[string]bool{
		mlflow.TagRunName: true, mlflow.TagNote: true, mlflow.TagLogModelHistory: true,
	}
	var out []mlflow.Tag
	for _, t := range tags {
		if !shown[t.Key] {
			out = append(out, t)
		}
	}
	return out
}

func keyValueTable(items []mlflow.Tag, empty string) app.UI {
	if len(items) == 0 {
		return app.P().Class("muted").Text(empty)
	}
	sorted := append([]mlflow.Tag(nil), items...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Key < sorted[j].Key })
	return app.Table().Class("kv").Body(
		app.THead().Body(app.Tr().Body(app.Th().Text("Name"), app.Th().Text("Value"))),
		app.TBody().Body(app.Range(sorted).Slice(func(i int) app.UI {
			return app.Tr().Body(
				app.Td().Class("key").Title(sorted[i].Key).Text(sorted[i].Key),
				app.Td().Class("value").Title(sorted[i].Value).Text(sorted[i].Value),
			)
		})),
	)
}

func metricsTable(ms []mlflow.Metric) app.UI {
	if len(ms) == 0 {
		return app.P().Class("muted").Text("No metrics.")
	}
	return app.Table().Class("kv").Body(
		app.THead().Body(app.Tr().Body(
			app.Th().Text("Name"), app.Th().Class("num").Text("Value"),
			app.Th().Class("num").Text("Step"))),
		app.TBody().Body(app.Range(ms).Slice(func(i int) app.UI {
			v := float64(ms[i].Value)
			return app.Tr().Body(
				app.Td().Class("key").Title(ms[i].Key).Text(ms[i].Key),
				app.Td().Class("num").Title(exactNumber(v)).Text(formatNumber(v)),
				app.Td().Class("num").Text(ms[i].Step),
			)
		})),
	)
}
