package ui

import (
	"slices"
	"testing"
)

// TestExperimentFirstRequests pins the first requests of an experiment's
// page that the server's app.js sends ahead: a change to what the page
// asks first shows here, and in the browser test that checks the app
// takes the answers (server/load_prefetch_test.go).
func TestExperimentFirstRequests(t *testing.T) {
	got := ExperimentFirstRequests("7")
	want := []FirstRequest{
		{Method: "GET", URL: "/ajax-api/2.0/mlflow/experiments/search?" +
			"max_results=50000&view_type=ACTIVE_ONLY"},
		{Method: "GET", URL: "/ajax-api/2.0/mlflow/experiments/get?experiment_id=7"},
		{Method: "POST", URL: "/ajax-api/2.0/mlscope/runs/table",
			Body: `{"experiment_ids":["7"],"run_view_type":"ACTIVE_ONLY","offset":0,` +
				`"limit":100,"keys":true}`},
	}
	if !slices.Equal(got, want) {
		t.Errorf("ExperimentFirstRequests(7) =\n%+v\nwant\n%+v", got, want)
	}
}
