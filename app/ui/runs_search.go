package ui

import "mlscope/app/mlflow"

// runsPageSize is how many runs one runs/search request asks for.
const runsPageSize = 1000

// runsPage is one answer of runs/search.
type runsPage struct {
	Runs          []*mlflow.Run `json:"runs"`
	NextPageToken string        `json:"next_page_token"`
}

// searchRuns asks MLflow's runs/search for one page of an experiment's
// active (or, with trash, deleted) runs, whole. The runs table does not
// use it: it reads windows of the compact table endpoint (table_client.go).
// It blocks; call it from ctx.Async.
func searchRuns(expID string, trash bool, token string) (runsPage, error) {
	view := "ACTIVE_ONLY"
	if trash {
		view = "DELETED_ONLY"
	}
	body := map[string]any{
		"experiment_ids": []string{expID},
		"run_view_type":  view,
		"max_results":    runsPageSize,
	}
	if token != "" {
		body["page_token"] = token
	}
	var page runsPage
	err := postJSON("runs/search", body, &page)
	return page, err
}
