package chart

import "math"

// LTTB picks at most n points of pts with Steinarsson's
// largest-triangle-three-buckets method and returns their indices in
// increasing order. pts must be sorted by X. Points with a non-finite
// coordinate are never picked and never weigh on a choice; the first and
// the last finite points are always kept. When pts holds n finite points or
// fewer, all of them are returned. n < 1 or no finite point gives nil.
//
// The interior between the first and last finite points is cut into n-2
// buckets of equal index width; each bucket keeps the point that makes the
// largest triangle with the point kept before it and the mean of the next
// bucket. A bucket without a finite point keeps nothing, so the result may
// be shorter than n.
func LTTB(pts []Point, n int) []int {
	first, last, count := finiteBounds(pts)
	if count == 0 || n < 1 {
		return nil
	}
	if count <= n {
		out := make([]int, 0, count)
		for i := first; i <= last; i++ {
			if finite(pts[i]) {
				out = append(out, i)
			}
		}
		return out
	}
	if n == 1 {
		return []int{first}
	}
	out := make([]int, 1, n)
	out[0] = first
	buckets := n - 2
	bounds := func(b int) (int, int) {
		inner := last - first - 1
		return first + 1 + b*inner/buckets, first + 1 + (b+1)*inner/buckets
	}
	a := pts[first]
	for b := 0; b < buckets; b++ {
		lo, hi := bounds(b)
		next := pts[last]
		if b+1 < buckets {
			nlo, nhi := bounds(b + 1)
			if m, ok := mean(pts[nlo:nhi]); ok {
				next = m
			}
		}
		if i := largestTriangle(pts, lo, hi, a, next); i >= 0 {
			out = append(out, i)
			a = pts[i]
		}
	}
	return append(out, last)
}

// finiteBounds returns the indices of the first and last finite points
// and how many finite points there are.
func finiteBounds(pts []Point) (first, last, count int) {
	first, last = -1, -1
	for i, p := range pts {
		if finite(p) {
			if first < 0 {
				first = i
			}
			last = i
			count++
		}
	}
	return first, last, count
}

// mean is the centroid of the finite points of a bucket.
func mean(pts []Point) (Point, bool) {
	var sx, sy float64
	n := 0
	for _, p := range pts {
		if finite(p) {
			sx += p.X
			sy += p.Y
			n++
		}
	}
	if n == 0 {
		return Point{}, false
	}
	return Point{sx / float64(n), sy / float64(n)}, true
}

// largestTriangle returns the index in [lo, hi) of the finite point that
// makes the largest triangle with a and c, or -1 when there is none.
func largestTriangle(pts []Point, lo, hi int, a, c Point) int {
	best, bestArea := -1, -1.0
	for i := lo; i < hi; i++ {
		p := pts[i]
		if !finite(p) {
			continue
		}
		// Twice the area; only the order matters.
		area := math.Abs((a.X-c.X)*(p.Y-a.Y) - (a.X-p.X)*(c.Y-a.Y))
		if area > bestArea || best < 0 {
			best, bestArea = i, area
		}
	}
	return best
}
