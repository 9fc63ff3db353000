package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestMLmodelJSON reads MLmodel files through mlscope/mlmodel, the JSON
// the browser reads them as: from a run's artifacts and from a registered
// version, and the errors it passes on or gives.
func TestMLmodelJSON(t *testing.T) {
	srv := startServer(t, "--backend-store-uri", registryTree(t))
	runFile := "/get-artifact?" + url.Values{"run_id": {owlRun}, "path": {"model/MLmodel"}}.Encode()
	versionFile := "/model-versions/get-artifact?" +
		url.Values{"name": {"wine-elasticnet"}, "version": {"1"}, "path": {"MLmodel"}}.Encode()
	tests := []struct {
		name   string
		file   string // "" leaves the parameter out
		status int
		want   string // in the answer
	}{
		{"run artifact", runFile, 200, `"fixed acidity`},
		{"registered version", versionFile, 200, `"run_id":"` + owlRun + `"`},
		{"missing file", "/get-artifact?run_id=" + owlRun + "&path=model/nope", 404,
			"RESOURCE_DOES_NOT_EXIST"},
		{"not YAML of a mapping", "/get-artifact?run_id=" + owlRun + "&path=model/requirements.txt",
			400, "invalid MLmodel yaml"},
		{"no file", "", 400, "Missing value for required parameter 'file'"},
		{"another route", "/ajax-api/2.0/mlflow/experiments/search", 400,
			"not the address of an artifact file download"},
		{"another host", "http://example.com/get-artifact?run_id=x&path=MLmodel", 400,
			"not the address of an artifact file download"},
		{"a logged model's other route", "/ajax-api/2.0/mlflow/logged-models/m-1/x/artifacts/files",
			400, "not the address of an artifact file download"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u := srv.URL + "/ajax-api/2.0/mlscope/mlmodel"
			if tc.file != "" {
				u += "?" + url.Values{"file": {tc.file}}.Encode()
			}
			resp, body := rawGet(t, "GET", u, nil)
			if resp.StatusCode != tc.status || !strings.Contains(string(body), tc.want) {
				t.Fatalf("%d %s; want %d with %q", resp.StatusCode, body, tc.status, tc.want)
			}
			if resp.StatusCode == http.StatusOK {
				var doc map[string]any
				if err := json.Unmarshal(body, &doc); err != nil || doc["flavors"] == nil {
					t.Errorf("not an MLmodel document: %v\n%s", err, body)
				}
			}
		})
	}
}
