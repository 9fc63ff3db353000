package mlruns_test

// Benchmarks of issue 4 on generated trees (docs/PERFORMANCE.md): start-up
// without and with the persisted index, a filtered and ordered search, and
// the memory the server holds. Each tree is written once by the demo
// generator into $MLSCOPE_BENCH_TREES (default $TMPDIR/mlscope-bench), one
// folder per size, and reused by later runs, as is a persisted index
// beside it (index-cache). The 100,000-run tree (3.7 million files, half
// an hour to write) is used only when MLSCOPE_BENCH_LARGE=1, so that a
// plain `go test -bench .` stays quick.
//
// The package is mlruns_test because the generator imports mlruns.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	"mlscope/app/mlflow"
	"mlscope/app/search"
	"mlscope/server/api"
	"mlscope/server/demo"
	"mlscope/server/internal/benchtree"
	"mlscope/server/mlruns"
)

// The search the benchmarks ask for, with keys the generator writes.
const (
	benchFilter = "metrics.val_loss < 0.5 and params.optimizer = 'adam'"
	benchOrder  = "metrics.val_accuracy DESC"
	benchMax    = 100
)

// benchSizes are the trees the benchmarks run on; large ones only when
// MLSCOPE_BENCH_LARGE=1.
var benchSizes = []struct {
	name  string
	runs  int
	large bool
}{{"10k", 10_000, false}, {"100k", 100_000, true}}

// forSizes runs bench as a sub-benchmark per tree size.
func forSizes(b *testing.B, bench func(b *testing.B, root string)) {
	for _, sz := range benchSizes {
		b.Run(sz.name, func(b *testing.B) {
			if sz.large && os.Getenv("MLSCOPE_BENCH_LARGE") != "1" {
				b.Skip("set MLSCOPE_BENCH_LARGE=1 for the 100,000-run tree")
			}
			bench(b, benchTree(b, benchtree.Options(sz.runs)))
		})
	}
}

// benchTree returns the root of the tree o describes, writing it first
// when the cache folder holds no finished copy. A file "complete" beside
// the tree marks a finished one; a folder without it was cut short and is
// written again.
func benchTree(b *testing.B, o demo.Options) string {
	b.Helper()
	dir := benchtree.Dir(o)
	root, done := filepath.Join(dir, "mlruns"), filepath.Join(dir, "complete")
	if _, err := os.Stat(done); err == nil {
		return root
	}
	if err := os.RemoveAll(dir); err != nil {
		b.Fatalf("clear the unfinished tree: %v", err)
	}
	s, err := mlruns.Open(root, mlruns.Options{
		ArtifactsDestination: filepath.Join(dir, "mlartifacts")})
	if err != nil {
		b.Fatalf("open a new bench tree: %v", err)
	}
	fmt.Fprintf(os.Stderr, "writing %d runs to %s (once)\n", o.Runs, root)
	next := 0
	o.Progress = func(n, total int) {
		if n >= next {
			fmt.Fprintf(os.Stderr, "  %d/%d runs\n", n, total)
			next = n + total/10
		}
	}
	sum, err := demo.Generate(context.Background(), s, o)
	if err != nil {
		b.Fatalf("write the bench tree: %v", err)
	}
	note := fmt.Sprintf("wrote %d runs, %d files in %.0f s\n", sum.Runs, sum.Files,
		sum.Elapsed.Seconds())
	if err := os.WriteFile(done, []byte(note), 0o644); err != nil {
		b.Fatalf("mark the bench tree finished: %v", err)
	}
	return root
}

// benchStore is a store with its index running, as `mlscope server`
// starts it. The periodic rescan is put off so that it does not land in
// the middle of a measurement; warnings (a failed save, which settle
// would wait for forever) go to stderr.
type benchStore struct {
	s       *mlruns.Store
	ready   chan struct{}
	cancel  context.CancelFunc
	stopped <-chan struct{}
}

func startStore(b *testing.B, root, cache string) *benchStore {
	s, err := mlruns.Open(root, mlruns.Options{
		ArtifactsDestination: filepath.Join(filepath.Dir(root), "mlartifacts")})
	if err != nil {
		b.Fatalf("open %s: %v", root, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	warn := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	opt := mlruns.IndexOptions{CacheDir: cache, Rescan: time.Hour, Logger: warn}
	return &benchStore{s, ready, cancel, s.StartIndex(ctx, opt, ready)}
}

// close stops the index once its start-up work is done (the first scan,
// the watches, the second scan and the save).
func (bs *benchStore) close() {
	bs.cancel()
	<-bs.stopped
}

// treeCache is the persisted index kept beside a bench tree, so that the
// benchmarks that only need a settled index do not build it from scratch.
func treeCache(root string) string {
	return filepath.Join(filepath.Dir(root), "index-cache")
}

// settle waits until the index has been saved into cache after since: by
// then it is built (or loaded), watched and checked a second time, the
// steady state of a server.
func (bs *benchStore) settle(cache string, since time.Time) {
	<-bs.ready
	for {
		m, _ := filepath.Glob(filepath.Join(cache, "index-*.gob"))
		for _, p := range m {
			if fi, err := os.Stat(p); err == nil && fi.ModTime().After(since) {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// primeCache brings the persisted index beside the tree up to date (a
// start that settles, then stops) and returns its folder.
func primeCache(b *testing.B, root string) string {
	cache, since := treeCache(root), time.Now()
	bs := startStore(b, root, cache)
	bs.settle(cache, since)
	bs.close()
	return cache
}

// settled starts a store on root with its index persisted in cache and
// waits for it to settle; it is closed when the benchmark ends.
func settled(b *testing.B, root, cache string) *benchStore {
	since := time.Now()
	bs := startStore(b, root, cache)
	b.Cleanup(bs.close)
	bs.settle(cache, since)
	return bs
}

// experimentIDs lists the active experiments, as a client does before
// its first search.
func experimentIDs(b *testing.B, s *mlruns.Store) []string {
	exps, err := s.Experiments(mlflow.ViewActiveOnly)
	if err != nil {
		b.Fatalf("list experiments: %v", err)
	}
	ids := make([]string, len(exps))
	for i, e := range exps {
		ids[i] = e.ExperimentID
	}
	return ids
}

// searchRuns does what the runs/search handler does, without the JSON:
// read the runs of the experiments, then filter, order and page them. It
// returns the page and how many runs it searched.
func searchRuns(b *testing.B, s *mlruns.Store, ids []string) ([]*mlflow.Run, int) {
	stored, err := s.Runs(ids, mlflow.ViewActiveOnly)
	if err != nil {
		b.Fatalf("read runs: %v", err)
	}
	runs := make([]*mlflow.Run, len(stored))
	for i, r := range stored {
		runs[i] = &r.Run
	}
	page, _, err := search.SearchRuns(runs, benchFilter, []string{benchOrder}, benchMax, "")
	if err != nil || len(page) != benchMax {
		b.Fatalf("search: %d runs, %v; want %d", len(page), err, benchMax)
	}
	return page, len(runs)
}

// BenchmarkColdStart times a start without a persisted index, from
// opening the store to the first answer of a search sent at once. Until
// the index is ready, the store answers from disk; ready-ms is when the
// index was.
func BenchmarkColdStart(b *testing.B) {
	forSizes(b, func(b *testing.B, root string) {
		var ready time.Duration
		for b.Loop() {
			began := time.Now()
			bs := startStore(b, root, "")
			readyAt := make(chan time.Duration, 1)
			go func() { <-bs.ready; readyAt <- time.Since(began) }()
			searchRuns(b, bs.s, experimentIDs(b, bs.s))
			b.StopTimer()
			ready += <-readyAt
			bs.close()
			b.StartTimer()
		}
		b.ReportMetric(float64(ready.Milliseconds())/float64(b.N), "ready-ms")
	})
}

// BenchmarkIndexBuild times the first full scan alone, with no search
// competing for the disk and the CPUs: the first answer a server would
// give if searches waited for the index.
func BenchmarkIndexBuild(b *testing.B) {
	forSizes(b, func(b *testing.B, root string) {
		for b.Loop() {
			bs := startStore(b, root, "")
			<-bs.ready
			b.StopTimer()
			bs.close()
			b.StartTimer()
		}
	})
}

// BenchmarkPersistedStart times a start from the persisted index, written
// by an earlier start, to the first answer of a search sent at once.
func BenchmarkPersistedStart(b *testing.B) {
	forSizes(b, func(b *testing.B, root string) {
		cache := primeCache(b, root)
		for b.Loop() {
			bs := startStore(b, root, cache)
			searchRuns(b, bs.s, experimentIDs(b, bs.s))
			b.StopTimer()
			bs.close()
			b.StartTimer()
		}
	})
}

// BenchmarkSearch times one filtered, ordered search over every run of
// the tree through the store, as the runs/search handler makes it.
func BenchmarkSearch(b *testing.B) {
	forSizes(b, func(b *testing.B, root string) {
		bs := settled(b, root, treeCache(root))
		ids := experimentIDs(b, bs.s)
		_, n := searchRuns(b, bs.s, ids)
		for b.Loop() {
			searchRuns(b, bs.s, ids)
		}
		b.ReportMetric(float64(n), "runs")
	})
}

// BenchmarkSearchHTTP times the same search as a REST request through the
// API handler, JSON in and out, without a network.
func BenchmarkSearchHTTP(b *testing.B) {
	forSizes(b, func(b *testing.B, root string) {
		bs := settled(b, root, treeCache(root))
		h := api.New(bs.s, api.Options{})
		body, err := json.Marshal(map[string]any{
			"experiment_ids": experimentIDs(b, bs.s), "filter": benchFilter,
			"order_by": []string{benchOrder}, "max_results": benchMax})
		if err != nil {
			b.Fatal(err)
		}
		var size int
		for b.Loop() {
			req := httptest.NewRequest(http.MethodPost, "/api/2.0/mlflow/runs/search",
				bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Fatalf("runs/search: %d %s", w.Code, w.Body)
			}
			size = w.Body.Len()
		}
		b.ReportMetric(float64(size), "answer-bytes")
	})
}

// BenchmarkMemory reports the memory of a server that has loaded the tree
// and settled: resident memory (VmRSS, after a collection that returns
// free memory to the system) and heap in use. "built" is the first start,
// which reads the tree; "loaded" a later one, from the persisted index.
// Each iteration is that collection. Run one in a process of its own:
// what earlier benchmarks (or writing the tree) left behind counts in
// rss-MB.
func BenchmarkMemory(b *testing.B) {
	forSizes(b, func(b *testing.B, root string) {
		b.Run("built", func(b *testing.B) { benchMemory(b, root, b.TempDir()) })
		b.Run("loaded", func(b *testing.B) { benchMemory(b, root, primeCache(b, root)) })
	})
}

func benchMemory(b *testing.B, root, cache string) {
	debug.FreeOSMemory()
	before := residentBytes(b)
	bs := settled(b, root, cache)
	var ms runtime.MemStats
	var rss int64
	for b.Loop() {
		debug.FreeOSMemory()
		rss = residentBytes(b)
	}
	runtime.ReadMemStats(&ms)
	writeHeapProfile(b)
	runtime.KeepAlive(bs)
	const mb = 1 << 20
	b.ReportMetric(float64(rss)/mb, "rss-MB")
	b.ReportMetric(float64(before)/mb, "rss-before-MB")
	b.ReportMetric(float64(ms.HeapInuse)/mb, "heap-inuse-MB")
}

// writeHeapProfile writes the live heap to $MLSCOPE_BENCH_HEAPPROFILE, when
// set, for `go tool pprof`: what the index holds.
func writeHeapProfile(b *testing.B) {
	path := os.Getenv("MLSCOPE_BENCH_HEAPPROFILE")
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.WriteHeapProfile(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		b.Fatalf("write heap profile: %v", err)
	}
}

// residentBytes reads the process's resident memory from /proc.
func residentBytes(b *testing.B) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		b.Skipf("resident memory unknown here: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				b.Fatalf("parse VmRSS %q: %v", v, err)
			}
			return kb << 10
		}
	}
	b.Fatal("no VmRSS in /proc/self/status")
	return 0
}
