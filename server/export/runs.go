package export

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"sync"

	"mlscope/app/exportfmt"
	"mlscope/app/mlflow"
	"mlscope/app/mlmodel"
)

// runs writes each run's page data, o.Workers runs at a time, and returns
// the bytes of the runs' folders in the tree.
func (e *exporter) runs(ctx context.Context, runs []*mlflow.Run) (int64, error) {
	jobs := make(chan *mlflow.Run)
	var (
		mu       sync.Mutex
		firstErr error
		done     int
		treeSize int64
		wg       sync.WaitGroup
	)
	for range min(e.o.Workers, max(len(runs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range jobs {
				n, err := e.run(r)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				done++
				treeSize += n
				if e.o.Progress != nil {
					e.o.Progress(done, len(runs))
				}
				mu.Unlock()
			}
		}()
	}
	for _, r := range runs {
		mu.Lock()
		failed := firstErr != nil
		mu.Unlock()
		if failed || ctx.Err() != nil {
			break
		}
		jobs <- r
	}
	close(jobs)
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return treeSize, firstErr
}

// run writes one run: runs/get, its metric histories and its artifacts.
// It returns the bytes of the run's folder in the tree.
func (e *exporter) run(r *mlflow.Run) (int64, error) {
	id := r.Info.RunID
	b, err := e.call("GET", "runs/get", url.Values{"run_id": {id}}, nil)
	if err != nil {
		return 0, err
	}
	if err := e.w.write(exportfmt.RunPath(id), b, true); err != nil {
		return 0, err
	}
	for _, m := range r.Data.Metrics {
		if err := e.history(id, m.Key); err != nil {
			return 0, err
		}
	}
	if err := e.artifacts(id, ""); err != nil {
		return 0, err
	}
	return e.treeBytes(id), nil
}

// history writes a metric's history file and its chunks.
func (e *exporter) history(runID, key string) error {
	ms, err := e.store.MetricHistory(runID, key)
	if err != nil {
		return fmt.Errorf("history of %s in run %s: %w", key, runID, err)
	}
	h, chunks := historyFiles(ms)
	if err := e.w.writeJSON(exportfmt.HistoryPath(runID, key), h); err != nil {
		return err
	}
	for i, c := range chunks {
		if err := e.w.writeJSON(exportfmt.HistoryChunkPath(runID, key, i),
			mlflow.History{Metrics: c}); err != nil {
			return err
		}
	}
	return nil
}

// artifactList is artifacts/list's answer.
type artifactList struct {
	Files []mlflow.FileInfo `json:"files"`
}

// artifacts writes the listing of a folder of a run's artifacts and of
// every folder below, and copies the files the mode asks for. Model
// files (MLmodel, its input examples and environment files) are copied in
// every mode, for the model view and signature validation.
func (e *exporter) artifacts(runID, dir string) error {
	q := url.Values{"run_id": {runID}}
	if dir != "" {
		q.Set("path", dir)
	}
	b, err := e.call("GET", "artifacts/list", q, nil)
	if err != nil {
		return err
	}
	if err := e.w.write(exportfmt.ArtifactListPath(runID, dir), b, true); err != nil {
		return err
	}
	var list artifactList
	if err := json.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("artifacts of run %s, %q: %w", runID, dir, err)
	}
	isModel := slices.ContainsFunc(list.Files, func(f mlflow.FileInfo) bool {
		return !f.IsDir && path.Base(f.Path) == mlmodel.FileName
	})
	for _, f := range list.Files {
		if f.IsDir {
			if err := e.artifacts(runID, f.Path); err != nil {
				return err
			}
			continue
		}
		if e.wants(f, isModel) {
			if err := e.copyArtifact(runID, f.Path); err != nil {
				return err
			}
		}
	}
	return nil
}

// modelFile reports whether a file of a model folder belongs to what the
// model view and the signature check read.
func modelFile(name string) bool {
	return name == mlmodel.FileName || slices.Contains(mlmodel.EnvFiles, name) ||
		name == "input_example.json" || name == "serving_input_example.json"
}

func (e *exporter) wants(f mlflow.FileInfo, inModel bool) bool {
	if inModel && modelFile(path.Base(f.Path)) {
		return true
	}
	switch e.o.Artifacts {
	case ArtifactsAll:
		return true
	case ArtifactsSmall:
		return f.FileSize != nil && *f.FileSize <= e.o.SmallLimit
	}
	return false
}

func (e *exporter) copyArtifact(runID, p string) error {
	f, _, err := e.store.OpenArtifact(runID, p)
	if err != nil {
		return fmt.Errorf("artifact %s of run %s: %w", p, runID, err)
	}
	defer f.Close()
	if path.Base(p) == mlmodel.FileName {
		return e.copyMLmodel(runID, p, f)
	}
	return e.w.copyFrom(exportfmt.ArtifactFilePath(runID, p), f)
}

// copyMLmodel copies an MLmodel file and its JSON copy (writeMLmodel).
// A file that does not parse is copied alone, and the model view finds no
// model to show.
func (e *exporter) copyMLmodel(runID, p string, f io.Reader) error {
	b, err := io.ReadAll(f)
	if err != nil {
		return fmt.Errorf("artifact %s of run %s: %w", p, runID, err)
	}
	_, err = e.writeMLmodel(exportfmt.ArtifactFilePath(runID, p), b)
	return err
}

// treeBytes is the size of a run's folder in the tree (0 when it cannot
// be read: the figure is for the summary only).
func (e *exporter) treeBytes(runID string) int64 {
	r, err := e.store.Run(runID)
	if err != nil {
		return 0
	}
	var n int64
	filepath.WalkDir(r.Dir(), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}
