package search

import (
	"runtime"
	"sync"

	"mlscope/app/mlflow"
)

// SearchRuns filters, sorts and pages runs as the file store's search_runs
// does, checking the filter, then order_by, then the page token. runs is
// left as it is; the page is a subslice of a new, filtered slice.
func SearchRuns(runs []*mlflow.Run, filter string, orderBy []string, maxResults int,
	pageToken string) ([]*mlflow.Run, string, error) {
	f, err := ParseRunFilter(filter)
	if err != nil {
		return nil, "", err
	}
	keys, err := ParseRunOrderBy(orderBy)
	if err != nil {
		return nil, "", err
	}
	if _, err := DecodePageToken(pageToken); err != nil {
		return nil, "", err
	}
	matched, s := collectRuns(runs, f, keys)
	permute(matched, s.order(len(matched)))
	return Paginate(matched, pageToken, maxResults)
}

// SearchExperiments filters, sorts and pages experiments as the file
// store's search_experiments does; an empty orderBy means
// DefaultExperimentOrderBy.
func SearchExperiments(exps []*mlflow.Experiment, filter string, orderBy []string,
	maxResults int, pageToken string) ([]*mlflow.Experiment, string, error) {
	f, err := ParseExperimentFilter(filter)
	if err != nil {
		return nil, "", err
	}
	keys, err := ParseExperimentOrderBy(orderBy)
	if err != nil {
		return nil, "", err
	}
	if _, err := DecodePageToken(pageToken); err != nil {
		return nil, "", err
	}
	matched := f.Filter(exps)
	SortExperiments(matched, keys)
	return Paginate(matched, pageToken, maxResults)
}

// minChunk is the fewest runs worth a goroutine of their own.
const minChunk = 8192

// collectRuns returns the runs that match f, in their order, and a sorter
// holding their sort values, read while each run is still in cache. Large
// inputs are split over the available CPUs (one in the browser); each part
// fills its own stretch of the shared arrays, which are then closed up, so
// the result does not depend on the split.
func collectRuns(runs []*mlflow.Run, f *RunFilter, keys []OrderKey) ([]*mlflow.Run,
	*runSorter) {
	n := len(runs)
	matched := make([]*mlflow.Run, n)
	s := newRunSorter(keys, n)
	workers := min(runtime.GOMAXPROCS(0), max(1, n/minChunk))
	size := (n + workers - 1) / workers
	counts := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := min(w*size, n), min((w+1)*size, n)
		wg.Go(func() {
			m, hints, j := f.matcher(), make([]int, len(keys)), lo
			for _, r := range runs[lo:hi] {
				if m.match(r) {
					matched[j] = r
					s.set(j, r, hints)
					j++
				}
			}
			counts[w] = j - lo
		})
	}
	wg.Wait()
	total := 0
	for w, c := range counts {
		if lo := min(w*size, n); lo != total {
			copy(matched[total:total+c], matched[lo:lo+c])
			s.move(total, lo, c)
		}
		total += c
	}
	return matched[:total], s
}
