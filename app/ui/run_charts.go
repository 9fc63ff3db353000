package ui

import (
	"slices"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// RunCharts is the Charts section of a run page: a toolbar whose choices
// apply to every chart, and one chart per metric, in groups by the prefix
// of the metric key ("train/loss" goes under "train"). While the run is
// running, the server pushes its new values and the charts extend; a
// metric logged for the first time gets its chart then too.
//
// TODO: the toolbar's choices and zooms are not in the URL yet, so they
// cannot be shared.
type RunCharts struct {
	app.Compo
	RunID   string
	Metrics []mlflow.Metric // the latest values: which keys to chart

	opts     chartOptions
	live     *liveFeed
	liveRun  string
	liveKeys []string // keys the stream brought that Metrics lacks
}

// OnMount follows the run's live stream. The server ends the stream at
// once for a run that is not running.
func (c *RunCharts) OnMount(ctx app.Context) {
	ctx.Handle(actionLive, c.onLive)
	c.follow(ctx)
}

// OnUpdate follows another run's stream when the page shows another run.
func (c *RunCharts) OnUpdate(ctx app.Context) {
	if c.liveRun != c.RunID {
		c.follow(ctx)
	}
}

// OnDismount closes the stream.
func (c *RunCharts) OnDismount() { c.live.release() }

func (c *RunCharts) follow(ctx app.Context) {
	c.live.release()
	c.liveRun, c.liveKeys = c.RunID, nil
	c.live = followLive(ctx, []string{c.RunID})
}

// onLive adds a chart for a metric the run logged for the first time.
func (c *RunCharts) onLive(ctx app.Context, a app.Action) {
	ev, ok := a.Value.(liveEvent)
	if !ok || ev.RunID != c.RunID || ev.Kind != "metrics" {
		return
	}
	if !slices.Contains(c.keys(), ev.Key) {
		c.liveKeys = append(c.liveKeys, ev.Key)
		// The new chart loads its values, the one just pushed included.
	}
}

// keys are the metric keys to chart.
func (c *RunCharts) keys() []string {
	keys := make([]string, 0, len(c.Metrics)+len(c.liveKeys))
	for _, m := range c.Metrics {
		keys = append(keys, m.Key)
	}
	for _, k := range c.liveKeys {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// Render draws the toolbar and the groups of charts.
func (c *RunCharts) Render() app.UI {
	keys := c.keys()
	if len(keys) == 0 {
		return app.P().Class("muted").Text("No metrics to chart.")
	}
	runs := []chartRun{{ID: c.RunID}}
	return app.Div().Class("run-charts").Body(
		c.toolbar(),
		&ChartGroups{Keys: keys, Runs: runs, Options: c.opts, Other: "Metrics"},
	)
}
