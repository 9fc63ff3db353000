package api

import (
	"encoding/base64"
	"encoding/json"
	"sort"
	"strconv"

	"mlscope/app/mlflow"
)

// searchExperiments applies a filter and order to experiments.
// TODO: the filter grammar arrives with app/search (issue 4); until then a
// non-empty filter or order_by is refused with NOT_IMPLEMENTED.
func searchExperiments(exps []*mlflow.Experiment, filter string, orderBy []string) (
	[]*mlflow.Experiment, error) {
	if filter != "" || len(orderBy) > 0 {
		return nil, mlflow.Errorf(mlflow.CodeNotImplemented, "filter and order_by are not supported yet")
	}
	sortExperimentsDefault(exps)
	return exps, nil
}

// searchRuns applies a filter and order to runs. TODO as above.
func searchRuns(runs []*mlflow.Run, filter string, orderBy []string) ([]*mlflow.Run, error) {
	if filter != "" || len(orderBy) > 0 {
		return nil, mlflow.Errorf(mlflow.CodeNotImplemented, "filter and order_by are not supported yet")
	}
	sort.SliceStable(runs, func(i, j int) bool {
		a, b := runs[i].Info, runs[j].Info
		if a.StartTime != b.StartTime {
			return a.StartTime > b.StartTime
		}
		return a.RunID < b.RunID
	})
	return runs, nil
}

type span struct{ start, end int }

// paginate picks the page of n results that a token and max_results select
// and returns the next page's token, "" on the last page. Tokens are
// MLflow's file-store tokens: base64 of {"offset": N}.
func paginate(n, max int, token string) (span, string, error) {
	off := 0
	if token != "" {
		b, err := base64.StdEncoding.DecodeString(token)
		var t struct {
			Offset *int `json:"offset"`
		}
		if err != nil || json.Unmarshal(b, &t) != nil || t.Offset == nil || *t.Offset < 0 {
			return span{}, "", mlflow.Errorf(mlflow.CodeInvalidParameterValue,
				"Invalid page token, could not base64-decode")
		}
		off = *t.Offset
	}
	start := min(off, n)
	end := min(start+max, n)
	next := ""
	if end < n {
		next = base64.StdEncoding.EncodeToString(
			[]byte(`{"offset": ` + strconv.Itoa(end) + `}`))
	}
	return span{start, end}, next, nil
}
