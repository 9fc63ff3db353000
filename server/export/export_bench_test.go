package export

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"mlscope/server/mlruns"
)

// benchTree10k is the generated tree of 10,000 runs the store's
// benchmarks write (server/mlruns/bench_tree_test.go: 10 experiments, 10
// params, 10 tags and 10 metrics of 100 steps per run, seed 1), which this
// benchmark reuses rather than writing a copy of its own.
func benchTree10k(b *testing.B) string {
	base := os.Getenv("MLSCOPE_BENCH_TREES")
	if base == "" {
		base = filepath.Join(os.TempDir(), "mlscope-bench")
	}
	dir := filepath.Join(base, "runs10000-e10-p10-t10-m10-s100-seed1")
	if _, err := os.Stat(filepath.Join(dir, "complete")); err != nil {
		b.Skipf("skipped: no finished tree at %s; write it with "+
			"go test -run XXX -bench 'Index/10k' ./server/mlruns", dir)
	}
	return filepath.Join(dir, "mlruns")
}

// BenchmarkExport10k exports the 10,000-run tree with the default
// options (small artifacts, 1,000 runs per page) and reports what it
// wrote: files and bytes per run, and the bytes of the data written over
// the bytes of the runs' folders in the tree (exported/tree, which issue
// 10 asks to be at most a few).
func BenchmarkExport10k(b *testing.B) {
	root := benchTree10k(b)
	store, err := mlruns.Open(root, mlruns.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var sum Summary
	for b.Loop() {
		out := filepath.Join(b.TempDir(), "site")
		sum, err = Export(context.Background(), store, Options{Out: out, RunsPerPage: 1000,
			Artifacts: ArtifactsSmall, Version: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		// The generator deletes a few runs; only active ones are exported.
		if sum.Runs < 9_900 {
			b.Fatalf("exported %d runs, want about 10,000", sum.Runs)
		}
	}
	runs := float64(sum.Runs)
	b.ReportMetric(sum.Elapsed.Seconds(), "s/export")
	b.ReportMetric(float64(sum.Files), "files")
	b.ReportMetric(float64(sum.Bytes)/(1<<20), "MiB")
	b.ReportMetric(float64(sum.Files)/runs, "files/run")
	b.ReportMetric(float64(sum.Bytes)/runs, "bytes/run")
	b.ReportMetric(float64(sum.DataBytes)/float64(sum.RunFileBytes), "exported/tree")
}
