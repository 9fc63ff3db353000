package api

import (
	"net/http"

	"mlscope/app/mlflow"
)

func (s *Server) handleRunSearch(w http.ResponseWriter, r *http.Request) {
	req, err := readRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	maxResults, err := req.int("max_results", 1000)
	if err == nil && (maxResults < 1 || maxResults > 50000) {
		err = badRequest("Invalid value %d for parameter 'max_results' supplied. "+
			"It must be at most 50000.", maxResults)
	}
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
	filter, _ := req.str("filter")
	orderBy, _ := req.strs("order_by")
	token, _ := req.str("page_token")
	stored, err := s.store.Runs(ids, view)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	runs := make([]*mlflow.Run, len(stored))
	for i, sr := range stored {
		runs[i] = &sr.Run
	}
	page, next, err := searchRuns(runs, filter, orderBy, int(maxResults), token)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, struct {
		Runs          []*mlflow.Run `json:"runs,omitempty"`
		NextPageToken string        `json:"next_page_token,omitempty"`
	}{page, next})
}

func (s *Server) handleRunGet(w http.ResponseWriter, r *http.Request) {
	req, err := readRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := req.runID()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	run, err := s.store.Run(id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, map[string]any{"run": &run.Run})
}

func (s *Server) handleMetricHistory(w http.ResponseWriter, r *http.Request) {
	req, err := readRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := req.runID()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	key, err := req.required("metric_key")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	points, err := s.store.MetricHistory(id, key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, struct {
		Metrics []mlflow.Metric `json:"metrics,omitempty"`
	}{points})
}
