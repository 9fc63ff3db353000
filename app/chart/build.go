package chart

import (
	"math"
	"time"
)

// Spec says what to draw and how.
type Spec struct {
	Title         string
	Width, Height float64 // of the whole chart, in CSS pixels
	Series        []Series
	XMode         XMode // the mode the series were built in; picks the ticks
	YLog          bool
	Smoothing     float64 // 0 (none) to MaxSmoothing
	// IgnoreOutliers bounds the y-axis by the OutlierLow and OutlierHigh
	// percentiles of each series instead of its extremes.
	IgnoreOutliers bool
	// XMin and XMax zoom the x-axis when XMin < XMax.
	XMin, XMax float64
	// YMin and YMax fix the y-axis, in the values' units, when YMin <
	// YMax (and, on a log scale, YMin > 0): the user's manual range.
	YMin, YMax float64
	Location   *time.Location // of wall-time labels; nil means time.Local
	// Palette colours the series that have no Color, in turn; nil means
	// the package's Palette.
	Palette []string
}

// markerLimit is how many values a series may have in view and still get
// a marker on each point.
const markerLimit = 50

// dimOpacity is how much of its opacity a dimmed series keeps.
const dimOpacity = 0.2

// view is the part of a series that a plot shows: the values inside the x
// range and one neighbour on each side, so that lines run to the edges.
type view struct {
	raw, smooth []Point // Y in scale units; smooth is nil without smoothing
	in0, in1    int     // raw[in0:in1] lies inside the x range
	gaps        []Gap   // runs of non-finite logged values in the range
	nonPos      int     // values a log scale leaves out
}

// Build lays out the series of s as a Plot. It never fails: when there is
// nothing to draw, Plot.Empty says why.
func Build(s Spec) Plot {
	p := Plot{Title: s.Title, Width: s.Width, Height: s.Height, XMode: s.XMode}
	xlo, xhi, ok := xExtent(s)
	if !ok {
		p.Empty = "No values logged yet."
		return p
	}
	views := make([]view, len(s.Series))
	for i, sr := range s.Series {
		views[i] = newView(sr, xlo, xhi, s)
		p.Total += views[i].in1 - views[i].in0
	}
	ylo, yhi, ok := yExtent(views, s.IgnoreOutliers)
	if !ok {
		p.Empty = emptyReason(p.Total, s)
		return p
	}
	ylo, yhi = pad(ylo, yhi, s.YLog)
	if lo, hi, fixed := manualY(s); fixed {
		ylo, yhi = lo, hi
	}
	p.layout(xlo, xhi, ylo, yhi, s)
	var faint, main []Line
	for i, sr := range s.Series {
		if sr.Color == "" {
			sr.Color = pick(s.Palette, i)
		}
		f, m := p.seriesLines(i, sr, views[i])
		if sr.Dim {
			for j := range f {
				f[j].Opacity *= dimOpacity
			}
			m.Opacity *= dimOpacity
			faint = append(append(faint, f...), m)
			continue
		}
		faint, main = append(faint, f...), append(main, m)
	}
	p.Lines = append(faint, main...)
	p.addGaps(views, s)
	return p
}

// xExtent is the zoomed range, or else the X range of all points.
func xExtent(s Spec) (lo, hi float64, ok bool) {
	if s.XMin < s.XMax {
		return s.XMin, s.XMax, true
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, sr := range s.Series {
		if n := len(sr.Points); n > 0 {
			lo, hi = min(lo, sr.Points[0].X), max(hi, sr.Points[n-1].X)
		}
	}
	if lo > hi {
		return 0, 0, false
	}
	if lo == hi {
		d := 1.0 // one step (or unit of the x metric) on either side of a lone value
		if s.XMode == XWallTime || s.XMode == XRelative {
			d = msSecond
		}
		lo, hi = lo-d, hi+d
	}
	return lo, hi, true
}

func newView(sr Series, xlo, xhi float64, s Spec) view {
	pts := sr.Points
	i0, i1 := search(pts, xlo, false), search(pts, xhi, true)
	a, b := max(i0-1, 0), min(i1+1, len(pts))
	v := view{raw: pts[a:b], in0: i0 - a, in1: i1 - a, gaps: Gaps(pts[i0:i1])}
	if s.Smoothing > 0 {
		// The average only looks back, so later points need not be smoothed.
		v.smooth = Smooth(pts[:b], s.Smoothing)[a:]
	}
	if s.YLog {
		for _, p := range pts[i0:i1] {
			if finite(p) && p.Y <= 0 {
				v.nonPos++
			}
		}
		v.raw, v.smooth = toLog(v.raw), toLog(v.smooth)
	}
	return v
}

// toLog returns pts with log10 of each Y: values not above zero become
// non-finite and so gaps.
func toLog(pts []Point) []Point {
	if pts == nil {
		return nil
	}
	out := make([]Point, len(pts))
	for i, p := range pts {
		out[i] = Point{p.X, math.Log10(p.Y)}
	}
	return out
}

// manualY is the y range the user set, in scale units, when it is usable.
func manualY(s Spec) (lo, hi float64, ok bool) {
	if !(s.YMin < s.YMax) || math.IsInf(s.YMin, 0) || math.IsInf(s.YMax, 0) {
		return 0, 0, false
	}
	if !s.YLog {
		return s.YMin, s.YMax, true
	}
	if s.YMin <= 0 {
		return 0, 0, false
	}
	return math.Log10(s.YMin), math.Log10(s.YMax), true
}

// yExtent is the range of the values in view over all series; when a zoom
// leaves no value inside the range, the neighbours outside count.
func yExtent(views []view, inner bool) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range views {
		pts := v.raw[v.in0:v.in1]
		if _, _, found := YRange(pts); !found {
			pts = v.raw
		}
		r := YRange
		if inner {
			r = InnerRange
		}
		if l, h, found := r(pts); found {
			lo, hi, ok = min(lo, l), max(hi, h), true
		}
	}
	return lo, hi, ok
}

// pad widens a value range by 5% on each side, or around a single value.
func pad(lo, hi float64, log bool) (float64, float64) {
	d := (hi - lo) * 0.05
	if d == 0 {
		d = math.Abs(lo) * 0.1
		if log || d == 0 {
			d = 0.5 // half a decade on a log scale
		}
	}
	return lo - d, hi + d
}

func emptyReason(total int, s Spec) string {
	switch {
	case total == 0:
		return "No values in this range."
	case s.YLog:
		return "No positive finite values to show on a log scale."
	}
	return "All values in this range are NaN or infinite."
}

// pick returns the i-th colour of a palette, starting over at its end.
func pick(palette []string, i int) string {
	if len(palette) == 0 {
		palette = Palette
	}
	return palette[i%len(palette)]
}
