package api

import (
	"net/http"

	"mlscope/app/mlflow"
)

// trackingWriteRPCs are MLflow's endpoints that change experiments and
// runs, plus the legacy experiments/list that MLflow 1.x clients call.
func (s *Server) trackingWriteRPCs() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"POST /mlflow/experiments/create":                s.handleExperimentCreate,
		"POST /mlflow/experiments/update":                s.handleExperimentUpdate,
		"POST /mlflow/experiments/delete":                s.handleExperimentDelete,
		"POST /mlflow/experiments/restore":               s.handleExperimentRestore,
		"POST /mlflow/experiments/set-experiment-tag":    s.handleExperimentSetTag,
		"POST /mlflow/experiments/delete-experiment-tag": s.handleExperimentDeleteTag,
		// The npm client joins this path without its slash; accept both.
		"POST /mlflow/experimentsset-experiment-tag":    s.handleExperimentSetTag,
		"GET /mlflow/experiments/list":                  s.handleExperimentList,
		"POST /mlflow/runs/create":                      s.handleRunCreate,
		"POST /mlflow/runs/update":                      s.handleRunUpdate,
		"POST /mlflow/runs/delete":                      s.handleRunDelete,
		"POST /mlflow/runs/restore":                     s.handleRunRestore,
		"POST /mlflow/runs/log-metric":                  s.handleLogMetric,
		"POST /mlflow/runs/log-parameter":               s.handleLogParam,
		"POST /mlflow/runs/set-tag":                     s.handleSetTag,
		"POST /mlflow/runs/delete-tag":                  s.handleDeleteTag,
		"POST /mlflow/runs/log-batch":                   s.handleLogBatch,
		"POST /mlflow/runs/log-inputs":                  s.handleLogInputs,
		"POST /mlflow/runs/log-model":                   s.handleLogModel,
		"GET /mlflow/metrics/get-history-bulk-interval": s.handleHistoryBulkInterval,
		"GET /mlflow/metrics/get-history-bulk":          s.handleHistoryBulk,
	}
}

// empty is the answer of RPCs whose response message has no fields.
var empty = struct{}{}

// handle runs the common shape of a write handler: read the request, do
// the work, answer {} (or what the work returns).
func (s *Server) handle(w http.ResponseWriter, r *http.Request, work func(*request) (any, error)) {
	req, err := readRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out, err := work(req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if out == nil {
		out = empty
	}
	writeJSON(w, out)
}

func (s *Server) handleExperimentCreate(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		name, err := q.required("name")
		if err != nil {
			return nil, err
		}
		loc, err := q.str("artifact_location")
		if err != nil {
			return nil, err
		}
		tags, err := q.keyValues("tags")
		if err != nil {
			return nil, err
		}
		id, err := s.store.CreateExperiment(name, loc, tags)
		if err != nil {
			return nil, err
		}
		return map[string]string{"experiment_id": id}, nil
	})
}

func (s *Server) handleExperimentUpdate(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.required("experiment_id")
		if err != nil {
			return nil, err
		}
		name, err := q.required("new_name")
		if err != nil {
			return nil, err
		}
		return nil, s.store.RenameExperiment(id, name)
	})
}

func (s *Server) handleExperimentDelete(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.required("experiment_id")
		if err != nil {
			return nil, err
		}
		return nil, s.store.DeleteExperiment(id)
	})
}

func (s *Server) handleExperimentRestore(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.required("experiment_id")
		if err != nil {
			return nil, err
		}
		return nil, s.store.RestoreExperiment(id)
	})
}

func (s *Server) handleExperimentSetTag(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.required("experiment_id")
		if err != nil {
			return nil, err
		}
		t, err := keyValue(q.bodyFields(), "")
		if err != nil {
			return nil, missing("key")
		}
		return nil, s.store.SetExperimentTag(id, t)
	})
}

func (s *Server) handleExperimentDeleteTag(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.required("experiment_id")
		if err != nil {
			return nil, err
		}
		key, err := q.required("key")
		if err != nil {
			return nil, err
		}
		return nil, s.store.DeleteExperimentTag(id, key)
	})
}

// handleExperimentList serves MLflow 1.x's experiments/list: every
// experiment in view, in one answer.
func (s *Server) handleExperimentList(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		view, err := q.viewType("view_type")
		if err != nil {
			return nil, err
		}
		exps, err := s.store.Experiments(view)
		if err != nil {
			return nil, err
		}
		sortExperimentsDefault(exps)
		return struct {
			Experiments []*mlflow.Experiment `json:"experiments"`
		}{exps}, nil
	})
}
