package chart

import "math"

// Percentiles of the finite values that bound the y-axis when outliers
// are ignored.
const (
	OutlierLow  = 0.05
	OutlierHigh = 0.95
)

// YRange returns the smallest and largest finite Y of pts, and false when
// there is no finite point.
func YRange(pts []Point) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		if finite(p) {
			lo, hi = min(lo, p.Y), max(hi, p.Y)
		}
	}
	return lo, hi, lo <= hi
}

// InnerRange returns the OutlierLow and OutlierHigh percentiles of the
// finite Y values of pts, so that a few wild values do not squash the rest
// of a chart. Percentiles interpolate linearly between the closest ranks,
// as NumPy's default does. It is false when there is no finite point.
func InnerRange(pts []Point) (lo, hi float64, ok bool) {
	ys := make([]float64, 0, len(pts))
	for _, p := range pts {
		if finite(p) {
			ys = append(ys, p.Y)
		}
	}
	if len(ys) == 0 {
		return 0, 0, false
	}
	return percentile(ys, OutlierLow), percentile(ys, OutlierHigh), true
}

// percentile returns the p-quantile of ys (0 <= p <= 1), reordering ys.
func percentile(ys []float64, p float64) float64 {
	rank := p * float64(len(ys)-1)
	k := int(rank)
	v := selectKth(ys, k)
	if frac := rank - float64(k); frac > 0 && k+1 < len(ys) {
		// After selectKth, the next order statistic is the smallest value
		// to the right of k.
		next := ys[k+1]
		for _, y := range ys[k+2:] {
			next = min(next, y)
		}
		return v + frac*(next-v)
	}
	return v
}

// selectKth reorders ys so that ys[k] is the value a sort would put there,
// with nothing larger before it and nothing smaller after it, and returns
// it. It runs in linear expected time (Hoare's quickselect with a
// median-of-three pivot).
func selectKth(ys []float64, k int) float64 {
	lo, hi := 0, len(ys)-1
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		pivot := median3(ys[lo], ys[mid], ys[hi])
		i, j := lo, hi
		for i <= j {
			for ys[i] < pivot {
				i++
			}
			for ys[j] > pivot {
				j--
			}
			if i <= j {
				ys[i], ys[j] = ys[j], ys[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return ys[k]
		}
	}
	return ys[k]
}

func median3(a, b, c float64) float64 {
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	return max(a, b)
}
