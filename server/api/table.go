package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"sort"
	"strings"

	"mlscope/app/mlflow"
	"mlscope/app/search"
)

// The runs table endpoint is mlscope's own, not MLflow's: the browser asks
// it for one window of the runs table at a time, as compact arrays, so that
// an experiment of 100,000 runs is filtered, sorted and paged here and the
// page decodes only the rows on screen.
//
// POST /ajax-api/2.0/mlscope/runs/table takes
//
//	experiment_ids  the experiments, as in runs/search
//	run_view_type   ACTIVE_ONLY (default), DELETED_ONLY or ALL
//	filter          MLflow's runs/search filter
//	order_by        MLflow's order_by entries; the default is start_time DESC
//	offset, limit   the window of the tree's rows; limit at most tableMaxLimit
//	columns         "metrics.<key>", "params.<key>" or "tags.<key>" values to
//	                send with each row; left out, the first tableDefaultPerKind
//	                metric and param keys
//	expanded        ids of parent runs whose child runs are shown
//	keys            true to have the metric, param and tag keys of the
//	                experiments' runs sent too
//	group_by, collapsed_groups
//	                group the runs by a param, a tag or their datasets, and
//	                fold some groups (table_group.go)
//	pinned_runs     ids of runs kept above the table (table_pinned.go)
//
// and answers tableAnswer. Runs whose mlflow.parentRunId names another run
// among the matches are grouped under it on the server, so that the window
// arithmetic covers the tree as drawn. A faulty filter, order_by entry or
// column is MLflow's 400 INVALID_PARAMETER_VALUE with three more fields:
// field ("filter", "order_by" or "columns"), position and length (the
// fault's byte span in that text), and index (which entry of a list).

// tableRPCs is the route table of mlscope's own UI endpoints.
func (s *Server) tableRPCs() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"POST /mlscope/runs/table": s.handleRunTable,
	}
}

// Limits of a table request.
const (
	tableMaxLimit       = 1000 // rows in one window
	tableDefaultPerKind = 10   // metric and param columns when none are asked for
)

// tableFields name the leading entries of every row, before the values of
// the columns. end_time is null while a run has not ended; depth is the
// row's level in the tree and children the number of its child runs among
// the matches.
var tableFields = []string{"run_id", "run_name", "status", "start_time", "end_time",
	"user_id", "source", "parent_run_id", "depth", "children", "experiment_id"}

// tableAnswer is the endpoint's answer.
type tableAnswer struct {
	Total   int        `json:"total"`        // rows of the tree: top-level runs plus the children of expanded ones
	Matched int        `json:"matched"`      // runs that match the filter
	InView  int        `json:"runs_in_view"` // runs of the experiments in the view, before the filter
	Offset  int        `json:"offset"`
	Fields  []string   `json:"fields"`
	Columns []string   `json:"columns"`
	Rows    [][]any    `json:"rows"`
	Keys    *tableKeys `json:"keys,omitempty"`
	Groups  int        `json:"groups,omitempty"` // groups, when grouped
	// Pinned are the rows of the pinned runs, in the fields of Rows.
	Pinned [][]any `json:"pinned,omitempty"`
}

// tableKeys are the keys logged in the experiments' runs, each list sorted.
type tableKeys struct {
	Metrics []string `json:"metrics"`
	Params  []string `json:"params"`
	Tags    []string `json:"tags"`
}

// tableQuery is a decoded table request, less the experiments and view.
type tableQuery struct {
	filter   string
	orderBy  []string
	offset   int
	limit    int
	columns  []string // nil: the default columns
	expanded map[string]bool
	keys     bool
	groupBy  string
	// collapsed are the folded groups' values; collapsedNone folds the
	// group of runs without a value.
	collapsed     map[string]bool
	collapsedNone bool
	pinned        []string // run ids, in the order pinned
}

// tableColumn is a parsed column name.
type tableColumn struct {
	kind search.Kind
	key  string
	name string // as asked for
}

// tableFault is a search error with the field it is in.
type tableFault struct {
	field string
	err   *search.Error
}

func (f *tableFault) Error() string { return f.field + ": " + f.err.Msg }

func (s *Server) handleRunTable(w http.ResponseWriter, r *http.Request) {
	req, err := readRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q, err := readTableQuery(req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ids, err := req.strs("experiment_ids")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	view, err := req.viewType("run_view_type")
	if err != nil {
		s.fail(w, r, err)
		return
	}

	stored, err := s.store.Runs(ids, view)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	runs := make([]*mlflow.Run, len(stored))
	for i, sr := range stored {
		runs[i] = &sr.Run
	}
	ans, err := buildTable(runs, q)
	var fault *tableFault
	if errors.As(err, &fault) {
		writeTableFault(w, fault)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, ans)
}

// readTableQuery decodes and checks the request's window, columns and
// flags; the filter and order_by are checked when the table is built.
func readTableQuery(req *request) (tableQuery, error) {
	var q tableQuery
	var err error
	if q.filter, err = req.str("filter"); err != nil {
		return q, err
	}
	if q.orderBy, err = req.strs("order_by"); err != nil {
		return q, err
	}
	offset, err := req.int("offset", 0)
	if err == nil && offset < 0 {
		err = badRequest("Invalid value %d for parameter 'offset' supplied. It must not "+
			"be negative.", offset)
	}
	if err != nil {
		return q, err
	}
	limit, err := req.int("limit", 100)
	if err == nil && (limit < 0 || limit > tableMaxLimit) {
		err = badRequest("Invalid value %d for parameter 'limit' supplied. It must be "+
			"from 0 to %d.", limit, tableMaxLimit)
	}
	if err != nil {
		return q, err
	}
	q.offset, q.limit = int(min(offset, 1<<31)), int(limit)
	if req.raw("columns") != nil || len(req.query["columns"]) > 0 {
		if q.columns, err = req.strs("columns"); err != nil {
			return q, err
		}
		q.columns = append([]string{}, q.columns...) // asked for none is not nil
	}
	expanded, err := req.strs("expanded")
	if err != nil {
		return q, err
	}
	q.expanded = make(map[string]bool, len(expanded))
	for _, id := range expanded {
		q.expanded[id] = true
	}
	if q.keys, err = req.flag("keys"); err != nil {
		return q, err
	}
	if q.groupBy, err = req.str("group_by"); err != nil {
		return q, err
	}
	if q.pinned, err = req.strs("pinned_runs"); err != nil {
		return q, err
	}
	return q, readCollapsed(req, &q)
}

// flag reads a boolean field: JSON true or false, or "true"/"false" in the
// query string. Absent is false.
func (q *request) flag(name string) (bool, error) {
	if v := q.raw(name); v != nil {
		var b bool
		if json.Unmarshal(v, &b) != nil {
			return false, invalidValue(name, v)
		}
		return b, nil
	}
	switch s := q.query.Get(name); s {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	default:
		return false, invalidValue(name, []byte(s))
	}
}

// writeTableFault sends a search fault as MLflow's 400 answer plus where
// the fault is, for the UI to underline.
func writeTableFault(w http.ResponseWriter, f *tableFault) {
	b, _ := json.Marshal(struct {
		Code     string `json:"error_code"`
		Message  string `json:"message"`
		Field    string `json:"field"`
		Position int    `json:"position"`
		Length   int    `json:"length"`
		Index    int    `json:"index"`
	}{mlflow.CodeInvalidParameterValue, f.err.Msg, f.field, f.err.Pos, f.err.Len, f.err.Index})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(statusOf[mlflow.CodeInvalidParameterValue])
	w.Write(b)
}

// buildTable filters and sorts runs, arranges the matches as a tree and
// returns the window q asks for. runs is not changed.
func buildTable(runs []*mlflow.Run, q tableQuery) (*tableAnswer, error) {
	if _, err := search.ParseRunFilter(q.filter); err != nil {
		return nil, fault("filter", err)
	}
	if _, err := search.ParseRunOrderBy(q.orderBy); err != nil {
		return nil, fault("order_by", err)
	}
	cols, cerr := parseColumns(q.columns)
	if cerr != nil {
		return nil, &tableFault{field: "columns", err: cerr}
	}
	group, gerr := parseGroupBy(q.groupBy)
	if gerr != nil {
		return nil, &tableFault{field: "group_by", err: gerr}
	}
	matched, _, err := search.SearchRuns(runs, q.filter, q.orderBy, max(len(runs), 1), "")
	if err != nil {
		return nil, fault("filter", err)
	}

	ans := &tableAnswer{Matched: len(matched), InView: len(runs), Offset: q.offset,
		Fields: tableFields, Rows: [][]any{}}
	pinned := pinnedRuns(runs, q.pinned)
	matched = withoutPinned(matched, pinned)
	if q.keys || q.columns == nil {
		keys := collectKeys(runs)
		if q.keys {
			ans.Keys = keys
		}
		if q.columns == nil {
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
	tree := flattenTree(matched, q.expanded)
	ans.Total = len(tree.rows)
	lo := min(q.offset, len(tree.rows))
	hi := min(lo+q.limit, len(tree.rows))
	for _, tr := range tree.rows[lo:hi] {
		ans.Rows = append(ans.Rows, tableRow(matched[tr.idx], tr, tree.parent(tr.idx), cols))
	}
	return ans, nil
}

// fault wraps a search package error with the field it came from.
func fault(field string, err error) error {
	var se *search.Error
	if errors.As(err, &se) {
		return &tableFault{field: field, err: se}
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
func defaultColumns(k *tableKeys) []tableColumn {
	var cols []tableColumn
	for _, key := range k.Metrics[:min(len(k.Metrics), tableDefaultPerKind)] {
		cols = append(cols, tableColumn{search.KindMetric, key, "metrics." + key})
	}
	for _, key := range k.Params[:min(len(k.Params), tableDefaultPerKind)] {
		cols = append(cols, tableColumn{search.KindParam, key, "params." + key})
	}
	return cols
}

// collectKeys gathers the metric, param and tag keys of the runs. Runs
// logged by the same code hold the same keys in the same order, so a run
// whose keys repeat the previous run's costs a comparison, not a lookup
// per key.
func collectKeys(runs []*mlflow.Run) *tableKeys {
	var metrics, params, tags keySet
	for _, r := range runs {
		ms, ps, ts := r.Data.Metrics, r.Data.Params, r.Data.Tags
		metrics.add(len(ms), func(i int) string { return ms[i].Key })
		params.add(len(ps), func(i int) string { return ps[i].Key })
		tags.add(len(ts), func(i int) string { return ts[i].Key })
	}
	return &tableKeys{Metrics: metrics.sorted(), Params: params.sorted(), Tags: tags.sorted()}
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

// tableRow is one row: the fixed fields, then a value per column, null
// where the run has none. Metric values are numbers, or "NaN",
// "Infinity" and "-Infinity" as in MLflow's JSON.
func tableRow(r *mlflow.Run, tr treeRow, parent string, cols []tableColumn) []any {
	row := make([]any, 0, len(tableFields)+len(cols))
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
