package api

import (
	"encoding/json"
	"net/http"

	"mlscope/app/mlflow"
	"mlscope/server/mlruns"
)

func (s *Server) handleRunCreate(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		var req mlruns.CreateRunRequest
		var err error
		if req.ExperimentID, err = q.str("experiment_id"); err != nil {
			return nil, err
		}
		if req.UserID, err = q.str("user_id"); err != nil {
			return nil, err
		}
		if req.RunName, err = q.str("run_name"); err != nil {
			return nil, err
		}
		if req.StartTime, err = q.int("start_time", 0); err != nil {
			return nil, err
		}
		if req.Tags, err = q.keyValues("tags"); err != nil {
			return nil, err
		}
		run, err := s.store.CreateRun(req)
		if err != nil {
			return nil, err
		}
		return map[string]any{"run": &run.Run}, nil
	})
}

func (s *Server) handleRunUpdate(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.runID()
		if err != nil {
			return nil, err
		}
		var u mlruns.RunUpdate
		if raw := q.raw("status"); raw != nil {
			text, _ := textOf(raw)
			st, err := mlflow.ParseRunStatus(text)
			if err != nil {
				return nil, invalidValue("status", raw)
			}
			u.Status = &st
		}
		if raw := q.raw("end_time"); raw != nil {
			end, ok := int64Of(raw)
			if !ok {
				return nil, invalidValue("end_time", raw)
			}
			u.EndTime = &end
		}
		if u.RunName, err = q.str("run_name"); err != nil {
			return nil, err
		}
		info, err := s.store.UpdateRun(id, u)
		if err != nil {
			return nil, err
		}
		return map[string]any{"run_info": info}, nil
	})
}

func (s *Server) handleRunDelete(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.runID()
		if err != nil {
			return nil, err
		}
		return nil, s.store.DeleteRun(id)
	})
}

func (s *Server) handleRunRestore(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.runID()
		if err != nil {
			return nil, err
		}
		return nil, s.store.RestoreRun(id)
	})
}

func (s *Server) handleLogMetric(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.runID()
		if err != nil {
			return nil, err
		}
		m, err := metricOf(q.bodyFields(), "")
		if err != nil {
			return nil, err
		}
		return nil, s.store.LogBatch(id, []mlflow.Metric{m}, nil, nil)
	})
}

func (s *Server) handleLogParam(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.runID()
		if err != nil {
			return nil, err
		}
		p, err := keyValue(q.bodyFields(), "")
		if err != nil {
			return nil, missing("key")
		}
		return nil, s.store.LogBatch(id, nil, []mlflow.Param{p}, nil)
	})
}

func (s *Server) handleSetTag(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.runID()
		if err != nil {
			return nil, err
		}
		t, err := keyValue(q.bodyFields(), "")
		if err != nil {
			return nil, missing("key")
		}
		return nil, s.store.LogBatch(id, nil, nil, []mlflow.Tag{t})
	})
}

func (s *Server) handleDeleteTag(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.runID()
		if err != nil {
			return nil, err
		}
		key, err := q.required("key")
		if err != nil {
			return nil, err
		}
		return nil, s.store.DeleteTag(id, key)
	})
}

func (s *Server) handleLogBatch(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.runID()
		if err != nil {
			return nil, err
		}
		items, err := q.objects("metrics")
		if err != nil {
			return nil, err
		}
		metrics := make([]mlflow.Metric, 0, len(items))
		for i, it := range items {
			m, err := metricOf(it, "metrics["+itoa(i)+"]")
			if err != nil {
				return nil, err
			}
			metrics = append(metrics, m)
		}
		params, err := q.keyValues("params")
		if err != nil {
			return nil, err
		}
		tags, err := q.keyValues("tags")
		if err != nil {
			return nil, err
		}
		return nil, s.store.LogBatch(id, metrics, params, tags)
	})
}

func (s *Server) handleLogInputs(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.runID()
		if err != nil {
			return nil, err
		}
		var inputs []mlflow.DatasetInput
		if raw := q.raw("datasets"); raw != nil {
			if err := json.Unmarshal(raw, &inputs); err != nil {
				return nil, invalidValue("datasets", raw)
			}
		}
		return nil, s.store.LogInputs(id, inputs)
	})
}
