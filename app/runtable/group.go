package runtable

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"mlscope/app/mlflow"
	"mlscope/app/search"
)

// Grouping the runs table (issue 11), as MLflow's "group by": a request
// with group_by set answers with a header row per group, each followed,
// unless the group is folded, by the group's runs as a tree of their own.
// Header rows travel in the same rows and pages as runs, so that offset
// and limit count what the table draws.
//
//	group_by          "params.<key>", "tags.<key>" or "datasets"; a run
//	                  with several datasets is in the group of each, as in
//	                  MLflow; runs without a value make one more group
//	collapsed_groups  the values of the folded groups; null is the group
//	                  of runs without a value
//
// Groups come in the order of their values: numbers first, by value, then
// the other values as text, then the runs without a value. The answer's
// fields gain "group" and "group_runs". A header row has null in the run
// fields, 0 for depth and children, its value (null for the runs without
// one) in group and its number of runs in group_runs; in each metric
// column it holds [min, mean, max, n] of the latest values of its runs
// that have the metric, NaN left out, or null when none has it. A run's
// row has null in both.

// groupFields are the fields a grouped answer adds to Fields.
var groupFields = []string{"group", "group_runs"}

// groupBy is a parsed group_by.
type groupBy struct {
	datasets bool        // group by the runs' dataset inputs
	kind     search.Kind // else a param or a tag
	key      string
}

// parseGroupBy reads group_by; "" is no grouping (nil).
func parseGroupBy(s string) (*groupBy, *search.Error) {
	if s == "" {
		return nil, nil
	}
	if s == "datasets" || s == "dataset" {
		return &groupBy{datasets: true}, nil
	}
	prefix, key, _ := strings.Cut(s, ".")
	kind, ok := columnKinds[prefix]
	if !ok || kind == search.KindMetric || key == "" {
		return nil, &search.Error{Msg: "Invalid group_by '" + s + "'. Runs group by " +
			"'params.<key>', 'tags.<key>' or 'datasets'.", Len: len(s)}
	}
	return &groupBy{kind: kind, key: key}, nil
}

// values returns a run's group values: none, one, or for datasets one per
// distinct dataset, as "name (digest)".
func (g *groupBy) values(r *mlflow.Run) []string {
	if !g.datasets {
		get := r.Param
		if g.kind == search.KindTag {
			get = r.Tag
		}
		if v, ok := get(g.key); ok {
			return []string{v}
		}
		return nil
	}
	var out []string
	for _, in := range r.Inputs.DatasetInputs {
		v := in.Dataset.Name + " (" + in.Dataset.Digest + ")"
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// runGroup is a group of the matches: its value (nil for the runs without
// one) and its runs, as indexes into the matches, in their order.
type runGroup struct {
	value *string
	runs  []int32
}

// groupRuns groups the sorted matches by g and sorts the groups.
func groupRuns(runs []*mlflow.Run, g *groupBy) []runGroup {
	at := map[string]int{}
	var groups []runGroup
	var none []int32
	for i, r := range runs {
		vals := g.values(r)
		if len(vals) == 0 {
			none = append(none, int32(i))
		}
		for _, v := range vals {
			k, ok := at[v]
			if !ok {
				k = len(groups)
				at[v] = k
				groups = append(groups, runGroup{value: &v})
			}
			groups[k].runs = append(groups[k].runs, int32(i))
		}
	}
	sort.Slice(groups, func(i, j int) bool {
		return lessGroupValue(*groups[i].value, *groups[j].value)
	})
	if none != nil {
		groups = append(groups, runGroup{runs: none})
	}
	return groups
}

// lessGroupValue orders group values: numbers first, by value, then text.
func lessGroupValue(a, b string) bool {
	x, aerr := strconv.ParseFloat(a, 64)
	y, berr := strconv.ParseFloat(b, 64)
	switch {
	case aerr == nil && berr == nil && x != y:
		return x < y
	case (aerr == nil) != (berr == nil):
		return aerr == nil
	}
	return a < b
}

// gridRow is a row of a grouped table: a group's header, or a run of the
// group as flattenTree placed it.
type gridRow struct {
	group  int32
	header bool
	tr     treeRow // idx is the run's index in the matches
	parent string
}

// groupedRows lays out the groups: each header, then, unless folded, the
// group's runs as a tree.
func groupedRows(runs []*mlflow.Run, groups []runGroup, q Query) []gridRow {
	var rows []gridRow
	sub := make([]*mlflow.Run, 0, len(runs))
	for gi, g := range groups {
		rows = append(rows, gridRow{group: int32(gi), header: true})
		if q.folded(g.value) {
			continue
		}
		sub = sub[:0]
		for _, i := range g.runs {
			sub = append(sub, runs[i])
		}
		tree := flattenTree(sub, q.Expanded)
		for _, tr := range tree.rows {
			p := tree.parent(tr.idx)
			tr.idx = g.runs[tr.idx]
			rows = append(rows, gridRow{group: int32(gi), tr: tr, parent: p})
		}
	}
	return rows
}

// folded reports whether the group of value v is in collapsed_groups.
func (q Query) folded(v *string) bool {
	if v == nil {
		return q.CollapsedNone
	}
	return q.Collapsed[*v]
}

// groupHeader is a group's header row; see the comment at the top.
func groupHeader(runs []*mlflow.Run, g runGroup, cols []tableColumn) []any {
	row := make([]any, len(Fields), len(Fields)+len(groupFields)+len(cols))
	row[8], row[9] = 0, 0 // depth and children
	var value any
	if g.value != nil {
		value = *g.value
	}
	row = append(row, value, len(g.runs))
	for _, c := range cols {
		var agg any
		if c.kind == search.KindMetric {
			agg = aggregate(runs, g.runs, c.key)
		}
		row = append(row, agg)
	}
	return row
}

// aggregate returns [min, mean, max, n] of metric key over the runs that
// have it, NaN values left out; nil when there are none.
func aggregate(runs []*mlflow.Run, idx []int32, key string) []any {
	lo, hi, sum, n := math.Inf(1), math.Inf(-1), 0.0, 0
	for _, i := range idx {
		m, ok := runs[i].Metric(key)
		if v := float64(m.Value); ok && !math.IsNaN(v) {
			lo, hi, sum, n = min(lo, v), max(hi, v), sum+v, n+1
		}
	}
	if n == 0 {
		return nil
	}
	return []any{mlflow.Float(lo), mlflow.Float(sum / float64(n)), mlflow.Float(hi), n}
}

// windowGroups fills ans with the window q asks for of the matches
// grouped by g.
func windowGroups(ans *Answer, runs []*mlflow.Run, g *groupBy, cols []tableColumn,
	q Query) {
	groups := groupRuns(runs, g)
	rows := groupedRows(runs, groups, q)
	ans.Fields = slices.Concat(Fields, groupFields)
	ans.Total, ans.Groups = len(rows), len(groups)
	lo := min(q.Offset, len(rows))
	hi := min(lo+q.Limit, len(rows))
	for _, gr := range rows[lo:hi] {
		if gr.header {
			ans.Rows = append(ans.Rows, groupHeader(runs, groups[gr.group], cols))
			continue
		}
		ans.Rows = append(ans.Rows,
			tableRow(runs[gr.tr.idx], gr.tr, gr.parent, cols, len(groupFields)))
	}
}
