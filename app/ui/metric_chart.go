package ui

import (
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/chart"
	"mlscope/app/mlflow"
)

// chartRun is one run of a chart: its id, the name its series is shown
// under ("" for the metric's key), its colour ("" for the theme's first)
// and how the page's legend shows it.
type chartRun struct {
	ID, Name, Color string
	Hidden          bool // left out of the drawing
	Dim             bool // drawn faint: another run is highlighted
}

// MetricChart is the chart of one metric of one run or more, overlaid. It
// loads when it first comes near the viewport, so that a page with
// hundreds of metrics only loads what is looked at. It loads an overview
// of at most overviewSteps steps per run through
// get-history-bulk-interval, which chart.Build reduces to the chart's
// width; when the user zooms into a history that was sampled, it loads the
// zoomed steps in detail. Values the live stream pushes (actionLive) are
// appended. Until the values are there, and on failure, it shows a box of
// the chart's own size, so the page does not jump.
type MetricChart struct {
	app.Compo
	Key     string
	Runs    []chartRun
	Options chartOptions
	// Overlay says that the page shows the runs' legend, so the chart
	// does not repeat it.
	Overlay bool

	visible  bool
	stop     func()
	held     string // what the values below are of: see id
	load     loadState
	overview map[string][]mlflow.Metric // by run id, ordered by step
	sampled  bool
	detail   map[string][]mlflow.Metric // the values of the zoomed steps
	zoomed   stepRange                  // the steps of detail
	fine     bool                       // detail holds every value of its steps
	xValues  map[string][]mlflow.Metric // the x metric's overview, by run id
	data     chartData
}

// xKey is the metric the x-axis shows, "" unless the x mode is a metric
// other than the chart's own.
func (c *MetricChart) xKey() string {
	if c.Options.XMode == chart.XMetric && c.Options.XKey != c.Key {
		return c.Options.XKey
	}
	return ""
}

// OnMount starts watching for the chart to scroll into view, and for
// values of the live stream.
func (c *MetricChart) OnMount(ctx app.Context) {
	c.stop = watchVisible(ctx, c.JSValue(), func(ctx app.Context) {
		c.visible = true
		c.fetch(ctx)
	})
	ctx.Handle(actionLive, c.onLive)
}

// OnDismount stops watching.
func (c *MetricChart) OnDismount() {
	if c.stop != nil {
		c.stop()
	}
}

// OnUpdate reloads for other runs or another key, and rebuilds the series
// when the x-axis mode or the runs' legend changed.
func (c *MetricChart) OnUpdate(ctx app.Context) {
	switch {
	case c.visible && c.held != c.id():
		c.fetch(ctx)
	case c.load.status == statusLoaded:
		c.data = c.build()
	}
}

// id names the values a chart needs: its key and its runs.
func (c *MetricChart) id() string {
	ids := make([]string, len(c.Runs))
	for i, r := range c.Runs {
		ids[i] = r.ID
	}
	return c.Key + "\x00" + c.xKey() + "\x00" + strings.Join(ids, ",")
}

func (c *MetricChart) runIDs() []string {
	ids := make([]string, len(c.Runs))
	for i, r := range c.Runs {
		ids[i] = r.ID
	}
	return ids
}

func (c *MetricChart) fetch(ctx app.Context) {
	id, key, xKey, runs := c.id(), c.Key, c.xKey(), c.runIDs()
	c.held, c.load, c.overview, c.detail, c.data = id, loading, nil, nil, chartData{}
	c.zoomed, c.fine, c.xValues = stepRange{}, false, nil
	ctx.Async(func() {
		h, err := bulkHistory(runs, key, stepRange{})
		var xs sampledHistory
		if err == nil && xKey != "" {
			xs, err = bulkHistory(runs, xKey, stepRange{})
		}
		ctx.Dispatch(func(ctx app.Context) {
			if c.held != id {
				return // the chart shows something else now
			}
			c.load = c.load.done(err)
			c.overview, c.sampled, c.xValues = h.Runs, h.Sampled, xs.Runs
			c.data = c.build()
		})
	})
}

// onZoom loads the zoomed steps in detail, unless the values held already
// have every value there.
func (c *MetricChart) onZoom(ctx app.Context, lo, hi float64) {
	// Against another metric, x is no step: the zoom stays on the overview.
	if lo >= hi || !c.sampled || c.data.XMode == chart.XMetric {
		return
	}
	want, ok := zoomSteps(c.data.Series, lo, hi)
	if !ok || c.fine && c.zoomed.covers(want) {
		return
	}
	id, key, runs := c.held, c.Key, c.runIDs()
	ctx.Async(func() {
		h, err := bulkHistory(runs, key, want)
		ctx.Dispatch(func(ctx app.Context) {
			if c.held != id {
				return
			}
			if err != nil {
				// The overview stays on screen; only the detail is missing.
				app.Logf("mlscope: detail of %s, steps %d to %d: %v", key, want.From, want.To, err)
				return
			}
			c.detail, c.zoomed, c.fine = h.Runs, want, !h.Sampled
			c.data = c.build()
			// ctx is the canvas's, which called onZoom: this chart must
			// draw again itself to hand the canvas the detail.
			c.Update()
		})
	})
}

// onLive appends the values the live stream pushed for this chart, and
// loads the chart again when the stream says too many arrived at once.
func (c *MetricChart) onLive(ctx app.Context, a app.Action) {
	ev, ok := a.Value.(liveEvent)
	if !ok || ev.Key != c.Key || c.load.status != statusLoaded ||
		!slices.ContainsFunc(c.Runs, func(r chartRun) bool { return r.ID == ev.RunID }) {
		return
	}
	switch ev.Kind {
	case "metrics":
		if c.overview == nil {
			c.overview = map[string][]mlflow.Metric{}
		}
		c.overview[ev.RunID] = appendLive(c.overview[ev.RunID], ev.metrics())
		c.data = c.build()
	case "reload":
		c.fetch(ctx)
	}
}

// build turns the values held into series for the current x mode, one per
// run that is not hidden, in the runs' order.
func (c *MetricChart) build() chartData {
	mode := c.Options.XMode
	if mode == chart.XMetric && c.xValues == nil {
		mode = chart.XStep // no other metric: its own key, or none chosen yet
	}
	d := chartData{XMode: mode, Sampled: c.sampled}
	if c.zoomed.Set {
		d.Detail = strconv.FormatInt(c.zoomed.From, 10) + "-" + strconv.FormatInt(c.zoomed.To, 10)
	}
	for _, r := range c.Runs {
		if r.Hidden {
			continue
		}
		ms := withDetail(c.overview[r.ID], c.detail[r.ID], c.zoomed)
		name := r.Name
		if name == "" {
			name = c.Key
		}
		var s chart.Series
		if mode == chart.XMetric {
			s = chart.AgainstMetric(name, ms, c.xValues[r.ID])
		} else {
			s = chart.FromMetrics(name, ms, mode)
		}
		s.Color, s.Dim = r.Color, r.Dim
		d.Series = append(d.Series, s)
	}
	return d
}

func (c *MetricChart) onRetry(ctx app.Context, e app.Event) { c.fetch(ctx) }

// count says how many values the chart holds: all of them, or a sample
// and the steps it spans.
func (c *MetricChart) count() string {
	if len(c.Runs) != 1 {
		return formatCount(len(c.Runs)) + " runs"
	}
	ms := c.overview[c.Runs[0].ID]
	switch {
	case c.sampled && len(ms) > 0:
		return formatCount(len(ms)) + " sampled · steps " + formatCount(int(ms[0].Step)) +
			"–" + formatCount(int(ms[len(ms)-1].Step))
	case len(ms) == 1:
		return "1 value"
	}
	return formatCount(len(ms)) + " values"
}

// empty reports whether no run has a value.
func (c *MetricChart) empty() bool {
	for _, ms := range c.overview {
		if len(ms) > 0 {
			return false
		}
	}
	return true
}

// Render draws the chart's card in its waiting, loading, failed, empty or
// loaded state.
func (c *MetricChart) Render() app.UI {
	current := c.held == c.id()
	count := ""
	if current && c.load.status == statusLoaded {
		count = c.count()
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
	case c.empty():
		body = app.Div().Class("chart-box chart-state").Text("No values logged for this metric.")
	default:
		body = &ChartCanvas{Title: c.Key, Data: c.data, Options: c.Options,
			NoLegend: c.Overlay, OnZoom: c.onZoom}
	}
	return app.Div().Class("chart-card").DataSet("key", c.Key).Body(
		app.Div().Class("chart-head").Body(
			app.H4().Class("chart-title").Title(c.Key).Text(c.Key),
			app.If(count != "", app.Span().Class("chart-count").Text(count)),
		),
		body,
	)
}
