package ui

import (
	"fmt"
	"net/url"
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
