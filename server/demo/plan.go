package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"mlscope/app/mlflow"
)

// role is a run's place among its siblings.
type role int

const (
	single role = iota // a run of its own
	parent             // a sweep's parent run
	child              // a trial of a sweep, tagged mlflow.parentRunId
)

// runPlan is everything about one run except its id, decided before any
// file is written.
type runPlan struct {
	exp, index int // experiment and position in it
	role       role
	name       string
	user       string
	source     string // mlflow.source.name
	sourceType string // mlflow.source.type
	commit     string // mlflow.source.git.commit
	h          hyper
	skill      float64
	status     mlflow.RunStatus
	steps      int   // steps logged: fewer than asked for failed and killed runs
	start      int64 // milliseconds since the epoch
	warmMs     int64 // from start to step 0
	stepMs     int64
	end        int64
	curveRun   int  // whose learning curves the run logs (a parent: its best trial's)
	diverged   bool // a failed run whose loss became NaN
	best       bool // the experiment's best run: it logs the model
	deleted    bool
}

// expPlan is one experiment: its theme, name and runs in groups. A group
// is written in order by one worker (a sweep's parent before its trials);
// groups are written in parallel.
type expPlan struct {
	theme  theme
	name   string
	groups [][]*runPlan
}

// Layout of an experiment: runs come in blocks, each opening with a sweep.
const (
	blockRuns      = 100 // runs per block
	maxTrials      = 8   // trials per sweep
	failedAt       = 1   // in the first block, the second single run fails...
	killedAt       = 3   // ...and the fourth is killed, so small trees show both
	failRate       = 0.03
	killRate       = 0.02
	maxRunGap      = 2 * time.Hour // between the starts of consecutive runs
	minRunGap      = time.Minute
	runsSpan       = 30 * 24 * time.Hour // what an experiment's runs spread over
	experimentsGap = 24 * time.Hour      // between experiments' first runs
)

// runsOf is how many of n runs experiment e gets: they are spread evenly,
// the first experiments getting one more.
func runsOf(n, experiments, e int) int {
	k := n / experiments
	if e < n%experiments {
		k++
	}
	return k
}

// planExperiment decides every run of experiment e.
func planExperiment(o Options, e int) *expPlan {
	t, name := themeOf(o, e)
	n := runsOf(o.Runs, o.Experiments, e)
	ep := &expPlan{theme: t, name: name}
	gap := min(max(runsSpan/time.Duration(n), minRunGap), maxRunGap)
	expStart := o.Start.Add(time.Duration(e) * experimentsGap)
	slot := func(i int) int64 { return expStart.Add(time.Duration(i) * gap).UnixMilli() }

	var all []*runPlan
	for b := 0; b < n; b += blockRuns {
		size := min(blockRuns, n-b)
		i := b
		if trials := min(maxTrials, (size-1)/3); size >= 4 {
			sweep := planSweep(o, e, i, trials, slot(i))
			ep.groups = append(ep.groups, sweep)
			all = append(all, sweep...)
			i += len(sweep)
		}
		for k := 0; i < b+size; i, k = i+1, k+1 {
			p := planSingle(o, e, i, slot(i))
			if b == 0 {
				switch k {
				case failedAt:
					p.fail(o.Steps, newRand(o.Seed, streamRun, uint64(e), uint64(i), 1))
				case killedAt:
					p.kill(o.Steps, newRand(o.Seed, streamRun, uint64(e), uint64(i), 1))
				}
			}
			ep.groups = append(ep.groups, []*runPlan{p})
			all = append(all, p)
		}
	}
	markBest(all)
	if e == 0 {
		markDeleted(all)
	}
	return ep
}

// newPlan draws what every kind of run has.
func newPlan(o Options, e, i int, start int64) (*runPlan, *rand.Rand) {
	r := newRand(o.Seed, streamRun, uint64(e), uint64(i))
	p := &runPlan{exp: e, index: i, h: drawHyper(r), name: runName(r), start: start,
		status: mlflow.StatusFinished, steps: o.Steps, curveRun: i,
		source: "train.py", sourceType: "LOCAL"}
	p.skill = p.h.skill() + 0.12*r.Float64()
	p.user = users[e%len(users)]
	if r.Float64() < 0.2 {
		p.user = pick(r, users)
	}
	if r.Float64() < 0.15 {
		p.source, p.sourceType = "notebooks/explore.ipynb", "NOTEBOOK"
	}
	// A new commit every ten runs, as code changes between experiments.
	p.commit = hexDigits(newRand(o.Seed, streamCommit, uint64(e), uint64(i/10)), 40)
	p.stepMs = p.h.stepMillis()
	p.warmMs = 3000 + r.Int64N(12000)
	p.end = p.start + p.warmMs + int64(p.steps)*p.stepMs + 1000 + r.Int64N(3000)
	return p, r
}

// planSingle plans a run of its own, which may fail or be killed.
func planSingle(o Options, e, i int, start int64) *runPlan {
	p, r := newPlan(o, e, i, start)
	switch u := r.Float64(); {
	case u < failRate:
		p.fail(o.Steps, r)
	case u < failRate+killRate:
		p.kill(o.Steps, r)
	}
	return p
}

// planSweep plans a sweep starting at run i: a parent run, then its trials
// one after another, each trying another learning rate and batch size.
func planSweep(o Options, e, i, trials int, start int64) []*runPlan {
	par, _ := newPlan(o, e, i, start)
	par.role, par.name = parent, "sweep-"+par.name
	par.source, par.sourceType = "sweep.py", "LOCAL"
	group := []*runPlan{par}
	at := start + 2000
	for j := 0; j < trials; j++ {
		c, r := newPlan(o, e, i+1+j, at)
		h := par.h
		h.lr, h.batch, h.seed = lrGrid[(j+r.IntN(2))%len(lrGrid)], pick(r, batchSizes), c.h.seed
		c.h, c.skill = h, h.skill()+0.12*r.Float64()
		c.role, c.name, c.user = child, fmt.Sprintf("trial-%02d", j), par.user
		c.source, c.sourceType, c.commit = par.source, par.sourceType, par.commit
		c.stepMs = h.stepMillis()
		c.end = c.start + c.warmMs + int64(c.steps)*c.stepMs + 1500
		at = c.end + 3000
		group = append(group, c)
	}
	bestTrial := group[1]
	for _, c := range group[1:] {
		if c.skill > bestTrial.skill {
			bestTrial = c
		}
	}
	// The parent reports its best trial, as sweep tools log it.
	par.h, par.skill, par.curveRun = bestTrial.h, bestTrial.skill, bestTrial.index
	par.stepMs, par.warmMs = bestTrial.stepMs, bestTrial.warmMs
	par.end = at
	return group
}

// fail cuts a run short with an error; most often its loss became NaN.
func (p *runPlan) fail(steps int, r *rand.Rand) {
	p.status = mlflow.StatusFailed
	p.steps = max(1, steps*(30+r.IntN(50))/100)
	p.diverged = r.Float64() < 0.7
	p.end = p.start + p.warmMs + int64(p.steps)*p.stepMs + 500
}

// kill stops a run part way, as someone pressing Ctrl-C does.
func (p *runPlan) kill(steps int, r *rand.Rand) {
	p.status = mlflow.StatusKilled
	p.steps = max(1, steps*(20+r.IntN(70))/100)
	p.end = p.start + p.warmMs + int64(p.steps)*p.stepMs + 200
}

// markBest marks the finished run, trial or single, that learns best. A
// parent only repeats its best trial, so it is passed over.
func markBest(runs []*runPlan) {
	var best *runPlan
	for _, p := range runs {
		if p.role != parent && p.status == mlflow.StatusFinished &&
			(best == nil || p.skill > best.skill) {
			best = p
		}
	}
	if best != nil {
		best.best = true
	}
}

// markDeleted deletes the last finished single run of the first block
// that is not the best one.
func markDeleted(runs []*runPlan) {
	for i := min(len(runs), blockRuns) - 1; i >= 0; i-- {
		p := runs[i]
		if p.role == single && p.status == mlflow.StatusFinished && !p.best {
			p.deleted = true
			return
		}
	}
}
