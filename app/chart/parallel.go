package chart

import (
	"fmt"
	"math"
	"strings"
)

// Dimension is one axis of a parallel-coordinates or scatter plot: a param
// or a metric, with one value per run. A categorical dimension (a param
// whose values are not all numbers) holds each run's index in Categories,
// NaN where a run has no value.
type Dimension struct {
	Name       string
	Values     []float64
	Categories []string // nil for a numeric dimension
}

// Mark names one run of a parallel-coordinates or scatter plot.
type Mark struct {
	Label string
	Color string
}

// Parallel-coordinates layout, in CSS pixels.
const (
	parTop    = 48 // title and axis names
	parBottom = 24 // the lowest tick labels
	parSide   = 60 // room for the outer axes' labels
)

// Parallel draws one vertical axis per dimension and one polyline per run
// across them, as an SVG document. A run's line breaks where it has no
// value. Axes show their extremes (or every category), each on its own
// scale, low values at the bottom. The root carries data-axes and
// data-lines.
func Parallel(title string, dims []Dimension, runs []Mark, width, height float64, t Theme) string {
	var b strings.Builder
	svgDoc(&b, title, width, height, t,
		fmt.Sprintf(` data-axes="%d" data-lines="%d"`, len(dims), len(runs)))
	if len(dims) < 2 {
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle" fill="%s">%s</text></svg>`+"\n",
			num(width/2), num(height/2), esc(t.Muted),
			"Parallel coordinates need two params or metrics with values.")
		return b.String()
	}
	top, bottom := float64(parTop), height-parBottom
	xs := make([]float64, len(dims))
	scales := make([]scale, len(dims))
	for i, d := range dims {
		xs[i] = parSide + float64(i)*(width-2*parSide)/float64(len(dims)-1)
		scales[i] = dimScale(d, bottom, top)
		parAxis(&b, d, xs[i], scales[i], top, bottom, t)
	}
	for r, m := range runs {
		var path strings.Builder
		pen := false
		for i, d := range dims {
			v := value(d, r)
			if !isFinite(v) {
				pen = false
				continue
			}
			cmd := "L"
			if !pen {
				cmd = "M"
			}
			path.WriteString(cmd + num(xs[i]) + " " + num(scales[i].pos(v)))
			pen = true
		}
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="1.5" `+
			`stroke-opacity="0.85"><title>%s</title></path>`+"\n",
			path.String(), esc(m.Color), esc(m.Label))
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// value is run r's value of a dimension, NaN when it has none.
func value(d Dimension, r int) float64 {
	if r >= len(d.Values) {
		return math.NaN()
	}
	return d.Values[r]
}

// dimScale is the scale of one axis: categories spread evenly, numbers
// padded around their range.
func dimScale(d Dimension, p0, p1 float64) scale {
	if d.Categories != nil {
		n := float64(len(d.Categories))
		return scale{-0.5, max(n-0.5, 0.5), p0, p1}
	}
	sc, _ := newScale(d.Values, p0, p1)
	return sc
}

// parAxis draws an axis with its name above it and its labels beside it.
func parAxis(b *strings.Builder, d Dimension, x float64, sc scale, top, bottom float64, t Theme) {
	fmt.Fprintf(b, `<line x1="%s" x2="%[1]s" y1="%s" y2="%s" stroke="%s"/>`+"\n",
		num(x), num(top), num(bottom), esc(t.Muted))
	fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" fill="%s" font-weight="600">%s`+
		`<title>%s</title></text>`+"\n", num(x), num(top-10), esc(t.Text),
		esc(shorten(d.Name, 16)), esc(d.Name))
	tick := func(v float64, text string) {
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="end" fill="%s">%s</text>`+"\n",
			num(x-4), num(sc.pos(v)+4), esc(t.Muted), esc(shorten(text, 10)))
	}
	if d.Categories != nil {
		for i, c := range d.Categories {
			tick(float64(i), c)
		}
		return
	}
	lo, hi, ok := YRange(pointsOf(d.Values))
	if !ok {
		return
	}
	tick(lo, label(lo))
	if hi != lo {
		tick(hi, label(hi))
	}
}

// pointsOf wraps values as points, for the range helpers.
func pointsOf(vs []float64) []Point {
	out := make([]Point, len(vs))
	for i, v := range vs {
		out[i] = Point{0, v}
	}
	return out
}
