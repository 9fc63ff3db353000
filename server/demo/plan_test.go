package demo

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"mlscope/app/mlflow"
)

// census counts the kinds of runs in an experiment's plan.
type census struct {
	runs, parents, children, failed, killed, best, deleted int
}

func countPlan(ep *expPlan) census {
	var c census
	for _, g := range ep.groups {
		for _, p := range g {
			c.runs++
			switch p.role {
			case parent:
				c.parents++
			case child:
				c.children++
			}
			switch p.status {
			case mlflow.StatusFailed:
				c.failed++
			case mlflow.StatusKilled:
				c.killed++
			}
			if p.best {
				c.best++
			}
			if p.deleted {
				c.deleted++
			}
		}
	}
	return c
}

func TestPlanExperiment(t *testing.T) {
	tests := []struct {
		name       string
		runs, exps int
		e          int // the experiment checked
		want       census
	}{
		{"one run", 1, 1, 0, census{runs: 1, best: 1}},
		// Three runs are too few for a sweep; the second fails.
		{"three runs", 3, 1, 0, census{runs: 3, failed: 1, best: 1, deleted: 1}},
		{"API demo", 12, 1, 0,
			census{runs: 12, parents: 1, children: 3, failed: 1, killed: 1, best: 1, deleted: 1}},
		// Only the first experiment has a deleted run.
		{"second experiment", 40, 2, 1,
			census{runs: 20, parents: 1, children: 6, failed: 1, killed: 1, best: 1}},
		{"uneven split", 41, 2, 0,
			census{runs: 21, parents: 1, children: 6, failed: 1, killed: 1, best: 1, deleted: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := DefaultOptions()
			o.Runs, o.Experiments = tc.runs, tc.exps
			got := countPlan(planExperiment(o.withDefaults(), tc.e))
			// Runs also fail or are killed at random: those counts are
			// lower bounds.
			same := got
			same.failed, same.killed = tc.want.failed, tc.want.killed
			if same != tc.want || got.failed < tc.want.failed || got.killed < tc.want.killed {
				t.Errorf("runs %d in %d experiments, experiment %d: got %+v, want %+v",
					tc.runs, tc.exps, tc.e, got, tc.want)
			}
		})
	}
}

// TestPlanLarge checks the shape of a big experiment: a sweep per block,
// some random failures, still one best and one deleted run.
func TestPlanLarge(t *testing.T) {
	o := DefaultOptions()
	o.Runs, o.Experiments = 5000, 1
	c := countPlan(planExperiment(o.withDefaults(), 0))
	if c.runs != 5000 || c.parents != 50 || c.children != 400 || c.best != 1 ||
		c.deleted != 1 || c.failed < 50 || c.killed < 30 {
		t.Errorf("5000 runs: %+v", c)
	}
}

func TestPlanSeed(t *testing.T) {
	o := DefaultOptions().withDefaults()
	a, b := planExperiment(o, 0), planExperiment(o, 0)
	if !reflect.DeepEqual(a, b) {
		t.Error("two plans of the same seed differ")
	}
	o.Seed++
	if c := planExperiment(o, 0); reflect.DeepEqual(a.groups, c.groups) {
		t.Error("plans of seeds 1 and 2 are the same")
	}
}

// TestCurves checks that learning curves learn: the loss falls and the
// accuracy rises over a finished run, and a diverged run ends in NaN.
func TestCurves(t *testing.T) {
	o := DefaultOptions().withDefaults()
	ep := planExperiment(o, 0)
	mean := func(ms []mlflow.Metric) float64 {
		s := 0.0
		for _, m := range ms {
			s += float64(m.Value)
		}
		return s / float64(len(ms))
	}
	for _, g := range ep.groups {
		for _, p := range g {
			c := newCurve(o, p)
			loss, acc := c.values(o, p, 0), c.values(o, p, 3)
			if len(loss) != p.steps || loss[0].Key != "loss" || acc[0].Key != "val_accuracy" {
				t.Fatalf("run %d: %d loss values, want %d", p.index, len(loss), p.steps)
			}
			if p.status != mlflow.StatusFinished {
				if p.diverged && !math.IsNaN(float64(loss[len(loss)-1].Value)) {
					t.Errorf("run %d diverged but its last loss is %v", p.index, loss[len(loss)-1])
				}
				continue
			}
			if first, last := mean(loss[:10]), mean(loss[90:]); last >= first {
				t.Errorf("run %d: loss from %.3f to %.3f", p.index, first, last)
			}
			if first, last := mean(acc[:10]), mean(acc[90:]); last <= first {
				t.Errorf("run %d: val_accuracy from %.3f to %.3f", p.index, first, last)
			}
			for i := 1; i < len(loss); i++ {
				if loss[i].Timestamp <= loss[i-1].Timestamp {
					t.Fatalf("run %d: timestamps not increasing at step %d", p.index, i)
				}
			}
		}
	}
}

func TestParamsAndTags(t *testing.T) {
	o := DefaultOptions().withDefaults()
	p := planExperiment(o, 0).groups[1][0]
	for _, n := range []int{0, 3, 12, 150} {
		ps := p.h.params(n, 100)
		if len(ps) != n {
			t.Errorf("params(%d): %d params", n, len(ps))
		}
		seen := map[string]bool{}
		for _, q := range ps {
			if seen[q.Key] {
				t.Errorf("params(%d): key %s twice", n, q.Key)
			}
			seen[q.Key] = true
		}
	}
	for _, n := range []int{0, 4, 25} {
		o.Tags = n
		user := 0
		for _, tg := range p.tags(o, "") {
			if !strings.HasPrefix(tg.Key, "mlflow.") {
				user++
			}
		}
		if user != n {
			t.Errorf("%d tags asked: %d user tags", n, user)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Options)
		ok   bool
	}{
		{"defaults", func(*Options) {}, true},
		{"no params, metrics or tags", func(o *Options) { o.Params, o.Metrics, o.Tags = 0, 0, 0 }, true},
		{"no experiments", func(o *Options) { o.Experiments = 0 }, false},
		{"no steps", func(o *Options) { o.Steps = 0 }, false},
		{"runs fewer than experiments", func(o *Options) { o.Runs = 1 }, false},
		{"too many runs", func(o *Options) { o.Runs = maxRuns + 1 }, false},
		{"names for another count", func(o *Options) { o.Names = []string{"x"} }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := DefaultOptions()
			tc.edit(&o)
			if err := o.Validate(); (err == nil) != tc.ok {
				t.Errorf("Validate(%+v) = %v, want ok=%v", o, err, tc.ok)
			}
		})
	}
}

func TestPyJSON(t *testing.T) {
	tests := []struct {
		name   string
		in     any
		want   string
		indent string // json.dumps(indent=2); empty: same as want
	}{
		{"scalars", []any{nil, true, 3, int64(-4), 2.0, 1e-05, "a<b"},
			`[null, true, 3, -4, 2.0, 1e-05, "a<b"]`, ""},
		{"ordered object", obj{{"b", 1}, {"a", obj{}}}, `{"b": 1, "a": {}}`,
			"{\n  \"b\": 1,\n  \"a\": {}\n}"},
		{"nested list", obj{{"d", []any{[]any{1.5}}}}, `{"d": [[1.5]]}`,
			"{\n  \"d\": [\n    [\n      1.5\n    ]\n  ]\n}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := pyJSON(tc.in); got != tc.want {
				t.Errorf("pyJSON: got %s, want %s", got, tc.want)
			}
			if tc.indent != "" {
				if got := pyJSONIndent(tc.in); got != tc.indent {
					t.Errorf("pyJSONIndent: got %s, want %s", got, tc.indent)
				}
			}
		})
	}
}
