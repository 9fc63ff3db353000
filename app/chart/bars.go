package chart

import (
	"fmt"
	"strings"
)

// Bar is one bar of a bar chart: a run's latest value of a metric.
type Bar struct {
	Label string // the run's name
	Value float64
	Color string
}

// Bar chart layout, in CSS pixels.
const (
	barRow    = 22  // height of one bar's row
	barTop    = 44  // title and value axis above the bars
	barLabelW = 150 // room for the labels left of the bars
	barValueW = 70  // room for the values right of the bars
)

// BarsHeight is the height of the bar chart of n bars.
func BarsHeight(n int) float64 { return barTop + float64(n)*barRow + 8 }

// Bars draws horizontal bars of the values, one row each in the given
// order, from a zero line (or from the smallest value when all are far from
// zero), as an SVG document width pixels wide. Non-finite values get a
// row with their text and no bar. The root carries data-bars, the number
// of bars drawn.
func Bars(title string, bars []Bar, width float64, t Theme) string {
	var b strings.Builder
	h := BarsHeight(len(bars))
	vals := make([]float64, len(bars))
	drawn := 0
	for i, br := range bars {
		vals[i] = br.Value
		if isFinite(br.Value) {
			drawn++
		}
	}
	svgDoc(&b, title, width, h, t, fmt.Sprintf(` data-bars="%d"`, drawn))
	x0, x1 := float64(barLabelW), max(width-barValueW, barLabelW+40)
	sc, ok := barScale(vals, x0, x1)
	if ok {
		for _, tk := range LinearTicks(sc.lo, sc.hi, max(2, int((x1-x0)/80))) {
			x := sc.pos(tk.Value)
			fmt.Fprintf(&b, `<line x1="%s" x2="%[1]s" y1="%s" y2="%s" stroke="%s"/>`+"\n",
				num(x), num(barTop-6), num(h-8), esc(t.Grid))
			fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle" fill="%s">%s</text>`+"\n",
				num(x), num(barTop-10), esc(t.Muted), esc(tk.Label))
		}
	}
	base := sc.pos(max(sc.lo, min(0, sc.hi)))
	for i, br := range bars {
		y := barTop + float64(i)*barRow
		fmt.Fprintf(&b, `<text x="%d" y="%s" text-anchor="end" fill="%s">%s<title>%s</title></text>`+"\n",
			barLabelW-8, num(y+barRow/2+4), esc(t.Text), esc(shorten(br.Label, 22)), esc(br.Label))
		if !isFinite(br.Value) {
			fmt.Fprintf(&b, `<text x="%s" y="%s" fill="%s">%v</text>`+"\n",
				num(x0+4), num(y+barRow/2+4), esc(t.Muted), br.Value)
			continue
		}
		x := sc.pos(br.Value)
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%d" fill="%s">`+
			`<title>%s: %s</title></rect>`+"\n",
			num(min(x, base)), num(y+3), num(max(abs(x-base), 1)), barRow-6, esc(br.Color),
			esc(br.Label), esc(exact(br.Value)))
		fmt.Fprintf(&b, `<text x="%s" y="%s" fill="%s" font-family="monospace">%s</text>`+"\n",
			num(max(x, base)+4), num(y+barRow/2+4), esc(t.Text), esc(label(br.Value)))
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// barScale includes zero when the values are near it, so that bar
// lengths compare.
func barScale(vals []float64, p0, p1 float64) (scale, bool) {
	sc, ok := newScale(vals, p0, p1)
	if !ok {
		return sc, false
	}
	span := sc.hi - sc.lo
	if sc.lo > 0 && sc.lo < 2*span {
		sc.lo = 0
	}
	if sc.hi < 0 && -sc.hi < 2*span {
		sc.hi = 0
	}
	return sc, true
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// exact writes every digit of v.
func exact(v float64) string { return fmt.Sprint(v) }
