package ui

import (
	"errors"
	"net/url"
	"path"
	"sync"

	"mlscope/app/mlflow"
	"mlscope/app/mlmodel"
)

// Keeping an experiment offline: keepOffline makes the requests that the
// experiment's pages make, through the same helpers, while the service
// worker stores every answer as kept for that experiment. Using the views'
// own helpers keeps the stored addresses (and POST bodies) exactly those
// the pages ask for later.

const (
	// keepWorkers is how many requests run at once.
	keepWorkers = 4
	// keepDepth bounds how deep a run's artifact folders are walked for
	// models and small text files.
	keepDepth = 3
	// keepTextLimit is the largest previewable artifact fetched ahead.
	keepTextLimit = 256 << 10
)

// keepSummary is what keepOffline fetched.
type keepSummary struct {
	Name     string // the experiment's name
	Runs     int
	Requests int
	Failed   int
}

// keepOffline fetches ahead what the pages of an experiment read: the
// experiment, all its active runs, each run's metric histories and
// registry versions, its artifact listings, the MLmodel files with their
// example and environment files (the model view and its signature), and
// small text artifacts. progress gets the requests done and the requests
// known so far; it is called from other goroutines. keepOffline blocks;
// call it from ctx.Async. A request that fails is counted, not fatal.
func keepOffline(expID string, progress func(done, total int)) (keepSummary, error) {
	var exp struct {
		Experiment *mlflow.Experiment `json:"experiment"`
	}
	if err := getJSON("experiments/get", url.Values{"experiment_id": {expID}}, &exp); err != nil {
		return keepSummary{}, err
	}
	if exp.Experiment == nil {
		return keepSummary{}, errors.New("the server sent no experiment " + expID)
	}
	name := exp.Experiment.Name
	if _, err := askWorker("keep-begin", map[string]any{"experiment": expID, "name": name}); err != nil {
		return keepSummary{}, err
	}
	defer askWorker("keep-end", nil)

	k := &keeper{progress: progress}
	k.cond = sync.NewCond(&k.mu)
	k.add(func(k *keeper) error {
		return getJSON("experiments/get", url.Values{"experiment_id": {expID}}, &exp)
	})
	k.add(func(k *keeper) error { return k.runs(expID) })
	// The sidebar's list, which was read before the worker took over the
	// page on a first visit and so may not be stored yet.
	k.add(func(k *keeper) error {
		_, err := fetchExperiments("ACTIVE_ONLY")
		return err
	})
	k.wait()
	return keepSummary{Name: name, Runs: k.runCount, Requests: k.done, Failed: k.failed}, nil
}

// keeper is a queue of requests that may add requests, worked through by
// keepWorkers goroutines.
type keeper struct {
	mu       sync.Mutex
	cond     *sync.Cond
	queue    []func(*keeper) error
	running  int
	done     int
	failed   int
	total    int
	runCount int
	progress func(done, total int)
}

func (k *keeper) add(job func(*keeper) error) {
	k.mu.Lock()
	k.queue = append(k.queue, job)
	k.total++
	k.mu.Unlock()
	k.cond.Signal()
}

// wait works the queue until it is empty and no request is running.
func (k *keeper) wait() {
	var wg sync.WaitGroup
	for range keepWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k.work()
		}()
	}
	wg.Wait()
}

func (k *keeper) work() {
	k.mu.Lock()
	defer k.mu.Unlock()
	for {
		for len(k.queue) == 0 && k.running > 0 {
			k.cond.Wait()
		}
		if len(k.queue) == 0 {
			k.cond.Broadcast() // the others may stop too
			return
		}
		job := k.queue[0]
		k.queue = k.queue[1:]
		k.running++
		k.mu.Unlock()
		err := job(k)
		k.mu.Lock()
		k.running--
		k.done++
		if err != nil {
			k.failed++
		}
		done, total := k.done, k.total
		k.mu.Unlock()
		k.progress(done, total)
		k.mu.Lock()
		k.cond.Broadcast()
	}
}

// runs pages through the experiment's active runs, as the runs table does.
func (k *keeper) runs(expID string) error {
	token := ""
	for {
		page, err := searchRuns(expID, false, token)
		if err != nil {
			return err
		}
		for _, r := range page.Runs {
			id := r.Info.RunID
			k.add(func(k *keeper) error { return k.run(id) })
		}
		k.mu.Lock()
		k.runCount += len(page.Runs)
		k.mu.Unlock()
		if token = page.NextPageToken; token == "" {
			return nil
		}
	}
}

// run fetches what a run's page reads.
func (k *keeper) run(id string) error {
	var resp struct {
		Run *mlflow.Run `json:"run"`
	}
	if err := getJSON("runs/get", url.Values{"run_id": {id}}, &resp); err != nil {
		return err
	}
	r := resp.Run
	if r == nil {
		return errors.New("the server sent no run " + id)
	}
	// The run page's charts read each metric's overview at this address.
	for _, m := range r.Data.Metrics {
		key := m.Key
		k.add(func(k *keeper) error {
			_, err := bulkHistory([]string{id}, key, stepRange{})
			return err
		})
	}
	if _, ok := r.Tag(mlflow.TagLogModelHistory); ok {
		k.add(func(k *keeper) error {
			var v struct{}
			return getJSON("model-versions/search",
				url.Values{"filter": {"run_id = '" + id + "'"}}, &v)
		})
	}
	k.add(func(k *keeper) error { return k.folder(id, "", 0) })
	return nil
}

// folder lists an artifact folder as the artifact browser does, and
// queues its subfolders, models and small text files.
func (k *keeper) folder(run, dir string, depth int) error {
	var resp struct {
		Files []mlflow.FileInfo `json:"files"`
	}
	q := url.Values{"run_id": {run}}
	if dir != "" {
		q.Set("path", dir)
	}
	if err := getJSON("artifacts/list", q, &resp); err != nil {
		return err
	}
	for _, f := range resp.Files {
		switch {
		case f.IsDir && depth < keepDepth:
			k.add(func(k *keeper) error { return k.folder(run, f.Path, depth+1) })
		case f.IsDir:
		case path.Base(f.Path) == mlmodel.FileName:
			k.add(func(k *keeper) error { return k.model(run, dir) })
		case previewable(f) && f.FileSize != nil && *f.FileSize <= keepTextLimit:
			k.add(func(k *keeper) error {
				_, err := fetchText(artifactURL(run, f.Path))
				return err
			})
		}
	}
	return nil
}

// model fetches a model folder's MLmodel and the files its model view
// shows, at the addresses ModelView uses.
func (k *keeper) model(run, dir string) error {
	m, err := loadModel(artifactURL(run, path.Join(dir, mlmodel.FileName)))
	if err != nil {
		return err
	}
	for _, name := range append(m.ExampleFiles(), mlmodel.EnvFiles...) {
		u := artifactURL(run, path.Join(dir, name))
		k.add(func(k *keeper) error {
			// A missing companion file (404) is an answer too.
			status, _, err := fetch("GET", u, nil)
			if err == nil && status != 200 && status != 404 {
				err = errors.New("GET " + u + ": HTTP " + itoa(status))
			}
			return err
		})
	}
	return nil
}
