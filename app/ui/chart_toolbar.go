package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/chart"
)

// This file holds RunCharts' toolbar: the x-axis mode, the y scale, the
// smoothing slider and the outliers switch.

// choice is one button of a group of mutually exclusive buttons.
type choice struct {
	id, label string
	on        bool
	pick      app.EventHandler
}

// toolbar draws the chart settings.
func (c *RunCharts) toolbar() app.UI {
	o := c.opts
	return app.Div().Class("chart-toolbar").Role("toolbar").Aria("label", "Chart settings").Body(
		choices("X axis", []choice{
			{"chart-x-step", "Step", o.XMode == chart.XStep, c.setX(chart.XStep)},
			{"chart-x-wall", "Time", o.XMode == chart.XWallTime, c.setX(chart.XWallTime)},
			{"chart-x-relative", "Relative time", o.XMode == chart.XRelative, c.setX(chart.XRelative)},
		}),
		choices("Y axis", []choice{
			{"chart-y-linear", "Linear", !o.YLog, c.setLog(false)},
			{"chart-y-log", "Log", o.YLog, c.setLog(true)},
		}),
		app.Label().Class("chart-smoothing").Body(
			app.Span().Text("Smoothing "),
			app.Input().Type("range").ID("chart-smoothing").
				Min(0).Max(chart.MaxSmoothing).Step(0.01).Value(o.Smoothing).
				OnInput(c.onSmoothing),
			app.Output().For("chart-smoothing").Text(strconv.FormatFloat(o.Smoothing, 'f', 2, 64)),
		),
		app.Label().Class("toggle").Body(
			app.Input().Type("checkbox").ID("chart-outliers").Checked(o.IgnoreOutliers).
				OnChange(c.onOutliers),
			app.Text(" Ignore outliers"),
		),
	)
}

// choices draws a labelled group of buttons, the chosen one pressed.
func choices(label string, cs []choice) app.UI {
	return app.Div().Class("chart-choices").Role("group").Aria("label", label).Body(
		app.Span().Class("chart-choices-label").Text(label),
		app.Range(cs).Slice(func(i int) app.UI {
			ch := cs[i]
			return app.Button().ID(ch.id).Class("chart-choice").Aria("pressed", strconv.FormatBool(ch.on)).
				Text(ch.label).OnClick(ch.pick)
		}),
	)
}

func (c *RunCharts) setX(m chart.XMode) app.EventHandler {
	return func(ctx app.Context, e app.Event) { c.opts.XMode = m }
}

func (c *RunCharts) setLog(on bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) { c.opts.YLog = on }
}

func (c *RunCharts) onSmoothing(ctx app.Context, e app.Event) {
	v, err := strconv.ParseFloat(ctx.JSSrc().Get("value").String(), 64)
	if err == nil {
		c.opts.Smoothing = min(max(v, 0), chart.MaxSmoothing)
	}
}

func (c *RunCharts) onOutliers(ctx app.Context, e app.Event) {
	c.opts.IgnoreOutliers = ctx.JSSrc().Get("checked").Bool()
}
