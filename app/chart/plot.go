package chart

import "math"

// Plot is a laid-out chart: everything a renderer draws, in pixels of a
// Width × Height box with the origin at the top left. A canvas drawer and
// SVG both read it; neither decides anything about the data.
type Plot struct {
	Title         string
	Width, Height float64
	Area          Rect // the plotting area inside the axes
	XMode         XMode
	X, Y          Axis
	Lines         []Line // in drawing order, faint lines first
	Bands         []Band // where non-finite values were logged
	Legend        []LegendItem
	Notes         []Note
	// Empty says why nothing could be drawn; "" when there are lines.
	Empty string
	// Drawn counts the points of all lines after downsampling, and Total
	// the logged values in the x range, non-finite ones included.
	Drawn, Total int
}

// Rect is a rectangle in pixels.
type Rect struct{ X, Y, W, H float64 }

// Vec is a position in pixels.
type Vec struct{ X, Y float64 }

// Axis is the scale of one axis. Min and Max are the data values at the
// two ends of the plotting area; on a logarithmic axis both are positive.
type Axis struct {
	Min, Max float64
	Log      bool
	Ticks    []Tick
	// lo and hi are Min and Max as the scale sees them (log10 on a
	// logarithmic axis); p0 and p1 are their pixel positions.
	lo, hi, p0, p1 float64
}

// Pos returns the pixel position of the data value v, NaN when v cannot
// be shown (not positive on a logarithmic axis).
func (a Axis) Pos(v float64) float64 {
	if a.Log {
		if !(v > 0) {
			return math.NaN()
		}
		v = math.Log10(v)
	}
	return a.pos(v)
}

// pos places a value already in the scale's units.
func (a Axis) pos(u float64) float64 {
	if a.hi == a.lo {
		return (a.p0 + a.p1) / 2
	}
	return a.p0 + (u-a.lo)/(a.hi-a.lo)*(a.p1-a.p0)
}

// Value returns the data value at pixel position px; the inverse of Pos.
func (a Axis) Value(px float64) float64 {
	u := a.lo
	if a.p1 != a.p0 {
		u = a.lo + (px-a.p0)/(a.p1-a.p0)*(a.hi-a.lo)
	}
	if a.Log {
		return math.Pow(10, u)
	}
	return u
}

// Line is one drawn line of a series: polylines broken where values were
// missing, to be clipped to the plotting area, and markers on its points
// when the series is short, all inside the area.
type Line struct {
	Series  int // index of the series in the Legend
	Color   string
	Width   float64 // stroke width in pixels
	Opacity float64 // 0 to 1; a raw line under a smoothed one is faint
	Paths   [][]Vec
	Markers []Vec
}

// Band is the horizontal extent, in pixels, of a run of non-finite values.
type Band struct{ X0, X1 float64 }

// Note is a plain-language remark about what a plot leaves out.
type Note struct {
	Text string
	Gaps bool // about non-finite values, which Bands mark
}

// LegendItem names a series and its colour.
type LegendItem struct {
	Label string
	Color string
}

// Palette is the Okabe-Ito colour-blind-safe set, without its black, in
// the order series get their colours.
var Palette = []string{
	"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
}
