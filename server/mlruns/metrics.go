package mlruns

import (
	"os"
	"path/filepath"
	"strings"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
)

// MetricHistory returns every logged value of a run's metric in logging
// order; an unknown key gives an empty history, as in MLflow.
func (s *Store) MetricHistory(runID, key string) ([]mlflow.Metric, error) {
	c, err := s.MetricColumns(runID, key)
	return c.Metrics(), err
}

// MetricColumns is MetricHistory in columns, served from a cache of
// parsed histories that follows appended lines. The Columns returned may
// be shared with other callers: read them, never change them.
func (s *Store) MetricColumns(runID, key string) (storefmt.Columns, error) {
	p, err := s.metricPath(runID, key)
	if err != nil {
		return storefmt.Columns{}, err
	}
	if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
		return storefmt.Columns{Key: key}, nil
	}
	c, err := s.columns(runID, key, p)
	if err != nil {
		s.warn(p, err.Error())
		return storefmt.Columns{Key: key}, nil
	}
	return c, nil
}

// metricPath returns the file of a run's metric, which need not exist,
// with MLflow's errors for a malformed run id or key and an unknown run.
func (s *Store) metricPath(runID, key string) (string, error) {
	if !mlflow.ValidRunID(runID) {
		return "", mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Invalid run ID: '%s'", runID)
	}
	// Only the folder is needed: reading the whole run would read the
	// latest value of every metric when the index is not ready yet.
	d, ok := s.findRun(runID)
	if !ok {
		return "", mlflow.Errorf(mlflow.CodeResourceDoesNotExist, "Run '%s' not found", runID)
	}
	if key == "" || strings.HasPrefix(key, "/") || strings.Contains(key, "..") ||
		strings.Contains(key, "\\") {
		return "", mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Invalid metric name: '%s'", key)
	}
	return filepath.Join(d.path, "metrics", filepath.FromSlash(key)), nil
}
