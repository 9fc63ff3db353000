package ui

import (
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/chart"
	"mlscope/app/mlflow"
)

// RunsOverlay charts several runs together: a legend whose entries hide a
// run (click) or highlight it (pointer over it), each metric's histories
// overlaid, in groups by key prefix, and bar charts of each metric's
// latest values. A run keeps its colour (chart.RunColors) in the legend,
// the bars and the lines. The experiment page's Charts tab and the
// compare view show it.
type RunsOverlay struct {
	app.Compo
	Runs []*mlflow.Run
	// OnHide, when set, keeps the runs hidden outside the overlay: the
	// legend asks it to toggle a run, and Hidden lists the runs hidden.
	// Without it the overlay keeps them itself.
	OnHide func(ctx app.Context, runID string)
	Hidden []string

	opts   chartOptions
	hidden map[string]bool
	focus  string // the highlighted run, "" for none
	live   *liveFeed
	liveOf string // the running runs the feed follows, joined
}

// OnMount follows the runs that are running.
func (o *RunsOverlay) OnMount(ctx app.Context) { o.follow(ctx) }

// OnUpdate follows other runs when the parent shows other runs.
func (o *RunsOverlay) OnUpdate(ctx app.Context) { o.follow(ctx) }

// OnDismount closes the live stream.
func (o *RunsOverlay) OnDismount() { o.live.release() }

// follow opens the live stream of the running runs, unless it is open.
func (o *RunsOverlay) follow(ctx app.Context) {
	var running []string
	for _, r := range o.Runs {
		if r.Info.Status == mlflow.StatusRunning {
			running = append(running, r.Info.RunID)
		}
	}
	if key := strings.Join(running, ","); key != o.liveOf || o.live == nil {
		o.live.release()
		o.liveOf, o.live = key, followLive(ctx, running)
	}
}

// colors gives the runs their colours.
func (o *RunsOverlay) colors() map[string]string {
	ids := make([]string, len(o.Runs))
	for i, r := range o.Runs {
		ids[i] = r.Info.RunID
	}
	return chart.RunColors(ids)
}

// chartRuns are the runs as the charts draw them.
func (o *RunsOverlay) chartRuns(colors map[string]string) []chartRun {
	out := make([]chartRun, len(o.Runs))
	for i, r := range o.Runs {
		id := r.Info.RunID
		out[i] = chartRun{ID: id, Name: runLabel(r), Color: colors[id],
			Hidden: o.isHidden(id), Dim: o.focus != "" && o.focus != id}
	}
	return out
}

// isHidden reports whether a run is hidden in the charts.
func (o *RunsOverlay) isHidden(id string) bool {
	if o.OnHide != nil {
		return slices.Contains(o.Hidden, id)
	}
	return o.hidden[id]
}

func (o *RunsOverlay) onToggle(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if o.OnHide != nil {
			o.OnHide(ctx, id)
			return
		}
		if o.hidden == nil {
			o.hidden = map[string]bool{}
		}
		o.hidden[id] = !o.hidden[id]
	}
}

func (o *RunsOverlay) onFocus(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { o.focus = id }
}

// Render draws the legend, the toolbar, the bars and the histories.
func (o *RunsOverlay) Render() app.UI {
	if len(o.Runs) == 0 {
		return app.P().Class("muted").ID("runs-overlay").Text("No runs chosen.")
	}
	colors := o.colors()
	runs := o.chartRuns(colors)
	keys := unionKeys(o.Runs, metricKeys)
	return app.Div().Class("runs-overlay").ID("runs-overlay").Body(
		o.legend(runs),
		chartToolbar(&o.opts, keys),
		app.If(len(keys) == 0, app.P().Class("muted").Text("These runs logged no metrics.")),
		&ChartGroups{Keys: keys, Runs: runs, Options: o.opts, Overlay: true, Other: "Histories"},
		app.If(len(keys) > 0, o.bars(keys, colors)),
	)
}

// legend lists the runs with their colours. Clicking an entry hides its
// run everywhere on the page; pointing at it dims the others.
func (o *RunsOverlay) legend(runs []chartRun) app.UI {
	return app.Ul().Class("runs-legend").ID("runs-legend").Aria("label", "Runs").
		OnMouseLeave(o.onFocus("")).Body(
		app.Range(runs).Slice(func(i int) app.UI {
			r := runs[i]
			verb := "Hide"
			if r.Hidden {
				verb = "Show"
			}
			return app.Li().Body(
				app.Button().Class("legend-entry").DataSet("run-id", r.ID).
					Aria("pressed", !r.Hidden).Title(verb+" "+r.Name+" in the charts").
					OnClick(o.onToggle(r.ID), r.ID).OnMouseEnter(o.onFocus(r.ID), r.ID).
					OnFocus(o.onFocus(r.ID), r.ID).Body(
					app.Span().Class("swatch").Style("background", r.Color),
					app.Span().Class("legend-name").Text(r.Name),
				),
			)
		}),
	)
}

// bars draws a bar chart of the latest values per metric, of the runs
// not hidden, in the runs' order.
func (o *RunsOverlay) bars(keys []string, colors map[string]string) app.UI {
	return app.Section().Class("chart-group latest-bars").ID("latest-bars").Body(
		app.H3().Class("chart-group-title").Text("Latest values"),
		app.Div().Class("bar-grid").Body(
			app.Range(keys).Slice(func(i int) app.UI {
				key := keys[i]
				var bars []chart.Bar
				for _, r := range o.Runs {
					if o.isHidden(r.Info.RunID) {
						continue
					}
					// A run that never logged the metric has no bar; a NaN it
					// logged is shown as NaN.
					if m, ok := r.Metric(key); ok {
						bars = append(bars, chart.Bar{Label: runLabel(r),
							Value: float64(m.Value), Color: colors[r.Info.RunID]})
					}
				}
				return &SVGFigure{Name: "latest-" + key, Draw: func(t chart.Theme) string {
					return chart.Bars(key, bars, barWidth, t)
				}}
			}),
		),
	)
}

// barWidth is the width of a latest-values bar chart, in CSS pixels.
const barWidth = 420
