// Package benchtree names the generated trees the store's benchmarks
// write (server/mlruns/bench_tree_test.go) and finds them for the
// benchmarks of other packages, which reuse them rather than write copies
// of their own.
package benchtree

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"mlscope/server/demo"
)

// Options is the shape issue 4 asks for: 10 experiments, 10 params, 10
// tags and 10 metrics of 100 steps per run, seed 1.
func Options(runs int) demo.Options {
	o := demo.DefaultOptions()
	o.Experiments, o.Runs, o.Seed = 10, runs, 1
	o.Params, o.Tags, o.Metrics, o.Steps = 10, 10, 10, 100
	return o
}

// Dir is the folder of the tree o describes, in $MLSCOPE_BENCH_TREES (by
// default $TMPDIR/mlscope-bench): its mlruns folder, and a file "complete"
// once it is written.
func Dir(o demo.Options) string {
	base := os.Getenv("MLSCOPE_BENCH_TREES")
	if base == "" {
		base = filepath.Join(os.TempDir(), "mlscope-bench")
	}
	return filepath.Join(base, fmt.Sprintf("runs%d-e%d-p%d-t%d-m%d-s%d-seed%d",
		o.Runs, o.Experiments, o.Params, o.Tags, o.Metrics, o.Steps, o.Seed))
}

// Runs10k is the mlruns folder of the tree of 10,000 runs. The benchmark
// is skipped when the tree is not written yet.
func Runs10k(tb testing.TB) string {
	tb.Helper()
	dir := Dir(Options(10000))
	if _, err := os.Stat(filepath.Join(dir, "complete")); err != nil {
		tb.Skipf("skipped: no finished tree at %s; write it with "+
			"go test -run XXX -bench 'Index/10k' ./server/mlruns", dir)
	}
	return filepath.Join(dir, "mlruns")
}
