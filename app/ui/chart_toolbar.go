package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/chart"
)

// This file holds the charts' toolbar: the x-axis mode, the y scale, the
// smoothing slider and the outliers switch. The page that shows it keeps
// the options and gets updated when they change.

// choice is one button of a group of mutually exclusive buttons.
type choice struct {
	id, label string
	on        bool
	pick      app.EventHandler
}

// toolbar draws the chart settings.
func (c *RunCharts) toolbar() app.UI { return chartToolbar(&c.opts, c.keys()) }

// chartToolbar draws the settings in opts, followed by extra controls;
// its handlers change opts. keys are the metrics the x-axis may show.
func chartToolbar(opts *chartOptions, keys []string, extra ...app.UI) app.UI {
	o := *opts
	setX := func(m chart.XMode) app.EventHandler {
		return func(ctx app.Context, e app.Event) {
			opts.XMode = m
			if m == chart.XMetric && opts.XKey == "" && len(keys) > 0 {
				opts.XKey = keys[0]
			}
		}
	}
	onXKey := func(ctx app.Context, e app.Event) {
		opts.XKey = ctx.JSSrc().Get("value").String()
	}
	setLog := func(on bool) app.EventHandler {
		return func(ctx app.Context, e app.Event) { opts.YLog = on }
	}
	onSmoothing := func(ctx app.Context, e app.Event) {
		v, err := strconv.ParseFloat(ctx.JSSrc().Get("value").String(), 64)
		if err == nil {
			opts.Smoothing = min(max(v, 0), chart.MaxSmoothing)
		}
	}
	onOutliers := func(ctx app.Context, e app.Event) {
		opts.IgnoreOutliers = ctx.JSSrc().Get("checked").Bool()
	}
	// An empty or unreadable bound clears the manual range.
	setBound := func(into *float64) app.EventHandler {
		return func(ctx app.Context, e app.Event) {
			v, err := strconv.ParseFloat(ctx.JSSrc().Get("value").String(), 64)
			if err != nil {
				opts.YMin, opts.YMax = 0, 0
				return
			}
			*into = v
		}
	}
	return app.Div().Class("chart-toolbar").Role("toolbar").Aria("label", "Chart settings").Body(
		choices("X axis", []choice{
			{"chart-x-step", "Step", o.XMode == chart.XStep, setX(chart.XStep)},
			{"chart-x-wall", "Time", o.XMode == chart.XWallTime, setX(chart.XWallTime)},
			{"chart-x-relative", "Relative time", o.XMode == chart.XRelative, setX(chart.XRelative)},
			{"chart-x-metric", "Metric", o.XMode == chart.XMetric, setX(chart.XMetric)},
		}),
		app.If(o.XMode == chart.XMetric, app.Select().ID("chart-x-key").
			Aria("label", "Metric on the x axis").OnChange(onXKey).Body(
			app.Range(keys).Slice(func(i int) app.UI {
				return app.Option().Value(keys[i]).Selected(keys[i] == o.XKey).Text(keys[i])
			}),
		)),
		choices("Y axis", []choice{
			{"chart-y-linear", "Linear", !o.YLog, setLog(false)},
			{"chart-y-log", "Log", o.YLog, setLog(true)},
		}),
		app.Label().Class("chart-smoothing").Body(
			app.Span().Text("Smoothing "),
			app.Input().Type("range").ID("chart-smoothing").
				Min(0).Max(chart.MaxSmoothing).Step(0.01).Value(o.Smoothing).
				OnInput(onSmoothing),
			app.Output().For("chart-smoothing").Text(strconv.FormatFloat(o.Smoothing, 'f', 2, 64)),
		),
		app.Label().Class("toggle").Body(
			app.Input().Type("checkbox").ID("chart-outliers").Checked(o.IgnoreOutliers).
				OnChange(onOutliers),
			app.Text(" Ignore outliers"),
		),
		app.Div().Class("chart-range").Role("group").Aria("label", "Y range").Body(
			app.Span().Class("chart-choices-label").Text("Y from"),
			app.Input().Type("number").ID("chart-y-min").Class("range-input").
				Aria("label", "Lowest y value").Attr("step", "any").Placeholder("auto").
				Value(boundText(o.YMin, o)).OnChange(setBound(&opts.YMin)),
			app.Span().Text("to"),
			app.Input().Type("number").ID("chart-y-max").Class("range-input").
				Aria("label", "Highest y value").Attr("step", "any").Placeholder("auto").
				Value(boundText(o.YMax, o)).OnChange(setBound(&opts.YMax)),
		),
		app.Range(extra).Slice(func(i int) app.UI { return extra[i] }),
	)
}

// boundText shows a bound of the manual y range, "" while none is set.
func boundText(v float64, o chartOptions) string {
	if o.YMin == 0 && o.YMax == 0 {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
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
