package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// RunCharts is the Charts section of a run page: a toolbar whose choices
// apply to every chart, and one chart per metric, in groups by the prefix
// of the metric key ("train/loss" goes under "train").
//
// TODO: the toolbar's choices and zooms are not in the URL yet, so they
// cannot be shared, and histories are loaded once: values logged while
// the page is open appear after a reload.
type RunCharts struct {
	app.Compo
	RunID   string
	Metrics []mlflow.Metric // the latest values: which keys to chart

	opts chartOptions
}

// Render draws the toolbar and the groups of charts.
func (c *RunCharts) Render() app.UI {
	if len(c.Metrics) == 0 {
		return app.P().Class("muted").Text("No metrics to chart.")
	}
	keys := make([]string, len(c.Metrics))
	for i, m := range c.Metrics {
		keys[i] = m.Key
	}
	groups := groupKeys(keys)
	titled := len(groups) > 1 || groups[0].Name != ""
	return app.Div().Class("run-charts").Body(
		c.toolbar(),
		app.Range(groups).Slice(func(i int) app.UI {
			g := groups[i]
			title := g.Name
			if title == "" {
				title = "Metrics"
			}
			return app.Section().Class("chart-group").DataSet("group", g.Name).Body(
				app.If(titled, app.H3().Class("chart-group-title").Text(title)),
				app.Div().Class("chart-grid").Body(
					app.Range(g.Keys).Slice(func(j int) app.UI {
						return &MetricChart{RunID: c.RunID, Key: g.Keys[j], Options: c.opts}
					}),
				),
			)
		}),
	)
}
