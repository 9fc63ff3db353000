package search

import (
	"math"

	"mlscope/app/mlflow"
)

// runSorter holds the sort values of n runs in arrays indexed like the
// runs, so that a search can read each run's values while the run is still
// in cache, and several goroutines can fill disjoint parts.
type runSorter struct {
	keys  []OrderKey
	cols  []column
	start []int64
	ids   []string
}

// newRunSorter makes a sorter for n runs. Metrics sort as floats, start
// and end times as integers, everything else as strings.
func newRunSorter(keys []OrderKey, n int) *runSorter {
	s := &runSorter{keys: keys, cols: make([]column, len(keys)),
		start: make([]int64, n), ids: make([]string, n)}
	for k, key := range keys {
		c := column{desc: !key.Ascending, rank: make([]uint8, n)}
		switch {
		case key.Kind == KindMetric:
			c.f = make([]float64, n)
		case key.Kind == KindAttribute && numericRunAttrs[key.Key]:
			c.i = make([]int64, n)
		default:
			c.s = make([]string, n)
		}
		s.cols[k] = c
	}
	return s
}

// set records run r at index i. hints holds, per key, where the key was
// last found (see runMatcher); each goroutine passes its own.
func (s *runSorter) set(i int, r *mlflow.Run, hints []int) {
	s.start[i] = r.Info.StartTime
	s.ids[i], _ = runString(r, "run_id")
	for k := range s.cols {
		c, key := &s.cols[k], s.keys[k]
		var ok, nan bool
		switch {
		case c.f != nil:
			c.f[i], ok = findMetric(r.Data.Metrics, key.Key, &hints[k])
			nan = math.IsNaN(c.f[i])
		case c.i != nil:
			c.i[i], ok = runInt(r, key.Key)
		case key.Kind == KindParam:
			c.s[i], ok = findTag(r.Data.Params, key.Key, &hints[k])
		case key.Kind == KindTag:
			c.s[i], ok = findTag(r.Data.Tags, key.Key, &hints[k])
		default:
			c.s[i], ok = runString(r, key.Key)
		}
		c.rank[i] = rankOf(ok, nan)
	}
}

// move copies the values of n runs from index src to index dst.
func (s *runSorter) move(dst, src, n int) {
	copy(s.start[dst:dst+n], s.start[src:src+n])
	copy(s.ids[dst:dst+n], s.ids[src:src+n])
	for k := range s.cols {
		c := &s.cols[k]
		copy(c.rank[dst:dst+n], c.rank[src:src+n])
		switch {
		case c.f != nil:
			copy(c.f[dst:dst+n], c.f[src:src+n])
		case c.i != nil:
			copy(c.i[dst:dst+n], c.i[src:src+n])
		default:
			copy(c.s[dst:dst+n], c.s[src:src+n])
		}
	}
}

// order returns the indexes of the first n runs in sorted order: by the
// keys, then start_time descending, then run_id.
func (s *runSorter) order(n int) []int32 {
	none := make([]uint8, n) // the base order's values are never missing
	cols := append(s.cols[:len(s.cols):len(s.cols)],
		column{desc: true, rank: none, i: s.start[:n]},
		column{rank: none, s: s.ids[:n]})
	return sortedOrder(n, cols)
}
