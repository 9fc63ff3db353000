package api

import (
	"net/http"
	"sort"

	"mlscope/app/mlflow"
)

func (s *Server) handleExperimentSearch(w http.ResponseWriter, r *http.Request) {
	req, err := readRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	maxResults, err := req.int("max_results", 1000)
	if err == nil && (maxResults < 1 || maxResults > 50000) {
		err = badRequest("Invalid value for max_results. It must be a positive integer, "+
			"but got %d", maxResults)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	view, err := req.viewType("view_type")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	token, _ := req.str("page_token")
	filter, _ := req.str("filter")
	orderBy, _ := req.strs("order_by")
	exps, err := s.store.Experiments(view)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page, next, err := searchExperiments(exps, filter, orderBy, int(maxResults), token)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, struct {
		Experiments   []*mlflow.Experiment `json:"experiments,omitempty"`
		NextPageToken string               `json:"next_page_token,omitempty"`
	}{page, next})
}

// sortExperimentsDefault orders as MLflow does without order_by: newest
// first, then by id.
func sortExperimentsDefault(exps []*mlflow.Experiment) {
	sort.SliceStable(exps, func(i, j int) bool {
		if exps[i].CreationTime != exps[j].CreationTime {
			return exps[i].CreationTime > exps[j].CreationTime
		}
		return exps[i].ExperimentID < exps[j].ExperimentID
	})
}

func (s *Server) handleExperimentGet(w http.ResponseWriter, r *http.Request) {
	req, err := readRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := req.required("experiment_id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	e, err := s.store.Experiment(id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, map[string]any{"experiment": e})
}

func (s *Server) handleExperimentGetByName(w http.ResponseWriter, r *http.Request) {
	req, err := readRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name, err := req.required("experiment_name")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	e, err := s.store.ExperimentByName(name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, map[string]any{"experiment": e})
}
