package runtable

import "mlscope/app/mlflow"

// treeRow is one row of the runs table as drawn: a run (its index in the
// sorted matches), its depth in the tree and how many child runs it has
// among the matches.
type treeRow struct {
	idx   int32
	depth int32
	kids  int32
}

// runTree is the matches arranged as MLflow's runs table shows them.
type runTree struct {
	rows    []treeRow
	parents []string // per match, its mlflow.parentRunId tag; nil when no run has one
}

// parent returns the parent run id of match i, "" when none.
func (t *runTree) parent(i int32) string {
	if t.parents == nil {
		return ""
	}
	return t.parents[i]
}

// flattenTree arranges sorted runs as a tree: a run whose parent is among
// runs is listed under it, after it, when the parent's id is in expanded,
// and not at all otherwise; the others are top-level rows. Siblings keep
// the runs' order. A run whose parent chain loops without reaching a
// top-level run is reachable too: the loop's first run in the order is
// listed as a top-level row, after the others.
//
// It runs on every window request, so it works on indexes: one pass over
// the tags, one map lookup per run, and plain arrays for the links.
func flattenTree(runs []*mlflow.Run, expanded map[string]bool) runTree {
	var t runTree
	var links []int32 // runs with a parent tag
	hint := 0
	for i, r := range runs {
		if p := parentTag(r.Data.Tags, &hint); p != "" && p != r.Info.RunID {
			if t.parents == nil {
				t.parents = make([]string, len(runs))
			}
			t.parents[i] = p
			links = append(links, int32(i))
		}
	}
	if len(links) == 0 { // the common case: a flat list
		t.rows = make([]treeRow, len(runs))
		for i := range t.rows {
			t.rows[i].idx = int32(i)
		}
		return t
	}

	g := newRunGraph(runs, t.parents, links)
	w := treeWalk{g: &g, runs: runs, expanded: expanded, seen: make([]bool, len(runs))}
	for i := range runs {
		if g.parent[i] < 0 {
			w.visit(int32(i), &t.rows)
		}
	}
	// Runs not reached from a top-level run hang from a loop of parent
	// links; promote the first of each.
	reached := make([]bool, len(runs))
	g.mark(reached, t.rows)
	for i := range runs {
		if !reached[i] {
			n := len(t.rows)
			w.visit(int32(i), &t.rows)
			g.mark(reached, t.rows[n:])
		}
	}
	return t
}

// runGraph holds the parent links between runs as indexes: parent[i] is
// -1 for a run without a parent among the runs; the children of run i are
// child[start[i]:start[i+1]], in the runs' order.
type runGraph struct {
	parent []int32
	start  []int32
	child  []int32
}

func newRunGraph(runs []*mlflow.Run, parents []string, links []int32) runGraph {
	pos := make(map[string]int32, len(links))
	for _, i := range links {
		pos[parents[i]] = -1
	}
	for i, r := range runs {
		if _, ok := pos[r.Info.RunID]; ok {
			pos[r.Info.RunID] = int32(i)
		}
	}
	g := runGraph{parent: make([]int32, len(runs)), start: make([]int32, len(runs)+1)}
	for i := range g.parent {
		g.parent[i] = -1
	}
	for _, i := range links {
		if p := pos[parents[i]]; p >= 0 {
			g.parent[i] = p
			g.start[p+1]++
		}
	}
	for i := range runs {
		g.start[i+1] += g.start[i]
	}
	g.child = make([]int32, g.start[len(runs)])
	next := append([]int32(nil), g.start[:len(runs)]...)
	for _, i := range links { // in order, so siblings stay sorted
		if p := g.parent[i]; p >= 0 {
			g.child[next[p]] = i
			next[p]++
		}
	}
	return g
}

func (g *runGraph) children(i int32) []int32 { return g.child[g.start[i]:g.start[i+1]] }

// mark records every run at or below rows as reached.
func (g *runGraph) mark(reached []bool, rows []treeRow) {
	stack := make([]int32, 0, len(rows))
	for _, r := range rows {
		stack = append(stack, r.idx)
	}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !reached[i] {
			reached[i] = true
			stack = append(stack, g.children(i)...)
		}
	}
}

// treeWalk emits the rows of a tree depth first.
type treeWalk struct {
	g        *runGraph
	runs     []*mlflow.Run
	expanded map[string]bool
	seen     []bool
}

// visit emits top-level run i and the children of its expanded rows.
func (w *treeWalk) visit(i int32, rows *[]treeRow) {
	type item struct{ idx, depth int32 }
	stack := []item{{i, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if w.seen[it.idx] {
			continue
		}
		w.seen[it.idx] = true
		kids := w.g.children(it.idx)
		*rows = append(*rows, treeRow{idx: it.idx, depth: it.depth, kids: int32(len(kids))})
		if len(kids) == 0 || !w.expanded[w.runs[it.idx].Info.RunID] {
			continue
		}
		for k := len(kids) - 1; k >= 0; k-- { // pushed last first, to pop in order
			stack = append(stack, item{kids[k], it.depth + 1})
		}
	}
}

// parentTag returns the mlflow.parentRunId tag, "" when there is none. It
// looks at index *hint first and leaves there the index it found the tag
// at: runs logged by the same code keep their tags in the same order.
func parentTag(ts []mlflow.Tag, hint *int) string {
	if h := *hint; h < len(ts) && ts[h].Key == mlflow.TagParentRunID {
		return ts[h].Value
	}
	for i := range ts {
		if ts[i].Key == mlflow.TagParentRunID {
			*hint = i
			return ts[i].Value
		}
	}
	return ""
}
