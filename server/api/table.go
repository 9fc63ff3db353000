package api

import (
	"encoding/json"
	"errors"
	"net/http"

	"mlscope/app/mlflow"
	"mlscope/app/runtable"
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
//	offset, limit   the window of the tree's rows; limit at most runtable.MaxLimit
//	columns         "metrics.<key>", "params.<key>" or "tags.<key>" values to
//	                send with each row; left out, the first runtable.DefaultPerKind
//	                metric and param keys
//	expanded        ids of parent runs whose child runs are shown
//	keys            true to have the metric, param and tag keys of the
//	                experiments' runs sent too
//	group_by, collapsed_groups
//	                group the runs by a param, a tag or their datasets, and
//	                fold some groups (app/runtable/group.go)
//	pinned_runs     ids of runs kept above the table (app/runtable/pinned.go)
//
// and answers runtable.Answer. Runs whose mlflow.parentRunId names another run
// among the matches are grouped under it on the server, so that the window
// arithmetic covers the tree as drawn. A faulty filter, order_by entry,
// column or group_by is MLflow's 400 INVALID_PARAMETER_VALUE with four
// more fields: field ("filter", "order_by", "columns" or "group_by"),
// position and length (the fault's byte span in that text), and index
// (which entry of a list).

// The table itself is built by package runtable; these names keep the
// handler and its tests short.
type (
	tableQuery = runtable.Query
	tableFault = runtable.Fault
)

// tableRPCs is the route table of mlscope's own UI endpoints.
func (s *Server) tableRPCs() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"POST /mlscope/runs/table": s.handleRunTable,
	}
}

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
	ans, err := runtable.Build(runs, q)
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
	if q.Filter, err = req.str("filter"); err != nil {
		return q, err
	}
	if q.OrderBy, err = req.strs("order_by"); err != nil {
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
	if err == nil && (limit < 0 || limit > runtable.MaxLimit) {
		err = badRequest("Invalid value %d for parameter 'limit' supplied. It must be "+
			"from 0 to %d.", limit, runtable.MaxLimit)
	}
	if err != nil {
		return q, err
	}
	q.Offset, q.Limit = int(min(offset, 1<<31)), int(limit)
	if req.raw("columns") != nil || len(req.query["columns"]) > 0 {
		if q.Columns, err = req.strs("columns"); err != nil {
			return q, err
		}
		q.Columns = append([]string{}, q.Columns...) // asked for none is not nil
	}
	expanded, err := req.strs("expanded")
	if err != nil {
		return q, err
	}
	q.Expanded = make(map[string]bool, len(expanded))
	for _, id := range expanded {
		q.Expanded[id] = true
	}
	if q.Keys, err = req.flag("keys"); err != nil {
		return q, err
	}
	if q.GroupBy, err = req.str("group_by"); err != nil {
		return q, err
	}
	if q.Pinned, err = req.strs("pinned_runs"); err != nil {
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
	}{mlflow.CodeInvalidParameterValue, f.Err.Msg, f.Field, f.Err.Pos, f.Err.Len, f.Err.Index})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(statusOf[mlflow.CodeInvalidParameterValue])
	w.Write(b)
}

// readCollapsed reads collapsed_groups: a JSON array of strings and nulls,
// or the query key repeated ("" cannot be told from a missing value there,
// so the query string cannot fold the runs without a value).
func readCollapsed(req *request, q *tableQuery) error {
	q.Collapsed = map[string]bool{}
	v := req.raw("collapsed_groups")
	if v == nil {
		for _, s := range req.query["collapsed_groups"] {
			q.Collapsed[s] = true
		}
		return nil
	}
	var items []*string
	if json.Unmarshal(v, &items) != nil {
		return invalidValue("collapsed_groups", v)
	}
	for _, s := range items {
		if s == nil {
			q.CollapsedNone = true
		} else {
			q.Collapsed[*s] = true
		}
	}
	return nil
}
