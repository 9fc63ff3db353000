package mlruns

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"mlscope/app/mlflow"
)

// watcher turns file-system notifications into index refreshes. It
// watches the root, .trash, every experiment folder and every run folder
// (new runs, meta.yaml rewrites), plus the params, tags and metrics
// folders of runs that are RUNNING: those are where clients log. Changes
// to finished runs' files are found by the periodic rescan instead, which
// keeps the number of watches near the number of runs.
type watcher struct {
	ix  *index
	w   *fsnotify.Watcher
	log *slog.Logger

	mu       sync.Mutex
	deep     map[string][]string // run id -> its watched subfolders
	pendRuns map[string]bool
	pendExps map[string]bool
	full     bool // a watch limit was hit: rely on rescans
}

func (ix *index) startWatcher(ctx context.Context, log *slog.Logger) error {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	w := &watcher{ix: ix, w: fw, log: log, deep: map[string][]string{},
		pendRuns: map[string]bool{}, pendExps: map[string]bool{}}
	w.add(ix.s.root)
	w.add(filepath.Join(ix.s.root, trashDir))
	ix.mu.RLock()
	var exps []string
	for p := range ix.exps {
		exps = append(exps, p)
	}
	var runs []*runEntry
	for _, e := range ix.runs {
		runs = append(runs, e)
	}
	ix.mu.RUnlock()
	for _, p := range exps {
		w.add(p)
	}
	for _, e := range runs {
		w.add(e.dir.path)
		w.watchDeep(e)
	}
	go w.loop(ctx)
	return nil
}

// add watches one folder; a full watch table is reported once.
func (w *watcher) add(dir string) {
	if err := w.w.Add(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		w.mu.Lock()
		first := !w.full
		w.full = true
		w.mu.Unlock()
		if first {
			w.log.Warn("file watching is incomplete; changes by other programs are found "+
				"by the periodic rescan (raise fs.inotify.max_user_watches to watch all)",
				"path", dir, "err", err)
		}
	}
}

// watchDeep watches a running run's data folders, and stops watching them
// once the run has ended.
func (w *watcher) watchDeep(e *runEntry) {
	id := e.dir.id
	w.mu.Lock()
	watched := w.deep[id]
	w.mu.Unlock()
	running := e.run.Info.Status == mlflow.StatusRunning &&
		e.run.Info.LifecycleStage == mlflow.StageActive
	switch {
	case running && watched == nil:
		var dirs []string
		for _, sub := range []string{"metrics", "params", "tags"} {
			root := filepath.Join(e.dir.path, sub)
			_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err == nil && d.IsDir() {
					w.add(p)
					dirs = append(dirs, p)
				}
				return nil
			})
		}
		w.mu.Lock()
		w.deep[id] = append(dirs, "") // non-nil even when no folder exists yet
		w.mu.Unlock()
	case !running && watched != nil:
		for _, p := range watched {
			if p != "" {
				_ = w.w.Remove(p)
			}
		}
		w.mu.Lock()
		delete(w.deep, id)
		w.mu.Unlock()
	}
}

func (w *watcher) loop(ctx context.Context) {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	defer w.w.Close()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.w.Events:
			if !ok {
				return
			}
			w.note(ev)
		case err, ok := <-w.w.Errors:
			if !ok {
				return
			}
			w.log.Debug("file watch error", "err", err)
		case <-tick.C:
			w.flush()
		}
	}
}

// note records which run or experiment an event concerns, and watches
// folders as they appear.
func (w *watcher) note(ev fsnotify.Event) {
	rel, err := filepath.Rel(w.ix.s.root, ev.Name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	if parts[0] == trashDir {
		parts = parts[1:]
	}
	if len(parts) == 0 || !mlflow.ValidExperimentID(parts[0]) || parts[0] == registryDir {
		return
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
			w.add(ev.Name)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case len(parts) == 1 || reservedExpChildren[parts[1]] || parts[1] == metaFile:
		w.pendExps[parts[0]] = true
	case mlflow.ValidRunID(parts[1]):
		w.pendRuns[parts[1]] = true
	}
}

// flush refreshes what the events of the last moments touched.
func (w *watcher) flush() {
	w.mu.Lock()
	runs, exps := w.pendRuns, w.pendExps
	w.pendRuns, w.pendExps = map[string]bool{}, map[string]bool{}
	w.mu.Unlock()
	for id := range exps {
		w.ix.refreshExperiment(id, true)
		for _, d := range w.ix.s.runDirsOf(id) {
			w.add(d.path)
		}
	}
	for id := range runs {
		w.ix.refreshRun(id)
		if e := w.ix.run(id); e != nil {
			w.add(e.dir.path)
			w.watchDeep(e)
		}
	}
}

// runDirsOf lists the run folders of an experiment, active or trashed.
func (s *Store) runDirsOf(expID string) []runDir {
	var out []runDir
	for _, d := range []expDir{
		{expID, filepath.Join(s.root, expID), false},
		{expID, filepath.Join(s.root, trashDir, expID), true},
	} {
		if isDir(d.path) {
			out = append(out, s.runDirs(d)...)
		}
	}
	return out
}
