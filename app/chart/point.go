package chart

import "sort"

// Point is one value of a series: X in the units of the x-axis mode (a
// step, or epoch or relative milliseconds) and Y the value as logged, which
// may be NaN or infinite.
type Point struct{ X, Y float64 }

// finite reports whether both coordinates of p are ordinary numbers.
func finite(p Point) bool {
	// v-v is 0 for every number and NaN for NaN and the infinities; one
	// comparison instead of four keeps LTTB's loops fast.
	return (p.X-p.X)+(p.Y-p.Y) == 0
}

// search returns the index of the first point whose X is at least x (more
// than x when after is set), or len(pts) when there is none. pts must be
// sorted by X.
func search(pts []Point, x float64, after bool) int {
	return sort.Search(len(pts), func(i int) bool {
		return pts[i].X > x || !after && pts[i].X == x
	})
}

// Nearest returns the index of the point whose X is closest to x, the
// earlier one on a tie, or -1 when pts is empty. pts must be sorted by X.
func Nearest(pts []Point, x float64) int {
	if len(pts) == 0 {
		return -1
	}
	i := search(pts, x, false)
	switch {
	case i == 0:
		return 0
	case i == len(pts):
		return len(pts) - 1
	}
	if x-pts[i-1].X <= pts[i].X-x {
		// Several points may share the previous X: report the first.
		return search(pts, pts[i-1].X, false)
	}
	return i
}
