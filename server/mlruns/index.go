package mlruns

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"mlscope/app/mlflow"
)

// index keeps every experiment and run of the tree in memory, so that a
// search over 100,000 runs does not read 3 million files. It is built at
// start, brought up to date by the store's own writes at once, by
// file-system notifications for other writers, and by a periodic rescan
// that catches what notifications missed. Until the first build is done,
// the store reads from disk as if there were no index.
type index struct {
	s     *Store
	mu    sync.RWMutex
	exps  map[string]*expEntry // by folder path
	runs  map[string]*runEntry // by run id
	ready atomic.Bool
	// building is set while the first scan runs, and firstScan closed when
	// it ends, whether it succeeded or not: a large read waits for it
	// rather than reading the tree a second time beside it.
	building  atomic.Bool
	firstScan chan struct{}
	endFirst  sync.Once
	// scanMu serialises full rescans.
	scanMu sync.Mutex
	// touchedRuns and touchedExps (by run id and folder path) are set
	// while a rescan runs: what refreshes changed meanwhile, which the
	// rescan's result must not undo.
	touchedRuns, touchedExps map[string]bool
	// gen counts the changes to runs, which grouped follows.
	gen     uint64
	grouped groupCache
	// afterRead, set by tests under scanMu, runs between a rescan's
	// reading of the tree and its taking the result in.
	afterRead func()
	// pending holds what changed while the first scan ran ("run:ID" or
	// "exp:ID"), to be brought up to date as soon as it is done.
	pendMu  sync.Mutex
	pending map[string]bool
}

// expEntry is an indexed experiment folder.
type expEntry struct {
	dir   expDir
	exp   *mlflow.Experiment // nil when unreadable
	stamp fileStamp          // of meta.yaml
	tags  fileStamp          // of the tags folder (its entries' stamps summed)
}

func newIndex(s *Store) *index {
	return &index{s: s, exps: map[string]*expEntry{}, runs: map[string]*runEntry{},
		pending: map[string]bool{}, firstScan: make(chan struct{})}
}

// tagsStamp sums up an experiment's tags folder.
func tagsStamp(dir string) fileStamp {
	var st fileStamp
	ents, err := os.ReadDir(filepath.Join(dir, "tags"))
	if err != nil {
		return st
	}
	for _, e := range ents {
		if info, err := e.Info(); err == nil {
			st.Size += info.Size() + 1
			st.Mtime = max(st.Mtime, info.ModTime().UnixNano())
		}
	}
	return st
}

func (s *Store) loadExperiment(d expDir, prev *expEntry) *expEntry {
	var st fileStamp
	if fi, err := os.Stat(filepath.Join(d.path, metaFile)); err == nil {
		st = stampOf(fi)
	}
	tags := tagsStamp(d.path)
	if prev != nil && prev.dir == d && prev.stamp == st && prev.tags == tags {
		return prev
	}
	return &expEntry{dir: d, exp: s.readExperiment(d), stamp: st, tags: tags}
}

// rescan walks the whole tree and brings every entry up to date, reading
// only files whose stamps changed. progress, when set, is called now and
// then with runs done and runs found.
func (ix *index) rescan(progress func(done, total int)) error {
	ix.scanMu.Lock()
	defer ix.scanMu.Unlock()
	s := ix.s
	dirs, err := s.experimentDirs(mlflow.ViewAll)
	if err != nil {
		return err
	}
	// Refreshes change the maps in place meanwhile: each look-up takes
	// the lock, and what they change is kept over this scan's result.
	ix.mu.Lock()
	ix.touchedRuns, ix.touchedExps = map[string]bool{}, map[string]bool{}
	ix.mu.Unlock()
	defer func() {
		ix.mu.Lock()
		ix.touchedRuns, ix.touchedExps = nil, nil
		ix.mu.Unlock()
	}()

	exps := make(map[string]*expEntry, len(dirs))
	var runDirs []runDir
	for _, d := range dirs {
		ix.mu.RLock()
		prevExp := ix.exps[d.path]
		ix.mu.RUnlock()
		e := s.loadExperiment(d, prevExp)
		exps[d.path] = e
		if e.exp != nil {
			runDirs = append(runDirs, s.runDirs(d)...)
		}
	}
	entries := make([]*runEntry, len(runDirs))
	var done atomic.Int64
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < 2*runtime.GOMAXPROCS(0); w++ {
		wg.Go(func() {
			var p packer
			for i := range work {
				prev := ix.run(runDirs[i].id)
				e := s.loadRun(runDirs[i], prev)
				if e != nil && e != prev {
					e = p.pack(e)
				}
				entries[i] = e
				done.Add(1)
			}
		})
	}
	stop := make(chan struct{})
	if progress != nil {
		go func() {
			t := time.NewTicker(2 * time.Second)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					progress(int(done.Load()), len(runDirs))
				}
			}
		}()
	}
	for i := range runDirs {
		work <- i
	}
	close(work)
	wg.Wait()
	close(stop)

	if ix.afterRead != nil {
		ix.afterRead()
	}
	runs := make(map[string]*runEntry, len(entries))
	for _, e := range entries {
		if e != nil {
			if old, dup := runs[e.dir.id]; !dup || old.dir.exp.trashed {
				runs[e.dir.id] = e // an active copy wins over a trashed one
			}
		}
	}
	ix.mu.Lock()
	for id := range ix.touchedRuns {
		if e, ok := ix.runs[id]; ok {
			runs[id] = e
		} else {
			delete(runs, id)
		}
	}
	for p := range ix.touchedExps {
		if e, ok := ix.exps[p]; ok {
			exps[p] = e
		} else {
			delete(exps, p)
		}
	}
	ix.exps, ix.runs = exps, runs
	ix.gen++
	ix.mu.Unlock()
	ix.ready.Store(true)
	ix.drainPending()
	return nil
}

// firstScanEnded marks the end of the first scan, successful or not.
func (ix *index) firstScanEnded() {
	ix.endFirst.Do(func() {
		ix.building.Store(false)
		close(ix.firstScan)
	})
}

// waitFirstScan waits, when the first scan is running, until it has ended,
// and reports whether the index is then ready.
func (ix *index) waitFirstScan() bool {
	if ix.building.Load() {
		<-ix.firstScan
	}
	return ix.ready.Load()
}

// notReady records a change made before the index is ready and reports
// whether the caller must stop there.
func (ix *index) notReady(what string) bool {
	if ix.ready.Load() {
		return false
	}
	ix.pendMu.Lock()
	ix.pending[what] = true
	ix.pendMu.Unlock()
	return true
}

// drainPending applies the changes recorded while the first scan ran: the
// scan may have read those runs before they changed.
func (ix *index) drainPending() {
	ix.pendMu.Lock()
	pend := ix.pending
	ix.pending = map[string]bool{}
	ix.pendMu.Unlock()
	for what := range pend {
		if id, ok := strings.CutPrefix(what, "run:"); ok {
			ix.refreshRun(id)
		} else if id, ok := strings.CutPrefix(what, "exp:"); ok {
			ix.refreshExperiment(id, true)
		}
	}
}

// refreshRun brings one run up to date (after a write, or a notification).
func (ix *index) refreshRun(id string) {
	if ix.notReady("run:" + id) {
		return
	}
	ix.mu.RLock()
	prev := ix.runs[id]
	ix.mu.RUnlock()
	d, ok := runDir{}, false
	if prev != nil {
		if _, err := os.Stat(prev.dir.path); err == nil {
			d, ok = prev.dir, true
		}
	}
	if !ok {
		d, ok = ix.s.findRunOnDisk(id)
	}
	var e *runEntry
	if ok {
		e = ix.s.loadRun(d, prev)
	}
	ix.mu.Lock()
	ix.setRunLocked(id, e)
	ix.mu.Unlock()
}

// setRunLocked replaces or (with a nil e) forgets one run between
// rescans, and notes it for the groups and for a rescan running
// meanwhile. The caller holds ix.mu.
func (ix *index) setRunLocked(id string, e *runEntry) {
	if e == nil {
		delete(ix.runs, id)
	} else {
		ix.runs[id] = e
	}
	ix.gen++
	if ix.touchedRuns != nil {
		ix.touchedRuns[id] = true
	}
}

// setExpLocked is setRunLocked for an experiment folder.
func (ix *index) setExpLocked(path string, e *expEntry) {
	if e == nil {
		delete(ix.exps, path)
	} else {
		ix.exps[path] = e
	}
	if ix.touchedExps != nil {
		ix.touchedExps[path] = true
	}
}

// refreshExperiment brings an experiment up to date, and with it every run
// in it when withRuns is set (a move to or from .trash changes them all).
func (ix *index) refreshExperiment(id string, withRuns bool) {
	if ix.notReady("exp:" + id) {
		return
	}
	s := ix.s
	for _, d := range []expDir{
		{id, filepath.Join(s.root, id), false},
		{id, filepath.Join(s.root, trashDir, id), true},
	} {
		ix.mu.RLock()
		prev := ix.exps[d.path]
		ix.mu.RUnlock()
		var e *expEntry
		if isDir(d.path) {
			e = s.loadExperiment(d, prev)
		}
		ix.mu.Lock()
		ix.setExpLocked(d.path, e)
		ix.mu.Unlock()
		if e == nil || !withRuns {
			continue
		}
		for _, rd := range s.runDirs(d) {
			ix.refreshRun(rd.id)
		}
	}
	if withRuns {
		ix.dropMissingRuns(id)
	}
}

// dropMissingRuns forgets runs of an experiment whose folders are gone.
func (ix *index) dropMissingRuns(expID string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for id, e := range ix.runs {
		if e.dir.exp.id == expID && !isDir(e.dir.path) {
			ix.setRunLocked(id, nil)
		}
	}
}

// experiments returns the indexed experiments in view.
func (ix *index) experiments(view mlflow.ViewType) []*mlflow.Experiment {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make([]*mlflow.Experiment, 0, len(ix.exps))
	for _, e := range ix.exps {
		if e.exp != nil && view.Includes(e.exp.LifecycleStage) {
			out = append(out, e.exp)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ExperimentID < out[j].ExperimentID })
	return out
}

// experiment returns an indexed experiment, active first.
func (ix *index) experiment(id string) *mlflow.Experiment {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	for _, p := range []string{filepath.Join(ix.s.root, id), filepath.Join(ix.s.root, trashDir, id)} {
		if e := ix.exps[p]; e != nil && e.exp != nil {
			return e.exp
		}
	}
	return nil
}

// runsOf returns the indexed runs of the experiments in view.
func (ix *index) runsOf(ids []string, view mlflow.ViewType) []*Run {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.grouped.groups(ix.gen, ix.runs).pick(ids, view)
}

// run returns an indexed run.
func (ix *index) run(id string) *runEntry {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.runs[id]
}
