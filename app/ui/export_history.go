package ui

import (
	"net/url"
	"sort"
	"strconv"

	"mlscope/app/exportfmt"
	"mlscope/app/mlflow"
)

// Metric histories in an export: a history file holds every value of a
// short history, or a reduced copy of a long one plus the chunks that
// hold it whole (exportfmt.History). The charts ask for
// get-history-bulk-interval as from a server; it is answered here, from
// the reduced copy for the overview and from the chunks a zoom needs.

// readHistory reads a run's history file.
func readHistory(runID, key string) (exportfmt.History, error) {
	var h exportfmt.History
	err := exportJSON(exportfmt.HistoryPath(runID, key), &h)
	return h, err
}

// chunkValues reads the chunks of h that hold steps from..to.
func chunkValues(runID, key string, h exportfmt.History, from, to int64) ([]mlflow.Metric, error) {
	var out []mlflow.Metric
	for i, c := range h.Chunks {
		if c.To < from || c.From > to {
			continue
		}
		b, err := exportFile(exportfmt.HistoryChunkPath(runID, key, i))
		if err != nil {
			return nil, err
		}
		part, err := mlflow.DecodeHistory(b)
		if err != nil {
			return nil, err
		}
		out = append(out, part.Metrics...)
	}
	return out, nil
}

// exportWholeHistory answers metrics/get-history: every value.
func exportWholeHistory(runID, key string) (any, error) {
	h, err := readHistory(runID, key)
	if err != nil {
		return nil, err
	}
	ms := h.Metrics
	if len(h.Chunks) > 0 {
		if ms, err = chunkValues(runID, key, h, minStep, maxStep); err != nil {
			return nil, err
		}
	}
	return mlflow.History{Metrics: ms}, nil
}

const (
	minStep = -1 << 63
	maxStep = 1<<63 - 1
)

// exportBulkHistory answers metrics/get-history-bulk-interval as the
// server does: each run's values in the step range, all of them when the
// range holds at most max_results steps, else that many chosen evenly
// with the first and the last.
func exportBulkHistory(q url.Values) (any, error) {
	key := q.Get("metric_key")
	limit, err := strconv.Atoi(q.Get("max_results"))
	if err != nil || limit < 1 {
		limit = exportfmt.HistoryOverview
	}
	from, to, ranged := int64(minStep), int64(maxStep), q.Has("start_step")
	if ranged {
		from, _ = strconv.ParseInt(q.Get("start_step"), 10, 64)
		to, _ = strconv.ParseInt(q.Get("end_step"), 10, 64)
	}
	var out []mlflow.MetricWithRunID
	for _, id := range q["run_ids"] {
		h, err := readHistory(id, key)
		if mlErr, ok := err.(*mlflow.Error); ok && mlErr.Code == "RESOURCE_DOES_NOT_EXIST" {
			continue // the run has no such metric
		}
		if err != nil {
			return nil, err
		}
		ms := h.Metrics
		if ranged && len(h.Chunks) > 0 {
			if ms, err = chunkValues(id, key, h, from, to); err != nil {
				return nil, err
			}
		}
		for _, m := range thinSteps(inSteps(ms, from, to), limit) {
			out = append(out, mlflow.MetricWithRunID{Metric: m, RunID: id})
		}
	}
	if out == nil {
		out = []mlflow.MetricWithRunID{}
	}
	return map[string]any{"metrics": out}, nil
}

// inSteps keeps the values of steps from..to, sorted by step.
func inSteps(ms []mlflow.Metric, from, to int64) []mlflow.Metric {
	out := make([]mlflow.Metric, 0, len(ms))
	for _, m := range ms {
		if m.Step >= from && m.Step <= to {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Step < out[j].Step })
	return out
}

// thinSteps keeps every value of at most limit distinct steps, chosen
// evenly, the first and the last always.
func thinSteps(ms []mlflow.Metric, limit int) []mlflow.Metric {
	var steps []int64
	for i, m := range ms {
		if i == 0 || m.Step != ms[i-1].Step {
			steps = append(steps, m.Step)
		}
	}
	if len(steps) <= limit {
		return ms
	}
	keep := make(map[int64]bool, limit)
	for i := range limit {
		keep[steps[i*(len(steps)-1)/max(limit-1, 1)]] = true
	}
	out := make([]mlflow.Metric, 0, limit)
	for _, m := range ms {
		if keep[m.Step] {
			out = append(out, m)
		}
	}
	return out
}
