// Package benchtree finds the generated trees the store's benchmarks
// write (server/mlruns/bench_tree_test.go), for the benchmarks of other
// packages that reuse them rather than write copies of their own.
package benchtree

import (
	"os"
	"path/filepath"
	"testing"
)

// Runs10k is the mlruns folder of the tree of 10,000 runs (10
// experiments, 10 params, 10 tags and 10 metrics of 100 steps per run,
// seed 1). The benchmark is skipped when the tree is not written yet.
func Runs10k(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv("MLSCOPE_BENCH_TREES")
	if base == "" {
		base = filepath.Join(os.TempDir(), "mlscope-bench")
	}
	dir := filepath.Join(base, "runs10000-e10-p10-t10-m10-s100-seed1")
	if _, err := os.Stat(filepath.Join(dir, "complete")); err != nil {
		tb.Skipf("skipped: no finished tree at %s; write it with "+
			"go test -run XXX -bench 'Index/10k' ./server/mlruns", dir)
	}
	return filepath.Join(dir, "mlruns")
}
