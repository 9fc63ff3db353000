package api

import (
	"bytes"
	"errors"
	"fmt"
	"net/http/httptest"
	"testing"

	"mlscope/app/mlflow"
)

// FuzzReadRequest throws request bodies at readRequest and then at every
// decoder of decode.go, field by field. Nothing may panic, and every
// refusal must be an MLflow error that a client can read.
func FuzzReadRequest(f *testing.F) {
	for _, s := range []string{
		``, `{}`, `null`, `[]`, `"{\"run_id\":\"r\"}"`, `"not json"`, `{"a":`,
		`{"run_id":"r","metrics":[{"key":"m","value":"NaN","timestamp":"1","step":2}]}`,
		`{"run_id":"r","params":[{"key":"p","value":1}],"tags":[{"key":"t","value":true}]}`,
		`{"experiment_ids":[1,"2"],"max_results":"1e3","run_view_type":"DELETED_ONLY"}`,
		`{"metrics":[{"key":"m","value":1e400,"timestamp":9223372036854775808}]}`,
		`{"metrics":[null,{"key":null},{"key":"m","value":true}]}`,
		`{"experiment_id":3.5,"run_uuid":["x"],"name":{"a":1}}`,
		`{"tags":"x","params":[[]],"metrics":{}}`,
	} {
		f.Add([]byte(s), "application/json")
	}
	f.Add([]byte(`{}`), "text/plain")
	f.Add([]byte(`{}`), "application/json; charset=utf-8")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		r := httptest.NewRequest("POST", "/api/2.0/mlflow/runs/log-batch?run_id=q",
			bytes.NewReader(body))
		r.Header.Set("Content-Type", contentType)
		req, err := readRequest(r)
		if err != nil {
			mustBeMLflow(t, err, body)
			return
		}
		names := []string{"run_id", "run_uuid", "name", "experiment_ids", "max_results",
			"run_view_type", "metrics", "params", "tags"}
		for k := range req.body {
			names = append(names, k)
		}
		for _, name := range names {
			decodeField(t, req, name, body)
		}
		_, err = req.runID()
		mustBeMLflow(t, err, body)
		_, err = req.required("name")
		mustBeMLflow(t, err, body)
	})
}

// decodeField runs every decoder on one field.
func decodeField(t *testing.T, req *request, name string, body []byte) {
	_, err := req.str(name)
	mustBeMLflow(t, err, body)
	_, err = req.strs(name)
	mustBeMLflow(t, err, body)
	_, err = req.int(name, 0)
	mustBeMLflow(t, err, body)
	_, err = req.viewType(name)
	mustBeMLflow(t, err, body)
	_, err = req.keyValues(name)
	mustBeMLflow(t, err, body)
	items, err := req.objects(name)
	mustBeMLflow(t, err, body)
	for i, it := range items {
		where := fmt.Sprintf("%s[%d]", name, i)
		_, err = keyValue(it, where)
		mustBeMLflow(t, err, body)
		_, err = metricOf(it, where)
		mustBeMLflow(t, err, body)
		for _, raw := range it {
			textOf(raw)
			int64Of(raw)
			floatOf(raw)
		}
	}
	if raw := req.raw(name); raw != nil {
		textOf(raw)
		int64Of(raw)
		floatOf(raw)
	}
}

// mustBeMLflow fails unless err is nil or an *mlflow.Error with a code.
func mustBeMLflow(t *testing.T, err error, body []byte) {
	t.Helper()
	if err == nil {
		return
	}
	var me *mlflow.Error
	if !errors.As(err, &me) || me.Code == "" || me.Message == "" {
		t.Fatalf("body %q: error %v is not an MLflow error", body, err)
	}
}
