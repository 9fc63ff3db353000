package chart

import (
	"cmp"
	"slices"

	"mlscope/app/mlflow"
)

// XMode is what the x-axis measures.
type XMode int

// The x-axis modes MLflow's charts offer.
const (
	XStep     XMode = iota // the logged step
	XWallTime              // the timestamp, in epoch milliseconds
	XRelative              // milliseconds since the series' first value
	XMetric                // another metric's value at the same step
)

var xModeNames = [...]string{XStep: "step", XWallTime: "wall", XRelative: "relative",
	XMetric: "metric"}

// String returns "step", "wall", "relative" or "metric", the spelling
// ParseXMode reads.
func (m XMode) String() string {
	if m < 0 || int(m) >= len(xModeNames) {
		return "step"
	}
	return xModeNames[m]
}

// ParseXMode reads a mode written by String; anything else is XStep.
func ParseXMode(s string) XMode {
	for m, n := range xModeNames {
		if n == s {
			return XMode(m)
		}
	}
	return XStep
}

// Series is one metric of one run, sorted by X. Steps and Times hold the
// step and epoch-millisecond timestamp of each point, so that a hovered
// point can be reported exactly in every mode; Start is the earliest
// timestamp, where relative time counts from.
type Series struct {
	Name  string
	Color string // a CSS colour; Build picks one from Palette when empty
	// Dim draws the series faint and beneath the others, as when another
	// series is highlighted.
	Dim    bool
	Points []Point
	Steps  []int64
	Times  []int64
	Start  int64
}

// FromMetrics builds the series of one metric's history in the given x
// mode. Values are ordered by step then timestamp (by timestamp then step in
// the time modes), keeping the logging order of exact ties. It does not
// check that the values share one key.
func FromMetrics(name string, ms []mlflow.Metric, mode XMode) Series {
	order := make([]int32, len(ms))
	for i := range order {
		order[i] = int32(i)
	}
	less := func(a, b int32) int { return compareStep(ms[a], ms[b]) }
	if mode != XStep {
		less = func(a, b int32) int { return compareTime(ms[a], ms[b]) }
	}
	// Histories are nearly always logged in order: check before sorting.
	if !slices.IsSortedFunc(order, less) {
		slices.SortStableFunc(order, less)
	}
	s := Series{
		Name:   name,
		Points: make([]Point, len(ms)),
		Steps:  make([]int64, len(ms)),
		Times:  make([]int64, len(ms)),
	}
	for i, m := range ms {
		if i == 0 || m.Timestamp < s.Start {
			s.Start = m.Timestamp
		}
	}
	for i, j := range order {
		m := ms[j]
		x := float64(m.Step)
		switch mode {
		case XWallTime:
			x = float64(m.Timestamp)
		case XRelative:
			x = float64(m.Timestamp - s.Start)
		}
		s.Points[i] = Point{X: x, Y: float64(m.Value)}
		s.Steps[i], s.Times[i] = m.Step, m.Timestamp
	}
	return s
}

func compareStep(a, b mlflow.Metric) int {
	if a.Step != b.Step {
		return cmp.Compare(a.Step, b.Step)
	}
	return cmp.Compare(a.Timestamp, b.Timestamp)
}

func compareTime(a, b mlflow.Metric) int {
	if a.Timestamp != b.Timestamp {
		return cmp.Compare(a.Timestamp, b.Timestamp)
	}
	return cmp.Compare(a.Step, b.Step)
}

// AgainstMetric builds the series of a metric's history ys drawn against
// another metric's history xs of the same run: each step where both were
// logged gives a point at (x value, y value), the last value logged of
// each at that step. Points are sorted by x (then step), as plots and
// reduction need; Steps and Times are those of the y values.
func AgainstMetric(name string, ys, xs []mlflow.Metric) Series {
	xAt := make(map[int64]mlflow.Metric, len(xs))
	for _, m := range xs {
		if old, ok := xAt[m.Step]; !ok || m.Timestamp >= old.Timestamp {
			xAt[m.Step] = m
		}
	}
	yAt := make(map[int64]mlflow.Metric, len(ys))
	for _, m := range ys {
		if old, ok := yAt[m.Step]; !ok || m.Timestamp >= old.Timestamp {
			yAt[m.Step] = m
		}
	}
	type pair struct {
		x float64
		y mlflow.Metric
	}
	pairs := make([]pair, 0, min(len(xAt), len(yAt)))
	for step, y := range yAt {
		if x, ok := xAt[step]; ok && finite(Point{X: float64(x.Value), Y: 0}) {
			pairs = append(pairs, pair{float64(x.Value), y})
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := cmp.Compare(a.x, b.x); c != 0 {
			return c
		}
		return cmp.Compare(a.y.Step, b.y.Step)
	})
	s := Series{Name: name, Points: make([]Point, len(pairs)), Steps: make([]int64, len(pairs)),
		Times: make([]int64, len(pairs))}
	for i, p := range pairs {
		s.Points[i] = Point{X: p.x, Y: float64(p.y.Value)}
		s.Steps[i], s.Times[i] = p.y.Step, p.y.Timestamp
		if i == 0 || p.y.Timestamp < s.Start {
			s.Start = p.y.Timestamp
		}
	}
	return s
}
