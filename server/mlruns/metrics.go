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
	r, err := s.Run(runID)
	if err != nil {
		return nil, err
	}
	if key == "" || strings.HasPrefix(key, "/") || strings.Contains(key, "..") ||
		strings.Contains(key, "\\") {
		return nil, mlflow.Errorf(mlflow.CodeInvalidParameterValue,
			"Invalid metric name: '%s'", key)
	}
	p := filepath.Join(r.dir.path, "metrics", filepath.FromSlash(key))
	if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
		return nil, nil
	}
	return s.history(p, key), nil
}
