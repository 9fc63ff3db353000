package api

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"mlscope/app/mlflow"
	"mlscope/server/mlruns"
)

// The runs of the test tree's wine-quality experiment.
const (
	bulkExp = "284915716337362101"
	bulkOwl = "6c1f0d2b9e8a4f5d8c7b6a5e4d3c2b1a"
	bulkFox = "0a9b8c7d6e5f40312a3b4c5d6e7f8091"
	bulkOld = "ffeeddccbbaa49988877665544332211"
)

// bulkServer serves a copy of the test tree whose runs hold the given
// "bench" metric files, by run id.
func bulkServer(tb testing.TB, files map[string]string) *Server {
	tb.Helper()
	root := filepath.Join(tb.TempDir(), "mlruns")
	if err := os.CopyFS(root, os.DirFS("../testdata/mlruns")); err != nil {
		tb.Fatal(err)
	}
	for run, text := range files {
		p := filepath.Join(root, bulkExp, run, "metrics", "bench")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	store, err := mlruns.Open(root, mlruns.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return New(store, Options{})
}

// bulkGet asks for the bench metric and decodes the answer.
func bulkGet(tb testing.TB, s *Server, q url.Values) (int, []mlflow.MetricWithRunID) {
	tb.Helper()
	q.Set("metric_key", "bench")
	r := httptest.NewRequest("GET", "/api/2.0/mlflow/metrics/get-history-bulk-interval?"+
		q.Encode(), nil)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	var out struct {
		Metrics []mlflow.MetricWithRunID `json:"metrics"`
	}
	if w.Code == http.StatusOK {
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			tb.Fatalf("answer %.200q: %v", w.Body.String(), err)
		}
	}
	return w.Code, out.Metrics
}

// historyFile writes values at the steps as a metric file, with
// timestamps in logging order.
func historyFile(steps []int64, value func(i int) float64) string {
	var b strings.Builder
	for i, st := range steps {
		fmt.Fprintf(&b, "%d %s %d\n", 1733250000000+int64(i), mlflow.PythonString(value(i)), st)
	}
	return b.String()
}

// plainBulk is the bulk-interval answer computed the plain way, with maps,
// as MLflow's handler does: the reference for the fast one.
func plainBulk(runIDs []string, hs [][]mlflow.Metric, ranged bool, lo, hi int64, max int) []mlflow.MetricWithRunID {
	set, keep := map[int64]bool{}, map[int64]bool{}
	for _, h := range hs {
		if len(h) == 0 {
			continue
		}
		mn, mx := h[0].Step, h[0].Step
		for _, m := range h {
			set[m.Step] = true
			mn, mx = min(mn, m.Step), max64(mx, m.Step)
		}
		keep[mn], keep[mx] = true, true
	}
	var all []int64
	for st := range set {
		all = append(all, st)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	if !ranged {
		lo = 0
		if len(all) > 0 {
			hi = all[len(all)-1]
		}
	}
	startIdx := sort.Search(len(all), func(i int) bool { return all[i] >= lo })
	endIdx := sort.Search(len(all), func(i int) bool { return all[i] > hi })
	chosen := map[int64]bool{}
	if endIdx-startIdx <= max {
		for _, st := range all[startIdx:endIdx] {
			chosen[st] = true
		}
	} else {
		n := endIdx - startIdx
		for i := 0; i < max; i++ {
			if idx := startIdx + int(float64(i)*float64(n)/float64(max)); idx < n {
				chosen[all[idx]] = true
			}
		}
		chosen[all[endIdx-1]] = true
	}
	for st := range keep {
		if st >= lo && st <= hi {
			chosen[st] = true
		}
	}
	var out []mlflow.MetricWithRunID
	for i, h := range hs {
		var pts []mlflow.Metric
		for _, m := range h {
			if chosen[m.Step] {
				pts = append(pts, m)
			}
		}
		sort.SliceStable(pts, func(a, b int) bool {
			if pts[a].Step != pts[b].Step {
				return pts[a].Step < pts[b].Step
			}
			return pts[a].Timestamp < pts[b].Timestamp
		})
		for _, m := range pts {
			out = append(out, mlflow.MetricWithRunID{Metric: m, RunID: runIDs[i]})
		}
	}
	return out
}

func max64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

// TestBulkIntervalDifferential compares the answers with plainBulk's on
// random histories: sorted and shuffled steps, repeated steps, runs
// without the metric, ranges inside and outside the steps.
func TestBulkIntervalDifferential(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	runs := []string{bulkOwl, bulkFox, bulkOld}
	for trial := range 30 {
		files := map[string]string{}
		hs := make([][]mlflow.Metric, len(runs))
		for i, run := range runs {
			n := r.IntN(3000)
			if r.IntN(5) == 0 {
				continue // this run did not log the metric
			}
			steps := make([]int64, n)
			for j := range steps {
				steps[j] = int64(j * (1 + r.IntN(3)))
				if r.IntN(50) == 0 {
					steps[j] = int64(r.IntN(n + 1)) // out of order or repeated
				}
			}
			files[run] = historyFile(steps, func(j int) float64 { return r.NormFloat64() })
			hs[i] = parse(t, files[run])
		}
		s := bulkServer(t, files)
		q := url.Values{"run_ids": runs}
		max := 1 + r.IntN(maxResultsPerRun)
		q.Set("max_results", fmt.Sprint(max))
		ranged := trial%2 == 1
		lo, hi := int64(r.IntN(2000)), int64(r.IntN(6000))
		if ranged {
			lo, hi = min(lo, hi), max64(lo, hi)
			q.Set("start_step", fmt.Sprint(lo))
			q.Set("end_step", fmt.Sprint(hi))
		}
		code, got := bulkGet(t, s, q)
		want := plainBulk(runs, hs, ranged, lo, hi, max)
		if code != 200 || !sameBulk(got, want) {
			t.Fatalf("trial %d (max %d, ranged %v [%d, %d]): status %d, %d values; want %d",
				trial, max, ranged, lo, hi, code, len(got), len(want))
		}
	}
}

func parse(t *testing.T, file string) []mlflow.Metric {
	var out []mlflow.Metric
	for _, line := range strings.Split(strings.TrimSuffix(file, "\n"), "\n") {
		var m mlflow.Metric
		var v float64
		fmt.Sscanf(line, "%d %g %d", &m.Timestamp, &v, &m.Step)
		m.Key, m.Value = "bench", mlflow.Float(v)
		out = append(out, m)
	}
	return out
}

func sameBulk(a, b []mlflow.MetricWithRunID) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		xv, yv := float64(x.Value), float64(y.Value)
		x.Value, y.Value = 0, 0
		if !reflect.DeepEqual(x, y) || !(xv == yv || math.IsNaN(xv) && math.IsNaN(yv)) {
			return false
		}
	}
	return true
}

func TestBulkIntervalAnswers(t *testing.T) {
	nonFinite := []float64{math.NaN(), math.Inf(1), math.Inf(-1)}
	s := bulkServer(t, map[string]string{
		bulkOwl: historyFile([]int64{0, 1, 2}, func(i int) float64 { return nonFinite[i] }),
	})
	tests := []struct {
		name   string
		q      url.Values
		status int
		want   string // the values as "run:step=value", or the error
	}{
		{"non-finite values", url.Values{"run_ids": {bulkOwl}}, 200,
			bulkOwl[:4] + ":0=NaN " + bulkOwl[:4] + ":1=+Inf " + bulkOwl[:4] + ":2=-Inf"},
		{"a run without the metric", url.Values{"run_ids": {bulkFox}}, 200, ""},
		{"no runs", url.Values{}, 400, ""},
		{"too many results", url.Values{"run_ids": {bulkOwl}, "max_results": {"2501"}}, 400, ""},
		{"start without end", url.Values{"run_ids": {bulkOwl}, "start_step": {"1"}}, 400, ""},
		{"end before start", url.Values{"run_ids": {bulkOwl}, "start_step": {"2"},
			"end_step": {"1"}}, 400, ""},
		{"unknown run", url.Values{"run_ids": {strings.Repeat("ab", 16)}}, 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, ms := bulkGet(t, s, tt.q)
			var got []string
			for _, m := range ms {
				got = append(got, fmt.Sprintf("%s:%d=%v", m.RunID[:4], m.Step, float64(m.Value)))
			}
			if code != tt.status || strings.Join(got, " ") != tt.want {
				t.Errorf("%v: status %d, %q; want %d, %q", tt.q, code, got, tt.status, tt.want)
			}
		})
	}
}

// BenchmarkBulkInterval1M answers the run page's overview of a
// 1,000,000-value history: 2,500 sampled steps, once the history is in
// the store's cache.
func BenchmarkBulkInterval1M(b *testing.B) {
	steps := make([]int64, 1_000_000)
	for i := range steps {
		steps[i] = int64(i)
	}
	s := bulkServer(b, map[string]string{
		bulkOwl: historyFile(steps, func(i int) float64 { return 1 / float64(i+1) }),
	})
	q := url.Values{"run_ids": {bulkOwl}}
	if _, ms := bulkGet(b, s, q); len(ms) != maxResultsPerRun+1 {
		b.Fatalf("%d values, want %d", len(ms), maxResultsPerRun+1)
	}
	b.ResetTimer()
	for b.Loop() {
		bulkGet(b, s, q)
	}
}

// TestBulkIntervalJSON checks the hand-written answer against
// encoding/json's spelling of the same values.
func TestBulkIntervalJSON(t *testing.T) {
	s := bulkServer(t, map[string]string{
		bulkOwl: historyFile([]int64{0, 1}, func(i int) float64 { return []float64{1e-05, 2.5}[i] }),
	})
	r := httptest.NewRequest("GET", "/api/2.0/mlflow/metrics/get-history-bulk-interval?"+
		"metric_key=bench&run_ids="+bulkOwl, nil)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	want, _ := json.Marshal(map[string]any{"metrics": []mlflow.MetricWithRunID{
		{Metric: mlflow.Metric{Key: "bench", Value: 1e-05, Timestamp: 1733250000000}, RunID: bulkOwl},
		{Metric: mlflow.Metric{Key: "bench", Value: 2.5, Timestamp: 1733250000001, Step: 1}, RunID: bulkOwl},
	}})
	if got := w.Body.String(); got != string(want) {
		t.Errorf("answer\n%s\nwant\n%s", got, want)
	}
}
