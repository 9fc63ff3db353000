package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/chart"
	"mlscope/app/mlflow"
)

// CompareView compares chosen runs, at /compare-runs?runs=<id>,<id>: a
// table of their params and latest metrics with the rows that differ
// marked (and a switch to show only those), a parallel-coordinates plot of
// every param and metric, a scatter plot of any two, and their histories
// overlaid (RunsOverlay). Links copied from mlflow ui's compare page land
// here too.
type CompareView struct {
	app.Compo
	RunIDs []string

	loaded   string // the ids the runs are of, joined
	load     loadState
	runs     []*mlflow.Run
	expName  string // the experiment of the first run, for the breadcrumbs
	onlyDiff bool
	scatterX string // dimension names; "" for the defaults
	scatterY string
}

// OnMount loads the runs.
func (v *CompareView) OnMount(ctx app.Context) { v.fetch(ctx) }

// OnUpdate loads other runs when the URL names them.
func (v *CompareView) OnUpdate(ctx app.Context) {
	if strings.Join(v.RunIDs, ",") != v.loaded {
		v.fetch(ctx)
	}
}

func (v *CompareView) fetch(ctx app.Context) {
	ids := v.RunIDs
	key := strings.Join(ids, ",")
	v.loaded, v.load = key, loading
	ctx.Async(func() {
		runs, err := loadRuns(ids)
		name := ""
		if err == nil && len(runs) > 0 {
			exp, expErr := getExperiment(runs[0].Info.ExperimentID)
			if expErr == nil && exp != nil {
				name = exp.Name
			}
		}
		ctx.Dispatch(func(ctx app.Context) {
			if v.loaded != key {
				return
			}
			v.load, v.runs, v.expName = v.load.done(err), runs, name
		})
	})
}

// Render draws the page.
func (v *CompareView) Render() app.UI {
	page := app.Div().Class("page compare-page")
	switch {
	case len(v.RunIDs) == 0:
		return page.Body(app.H1().Text("Compare runs"),
			app.P().Class("muted").Text("No runs chosen: select runs in an experiment's "+
				"table, then Compare."))
	case v.load.status == statusFailed:
		return page.Body(app.H1().Text("Compare runs"),
			errorBox("The runs could not be loaded.", v.load.err))
	case v.load.status != statusLoaded:
		return page.Body(app.Div().Class("skeleton-title"), app.Div().Class("skeleton-block"))
	}
	rows := compareRows(v.runs)
	return page.Body(
		v.crumbs(),
		app.H1().ID("compare-title").Text("Comparing "+plural(len(v.runs), "runs")),
		app.Section().Class("compare-section").Body(
			app.Div().Class("title-row").Body(
				app.H2().Text("Params and metrics"),
				app.Label().Class("toggle").Body(
					app.Input().Type("checkbox").ID("compare-only-diff").Checked(v.onlyDiff).
						OnChange(v.onOnlyDiff),
					app.Text(" Only differences"),
				),
			),
			v.table(rows),
		),
		app.If(len(rows) > 0, v.plots(rows)),
		app.Section().Class("compare-section").Body(
			app.H2().Text("Metric histories"),
			&RunsOverlay{Runs: v.runs},
		),
	)
}

func (v *CompareView) crumbs() app.UI {
	expID, name := v.runs[0].Info.ExperimentID, v.expName
	if name == "" {
		name = "Experiment " + expID
	}
	return app.Nav().Class("crumbs").Aria("label", "Breadcrumbs").Body(
		app.A().Href(homePath()).Text("Experiments"), app.Span().Text(" › "),
		app.A().Href(experimentPath(expID, "")).Text(name),
		app.Span().Text(" › "), app.Span().Text("Compare"),
	)
}

func (v *CompareView) onOnlyDiff(ctx app.Context, e app.Event) {
	v.onlyDiff = ctx.JSSrc().Get("checked").Bool()
}

// table draws the compare table: a column per run, a row per param and
// metric; rows whose values differ carry the class "differs".
func (v *CompareView) table(rows []compareRow) app.UI {
	colors := chart.RunColors(v.RunIDs)
	var shown []compareRow
	for _, r := range rows {
		if r.Differs || !v.onlyDiff {
			shown = append(shown, r)
		}
	}
	return app.Div().Class("compare-scroll").Body(
		app.Table().ID("compare-table").Class("compare-table").Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Class("compare-key").Text("Run"),
				app.Range(v.runs).Slice(func(i int) app.UI {
					r := v.runs[i]
					return app.Th().Class("compare-run").DataSet("run-id", r.Info.RunID).Body(
						app.Span().Class("swatch").Style("background", colors[r.Info.RunID]),
						app.A().Href(experimentPath(r.Info.ExperimentID, r.Info.RunID)).
							Text(runLabel(r)),
					)
				}),
			)),
			app.TBody().Body(
				app.If(len(shown) == 0, app.Tr().Body(app.Td().ColSpan(len(v.runs)+1).
					Class("muted").Text("The runs have the same params and metrics."))),
				app.Range(shown).Slice(func(i int) app.UI { return compareLine(shown[i]) }),
			),
		),
	)
}

// compareLine is one row of the compare table.
func compareLine(r compareRow) app.UI {
	cls := "compare-row " + r.Group
	if r.Differs {
		cls += " differs"
	}
	label := r.label()
	return app.Tr().Class(cls).DataSet("key", label).Body(
		app.Th().Class("compare-key").Scope("row").Title(label).Text(label),
		app.Range(r.Values).Slice(func(i int) app.UI {
			td := app.Td().Class("num").Title(r.Exact[i])
			if r.Values[i] == "" {
				return td.Class("num muted").Text("—")
			}
			return td.Text(r.Values[i])
		}),
	)
}
