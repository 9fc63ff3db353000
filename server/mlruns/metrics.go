package mlruns

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
)

// history reads one metric file, warning once about lines it had to skip.
func (s *Store) history(path, key string) []mlflow.Metric {
	f, err := os.Open(path)
	if err != nil {
		s.warn(path, err.Error())
		return nil
	}
	defer f.Close()
	points, bad, err := storefmt.ParseHistory(f, key)
	if err != nil {
		s.warn(path, err.Error())
	}
	if len(bad) > 0 {
		msg := bad[0].Error()
		if len(bad) > 1 {
			msg += " (and " + strconv.Itoa(len(bad)-1) + " more lines)"
		}
		s.warn(path, "skipped metric lines: "+msg)
	}
	return points
}

// latestMetrics returns the latest value of every metric in a metrics
// folder, sorted by key.
func (s *Store) latestMetrics(dir string) []mlflow.Metric {
	var out []mlflow.Metric
	s.walkKeys(dir, func(key, path string) {
		if m, ok := storefmt.Latest(s.history(path, key)); ok {
			out = append(out, m)
		}
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

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
