package api

import (
	"net/http"
	"sort"
	"strconv"

	"mlscope/app/mlflow"
)

// Limits of the bulk history endpoints (MLflow's handlers).
const (
	maxRunsBulkHistory   = 100
	maxResultsPerRun     = 2500
	maxResultsLegacyBulk = 25000
)

func itoa(n int) string { return strconv.Itoa(n) }

// handleHistoryBulkInterval samples a metric over up to 100 runs at common
// steps, as MLflow does for its charts: at most max_results steps chosen
// evenly among the steps any run logged, plus each run's first and last.
func (s *Server) handleHistoryBulkInterval(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		runIDs, err := q.strs("run_ids")
		if err != nil {
			return nil, err
		}
		if len(runIDs) == 0 {
			return nil, missing("run_ids")
		}
		if len(runIDs) > maxRunsBulkHistory {
			return nil, badRequest("GetMetricHistoryBulkInterval request must specify at most "+
				"%d run_ids. Received %d run_ids.", maxRunsBulkHistory, len(runIDs))
		}
		key, err := q.required("metric_key")
		if err != nil {
			return nil, err
		}
		maxResults, err := q.int("max_results", maxResultsPerRun)
		if err != nil {
			return nil, err
		}
		if maxResults < 1 || maxResults > maxResultsPerRun {
			return nil, badRequest("max_results must be between 1 and %d.", maxResultsPerRun)
		}
		startS, _ := q.str("start_step")
		endS, _ := q.str("end_step")
		if (startS == "") != (endS == "") {
			return nil, badRequest("If either start step or end step are specified, both must be specified.")
		}
		histories := make([][]mlflow.Metric, len(runIDs))
		for i, id := range runIDs {
			if histories[i], err = s.store.MetricHistory(id, key); err != nil {
				return nil, err
			}
		}
		var lo, hi int64
		ranged := startS != ""
		if ranged {
			if lo, err = q.int("start_step", 0); err != nil {
				return nil, err
			}
			if hi, err = q.int("end_step", 0); err != nil {
				return nil, err
			}
			if lo > hi {
				return nil, badRequest("end_step must be greater than start_step. "+
					"Found start_step=%d and end_step=%d.", lo, hi)
			}
		}
		steps := sampleSteps(histories, ranged, lo, hi, int(maxResults))
		var out []mlflow.MetricWithRunID
		for i, h := range histories {
			pts := make([]mlflow.Metric, 0, len(steps))
			for _, m := range h {
				if steps[m.Step] {
					pts = append(pts, m)
				}
			}
			sort.SliceStable(pts, func(a, b int) bool {
				if pts[a].Step != pts[b].Step {
					return pts[a].Step < pts[b].Step
				}
				return pts[a].Timestamp < pts[b].Timestamp
			})
			for _, m := range pts {
				out = append(out, mlflow.MetricWithRunID{Metric: m, RunID: runIDs[i]})
			}
		}
		return struct {
			Metrics []mlflow.MetricWithRunID `json:"metrics,omitempty"`
		}{out}, nil
	})
}

// sampleSteps picks the steps to return: every logged step when there are
// at most max in range, else max of them at even intervals plus the last;
// each run's smallest and largest step in range is always kept.
func sampleSteps(histories [][]mlflow.Metric, ranged bool, lo, hi int64, max int) map[int64]bool {
	set := map[int64]bool{}
	keep := map[int64]bool{}
	for _, h := range histories {
		if len(h) == 0 {
			continue
		}
		mn, mx := h[0].Step, h[0].Step
		for _, m := range h {
			set[m.Step] = true
			mn, mx = min(mn, m.Step), max64(mx, m.Step)
		}
		keep[mn], keep[mx] = true, true
	}
	all := make([]int64, 0, len(set))
	for st := range set {
		all = append(all, st)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	if !ranged {
		lo = 0
		if len(all) > 0 {
			hi = all[len(all)-1]
		}
	}
	startIdx := sort.Search(len(all), func(i int) bool { return all[i] >= lo })
	endIdx := sort.Search(len(all), func(i int) bool { return all[i] > hi })
	out := map[int64]bool{}
	if endIdx-startIdx <= max {
		for _, st := range all[startIdx:endIdx] {
			out[st] = true
		}
	} else {
		n := endIdx - startIdx
		interval := float64(n) / float64(max)
		for i := 0; i < max; i++ {
			// MLflow compares the index with the count of steps in range,
			// not with the end index; the same quirk keeps the same points.
			if idx := startIdx + int(float64(i)*interval); idx < n {
				out[all[idx]] = true
			}
		}
		out[all[endIdx-1]] = true
	}
	for st := range keep {
		if st >= lo && st <= hi {
			out[st] = true
		}
	}
	return out
}

func max64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

// handleHistoryBulk serves the UI-only legacy bulk history: whole histories
// of up to 100 runs, runs in id order, cut at max_results values.
func (s *Server) handleHistoryBulk(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		runIDs, err := q.strs("run_id")
		if err != nil {
			return nil, err
		}
		if len(runIDs) == 0 {
			return nil, badRequest("GetMetricHistoryBulk request must specify at least one run_id.")
		}
		if len(runIDs) > maxRunsBulkHistory {
			return nil, badRequest("GetMetricHistoryBulk request cannot specify more than %d "+
				"run_ids. Received %d run_ids.", maxRunsBulkHistory, len(runIDs))
		}
		key, err := q.required("metric_key")
		if err != nil {
			return nil, err
		}
		limit, err := q.int("max_results", maxResultsLegacyBulk)
		if err != nil {
			return nil, err
		}
		limit = min(limit, maxResultsLegacyBulk)
		ids := append([]string(nil), runIDs...)
		sort.Strings(ids)
		var out []mlflow.MetricWithRunID
		for _, id := range ids {
			h, err := s.store.MetricHistory(id, key)
			if err != nil {
				return nil, err
			}
			sort.SliceStable(h, func(a, b int) bool {
				if h[a].Timestamp != h[b].Timestamp {
					return h[a].Timestamp < h[b].Timestamp
				}
				if h[a].Step != h[b].Step {
					return h[a].Step < h[b].Step
				}
				return float64(h[a].Value) < float64(h[b].Value)
			})
			for _, m := range h {
				out = append(out, mlflow.MetricWithRunID{Metric: m, RunID: id})
			}
		}
		if int64(len(out)) > limit {
			out = out[:limit]
		}
		return struct {
			Metrics []mlflow.MetricWithRunID `json:"metrics,omitempty"`
		}{out}, nil
	})
}
