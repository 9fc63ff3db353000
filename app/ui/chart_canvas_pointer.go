package ui

import (
	"math"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/chart"
)

// minZoomDrag is how far, in pixels, a drag must go to zoom; shorter ones
// are clicks.
const minZoomDrag = 5

// This file holds ChartCanvas's pointer handling: hover, drag to zoom,
// double click to reset, and the overlays they show.

func (c *ChartCanvas) onDown(ctx app.Context, e app.Event) {
	x := e.Get("offsetX").Float()
	a := c.plot.Area
	if c.plot.Empty != "" || e.Get("button").Int() != 0 || x < a.X || x > a.X+a.W {
		return
	}
	c.drag = &[2]float64{x, x}
	// Keep receiving moves when the pointer leaves the canvas mid-drag.
	ctx.JSSrc().Call("setPointerCapture", e.Get("pointerId"))
}

func (c *ChartCanvas) onMove(ctx app.Context, e app.Event) {
	x := e.Get("offsetX").Float()
	if c.drag != nil {
		c.drag[1] = x
		return
	}
	c.hoverAt(x)
}

func (c *ChartCanvas) onUp(ctx app.Context, e app.Event) {
	if c.drag == nil {
		return
	}
	lo, hi := c.dragSpan()
	c.drag = nil
	if hi-lo < minZoomDrag {
		// A click or a tap: show the values there, as hovering does on
		// screens without hover.
		c.hoverAt(e.Get("offsetX").Float())
		return
	}
	c.zoom = [2]float64{c.plot.X.Value(lo), c.plot.X.Value(hi)}
	c.draw()
	if c.OnZoom != nil {
		c.OnZoom(ctx, c.zoom[0], c.zoom[1])
	}
}

func (c *ChartCanvas) onLeave(ctx app.Context, e app.Event) {
	if c.drag == nil {
		c.hovering = false
	}
}

func (c *ChartCanvas) onReset(ctx app.Context, e app.Event) {
	if c.zoom != [2]float64{} {
		c.zoom = [2]float64{}
		c.draw()
		if c.OnZoom != nil {
			c.OnZoom(ctx, 0, 0)
		}
	}
}

// dragSpan is the dragged x range, ordered and kept inside the plotting
// area.
func (c *ChartCanvas) dragSpan() (lo, hi float64) {
	a := c.plot.Area
	clamp := func(v float64) float64 { return min(max(v, a.X), a.X+a.W) }
	lo, hi = clamp(c.drag[0]), clamp(c.drag[1])
	return min(lo, hi), max(lo, hi)
}

// hoverAt shows the values nearest to pixel x, or hides the crosshair
// when x is outside the plotting area.
func (c *ChartCanvas) hoverAt(x float64) {
	a := c.plot.Area
	if c.plot.Empty != "" || x < a.X || x > a.X+a.W {
		c.hovering = false
		return
	}
	c.hoverValue(c.plot.X.Value(x))
}

// hoverValue finds, in every series, the value nearest to x in data units
// and puts the crosshair on the first series' one.
func (c *ChartCanvas) hoverValue(at float64) {
	a := c.plot.Area
	c.hovering, c.hoverAtX = false, at
	c.readouts = c.readouts[:0]
	for n, s := range c.Data.Series {
		i := chart.Nearest(s.Points, at)
		if i < 0 {
			continue
		}
		c.readouts = append(c.readouts, readoutAt(s, i))
		if n == 0 {
			p := s.Points[i]
			c.cross = chart.Vec{X: c.plot.X.Pos(p.X), Y: c.plot.Y.Pos(p.Y)}
			c.hovering = c.cross.X >= a.X && c.cross.X <= a.X+a.W
			if !(c.cross.Y >= a.Y && c.cross.Y <= a.Y+a.H) {
				c.cross.Y = math.NaN() // off the chart: no dot
			}
		}
	}
}

// crosshair is the vertical line and dot on the hovered value, or nil.
func (c *ChartCanvas) crosshair() app.UI {
	if !c.hovering {
		return nil
	}
	a := c.plot.Area
	line := app.Div().Class("chart-crosshair").
		Style("left", px(c.cross.X)).Style("top", px(a.Y)).Style("height", px(a.H))
	return app.Div().Class("chart-hover").Body(line,
		app.If(!math.IsNaN(c.cross.Y), app.Div().Class("chart-dot").
			Style("left", px(c.cross.X)).Style("top", px(c.cross.Y))))
}

// zoomBand shades the range being dragged across, or is nil.
func (c *ChartCanvas) zoomBand() app.UI {
	if c.drag == nil {
		return nil
	}
	a := c.plot.Area
	lo, hi := c.dragSpan()
	return app.Div().Class("chart-zoom-band").Style("left", px(lo)).
		Style("width", px(hi-lo)).Style("top", px(a.Y)).Style("height", px(a.H))
}
