package demo

import (
	"fmt"
	"runtime"
	"time"
)

// Options say how big the generated tree is. Start from DefaultOptions:
// the counts are used as they are, zero included.
type Options struct {
	Experiments int   // experiments to create, at least 1
	Runs        int   // runs in all, spread evenly over the experiments
	Params      int   // params per run
	Metrics     int   // metric keys per run
	Steps       int   // values per metric key, at least 1; failed runs log fewer
	Tags        int   // user tags per run, besides MLflow's system tags
	Seed        int64 // the same seed gives the same content
	// Names, when set, names the experiments in order instead of the
	// built-in themes' names (the API's "mlscope demo").
	Names []string
	// Start is when the first run starts; zero means a fixed date, so that
	// the same seed gives the same times too.
	Start time.Time
	// Workers is how many runs are written at once; 0 means four per CPU
	// (the store syncs every file, so the work mostly waits on the disk).
	Workers int
	// Progress, when not nil, is told after each run how many of the total
	// are written. It is called from one goroutine at a time.
	Progress func(done, total int)
}

// defaultStart dates the runs of a tree made without Options.Start.
var defaultStart = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

// Limits of the counts, to catch typing mistakes rather than to protect
// the store: one million runs is about 40 million files.
const (
	maxExperiments = 1000
	maxRuns        = 1_000_000
	maxPerRun      = 10_000 // params, metric keys, tags
	maxSteps       = 1_000_000
)

// DefaultOptions is a small tree: 2 experiments of 20 runs, each with 5
// params, 4 metrics of 100 steps and 3 user tags.
func DefaultOptions() Options {
	return Options{Experiments: 2, Runs: 40, Params: 5, Metrics: 4, Steps: 100, Tags: 3,
		Seed: 1}
}

// withDefaults fills in the settings whose zero value means "choose".
func (o Options) withDefaults() Options {
	if o.Workers == 0 {
		o.Workers = 4 * runtime.GOMAXPROCS(0)
	}
	if o.Start.IsZero() {
		o.Start = defaultStart
	}
	return o
}

// Validate reports the first count that is out of range, in words for the
// command line.
func (o Options) Validate() error {
	for _, c := range []struct {
		name      string
		v, lo, hi int
	}{
		{"experiments", o.Experiments, 1, maxExperiments},
		{"runs", o.Runs, 1, maxRuns},
		{"params", o.Params, 0, maxPerRun},
		{"metrics", o.Metrics, 0, maxPerRun},
		{"tags", o.Tags, 0, maxPerRun},
		{"steps", o.Steps, 1, maxSteps},
		{"workers", o.Workers, 0, 1024},
	} {
		if c.v < c.lo || c.v > c.hi {
			return fmt.Errorf("--%s %d: use a number from %d to %d", c.name, c.v, c.lo, c.hi)
		}
	}
	if o.Runs < o.Experiments {
		return fmt.Errorf("--runs %d is fewer than --experiments %d: every experiment "+
			"needs a run", o.Runs, o.Experiments)
	}
	if len(o.Names) > 0 && len(o.Names) != o.Experiments {
		return fmt.Errorf("%d experiment names for %d experiments", len(o.Names), o.Experiments)
	}
	return nil
}
