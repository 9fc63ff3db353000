package demo

import (
	"fmt"
	"time"

	"mlscope/app/mlflow"
	"mlscope/server/mlruns"
)

// writeGroup writes a group of runs in order: a sweep's parent first, so
// that its trials can name it in mlflow.parentRunId.
func writeGroup(s *mlruns.Store, o Options, ep *expPlan, expID string, group []*runPlan) error {
	parentID := ""
	for _, p := range group {
		id, err := writeRun(s, o, ep, expID, p, parentID)
		if err != nil {
			return fmt.Errorf("run %d of experiment %s: %w", p.index, ep.name, err)
		}
		if p.role == parent {
			parentID = id
		}
	}
	return nil
}

// writeRun writes one run as a training script using MLflow would: create
// it, log its dataset, params and metrics, its artifacts and model, then
// end it (and, for the deleted run, delete it). It returns the run's id.
func writeRun(s *mlruns.Store, o Options, ep *expPlan, expID string, p *runPlan,
	parentID string) (string, error) {
	r, err := s.CreateRun(mlruns.CreateRunRequest{ExperimentID: expID, UserID: p.user,
		RunName: p.name, StartTime: p.start, Tags: p.tags(o, parentID)})
	if err != nil {
		return "", err
	}
	id := r.Info.RunID
	if err := s.LogInputs(id, []mlflow.DatasetInput{dataset(ep.theme)}); err != nil {
		return id, err
	}
	if err := logParams(s, id, p.h.params(o.Params, o.Steps)); err != nil {
		return id, err
	}
	c := newCurve(o, p)
	if err := logMetrics(s, o, id, p, c); err != nil {
		return id, err
	}
	if err := writeArtifacts(s, o, ep, id, p, c); err != nil {
		return id, err
	}
	status, end := p.status, p.end
	if _, err := s.UpdateRun(id, mlruns.RunUpdate{Status: &status, EndTime: &end}); err != nil {
		return id, err
	}
	if p.deleted {
		return id, s.DeleteRun(id)
	}
	return id, nil
}

// logParams logs params in batches of MLflow's limit.
func logParams(s *mlruns.Store, id string, params []mlflow.Param) error {
	for len(params) > 0 {
		n := min(len(params), mlflow.MaxParamsTagsPerBatch)
		if err := s.LogBatch(id, nil, params[:n], nil); err != nil {
			return err
		}
		params = params[n:]
	}
	return nil
}

// logMetrics logs every metric value of the run in batches of at most
// MLflow's 1000 values, key by key, so that a batch appends to few files.
func logMetrics(s *mlruns.Store, o Options, id string, p *runPlan, c *curve) error {
	batch := make([]mlflow.Metric, 0, min(mlflow.MaxMetricsPerBatch, o.Metrics*p.steps))
	for k := 0; k < o.Metrics; k++ {
		for _, m := range c.values(o, p, k) {
			batch = append(batch, m)
			if len(batch) == mlflow.MaxMetricsPerBatch {
				if err := s.LogBatch(id, batch, nil, nil); err != nil {
					return err
				}
				batch = batch[:0]
			}
		}
	}
	if len(batch) == 0 {
		return nil
	}
	return s.LogBatch(id, batch, nil, nil)
}

// writeArtifacts writes the best run's model, training log and
// predictions, and a failed run's log with its traceback.
func writeArtifacts(s *mlruns.Store, o Options, ep *expPlan, id string, p *runPlan,
	c *curve) error {
	var files []artifact
	switch {
	case p.best:
		r := newRand(o.Seed, streamModel, uint64(p.exp))
		created := time.UnixMilli(p.end - 4000)
		m := newLoggedModel(ep.theme, id, created, uuidHex(r), exampleRows(ep.theme, r, 5))
		files = append(m.files,
			artifact{"logs/train.log", trainLog(o, p, c)},
			artifact{"eval/predictions.csv", predictionsCSV(ep.theme, r, p.skill)})
		if err := s.AppendLoggedModel(id, m.entry); err != nil {
			return err
		}
	case p.status == mlflow.StatusFailed:
		files = []artifact{{"logs/train.log", trainLog(o, p, c)}}
	}
	for _, f := range files {
		if err := s.WriteArtifact(id, f.path, f.body); err != nil {
			return err
		}
	}
	return nil
}
