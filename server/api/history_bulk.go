package api

import (
	"cmp"
	"encoding/json"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
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
// Histories run to millions of values, so it works on the store's cached
// columns and writes its answer by hand rather than through reflection.
func (s *Server) handleHistoryBulkInterval(w http.ResponseWriter, r *http.Request) {
	q, err := readRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	runIDs, hs, steps, err := s.bulkInterval(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(appendBulk(nil, runIDs, hs, steps))
}

// bulkInterval reads a bulk-interval request and returns the runs, their
// histories and the steps to answer with, sorted.
func (s *Server) bulkInterval(q *request) ([]string, []storefmt.Columns, []int64, error) {
	runIDs, err := q.strs("run_ids")
	if err != nil {
		return nil, nil, nil, err
	}
	if len(runIDs) == 0 {
		return nil, nil, nil, missing("run_ids")
	}
	if len(runIDs) > maxRunsBulkHistory {
		return nil, nil, nil, badRequest("GetMetricHistoryBulkInterval request must specify "+
			"at most %d run_ids. Received %d run_ids.", maxRunsBulkHistory, len(runIDs))
	}
	key, err := q.required("metric_key")
	if err != nil {
		return nil, nil, nil, err
	}
	maxResults, err := q.int("max_results", maxResultsPerRun)
	if err != nil {
		return nil, nil, nil, err
	}
	if maxResults < 1 || maxResults > maxResultsPerRun {
		return nil, nil, nil, badRequest("max_results must be between 1 and %d.", maxResultsPerRun)
	}
	startS, _ := q.str("start_step")
	endS, _ := q.str("end_step")
	if (startS == "") != (endS == "") {
		return nil, nil, nil, badRequest("If either start step or end step are specified, " +
			"both must be specified.")
	}
	hs := make([]storefmt.Columns, len(runIDs))
	for i, id := range runIDs {
		if hs[i], err = s.store.MetricColumns(id, key); err != nil {
			return nil, nil, nil, err
		}
	}
	var lo, hi int64
	ranged := startS != ""
	if ranged {
		if lo, err = q.int("start_step", 0); err != nil {
			return nil, nil, nil, err
		}
		if hi, err = q.int("end_step", 0); err != nil {
			return nil, nil, nil, err
		}
		if lo > hi {
			return nil, nil, nil, badRequest("end_step must be greater than start_step. "+
				"Found start_step=%d and end_step=%d.", lo, hi)
		}
	}
	return runIDs, hs, sampleSteps(hs, ranged, lo, hi, int(maxResults)), nil
}

// sampleSteps picks the steps to return: every logged step when there are
// at most max in range, else max of them at even intervals plus the last;
// each run's smallest and largest step is kept when it is in range. The
// result is sorted.
func sampleSteps(hs []storefmt.Columns, ranged bool, lo, hi int64, max int) []int64 {
	n := 0
	for _, h := range hs {
		n += h.Len()
	}
	all := make([]int64, 0, n)
	var keep []int64
	for _, h := range hs {
		if h.Len() > 0 {
			keep = append(keep, slices.Min(h.Steps), slices.Max(h.Steps))
			all = append(all, h.Steps...)
		}
	}
	if !slices.IsSorted(all) {
		slices.Sort(all)
	}
	all = slices.Compact(all)
	if !ranged {
		lo = 0
		if len(all) > 0 {
			hi = all[len(all)-1]
		}
	}
	startIdx, _ := slices.BinarySearch(all, lo)
	endIdx, found := slices.BinarySearch(all, hi)
	if found {
		endIdx++
	}
	out := make([]int64, 0, min(max, endIdx-startIdx)+len(keep)+1)
	if count := endIdx - startIdx; count <= max {
		out = append(out, all[startIdx:endIdx]...)
	} else {
		interval := float64(count) / float64(max)
		for i := 0; i < max; i++ {
			// MLflow compares the index with the count of steps in range,
			// not with the end index; the same quirk keeps the same points.
			if idx := startIdx + int(float64(i)*interval); idx < count {
				out = append(out, all[idx])
			}
		}
		out = append(out, all[endIdx-1])
	}
	for _, st := range keep {
		if st >= lo && st <= hi {
			out = append(out, st)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// picked returns the indices of the values of h logged at one of the
// steps, ordered by step then timestamp as MLflow orders them.
func picked(h storefmt.Columns, steps []int64) []int {
	var out []int
	if slices.IsSorted(h.Steps) {
		// The usual case: walk both lists at once.
		j := 0
		for i, st := range h.Steps {
			for j < len(steps) && steps[j] < st {
				j++
			}
			if j < len(steps) && steps[j] == st {
				out = append(out, i)
			}
		}
	} else {
		for i, st := range h.Steps {
			if _, ok := slices.BinarySearch(steps, st); ok {
				out = append(out, i)
			}
		}
	}
	order := func(a, b int) int {
		if c := cmp.Compare(h.Steps[a], h.Steps[b]); c != 0 {
			return c
		}
		return cmp.Compare(h.Times[a], h.Times[b])
	}
	if !slices.IsSortedFunc(out, order) {
		slices.SortStableFunc(out, order)
	}
	return out
}

// appendBulk writes the answer of get-history-bulk-interval: the picked
// values of each run in run order, each as MLflow's MetricWithRunId. An
// empty list is left out, as protobuf's JSON mapping does.
func appendBulk(b []byte, runIDs []string, hs []storefmt.Columns, steps []int64) []byte {
	b = append(b, `{"metrics":[`...)
	start := len(b)
	for i, h := range hs {
		if h.Len() == 0 {
			continue
		}
		key, _ := json.Marshal(h.Key)
		run, _ := json.Marshal(runIDs[i])
		for _, k := range picked(h, steps) {
			if len(b) > start {
				b = append(b, ',')
			}
			b = append(b, `{"key":`...)
			b = append(b, key...)
			b = append(b, `,"value":`...)
			b = appendValue(b, h.Values[k])
			b = append(b, `,"timestamp":`...)
			b = strconv.AppendInt(b, h.Times[k], 10)
			b = append(b, `,"step":`...)
			b = strconv.AppendInt(b, h.Steps[k], 10)
			b = append(b, `,"run_id":`...)
			b = append(b, run...)
			b = append(b, '}')
		}
	}
	if len(b) == start {
		return append(b[:1], '}')
	}
	return append(b, "]}"...)
}

// appendValue writes a metric value as mlflow.Float's MarshalJSON does.
func appendValue(b []byte, v float64) []byte {
	switch {
	case math.IsNaN(v):
		return append(b, `"NaN"`...)
	case math.IsInf(v, 1):
		return append(b, `"Infinity"`...)
	case math.IsInf(v, -1):
		return append(b, `"-Infinity"`...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
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
