package ui

import (
	"encoding/json"
	"fmt"
	"math"

	"mlscope/app/mlflow"
)

// tableURL is mlscope's runs table endpoint (server/api/table.go).
const tableURL = "/ajax-api/2.0/mlscope/runs/table"

// tableRequest asks the endpoint for a window of the runs table.
type tableRequest struct {
	ExperimentIDs []string `json:"experiment_ids"`
	ViewType      string   `json:"run_view_type"`
	Filter        string   `json:"filter,omitempty"`
	OrderBy       []string `json:"order_by,omitempty"`
	Offset        int      `json:"offset"`
	Limit         int      `json:"limit"`
	Columns       []string `json:"columns,omitempty"`
	Expanded      []string `json:"expanded,omitempty"`
	Keys          bool     `json:"keys,omitempty"`
	GroupBy       string   `json:"group_by,omitempty"`
	// Collapsed are the folded groups' values; nil is the group of runs
	// without a value.
	Collapsed []*string `json:"collapsed_groups,omitempty"`
	// PinnedRuns are the runs kept above the table (tableAnswer.Pinned).
	PinnedRuns []string `json:"pinned_runs,omitempty"`
}

// tableKeys are the metric, param and tag keys of an experiment's runs.
type tableKeys struct {
	Metrics []string `json:"metrics"`
	Params  []string `json:"params"`
	Tags    []string `json:"tags"`
}

// tableAnswer is the endpoint's answer, rows still as JSON arrays.
type tableAnswer struct {
	Total   int        `json:"total"`
	Matched int        `json:"matched"`
	InView  int        `json:"runs_in_view"`
	Offset  int        `json:"offset"`
	Fields  []string   `json:"fields"`
	Columns []string   `json:"columns"`
	Rows    [][]any    `json:"rows"`
	Keys    *tableKeys `json:"keys"`
	Groups  int        `json:"groups"`
	Pinned  [][]any    `json:"pinned"`
	// PinnedRows are Pinned decoded, by fetchTable.
	PinnedRows []runRow `json:"-"`
}

// runRow is one row of the runs table.
type runRow struct {
	ID, Name, Status string
	Start, End       int64 // epoch ms; End is 0 while the run goes on
	User, Source     string
	Parent           string
	Depth, Children  int
	Experiment       string      // the run's experiment id
	Values           []cellValue // per column
	Group            *groupHead  // set on a group's header row, which is no run
}

// cellValue is a metric, param or tag value; ok is false when the run has
// none. Metric values are in num, the others in text.
type cellValue struct {
	num  float64
	text string
	ok   bool
}

// tableError is the endpoint's 400 answer for a faulty filter, order_by or
// column: MLflow's message and where the fault is.
type tableError struct {
	Code     string `json:"error_code"`
	Message  string `json:"message"`
	Field    string `json:"field"`
	Position int    `json:"position"`
	Length   int    `json:"length"`
}

func (e *tableError) Error() string { return e.Message }

// fetchTable asks for one window. It blocks; call it from ctx.Async.
func fetchTable(req tableRequest) (tableAnswer, []runRow, error) {
	var ans tableAnswer
	body, err := json.Marshal(req)
	if err != nil {
		return ans, nil, fmt.Errorf("encode runs table request: %w", err)
	}
	status, b, err := fetch("POST", tableURL, body)
	if err != nil {
		return ans, nil, err
	}
	if status != 200 {
		var te tableError
		if json.Unmarshal(b, &te) == nil && te.Message != "" {
			if te.Field == "" {
				return ans, nil, &mlflow.Error{Code: te.Code, Message: te.Message}
			}
			return ans, nil, &te
		}
		return ans, nil, fmt.Errorf("POST %s: HTTP %d", tableURL, status)
	}
	if err := json.Unmarshal(b, &ans); err != nil {
		return ans, nil, fmt.Errorf("decode the runs table: %w", err)
	}
	rows, err := decodeRows(ans, ans.Rows)
	if err == nil {
		ans.PinnedRows, err = decodeRows(ans, ans.Pinned)
	}
	return ans, rows, err
}

// decodeRows turns arrays of the answer (its rows or its pinned rows)
// into rows, finding the fixed fields by name.
func decodeRows(a tableAnswer, list [][]any) ([]runRow, error) {
	at := map[string]int{}
	for i, f := range a.Fields {
		at[f] = i
	}
	for _, f := range []string{"run_id", "run_name", "status", "start_time", "end_time",
		"user_id", "source", "parent_run_id", "depth", "children"} {
		if _, ok := at[f]; !ok {
			return nil, fmt.Errorf("the runs table answer lacks the field %s", f)
		}
	}
	n := len(a.Fields)
	rows := make([]runRow, len(list))
	for i, v := range list {
		if len(v) != n+len(a.Columns) {
			return nil, fmt.Errorf("row %d of the runs table has %d values, want %d",
				i, len(v), n+len(a.Columns))
		}
		r := &rows[i]
		r.ID, r.Name, r.Status = str(v[at["run_id"]]), str(v[at["run_name"]]), str(v[at["status"]])
		r.Start, r.End = int64(num(v[at["start_time"]])), int64(num(v[at["end_time"]]))
		r.User, r.Source = str(v[at["user_id"]]), str(v[at["source"]])
		r.Parent = str(v[at["parent_run_id"]])
		r.Depth, r.Children = int(num(v[at["depth"]])), int(num(v[at["children"]]))
		if e, ok := at["experiment_id"]; ok {
			r.Experiment = str(v[e])
		}
		if g, ok := at["group_runs"]; ok && v[g] != nil {
			r.Group = decodeGroup(v[at["group"]], v[g], v[n:])
			continue
		}
		r.Values = make([]cellValue, len(a.Columns))
		for j, c := range a.Columns {
			r.Values[j] = toCell(v[n+j], c)
		}
	}
	return rows, nil
}

// toCell reads a column's value: metrics are numbers, or "NaN",
// "Infinity" and "-Infinity"; the rest are strings; null is no value.
func toCell(v any, col string) cellValue {
	switch x := v.(type) {
	case nil:
		return cellValue{}
	case float64:
		return cellValue{num: x, ok: true}
	case string:
		if kind, _ := colKind(col); kind == "metrics" {
			switch x {
			case "NaN":
				return cellValue{num: math.NaN(), ok: true}
			case "Infinity":
				return cellValue{num: math.Inf(1), ok: true}
			case "-Infinity":
				return cellValue{num: math.Inf(-1), ok: true}
			}
		}
		return cellValue{text: x, ok: true}
	}
	return cellValue{}
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func num(v any) float64 {
	f, _ := v.(float64)
	return f
}
