package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/chart"
	"mlscope/app/mlflow"
)

// MetricChart is the chart of one metric of a run. It loads the metric's
// whole history when it first comes near the viewport, so that a run with
// hundreds of metrics only loads what is looked at. Until then, while
// loading and on failure it shows a box of the chart's own size, so the
// page does not jump.
type MetricChart struct {
	app.Compo
	RunID   string
	Key     string
	Options chartOptions

	visible bool
	stop    func()
	held    string // RunID and Key of the history below
	load    loadState
	history []mlflow.Metric
	data    chartData
}

// OnMount starts watching for the chart to scroll into view.
func (c *MetricChart) OnMount(ctx app.Context) {
	c.stop = watchVisible(ctx, c.JSValue(), func(ctx app.Context) {
		c.visible = true
		c.fetch(ctx)
	})
}

// OnDismount stops watching.
func (c *MetricChart) OnDismount() {
	if c.stop != nil {
		c.stop()
	}
}

// OnUpdate reloads for another run or key, and rebuilds the series when
// the x-axis mode changed.
func (c *MetricChart) OnUpdate(ctx app.Context) {
	switch {
	case c.visible && c.held != c.id():
		c.fetch(ctx)
	case c.load.status == statusLoaded && c.data.XMode != c.Options.XMode:
		c.data = c.build()
	}
}

func (c *MetricChart) id() string { return c.RunID + "\x00" + c.Key }

func (c *MetricChart) fetch(ctx app.Context) {
	id, run, key := c.id(), c.RunID, c.Key
	c.held, c.load, c.history, c.data = id, loading, nil, chartData{}
	ctx.Async(func() {
		ms, err := metricHistory(run, key)
		ctx.Dispatch(func(ctx app.Context) {
			if c.held != id {
				return // the chart shows another metric now
			}
			c.load = c.load.done(err)
			c.history = ms
			c.data = c.build()
		})
	})
}

// build turns the history into series for the current x mode.
func (c *MetricChart) build() chartData {
	mode := c.Options.XMode
	s := chart.FromMetrics(c.Key, c.history, mode)
	return chartData{Series: []chart.Series{s}, XMode: mode}
}

func (c *MetricChart) onRetry(ctx app.Context, e app.Event) { c.fetch(ctx) }

// Render draws the chart's card in its waiting, loading, failed, empty or
// loaded state.
func (c *MetricChart) Render() app.UI {
	current := c.held == c.id()
	count := ""
	if current && c.load.status == statusLoaded {
		count = formatCount(len(c.history)) + " values"
		if len(c.history) == 1 {
			count = "1 value"
		}
	}
	var body app.UI
	switch {
	case current && c.load.status == statusFailed:
		body = app.Div().Class("chart-box chart-state").Body(
			errorBox("The values of "+c.Key+" could not be loaded.", c.load.err),
			app.Button().Class("chart-button").Text("Try again").OnClick(c.onRetry),
		)
	case !current || c.load.status == statusLoading:
		body = app.Div().Class("chart-box chart-state chart-loading").Aria("busy", "true").
			Text("Loading values…")
	case len(c.history) == 0:
		body = app.Div().Class("chart-box chart-state").Text("No values logged for this metric.")
	default:
		body = &ChartCanvas{Title: c.Key, Data: c.data, Options: c.Options}
	}
	return app.Div().Class("chart-card").DataSet("key", c.Key).Body(
		app.Div().Class("chart-head").Body(
			app.H4().Class("chart-title").Title(c.Key).Text(c.Key),
			app.If(count != "", app.Span().Class("chart-count").Text(count)),
		),
		body,
	)
}
