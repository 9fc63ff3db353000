package search

import (
	"cmp"
	"slices"

	"mlscope/app/mlflow"
)

// Match reports whether run r satisfies every clause, with MLflow's
// file-store semantics: a run without the metric, param, tag or attribute
// (an unset end_time or run name) never matches, whatever the comparator,
// != included; metrics compare the latest value (r.Data.Metrics); numeric
// attributes compare as integers; LIKE and ILIKE match the whole string; a
// dataset clause holds when any dataset input satisfies it, and
// datasets.context compares the input's mlflow.data.context tag.
func (f *RunFilter) Match(r *mlflow.Run) bool {
	if f == nil {
		return true
	}
	hint := 0
	for i := range f.Clauses {
		if !f.Clauses[i].matchRun(r, &hint) {
			return false
		}
	}
	return true
}

// Filter returns the runs that Match, in their order, in a new slice.
func (f *RunFilter) Filter(runs []*mlflow.Run) []*mlflow.Run {
	out := make([]*mlflow.Run, 0, len(runs))
	m := f.matcher()
	for _, r := range runs {
		if m.match(r) {
			out = append(out, r)
		}
	}
	return out
}

// runMatcher applies a filter to many runs in turn. It remembers, for
// each clause, where the clause's key was found in the last run: runs
// logged by the same code hold the same keys in the same order, so the
// first guess usually hits and most of the key list is never read.
type runMatcher struct {
	f     *RunFilter
	hints []int
}

func (f *RunFilter) matcher() *runMatcher {
	if f == nil {
		return &runMatcher{f: &RunFilter{}}
	}
	return &runMatcher{f: f, hints: make([]int, len(f.Clauses))}
}

func (m *runMatcher) match(r *mlflow.Run) bool {
	for i := range m.f.Clauses {
		if !m.f.Clauses[i].matchRun(r, &m.hints[i]) {
			return false
		}
	}
	return true
}

// Match reports whether experiment e satisfies every clause. Experiments
// without the tag, or without a creation or last-update time (trees from
// before MLflow 1.29), do not match clauses on it.
func (f *ExperimentFilter) Match(e *mlflow.Experiment) bool {
	if f == nil {
		return true
	}
	for i := range f.Clauses {
		if !f.Clauses[i].matchExperiment(e) {
			return false
		}
	}
	return true
}

// Filter returns the experiments that Match, in their order, in a new
// slice.
func (f *ExperimentFilter) Filter(exps []*mlflow.Experiment) []*mlflow.Experiment {
	out := make([]*mlflow.Experiment, 0, len(exps))
	for _, e := range exps {
		if f.Match(e) {
			out = append(out, e)
		}
	}
	return out
}

// matchRun evaluates the clause on r; hint is where its key was last found.
func (c *Clause) matchRun(r *mlflow.Run, hint *int) bool {
	switch c.Kind {
	case KindMetric:
		v, ok := findMetric(r.Data.Metrics, c.Key, hint)
		return ok && compare(v, c.op, c.num)
	case KindParam:
		v, ok := findTag(r.Data.Params, c.Key, hint)
		return ok && c.matchString(v)
	case KindTag:
		v, ok := findTag(r.Data.Tags, c.Key, hint)
		return ok && c.matchString(v)
	case KindDataset:
		return c.matchDatasets(r.Inputs.DatasetInputs)
	}
	if c.numeric {
		v, ok := runInt(r, c.Key)
		return ok && c.matchInt(v)
	}
	v, ok := runString(r, c.Key)
	return ok && c.matchString(v)
}

func (c *Clause) matchDatasets(inputs []mlflow.DatasetInput) bool {
	for _, in := range inputs {
		switch c.Key {
		case "context":
			for _, t := range in.Tags {
				if t.Key == mlflow.TagDataContext && c.matchString(t.Value) {
					return true
				}
			}
		case "digest":
			if c.matchString(in.Dataset.Digest) {
				return true
			}
		default:
			if c.matchString(in.Dataset.Name) {
				return true
			}
		}
	}
	return false
}

func (c *Clause) matchExperiment(e *mlflow.Experiment) bool {
	switch {
	case c.Kind == KindTag:
		v, ok := e.TagValue(c.Key)
		return ok && c.matchString(v)
	case c.Key == "creation_time":
		return e.CreationTime != 0 && compare(float64(e.CreationTime), c.op, c.num)
	case c.Key == "last_update_time":
		return e.LastUpdateTime != 0 && compare(float64(e.LastUpdateTime), c.op, c.num)
	}
	return c.matchString(e.Name)
}

func (c *Clause) matchString(v string) bool {
	switch c.op {
	case opEQ:
		return v == c.Value
	case opNE:
		return v != c.Value
	case opLike:
		return like(v, c.Value, false)
	case opILike:
		return like(v, c.Value, true)
	case opIn:
		return slices.Contains(c.Values, v)
	case opNotIn:
		return !slices.Contains(c.Values, v)
	}
	return false
}

func (c *Clause) matchInt(v int64) bool {
	if c.over != 0 { // the literal is beyond int64, so v is on its other side
		return compare(0, c.op, int(c.over))
	}
	return compare(v, c.op, c.inum)
}

// compare applies an ordering comparator. With NaN every comparison but
// != is false, as in Python.
func compare[T cmp.Ordered](a T, o op, b T) bool {
	switch o {
	case opEQ:
		return a == b
	case opNE:
		return a != b
	case opLT:
		return a < b
	case opLE:
		return a <= b
	case opGT:
		return a > b
	case opGE:
		return a >= b
	}
	return false
}
