package mlruns

import (
	"sync/atomic"

	"mlscope/app/mlflow"
)

// A search starts from the runs of a few experiments. Picking them out of
// the index's map took half of a search at 100,000 runs: a walk over every
// entry in the map's random order, each a miss of the processor's cache.
// The index keeps them grouped by experiment and stage too, rebuilt on
// the first search after a change.

// runGroups holds the runs of each experiment, active and deleted apart,
// as of one generation of the index.
type runGroups struct {
	gen   uint64
	byExp map[string]*expRuns
}

type expRuns struct{ active, deleted []*Run }

// groupCache is the index's latest runGroups.
type groupCache struct{ p atomic.Pointer[runGroups] }

// groups returns the runs grouped as of generation gen, building them
// from runs when the cached ones are older. The caller holds the index's
// read lock.
func (c *groupCache) groups(gen uint64, runs map[string]*runEntry) *runGroups {
	if g := c.p.Load(); g != nil && g.gen == gen {
		return g
	}
	g := &runGroups{gen: gen, byExp: map[string]*expRuns{}}
	for _, e := range runs {
		er := g.byExp[e.dir.exp.id]
		if er == nil {
			er = &expRuns{}
			g.byExp[e.dir.exp.id] = er
		}
		if e.run.Info.LifecycleStage == mlflow.StageDeleted {
			er.deleted = append(er.deleted, e.run)
		} else {
			er.active = append(er.active, e.run)
		}
	}
	c.p.Store(g)
	return g
}

// pick returns, in a new slice, the runs of the experiments ids in view.
func (g *runGroups) pick(ids []string, view mlflow.ViewType) []*Run {
	active, deleted := view.Includes(mlflow.StageActive), view.Includes(mlflow.StageDeleted)
	var groups []*expRuns
	seen := make(map[string]bool, len(ids))
	n := 0
	for _, id := range ids {
		if er := g.byExp[id]; er != nil && !seen[id] {
			seen[id] = true
			groups = append(groups, er)
			n += len(er.active) + len(er.deleted)
		}
	}
	out := make([]*Run, 0, n)
	for _, er := range groups {
		if active {
			out = append(out, er.active...)
		}
		if deleted {
			out = append(out, er.deleted...)
		}
	}
	return out
}
