package search

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"mlscope/app/mlflow"
)

// SortRuns orders runs in place as MLflow's file store does: by the keys,
// the first most significant, on top of the base order (start_time
// descending, then run_id ascending). Runs missing a key come after all
// others in both directions, with NaN metric values just before them.
// Runs equal on everything keep their relative order.
func SortRuns(runs []*mlflow.Run, keys []OrderKey) {
	s := newRunSorter(keys, len(runs))
	hints := make([]int, len(keys))
	for i, r := range runs {
		s.set(i, r, hints)
	}
	permute(runs, s.order(len(runs)))
}

// SortExperiments orders experiments in place by the keys, as the file
// store does, with experiment_id descending as the last tiebreak unless a
// key already orders by it. Experiments missing a time come last in both
// directions. With no keys, DefaultExperimentOrderBy applies.
func SortExperiments(exps []*mlflow.Experiment, keys []OrderKey) {
	if len(keys) == 0 {
		keys, _ = ParseExperimentOrderBy(nil)
	}
	hasID := false
	for _, k := range keys {
		hasID = hasID || k.Key == "experiment_id"
	}
	if !hasID {
		keys = append(keys[:len(keys):len(keys)], OrderKey{KindAttribute, "experiment_id", false})
	}
	cols := make([]column, len(keys))
	for k, key := range keys {
		cols[k] = expColumn(exps, key)
	}
	permute(exps, sortedOrder(len(exps), cols))
}

// column holds one sort key's values for every item, in one of f, i or
// s. rank is 0 for a value, 1 for NaN and 2 for a missing value.
type column struct {
	desc bool
	rank []uint8
	f    []float64
	i    []int64
	s    []string
}

// compare orders items a and b by the column: values first (in the
// column's direction), then NaN, then missing values.
func (c *column) compare(a, b int32) int {
	if ra, rb := c.rank[a], c.rank[b]; ra != rb || ra != 0 {
		return int(ra) - int(rb)
	}
	var r int
	switch {
	case c.f != nil:
		r = cmp.Compare(c.f[a], c.f[b])
	case c.i != nil:
		r = cmp.Compare(c.i[a], c.i[b])
	default:
		r = strings.Compare(c.s[a], c.s[b])
	}
	if c.desc {
		return -r
	}
	return r
}

// sortedOrder returns the indexes of n items sorted by the columns, then
// by index, which makes the order total and so the sort stable. The first
// column is packed into an integer key beside each index, so that most
// comparisons read neither the columns nor the items.
func sortedOrder(n int, cols []column) []int32 {
	type item struct {
		key  uint64
		rank uint8
		idx  int32
	}
	items := make([]item, n)
	from := 0 // the first column that compare must still look at
	if len(cols) > 0 {
		c := &cols[0]
		for i := range items {
			items[i] = item{c.packed(i), c.rank[i], int32(i)}
		}
		if c.s == nil { // numbers pack exactly; strings only by prefix
			from = 1
		}
	} else {
		for i := range items {
			items[i].idx = int32(i)
		}
	}
	slices.SortFunc(items, func(a, b item) int {
		if a.rank != b.rank {
			return int(a.rank) - int(b.rank)
		}
		if a.key != b.key {
			return cmp.Compare(a.key, b.key)
		}
		for k := from; k < len(cols); k++ {
			if c := cols[k].compare(a.idx, b.idx); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.idx, b.idx)
	})
	order := make([]int32, n)
	for i, it := range items {
		order[i] = it.idx
	}
	return order
}

// packed maps item i's value to an integer that sorts as the value does
// in the column's direction: exactly for numbers, by the first eight bytes
// for strings. Missing and NaN values pack to 0 (rank orders them).
func (c *column) packed(i int) uint64 {
	if c.rank[i] != 0 {
		return 0
	}
	var k uint64
	switch {
	case c.f != nil:
		v := c.f[i]
		if v == 0 {
			v = 0 // -0 sorts as 0
		}
		k = math.Float64bits(v)
		if k>>63 == 1 {
			k = ^k
		} else {
			k |= 1 << 63
		}
	case c.i != nil:
		k = uint64(c.i[i]) ^ 1<<63
	default:
		s := c.s[i]
		for j := range 8 {
			k <<= 8
			if j < len(s) {
				k |= uint64(s[j])
			}
		}
	}
	if c.desc {
		k = ^k
	}
	return k
}

// permute rearranges items so that items[i] becomes the old items[order[i]].
func permute[T any](items []T, order []int32) {
	old := slices.Clone(items)
	for i, j := range order {
		items[i] = old[j]
	}
}

// expColumn extracts one order key from every experiment.
func expColumn(exps []*mlflow.Experiment, key OrderKey) column {
	c := column{desc: !key.Ascending, rank: make([]uint8, len(exps))}
	switch key.Key {
	case "creation_time", "last_update_time":
		c.i = make([]int64, len(exps))
		for i, e := range exps {
			v := e.CreationTime
			if key.Key == "last_update_time" {
				v = e.LastUpdateTime
			}
			c.i[i], c.rank[i] = v, rankOf(v != 0, false)
		}
	default:
		c.s = make([]string, len(exps))
		for i, e := range exps {
			c.s[i] = e.Name
			if key.Key == "experiment_id" {
				c.s[i] = e.ExperimentID
			}
		}
	}
	return c
}

func rankOf(present, nan bool) uint8 {
	switch {
	case !present:
		return 2
	case nan:
		return 1
	}
	return 0
}
