package export

import (
	"context"
	"path/filepath"
	"testing"

	"mlscope/server/internal/benchtree"
	"mlscope/server/mlruns"
)

// BenchmarkExport10k exports the 10,000-run tree with the default
// options (small artifacts, 1,000 runs per page) and reports what it
// wrote: files and bytes per run, and the bytes of the data written over
// the bytes of the runs' folders in the tree (exported/tree, which issue
// 10 asks to be at most a few).
func BenchmarkExport10k(b *testing.B) {
	root := benchtree.Runs10k(b)
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
