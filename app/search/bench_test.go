package search

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"

	"mlscope/app/mlflow"
)

// benchRuns generates n runs with 10 params, 10 tags and 10 metrics each.
func benchRuns(n int) []*mlflow.Run {
	rng := rand.New(rand.NewPCG(1, 2))
	statuses := []mlflow.RunStatus{mlflow.StatusFinished, mlflow.StatusFailed,
		mlflow.StatusRunning}
	runs := make([]*mlflow.Run, n)
	for i := range runs {
		r := &mlflow.Run{Info: mlflow.RunInfo{
			RunID:     strconv.FormatUint(rng.Uint64(), 16),
			RunName:   "run-" + strconv.Itoa(i),
			UserID:    "user" + strconv.Itoa(rng.IntN(20)),
			Status:    statuses[rng.IntN(len(statuses))],
			StartTime: 1_700_000_000_000 + rng.Int64N(10_000_000),
		}}
		for k := range 10 {
			ks := strconv.Itoa(k)
			r.Data.Metrics = append(r.Data.Metrics, mlflow.Metric{Key: "m" + ks,
				Value: mlflow.Float(rng.Float64())})
			r.Data.Params = append(r.Data.Params, mlflow.Param{Key: "p" + ks,
				Value: "v" + strconv.Itoa(rng.IntN(100))})
			r.Data.Tags = append(r.Data.Tags, mlflow.Tag{Key: "t" + ks,
				Value: "tag" + strconv.Itoa(rng.IntN(10))})
		}
		runs[i] = r
	}
	return runs
}

// BenchmarkMatchAndSort times one search over 100,000 runs: parse, filter
// (about 45% match), sort by a metric and a param, and take a page.
func BenchmarkMatchAndSort(b *testing.B) {
	runs := benchRuns(100_000)
	const filter = "metrics.m3 > 0.3 and params.p1 LIKE 'v%' and tags.t2 != 'tag0' " +
		"and attributes.status != 'RUNNING'"
	orderBy := []string{"metrics.m5 DESC", "params.p2 ASC"}
	f, _ := ParseRunFilter(filter)
	b.ReportMetric(float64(len(f.Filter(runs))), "matched")
	runtime.GC()
	for b.Loop() {
		page, _, err := SearchRuns(runs, filter, orderBy, 1000, "")
		if err != nil || len(page) != 1000 {
			b.Fatalf("got %d runs, %v", len(page), err)
		}
	}
}

// BenchmarkFilterOnly times the filter alone over the same runs.
func BenchmarkFilterOnly(b *testing.B) {
	runs := benchRuns(100_000)
	f, err := ParseRunFilter("metrics.m3 > 0.3 and params.p1 LIKE 'v%' and tags.t2 != 'tag0'")
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	for b.Loop() {
		f.Filter(runs)
	}
}

// BenchmarkParseRunFilter times parsing a typical UI query, as done on
// each keystroke in the browser.
func BenchmarkParseRunFilter(b *testing.B) {
	const q = "metrics.`val loss` < 0.5 and params.lr = '0.01' and " +
		"dataset.name IN ('a','b') and attributes.start_time >= 1700000000000"
	for b.Loop() {
		if _, err := ParseRunFilter(q); err != nil {
			b.Fatal(err)
		}
	}
}
