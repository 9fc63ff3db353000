package ui

import (
	"math"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/chart"
)

// ChartCanvas draws series on a <canvas> at the size CSS gives it, sharp
// on high-density screens. Hovering shows the exact step, time and value
// under the pointer as text below the plot; dragging across the plot
// zooms the x-axis and a double click zooms back out. It redraws only when
// what it shows changes, never on hover.
type ChartCanvas struct {
	app.Compo
	Title   string
	Data    chartData
	Options chartOptions
	// NoLegend leaves the series' names out: the page shows them.
	NoLegend bool
	// OnZoom, when set, is called with the x range shown after a zoom,
	// and with lo == hi == 0 when the zoom is reset.
	OnZoom func(ctx app.Context, lo, hi float64)

	plot     chart.Plot
	theme    chart.Theme
	drawn    drawKey
	zoom     [2]float64 // the x range shown when zoom[0] < zoom[1]
	zoomMode chart.XMode
	hovering bool        // whether the crosshair shows
	hoverAtX float64     // at which x, in data units
	cross    chart.Vec   // and where, in pixels
	readouts []readout   // the last hovered values, kept after the pointer leaves
	drag     *[2]float64 // pixel x where a zoom drag started and is now
	unwatch  func()
}

// drawKey is everything a drawing depends on.
type drawKey struct {
	w, h, dpr float64
	series    *chart.Series
	n         int
	opts      chartOptions
	zoom      [2]float64
}

// OnMount draws the chart for the first time and redraws it whenever its
// box changes size.
func (c *ChartCanvas) OnMount(ctx app.Context) {
	c.draw()
	box := c.JSValue().Call("querySelector", ".chart-plot")
	c.unwatch = watchSize(ctx, box, func(app.Context) { c.draw() })
}

// OnDismount stops watching the size.
func (c *ChartCanvas) OnDismount() {
	if c.unwatch != nil {
		c.unwatch()
	}
}

// OnUpdate redraws when the data or the options changed.
func (c *ChartCanvas) OnUpdate(ctx app.Context) { c.draw() }

// OnResize redraws at the new width.
func (c *ChartCanvas) OnResize(ctx app.Context) { c.draw() }

// draw builds the plot for the canvas's current size and paints it,
// unless nothing it depends on changed. It must run on the UI goroutine
// once the canvas is in the page.
func (c *ChartCanvas) draw() {
	canvas := c.JSValue().Call("querySelector", "canvas")
	box := canvas.Get("parentElement")
	w, h := box.Get("clientWidth").Float(), box.Get("clientHeight").Float()
	dpr := 1.0
	if v := app.Window().Get("devicePixelRatio"); v.Type() == app.TypeNumber && v.Float() > 0 {
		dpr = v.Float()
	}
	if c.Data.XMode != c.zoomMode {
		c.zoom, c.zoomMode = [2]float64{}, c.Data.XMode // zoomed in other units
	}
	opts := c.Options
	opts.XMode = c.Data.XMode // the mode the series were built in
	key := drawKey{w: w, h: h, dpr: dpr, n: len(c.Data.Series), opts: opts, zoom: c.zoom}
	if key.n > 0 {
		key.series = &c.Data.Series[0]
	}
	if key == c.drawn || w <= 0 || h <= 0 {
		return
	}
	c.drawn = key
	canvas.Set("width", math.Round(w*dpr))
	canvas.Set("height", math.Round(h*dpr))
	g := canvas.Call("getContext", "2d")
	g.Call("setTransform", dpr, 0, 0, dpr, 0, 0)
	c.theme = chartTheme(canvas)
	spec := c.Data.spec(c.Title, c.Options, w, h)
	spec.XMin, spec.XMax, spec.Palette = c.zoom[0], c.zoom[1], c.theme.Palette
	c.plot = chart.Build(spec)
	drawPlot(g, c.plot, c.theme)
	attrs := plotAttrs(c.plot, opts)
	attrs["data-sampled"] = strconv.FormatBool(c.Data.Sampled)
	attrs["data-detail"] = c.Data.Detail
	// When it was drawn, in milliseconds since the page's navigation
	// began: what the browser benchmarks measure.
	attrs["data-drawn-at"] = strconv.FormatFloat(
		app.Window().Get("performance").Call("now").Float(), 'f', 1, 64)
	for k, v := range attrs {
		canvas.Call("setAttribute", k, v)
	}
	if c.hovering {
		// Keep the crosshair on the same value in the new drawing.
		c.hoverValue(c.hoverAtX)
	}
}

// Render draws the legend and buttons, the canvas with its crosshair and
// zoom band, the readout of the hovered values and the notes.
func (c *ChartCanvas) Render() app.UI {
	return app.Div().Class("chart").Body(
		c.legendRow(),
		app.Div().Class("chart-plot").Body(
			app.Canvas().Class("chart-canvas").Role("img").
				Aria("label", "Chart of "+c.Title).
				On("pointerdown", c.onDown).On("pointermove", c.onMove).
				On("pointerup", c.onUp).On("pointerleave", c.onLeave).
				OnDblClick(c.onReset),
			c.crosshair(),
			c.zoomBand(),
		),
		c.readoutRow(),
		c.notesRow(),
	)
}

func px(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "px" }
