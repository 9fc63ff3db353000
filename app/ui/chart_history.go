package ui

import (
	"cmp"
	"slices"

	"mlscope/app/chart"
	"mlscope/app/mlflow"
)

// This file holds the pure bookkeeping of a chart's values: an overview of
// the whole history, the detail of a zoomed range, and values pushed by
// the live stream.

// laterValue orders values by step, then timestamp: the order the bulk
// endpoints send them in.
func laterValue(a, b mlflow.Metric) int {
	if c := cmp.Compare(a.Step, b.Step); c != 0 {
		return c
	}
	return cmp.Compare(a.Timestamp, b.Timestamp)
}

// withDetail returns the overview with the values of the detail's range
// replaced by the detail's, so that a zoomed chart draws every value it
// has in view and still has the rest to unzoom to. Neither input is
// changed.
func withDetail(overview, detail []mlflow.Metric, r stepRange) []mlflow.Metric {
	if !r.Set {
		return overview
	}
	out := make([]mlflow.Metric, 0, len(overview)+len(detail))
	i := 0
	for ; i < len(overview) && overview[i].Step < r.From; i++ {
		out = append(out, overview[i])
	}
	out = append(out, detail...)
	for ; i < len(overview); i++ {
		if overview[i].Step > r.To {
			out = append(out, overview[i])
		}
	}
	return out
}

// appendLive adds values pushed by the live stream after the last one
// held; values not later than it (already loaded) are dropped. held is
// not changed.
func appendLive(held, pushed []mlflow.Metric) []mlflow.Metric {
	out := slices.Clip(held)
	for _, m := range pushed {
		if len(out) == 0 || laterValue(m, out[len(out)-1]) > 0 {
			out = append(out, m)
		}
	}
	return out
}

// zoomSteps turns a zoomed x range (in the units of the series' mode)
// into the range of steps to load: from the last value before it to the
// first after it in any series, so that lines reach the edges. ok is false
// when no series has values.
func zoomSteps(series []chart.Series, lo, hi float64) (stepRange, bool) {
	r := stepRange{}
	for _, s := range series {
		n := len(s.Points)
		if n == 0 {
			continue
		}
		i := chart.Nearest(s.Points, lo)
		for i > 0 && s.Points[i].X > lo {
			i--
		}
		j := chart.Nearest(s.Points, hi)
		for j < n-1 && s.Points[j].X < hi {
			j++
		}
		a, b := min(s.Steps[i], s.Steps[j]), max(s.Steps[i], s.Steps[j])
		if !r.Set {
			r = stepRange{a, b, true}
			continue
		}
		r.From, r.To = min(r.From, a), max(r.To, b)
	}
	return r, r.Set
}

// covers reports whether r holds all of want.
func (r stepRange) covers(want stepRange) bool {
	return r.Set && want.Set && r.From <= want.From && r.To >= want.To
}
