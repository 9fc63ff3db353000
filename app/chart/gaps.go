package chart

import "math"

// Gap is a run of consecutive non-finite values in a series: where a line
// breaks.
type Gap struct {
	Start, End int     // indices of the first and last value of the run
	From, To   float64 // their X
	NaN        int     // how many of the values are NaN,
	PosInf     int     // +Inf,
	NegInf     int     // and -Inf
}

// Count is the number of values in the gap.
func (g Gap) Count() int { return g.NaN + g.PosInf + g.NegInf }

// Gaps returns the runs of non-finite values of pts in order.
func Gaps(pts []Point) []Gap {
	var out []Gap
	open := false
	for i, p := range pts {
		if finite(p) {
			open = false
			continue
		}
		if !open {
			out = append(out, Gap{Start: i, From: p.X})
			open = true
		}
		g := &out[len(out)-1]
		g.End, g.To = i, p.X
		switch {
		case math.IsInf(p.Y, 1):
			g.PosInf++
		case math.IsInf(p.Y, -1):
			g.NegInf++
		default:
			g.NaN++
		}
	}
	return out
}

// splitAtGaps cuts the kept indices of a line into runs that no gap falls
// inside. gaps must be those of the same points.
func splitAtGaps(kept []int, gaps []Gap) [][]int {
	if len(kept) == 0 {
		return nil
	}
	var out [][]int
	start, g := 0, 0
	for k := 1; k < len(kept); k++ {
		for g < len(gaps) && gaps[g].End < kept[k-1] {
			g++
		}
		if g < len(gaps) && gaps[g].Start < kept[k] {
			out = append(out, kept[start:k])
			start = k
		}
	}
	return append(out, kept[start:])
}
