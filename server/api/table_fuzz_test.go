package api

import (
	"bytes"
	"net/http/httptest"
	"testing"

	"mlscope/app/mlflow"
	"mlscope/app/runtable"
)

// FuzzRunTable throws bodies at the runs table's request reader and builds
// the table of two runs from what it reads: no panic, and every refusal an
// error a client can read (MLflow's, or a fault with its field).
func FuzzRunTable(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"filter":"metrics.rmse < 1","order_by":["params.a DESC"],"limit":10}`,
		`{"columns":["metrics.rmse","params.alpha","tags.x"],"keys":true}`,
		`{"columns":[],"expanded":["r1"],"offset":1}`, `{"limit":-1}`, `{"offset":"x"}`,
		`{"columns":["nope.x"]}`, `{"filter":"metrics.rmse <"}`, `{"order_by":["x y z"]}`,
		`{"keys":"yes"}`, `{"limit":1e12}`,
		`{"group_by":"params.alpha","collapsed_groups":["0.1",null],"columns":["metrics.rmse"]}`,
		`{"group_by":"datasets","offset":1,"limit":1}`, `{"group_by":"metrics.rmse"}`,
		`{"group_by":"tags.","collapsed_groups":[3]}`,
	} {
		f.Add([]byte(s))
	}
	runs := []*mlflow.Run{
		{Info: mlflow.RunInfo{RunID: "r1", RunName: "owl", Status: mlflow.StatusFinished},
			Data: mlflow.RunData{Metrics: []mlflow.Metric{{Key: "rmse", Value: 0.5}},
				Params: []mlflow.Param{{Key: "alpha", Value: "0.1"}}}},
		{Info: mlflow.RunInfo{RunID: "r2", RunName: "fox"},
			Data: mlflow.RunData{Tags: []mlflow.Tag{{Key: mlflow.TagParentRunID, Value: "r1"}}}},
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		r := httptest.NewRequest("POST", "/ajax-api/2.0/mlscope/runs/table", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		req, err := readRequest(r)
		if err != nil {
			mustBeMLflow(t, err, body)
			return
		}
		q, err := readTableQuery(req)
		if err != nil {
			mustBeMLflow(t, err, body)
			return
		}
		if _, err := runtable.Build(runs, q); err != nil {
			if _, ok := err.(*tableFault); !ok {
				mustBeMLflow(t, err, body)
			}
		}
	})
}
