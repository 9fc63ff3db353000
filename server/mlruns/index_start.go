package mlruns

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// IndexOptions configure the in-memory index.
type IndexOptions struct {
	// CacheDir holds the persisted index (one file per tree); empty
	// disables it.
	CacheDir string
	// Rescan is the least period of the full rescan that catches changes
	// that notifications missed; zero means one minute. A rescan that
	// takes long (a large tree) waits longer: see rescanWait.
	Rescan time.Duration
	// Logger receives progress and problems; nil discards them.
	Logger *slog.Logger
}

// DefaultIndexCacheDir is where the persisted index goes by default: the
// user's cache folder, never the tree itself.
func DefaultIndexCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "mlscope")
}

// cacheFile names the persisted index of this tree.
func (s *Store) cacheFile(dir string) string {
	sum := sha256.Sum256([]byte(s.root))
	return filepath.Join(dir, "index-"+hex.EncodeToString(sum[:8])+".gob")
}

// StartIndex builds the index in the background and keeps it current until
// ctx ends. Requests are served from disk until it is ready, or at once
// from the persisted index when there is one. ready, when not nil, is
// closed once the first full scan is done. The returned channel is closed
// when the index has stopped (and saved itself) after ctx ended.
func (s *Store) StartIndex(ctx context.Context, opt IndexOptions, ready chan<- struct{}) <-chan struct{} {
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opt.Rescan == 0 {
		opt.Rescan = time.Minute
	}
	cache := ""
	if opt.CacheDir != "" {
		cache = s.cacheFile(opt.CacheDir)
		start := time.Now()
		if n, err := s.idx.load(cache); err == nil {
			log.Info("index loaded from cache", "runs", n, "took", time.Since(start).Round(time.Millisecond))
		} else if !os.IsNotExist(err) {
			log.Warn("index cache not used", "path", cache, "err", err)
		}
	}
	if !s.idx.ready.Load() {
		s.idx.building.Store(true)
	}
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		s.runIndex(ctx, opt, cache, log, ready)
	}()
	return stopped
}

func (s *Store) runIndex(ctx context.Context, opt IndexOptions, cache string, log *slog.Logger,
	ready chan<- struct{}) {
	start := time.Now()
	err := s.idx.rescan(func(done, total int) {
		log.Info("indexing runs", "done", done, "total", total)
	})
	if err != nil {
		log.Error("index the tree", "err", err)
	} else {
		s.idx.mu.RLock()
		n := len(s.idx.runs)
		s.idx.mu.RUnlock()
		log.Info("index ready", "runs", n, "took", time.Since(start).Round(time.Millisecond))
	}
	s.idx.firstScanEnded()
	if ready != nil {
		close(ready)
	}
	if err := s.idx.startWatcher(ctx, log); err != nil {
		log.Warn("file watching unavailable; relying on periodic rescans", "err", err)
	}
	// Changes between the first scan and the first watch: a second pass
	// re-reads only what changed.
	if err := s.idx.rescan(nil); err != nil {
		log.Warn("rescan the tree", "err", err)
	}
	save := func() {
		if cache != "" {
			if err := s.idx.save(cache); err != nil {
				log.Warn("persist the index", "err", err)
			}
		}
	}
	save()
	wait := opt.Rescan
	for {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			save()
			return
		case <-t.C:
			start := time.Now()
			if err := s.idx.rescan(nil); err != nil {
				log.Warn("rescan the tree", "err", err)
			}
			wait = rescanWait(opt.Rescan, time.Since(start))
			save()
		}
	}
}

// rescanShare bounds the time the periodic rescan takes, as a share of the
// time between rescans: a rescan stats every file of the tree (nearly four
// million at 100,000 runs, at 1.5-4 us a system call), which must not keep
// a laptop busy. Notifications still bring changes in at once; the rescan
// only catches what they missed.
const rescanShare = 20

// rescanWait is the time until the next rescan, after one that lasted took.
func rescanWait(least, took time.Duration) time.Duration {
	return max(least, rescanShare*took)
}
