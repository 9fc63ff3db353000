package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/chart"
)

// This file holds the text parts of ChartCanvas: the legend and buttons
// above the plot, the readout of hovered values and the notes below it,
// and the SVG export.

// legendRow names the series (when there are several), says how many
// points were drawn of how many in view, and offers to reset the zoom and
// to save the chart.
func (c *ChartCanvas) legendRow() app.UI {
	p := c.plot
	zoomed := c.zoom != [2]float64{}
	drawn := ""
	switch {
	case zoomed:
		drawn = formatCount(p.Total) + " in view · " + formatCount(p.Drawn) + " drawn"
	case p.Total > p.Drawn && p.Drawn > 0:
		drawn = formatCount(p.Drawn) + " drawn"
	}
	return app.Div().Class("chart-legend").Body(
		app.If(len(p.Legend) > 1 && !c.NoLegend, app.Range(p.Legend).Slice(func(i int) app.UI {
			it := p.Legend[i]
			return app.Span().Class("chart-legend-item").Body(
				app.Span().Class("chart-swatch").Style("background", it.Color),
				app.Text(it.Label),
			)
		})),
		app.If(drawn != "", app.Span().Class("chart-drawn").Text(drawn)),
		app.If(zoomed, app.Button().Class("chart-button chart-unzoom").
			Text("Reset zoom").OnClick(c.onReset)),
		app.Button().Class("chart-button chart-save").Text("Save SVG").OnClick(c.onSave),
		app.Button().Class("chart-button chart-save-png").Text("Save PNG").OnClick(c.onSavePNG),
	)
}

// readoutRow shows the last hovered values as selectable text, or how to
// use the chart before anything was hovered.
func (c *ChartCanvas) readoutRow() app.UI {
	if len(c.readouts) == 0 {
		return app.P().Class("chart-readout chart-hint").
			Text("Hover for exact values · drag to zoom · double-click to reset")
	}
	return app.Div().Class("chart-readout").Body(
		app.Range(c.readouts).Slice(func(i int) app.UI {
			r := c.readouts[i]
			return app.P().Class("chart-readout-row").Body(
				app.If(len(c.readouts) > 1, app.Span().Class("chart-readout-series").Text(r.Series)),
				field("step", r.Step), field("time", r.Time), field("since start", r.Since),
				field("value", r.Value),
			)
		}),
	)
}

// field is a labelled value of the readout.
func field(label, value string) app.UI {
	return app.Span().Class("chart-field").Body(
		app.Span().Class("chart-field-label").Text(label+" "),
		app.Span().Class("chart-field-value").Text(value),
	)
}

// notesRow explains the shaded bands and anything else the plot left out.
func (c *ChartCanvas) notesRow() app.UI {
	if len(c.plot.Notes) == 0 {
		return nil
	}
	return app.Div().Class("chart-notes").Body(
		app.Range(c.plot.Notes).Slice(func(i int) app.UI {
			n := c.plot.Notes[i]
			return app.P().Class("chart-note").Aria("role", "note").Body(
				app.If(n.Gaps, app.Span().Class("chart-gap-swatch")),
				app.Text(n.Text),
			)
		}),
	)
}

// onSave downloads the chart as drawn, as an SVG file.
func (c *ChartCanvas) onSave(ctx app.Context, e app.Event) {
	saveFile(ctx, fileName(c.Title, ".svg"), "image/svg+xml", chart.SVG(c.plot, c.theme))
}

// onSavePNG downloads the chart as drawn, as a PNG image.
func (c *ChartCanvas) onSavePNG(ctx app.Context, e app.Event) {
	savePNG(ctx, fileName(c.Title, ".png"), chart.SVG(c.plot, c.theme))
}
