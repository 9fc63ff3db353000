package chart

import (
	"math"
	"strconv"
	"strings"
)

// PathData writes polylines as SVG path data, "M10 20.5L11 19…", with
// coordinates rounded to a tenth of a pixel; a canvas Path2D reads the
// same text. A lone point becomes a tiny segment, so that a line drawn
// with round caps still shows it as a dot.
func PathData(paths [][]Vec) string {
	var b strings.Builder
	for _, path := range paths {
		for i, v := range path {
			if i == 0 {
				b.WriteByte('M')
			} else {
				b.WriteByte('L')
			}
			b.WriteString(num(v.X))
			b.WriteByte(' ')
			b.WriteString(num(v.Y))
		}
		if len(path) == 1 {
			b.WriteString("h0.01")
		}
	}
	return b.String()
}

// num writes a pixel coordinate to a tenth of a pixel.
func num(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// MarkerData writes a circle of radius r around each position as SVG path
// data, so that a renderer fills all markers of a line at once.
func MarkerData(vs []Vec, r float64) string {
	var b strings.Builder
	d, rs := num(2*r), num(r)
	for _, v := range vs {
		// Two half-circle arcs from the leftmost point of the circle.
		b.WriteString("M" + num(v.X-r) + " " + num(v.Y))
		b.WriteString("a" + rs + " " + rs + " 0 1 0 " + d + " 0")
		b.WriteString("a" + rs + " " + rs + " 0 1 0 -" + d + " 0")
	}
	return b.String()
}
