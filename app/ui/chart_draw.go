package ui

import (
	"math"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/chart"
)

// chartTheme reads a chart's colours from the custom properties that
// charts.css sets on el, so that canvas and exported SVG follow the page's
// light or dark theme. Missing properties fall back to the light theme.
//
// TODO: a chart reads the theme when it draws; switching the system theme
// while a page is open recolours it only at its next redraw.
func chartTheme(el app.Value) chart.Theme {
	t := chart.LightTheme
	style := app.Window().Call("getComputedStyle", el)
	read := func(prop string, into *string) {
		if v := strings.TrimSpace(style.Call("getPropertyValue", prop).String()); v != "" {
			*into = v
		}
	}
	read("--chart-bg", &t.Background)
	read("--chart-text", &t.Text)
	read("--chart-axis", &t.Muted)
	read("--chart-grid", &t.Grid)
	read("--chart-gap", &t.Gap)
	read("--chart-font", &t.Font)
	var palette string
	if read("--chart-palette", &palette); palette != "" {
		t.Palette = strings.Split(palette, ",")
		for i := range t.Palette {
			t.Palette[i] = strings.TrimSpace(t.Palette[i])
		}
	}
	return t
}

// drawPlot paints p on a canvas 2D context whose transform already maps
// CSS pixels to device pixels. Lines and markers go through Path2D, one
// call per line, so that a redraw costs a few dozen calls into JavaScript
// however long the history.
func drawPlot(g app.Value, p chart.Plot, t chart.Theme) {
	g.Call("clearRect", 0, 0, p.Width, p.Height)
	g.Set("font", "11px "+t.Font)
	a := p.Area
	g.Set("fillStyle", t.Gap)
	g.Set("globalAlpha", 0.15)
	for _, b := range p.Bands {
		g.Call("fillRect", b.X0, a.Y, b.X1-b.X0, a.H)
	}
	g.Set("globalAlpha", 1)
	drawTicks(g, p, t)
	if p.Empty != "" {
		g.Set("fillStyle", t.Muted)
		g.Set("textAlign", "center")
		g.Set("textBaseline", "middle")
		g.Call("fillText", p.Empty, a.X+a.W/2, a.Y+a.H/2)
		return
	}
	g.Call("save")
	g.Call("beginPath")
	g.Call("rect", a.X, a.Y, a.W, a.H)
	g.Call("clip")
	path2D := app.Window().Get("Path2D")
	g.Set("lineJoin", "round")
	g.Set("lineCap", "round")
	for _, l := range p.Lines {
		g.Set("globalAlpha", l.Opacity)
		g.Set("strokeStyle", l.Color)
		g.Set("lineWidth", l.Width)
		g.Call("stroke", path2D.New(chart.PathData(l.Paths)))
	}
	g.Call("restore") // markers are whole even on the edges
	for _, l := range p.Lines {
		if len(l.Markers) > 0 {
			g.Set("globalAlpha", l.Opacity)
			g.Set("fillStyle", l.Color)
			g.Call("fill", path2D.New(chart.MarkerData(l.Markers, 2.5)))
		}
	}
	g.Set("globalAlpha", 1)
}

// drawTicks paints the gridlines, the axis lines and the tick labels.
func drawTicks(g app.Value, p chart.Plot, t chart.Theme) {
	a := p.Area
	bottom := a.Y + a.H
	// Gridlines sit on half pixels so that one-pixel lines stay sharp.
	crisp := func(v float64) float64 { return math.Floor(v) + 0.5 }
	g.Set("lineWidth", 1)
	g.Set("strokeStyle", t.Grid)
	g.Call("beginPath")
	for _, tk := range p.Y.Ticks {
		g.Call("moveTo", a.X, crisp(tk.Pos))
		g.Call("lineTo", a.X+a.W, crisp(tk.Pos))
	}
	for _, tk := range p.X.Ticks {
		g.Call("moveTo", crisp(tk.Pos), a.Y)
		g.Call("lineTo", crisp(tk.Pos), bottom)
	}
	g.Call("stroke")
	g.Set("strokeStyle", t.Muted)
	g.Call("beginPath")
	g.Call("moveTo", crisp(a.X), a.Y)
	g.Call("lineTo", crisp(a.X), crisp(bottom))
	g.Call("lineTo", a.X+a.W, crisp(bottom))
	g.Call("stroke")

	g.Set("fillStyle", t.Text)
	g.Set("textAlign", "right")
	g.Set("textBaseline", "middle")
	for _, tk := range p.Y.Ticks {
		g.Call("fillText", tk.Label, a.X-6, tk.Pos)
	}
	g.Set("textAlign", "center")
	g.Set("textBaseline", "top")
	for _, tk := range p.X.Ticks {
		g.Call("fillText", tk.Label, tk.Pos, bottom+6)
	}
}
