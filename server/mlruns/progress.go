package mlruns

import (
	"io"
	"os"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
)

// Progress is what a live view follows of a run: whether it is still
// running and how far each of its metric files has grown.
type Progress struct {
	Running bool             // RUNNING and not deleted
	Status  mlflow.RunStatus // the run's status
	// Metrics holds how many bytes of whole lines each metric file had
	// when last read, by key: where to read appended values from.
	Metrics map[string]int64
}

// RunProgress returns a run's progress from the index, which notices the
// appends of running runs within a moment (the store's own writes at
// once), or from disk while the index is not ready. It reads no metric
// file. Errors are those of Run.
func (s *Store) RunProgress(runID string) (Progress, error) {
	if s.idx.ready.Load() {
		if e := s.idx.run(runID); e != nil {
			p := progressOf(e.run)
			for _, mf := range e.metricFiles() {
				p.Metrics[mf.Key] = mf.Offset
			}
			return p, nil
		}
	}
	r, err := s.Run(runID)
	if err != nil {
		return Progress{}, err
	}
	// Without the index, file sizes stand in for the whole lines: a line
	// being written at this moment is skipped.
	p := progressOf(r)
	_, files, _ := s.statRun(r.dir)
	for _, f := range files {
		if f.kind == "metrics" {
			p.Metrics[f.key] = f.stamp.Size
		}
	}
	return p, nil
}

// MetricTail reads the values appended to a run's metric file past byte
// from, the end of a whole line as Progress reports it, and returns them
// with the offset after the last whole line read. A file now shorter than
// from was rewritten: ok is false, nothing is read, and next is its size,
// where to follow it from once its history has been loaded again.
func (s *Store) MetricTail(runID, key string, from int64) (c storefmt.Columns, next int64, ok bool, err error) {
	c.Key = key
	p, err := s.metricPath(runID, key)
	if err != nil {
		return c, from, false, err
	}
	f, err := os.Open(p)
	if err != nil {
		return c, from, false, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return c, from, false, err
	}
	if fi.Size() < from {
		return c, fi.Size(), false, nil
	}
	if _, err := f.Seek(from, io.SeekStart); err != nil {
		return c, from, false, err
	}
	n, bad, err := storefmt.ScanColumns(f, &c)
	if len(bad) > 0 {
		s.warn(p, "skipped metric lines: "+bad[0].Error())
	}
	return c, from + n, true, err
}

func progressOf(r *Run) Progress {
	return Progress{
		Running: r.Info.Status == mlflow.StatusRunning && r.Info.LifecycleStage == mlflow.StageActive,
		Status:  r.Info.Status,
		Metrics: map[string]int64{},
	}
}
