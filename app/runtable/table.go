// Package runtable builds the runs table's windows: filter, sort, tree of
// parent and child runs, grouping, and one window of compact rows. It is
// pure (no I/O), so that the server's endpoint (server/api/table.go) and
// the browser, reading an export (app/ui/export_*.go), answer the same.
package runtable

import (
	"errors"
	"sort"
	"strings"

	"mlscope/app/mlflow"
	"mlscope/app/search"
)

// Limits of a table request.
const (
	MaxLimit       = 1000 // rows in one window
	DefaultPerKind = 10   // metric and param columns when none are asked for
)

// Fields name the leading entries of every row, before the values of
// the columns. end_time is null while a run has not ended; depth is the
// row's level in the tree and children the number of its child runs among
// the matches.
var Fields = []string{"run_id", "run_name", "status", "start_time", "end_time",
	"user_id", "source", "parent_run_id", "depth", "children", "experiment_id"}

// Answer is the endpoint's answer.
type Answer struct {
	Total   int       `json:"total"`        // rows of the tree: top-level runs plus the children of expanded ones
	Matched int       `json:"matched"`      // runs that match the filter
	InView  int       `json:"runs_in_view"` // runs of the experiments in the view, before the filter
	Offset  int       `json:"offset"`
	Fields  []string  `json:"fields"`
	Columns []string  `json:"columns"`
	Rows    [][]any   `json:"rows"`
	Keys    *KeyLists `json:"keys,omitempty"`
	Groups  int       `json:"groups,omitempty"` // groups, when grouped
	// Pinned are the rows of the pinned runs, in the fields of Rows.
	Pinned [][]any `json:"pinned,omitempty"`
}

// KeyLists are the keys logged in the experiments' runs, each list sorted.
type KeyLists struct {
	Metrics []string `json:"metrics"`
	Params  []string `json:"params"`
	Tags    []string `json:"tags"`
}

// Query is a table request, less the experiments and the view.
type Query struct {
	Filter   string
	OrderBy  []string
	Offset   int
	Limit    int
	Columns  []string // nil: the default columns
	Expanded map[string]bool
	Keys     bool // send the keys of the runs (Answer.Keys)
	GroupBy  string
	// Collapsed are the folded groups' values; CollapsedNone folds the
	// group of runs without a value.
	Collapsed     map[string]bool
	CollapsedNone bool
	Pinned        []string // run ids kept above the table, in the order pinned (pinned.go)
}

// tableColumn is a parsed column name.
type tableColumn struct {
	kind search.Kind
	key  string
	name string // as asked for
}

// Fault is a search error with the field it is in.
type Fault struct {
	Field string // "filter", "order_by", "columns" or "group_by"
	Err   *search.Error
}

func (f *Fault) Error() string { return f.Field + ": " + f.Err.Msg }

// Build filters and sorts runs, arranges the matches as a tree and
// returns the window q asks for. runs is not changed.
func Build(runs []*mlflow.Run, q Query) (*Answer, error) {
	if _, err := search.ParseRunFilter(q.Filter); err != nil {
		return nil, fault("filter", err)
	}
	if _, err := search.ParseRunOrderBy(q.OrderBy); err != nil {
		return nil, fault("order_by", err)
	}
	cols, cerr := parseColumns(q.Columns)
	if cerr != nil {
		return nil, &Fault{Field: "columns", Err: cerr}
	}
	group, gerr := parseGroupBy(q.GroupBy)
	if gerr != nil {
		return nil, &Fault{Field: "group_by", Err: gerr}
	}
	matched, _, err := search.SearchRuns(runs, q.Filter, q.OrderBy, max(len(runs), 1), "")
	if err != nil {
		return nil, fault("filter", err)
	}

	ans := &Answer{Matched: len(matched), InView: len(runs), Offset: q.Offset,
		Fields: Fields, Rows: [][]any{}}
	pinned := pinnedRuns(runs, q.Pinned)
	matched = withoutPinned(matched, pinned)
	if q.Keys || q.Columns == nil {
		keys := collectKeys(runs)
		if q.Keys {
			ans.Keys = keys
		}
		if q.Columns == nil {
			cols = defaultColumns(keys)
		}
	}
	ans.Columns = make([]string, len(cols))
	for i, c := range cols {
		ans.Columns[i] = c.name
	}

	if group != nil {
		windowGroups(ans, matched, group, cols, q)
		ans.Pinned = pinnedRows(pinned, cols, len(groupFields))
		return ans, nil
	}
	ans.Pinned = pinnedRows(pinned, cols, 0)
	tree := flattenTree(matched, q.Expanded)
	ans.Total = len(tree.rows)
	lo := min(q.Offset, len(tree.rows))
	hi := min(lo+q.Limit, len(tree.rows))
	for _, tr := range tree.rows[lo:hi] {
		ans.Rows = append(ans.Rows, tableRow(matched[tr.idx], tr, tree.parent(tr.idx), cols, 0))
	}
	return ans, nil
}

// fault wraps a search package error with the field it came from.
func fault(field string, err error) error {
	var se *search.Error
	if errors.As(err, &se) {
		return &Fault{Field: field, Err: se}
	}
	return err
}

// columnKinds maps the prefixes a column name may start with to kinds;
// the UI sends the plural forms.
var columnKinds = map[string]search.Kind{
	"metrics": search.KindMetric, "metric": search.KindMetric,
	"params": search.KindParam, "param": search.KindParam, "parameters": search.KindParam,
	"tags": search.KindTag, "tag": search.KindTag,
}

// parseColumns reads "metrics.<key>", "params.<key>" and "tags.<key>". The
// key is everything after the first dot, as written (no quotes).
func parseColumns(names []string) ([]tableColumn, *search.Error) {
	cols := make([]tableColumn, len(names))
	for i, n := range names {
		prefix, key, ok := strings.Cut(n, ".")
		kind, known := columnKinds[prefix]
		if !ok || !known || key == "" {
			return nil, &search.Error{Msg: "Invalid column '" + n + "'. Columns are " +
				"'metrics.<key>', 'params.<key>' or 'tags.<key>'.", Len: len(n), Index: i}
		}
		cols[i] = tableColumn{kind: kind, key: key, name: n}
	}
	return cols, nil
}

// defaultColumns are the first metric and param keys, for a table whose
// columns were not chosen.
func defaultColumns(k *KeyLists) []tableColumn {
	var cols []tableColumn
	for _, key := range k.Metrics[:min(len(k.Metrics), DefaultPerKind)] {
		cols = append(cols, tableColumn{search.KindMetric, key, "metrics." + key})
	}
	for _, key := range k.Params[:min(len(k.Params), DefaultPerKind)] {
		cols = append(cols, tableColumn{search.KindParam, key, "params." + key})
	}
	return cols
}

// collectKeys gathers the metric, param and tag keys of the runs. Runs
// logged by the same code hold the same keys in the same order, so a run
// whose keys repeat the previous run's costs a comparison, not a lookup
// per key.
func collectKeys(runs []*mlflow.Run) *KeyLists {
	var metrics, params, tags keySet
	for _, r := range runs {
		ms, ps, ts := r.Data.Metrics, r.Data.Params, r.Data.Tags
		metrics.add(len(ms), func(i int) string { return ms[i].Key })
		params.add(len(ps), func(i int) string { return ps[i].Key })
		tags.add(len(ts), func(i int) string { return ts[i].Key })
	}
	return &KeyLists{Metrics: metrics.sorted(), Params: params.sorted(), Tags: tags.sorted()}
}

// keySet is a set of keys that remembers the last list added.
type keySet struct {
	m    map[string]bool
	last []string
}

// add adds n keys, key(0) to key(n-1).
func (s *keySet) add(n int, key func(i int) string) {
	if n == len(s.last) && s.m != nil {
		i := 0
		for i < n && key(i) == s.last[i] {
			i++
		}
		if i == n {
			return
		}
	}
	if s.m == nil {
		s.m = map[string]bool{}
	}
	s.last = s.last[:0]
	for i := range n {
		k := key(i)
		s.m[k] = true
		s.last = append(s.last, k)
	}
}

func (s *keySet) sorted() []string {
	out := make([]string, 0, len(s.m))
	for k := range s.m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// tableRow is one row: the fixed fields, gap nulls (the group fields of a
// grouped answer, which a run leaves empty), then a value per column, null
// where the run has none. Metric values are numbers, or "NaN", "Infinity"
// and "-Infinity" as in MLflow's JSON.
func tableRow(r *mlflow.Run, tr treeRow, parent string, cols []tableColumn, gap int) []any {
	row := make([]any, 0, len(Fields)+gap+len(cols))
	name := r.Info.RunName
	if name == "" {
		name, _ = r.Tag(mlflow.TagRunName)
	}
	var end any
	if r.Info.EndTime != 0 {
		end = r.Info.EndTime
	}
	src, _ := r.Tag(mlflow.TagSourceName)
	row = append(row, r.Info.RunID, name, r.Info.Status.String(), r.Info.StartTime, end,
		r.Info.UserID, src, parent, tr.depth, tr.kids, r.Info.ExperimentID)
	row = append(row, make([]any, gap)...)
	for _, c := range cols {
		row = append(row, cellValue(r, c))
	}
	return row
}

func cellValue(r *mlflow.Run, c tableColumn) any {
	switch c.kind {
	case search.KindMetric:
		if m, ok := r.Metric(c.key); ok {
			return m.Value
		}
	case search.KindParam:
		if v, ok := r.Param(c.key); ok {
			return v
		}
	case search.KindTag:
		if v, ok := r.Tag(c.key); ok {
			return v
		}
	}
	return nil
}
