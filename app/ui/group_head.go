package ui

import "math"

// groupHead is a group's header row of the runs table, grouped by a
// param, a tag or the datasets (server/api/table_group.go).
type groupHead struct {
	Value string // "" with None set for the runs without a value
	None  bool
	Runs  int
	Aggs  []groupAgg // per column; ok only for metrics some run has
}

// groupAgg is the min, mean and max of a metric's latest values over the
// n runs of a group that have it.
type groupAgg struct {
	min, mean, max float64
	n              int
	ok             bool
}

// key identifies the group among the table's groups: its value, or "\x00"
// (which no key or value MLflow stores holds) for the runs without one.
func (g *groupHead) key() string {
	if g.None {
		return "\x00"
	}
	return g.Value
}

// label is what the header shows for the value.
func (g *groupHead) label() string {
	if g.None {
		return "(none)"
	}
	return g.Value
}

// decodeGroup reads a header row's group value, run count and column
// values.
func decodeGroup(value, runs any, cols []any) *groupHead {
	g := &groupHead{Runs: int(num(runs)), Aggs: make([]groupAgg, len(cols))}
	if s, ok := value.(string); ok {
		g.Value = s
	} else {
		g.None = true
	}
	for i, c := range cols {
		a, ok := c.([]any)
		if !ok || len(a) != 4 {
			continue
		}
		g.Aggs[i] = groupAgg{min: aggNum(a[0]), mean: aggNum(a[1]), max: aggNum(a[2]),
			n: int(num(a[3])), ok: true}
	}
	return g
}

// aggNum reads a number of an aggregate: JSON's, or MLflow's "NaN",
// "Infinity" and "-Infinity".
func aggNum(v any) float64 {
	if c := toCell(v, "metrics."); c.ok && c.text == "" {
		return c.num
	}
	return math.NaN()
}

// collapsedList turns the folded groups' keys into collapsed_groups.
func collapsedList(keys []string) []*string {
	out := make([]*string, len(keys))
	for i, k := range keys {
		if k != "\x00" {
			out[i] = &k
		}
	}
	return out
}
