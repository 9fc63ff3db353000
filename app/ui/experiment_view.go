package ui

import (
	"net/url"
	"slices"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// ExperimentView is an experiment's page: its name and description, the
// runs search box with its quick filters and column chooser, and the runs
// table. What the table shows (search, sort, columns, trash) lives in the
// page URL: controls navigate to a new URL and OnNav reads it back, so
// back, forward and shared links restore the table. ExperimentID may
// list several experiments, joined by commas: their runs are then in one
// table (experiments_view.go).
type ExperimentView struct {
	app.Compo
	ExperimentID string

	loadedID   string
	load       loadState
	experiment *mlflow.Experiment
	several    []*mlflow.Experiment // of a table of several experiments
	state      tableState
	meta       runsMeta // from the table, for the count
	keys       tableKeys
	actionErr  error
}

// newExperimentView is the page of an experiment whose URL has the query
// q. The table's state is read here, not only in OnMount, so that the
// first Render (which runs before OnMount) can draw the table and start
// fetching its rows beside the experiment.
func newExperimentView(id string, q url.Values) *ExperimentView {
	return &ExperimentView{ExperimentID: id, loadedID: id, state: parseTableState(q)}
}

// OnMount loads the experiment, again whenever a child edits it, and
// takes the table's counts and keys.
func (v *ExperimentView) OnMount(ctx app.Context) {
	v.readURL(ctx)
	v.fetch(ctx)
	ctx.Handle(actionRefresh, func(ctx app.Context, a app.Action) { v.fetch(ctx) })
	ctx.Handle(actionRunsMeta, v.onMeta)
}

// OnNav reads the table's state from the URL.
func (v *ExperimentView) OnNav(ctx app.Context) { v.readURL(ctx) }

// OnUpdate reloads when the parent points the view at another experiment.
func (v *ExperimentView) OnUpdate(ctx app.Context) {
	if v.ExperimentID != v.loadedID {
		v.readURL(ctx)
		v.keys, v.meta = tableKeys{}, runsMeta{}
		v.fetch(ctx)
	}
}

func (v *ExperimentView) readURL(ctx app.Context) {
	v.state = parseTableState(ctx.Page().URL().Query())
}

func (v *ExperimentView) onMeta(ctx app.Context, a app.Action) {
	m, ok := a.Value.(runsMeta)
	if !ok || m.ExperimentID != v.ExperimentID {
		return
	}
	v.meta = m
	if m.Keys != nil {
		v.keys = *m.Keys
	}
}

func (v *ExperimentView) fetch(ctx app.Context) {
	id := v.ExperimentID
	v.loadedID, v.load = id, loading
	if len(experimentIDs(id)) > 1 {
		v.fetchSeveral(ctx)
		return
	}
	ctx.Async(func() {
		exp, err := getExperiment(id)
		ctx.Dispatch(func(ctx app.Context) {
			if v.loadedID != id {
				return // the user moved on
			}
			v.load = v.load.done(err)
			v.experiment = exp
		})
	})
}

// show navigates to the page of the experiment in state s.
func (v *ExperimentView) show(ctx app.Context, s tableState) {
	ctx.Navigate(s.url(v.ExperimentID))
}

func (v *ExperimentView) onSearch(ctx app.Context, filter string) {
	s := v.state
	s.Filter = filter
	v.show(ctx, s)
}

func (v *ExperimentView) onSort(ctx app.Context, orderBy string) {
	s := v.state
	s.Sort = orderBy
	v.show(ctx, s)
}

func (v *ExperimentView) onColumns(ctx app.Context, cols []string) {
	s := v.state
	s.Cols = cols
	v.show(ctx, s)
}

func (v *ExperimentView) onGroup(ctx app.Context, groupBy string) {
	s := v.state
	s.Group = groupBy
	v.show(ctx, s)
}

func (v *ExperimentView) onView(trash bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		s := v.state
		s.Trash, s.Selected = trash, nil // a selection belongs to one view
		v.show(ctx, s)
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

// Render draws the page in its loading, failed or loaded state. The runs
// table and its controls are drawn at once, at the same places in every
// state, so that the rows are fetched beside the experiment rather than
// after it (issue 8: the rows show sooner) and stay mounted when the
// experiment lands.
func (v *ExperimentView) Render() app.UI {
	if len(experimentIDs(v.ExperimentID)) > 1 {
		return v.renderSeveral()
	}
	if v.load.status == statusFailed {
		return app.Div().Class("page").Body(
			app.H1().Text("Experiment "+v.ExperimentID),
			errorBox("This experiment could not be loaded.", v.load.err),
		)
	}
	e := v.experiment
	if e == nil {
		var table app.UI = app.Div().Class("skeleton-block")
		if v.loadedID != "" { // made by newExperimentView, or mounted
			table = v.table()
		}
		return app.Div().Class("page").Body(
			app.Div().Class("experiment-head").Body(app.Div().Class("skeleton-title")),
			v.controls(),
			table,
		)
	}
	return app.Div().Class("page").Body(
		v.head(e),
		v.controls(),
		v.table(),
		&ExperimentModels{ExperimentID: e.ExperimentID},
	)
}

// head is what the page says of the experiment itself: crumbs, name,
// actions, facts and description.
func (v *ExperimentView) head(e *mlflow.Experiment) app.UI {
	note, _ := e.TagValue(mlflow.TagNote)
	deleted := e.LifecycleStage == mlflow.StageDeleted
	return app.Div().Class("experiment-head").Body(
		app.Nav().Class("crumbs").Aria("label", "Breadcrumbs").Body(
			app.A().Href(homePath()).Text("Experiments"), app.Span().Text(" › "),
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
		&NoteEditor{ExperimentID: e.ExperimentID, Text: note, ReadOnly: deleted || !writable(),
			OnSaved: refreshView},
	)
}

// controls are the search box and the toolbar above the table.
func (v *ExperimentView) controls() app.UI {
	return app.Div().Class("runs-controls").Body(
		&QueryBox{Applied: v.state.Filter, Keys: v.keys, OnSearch: v.onSearch},
		app.Div().Class("toolbar runs-toolbar").Body(
			app.Div().Class("segmented").Attr("role", "group").Aria("label", "Runs shown").Body(
				app.Button().ID("view-active").Aria("pressed", !v.state.Trash).Text("Runs").
					OnClick(v.onView(false)),
				// An export holds the active runs only.
				app.If(writable(), app.Button().ID("view-trash").Aria("pressed", v.state.Trash).
					Text("Deleted runs").OnClick(v.onView(true))),
			),
			&QuickFilters{Filter: v.state.Filter, OnChange: v.onSearch},
			&ColumnChooser{Keys: v.keys, Chosen: v.chosenColumns(), OnChange: v.onColumns},
			&GroupBySelect{Keys: v.keys, Value: v.state.Group, OnChange: v.onGroup},
			app.Span().Class("count").ID("run-count").Text(v.countText()),
		),
		v.selectionTools(),
	)
}

// chosenColumns are the value columns shown: the URL's, or the defaults
// the table reported.
func (v *ExperimentView) chosenColumns() []string {
	if v.state.Cols != nil {
		return v.state.Cols
	}
	return v.meta.Columns
}

func (v *ExperimentView) table() app.UI {
	if v.state.Charts && !v.state.Trash {
		return &ExperimentCharts{ExperimentID: v.loadedID, State: v.state}
	}
	t := &RunsTable{ExperimentID: v.loadedID, State: v.state, OnSort: v.onSort,
		OnFilter: v.onSearch, ExperimentNames: v.names()}
	if v.state.Trash {
		t.OnRestore = v.onRestoreRun
	}
	t.OnSelect, t.Selected = v.onSelect, v.state.Selected
	return t
}

// onSelect adds a run to the selection or takes it out; the selection
// lives in the URL, like the rest of the table's state.
func (v *ExperimentView) onSelect(ctx app.Context, runID string, on bool) {
	s := v.state
	s.Selected = slices.DeleteFunc(slices.Clone(s.Selected),
		func(id string) bool { return id == runID })
	if on {
		s.Selected = append(s.Selected, runID)
	}
	v.show(ctx, s)
}

func (v *ExperimentView) onTab(charts bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		s := v.state
		s.Charts = charts
		v.show(ctx, s)
	}
}

func (v *ExperimentView) onClearSelection(ctx app.Context, e app.Event) {
	s := v.state
	s.Selected = nil
	v.show(ctx, s)
}

// onBulkDone takes the selection a bulk action left and reloads the
// table.
func (v *ExperimentView) onBulkDone(ctx app.Context, selected []string) {
	if !slices.Equal(selected, v.state.Selected) {
		s := v.state
		s.Selected = selected
		v.show(ctx, s)
	}
	ctx.NewAction(actionRefresh)
}

// selectionTools are the tabs (not in the trash), the actions on the
// selected runs and the CSV download.
func (v *ExperimentView) selectionTools() app.UI {
	n, trash := len(v.state.Selected), v.state.Trash
	return app.Div().Class("selection-tools").Body(
		app.If(!trash, v.tabs()),
		app.If(n >= 2 && !trash, app.A().Class("button primary").ID("compare-selected").
			Href(comparePath(v.state.Selected)).Text("Compare "+plural(n, "runs"))),
		app.If(n == 1 && !trash, app.Span().Class("muted").ID("selection-count").
			Text("1 run selected: select another to compare")),
		app.If(n > 0, app.Button().Class("link-button").ID("clear-selection").
			Text("Clear selection").OnClick(v.onClearSelection)),
		app.If(writable(), &BulkActions{Selected: v.state.Selected, Trash: trash,
			OnDone: v.onBulkDone}),
		&CSVDownload{ExperimentID: v.loadedID, Name: v.title(), State: v.state},
	)
}

func (v *ExperimentView) tabs() app.UI {
	return app.Div().Class("segmented").Attr("role", "group").Aria("label", "Show").Body(
		app.Button().ID("tab-table").Aria("pressed", !v.state.Charts).Text("Table").
			OnClick(v.onTab(false)),
		app.Button().ID("tab-charts").Aria("pressed", v.state.Charts).Text("Charts").
			OnClick(v.onTab(true)),
	)
}

// name is the experiment's name, or its id until it has loaded.
func (v *ExperimentView) name() string {
	if v.experiment == nil {
		return "experiment " + v.ExperimentID
	}
	return v.experiment.Name
}

// countText says how many runs there are, and how many match a search.
func (v *ExperimentView) countText() string {
	m := v.meta
	if m.ExperimentID != v.ExperimentID || m.Key == "" {
		return "…"
	}
	what := "runs"
	if v.state.Trash {
		what = "deleted runs"
	}
	if v.state.Filter == "" {
		return plural(m.InView, what)
	}
	return itoa(m.Matched) + " of " + plural(m.InView, what) + " match"
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what[:len(what)-1]
	}
	return itoa(n) + " " + what
}

func (v *ExperimentView) actions(deleted bool) []app.UI {
	if !writable() {
		return nil // an export is read-only
	}
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

func fact(label string, value app.UI) app.UI {
	return app.Div().Class("fact").Body(app.Dt().Text(label), app.Dd().Body(value))
}
