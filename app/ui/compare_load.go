package ui

import (
	"fmt"
	"net/url"
	"strings"
	"sync"

	"mlscope/app/mlflow"
)

// maxCompared is how many runs the compare view and the charts of an
// experiment show at once, as many as get-history-bulk-interval takes.
const maxCompared = 100

// loadRuns reads the runs with the ids, in that order, four at a time
// through runs/get, the request the run page makes (so that the offline
// store holds the same answers). It blocks; call it from ctx.Async.
func loadRuns(ids []string) ([]*mlflow.Run, error) {
	if len(ids) > maxCompared {
		return nil, fmt.Errorf("%d runs chosen; at most %d can be compared", len(ids), maxCompared)
	}
	runs := make([]*mlflow.Run, len(ids))
	errs := make([]error, len(ids))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(4, len(ids)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				var resp struct {
					Run *mlflow.Run `json:"run"`
				}
				err := getJSON("runs/get", url.Values{"run_id": {ids[i]}}, &resp)
				if err == nil && resp.Run == nil {
					err = fmt.Errorf("the server sent no run %s", ids[i])
				}
				runs[i], errs[i] = resp.Run, err
			}
		}()
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("run %s: %w", ids[i], err)
		}
	}
	return runs, nil
}

// searchRunsByID reads the runs of an experiment (or of several, joined by
// commas) with the ids through a
// single runs/search (attributes.run_id IN (...)), in the order of ids:
// one request where loadRuns makes one per run. A run the search does not
// return (deleted, or of another experiment) is an error. It blocks; call
// it from ctx.Async.
func searchRunsByID(expID string, ids []string) ([]*mlflow.Run, error) {
	if len(ids) > maxCompared {
		return nil, fmt.Errorf("%d runs chosen; at most %d can be compared", len(ids), maxCompared)
	}
	quoted := make([]string, len(ids))
	for i, id := range ids {
		if !mlflow.ValidRunID(id) {
			return nil, fmt.Errorf("%q is no run id", id)
		}
		quoted[i] = "'" + id + "'"
	}
	body := map[string]any{
		"experiment_ids": experimentIDs(expID),
		"filter":         "attributes.run_id IN (" + strings.Join(quoted, ", ") + ")",
		"run_view_type":  "ALL",
		"max_results":    len(ids),
	}
	var page runsPage
	if err := postJSON("runs/search", body, &page); err != nil {
		return nil, err
	}
	byID := make(map[string]*mlflow.Run, len(page.Runs))
	for _, r := range page.Runs {
		byID[r.Info.RunID] = r
	}
	runs := make([]*mlflow.Run, len(ids))
	for i, id := range ids {
		if runs[i] = byID[id]; runs[i] == nil {
			return nil, fmt.Errorf("run %s is not in experiment %s", id, expID)
		}
	}
	return runs, nil
}
