package ui

import "sync"

// bulkLimit is how many writes of a bulk action are in flight at once: a
// few, so that acting on hundreds of runs does not open hundreds of
// requests, nor wait for each answer in turn.
const bulkLimit = 4

// bulkWrite calls write once for each id, at most limit calls at a time
// (one when limit is below 1), and waits for them all. It returns the ids
// whose write failed, in the order given, and the first of their errors.
// It blocks; call it from ctx.Async.
func bulkWrite(ids []string, limit int, write func(id string) error) ([]string, error) {
	limit = max(limit, 1)
	errs := make([]error, len(ids))
	slots := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for i, id := range ids {
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-slots; wg.Done() }()
			errs[i] = write(id)
		}()
	}
	wg.Wait()

	var failed []string
	var first error
	for i, err := range errs {
		if err != nil {
			failed = append(failed, ids[i])
			if first == nil {
				first = err
			}
		}
	}
	return failed, first
}

// bulkFailure says in plain words how many of n runs a bulk action could
// not change, as in "2 of 5 runs could not be deleted.".
func bulkFailure(failed, n int, done string) string {
	if n == 1 {
		return "The run could not be " + done + "."
	}
	return itoa(failed) + " of " + plural(n, "runs") + " could not be " + done + "."
}
