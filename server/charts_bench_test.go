package main

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// The browser benchmarks of the charts (issue 5). Run them with
//
//	make build && go test -run '^$' -bench 'RunPageMillion|Overlay100' -benchtime 3x ./server/

// writeHistory writes a metric file of n steps in MLflow's line format: a
// slow decay with a ripple, so that reduction has a shape to keep.
func writeHistory(tb testing.TB, path string, n int, seed float64) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	const start = 1733250310000
	for i := range n {
		v := 0.2 + math.Exp(-float64(i)/float64(n/5+1)) + 0.03*math.Sin(float64(i)/9+seed)
		fmt.Fprintf(w, "%d %g %d\n", start+int64(i)*10, v, i)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// benchTree copies the test tree into a temporary folder.
func benchTree(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "mlruns")
	if err := os.CopyFS(dir, os.DirFS(testTree)); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// chartsDrawnJS answers, once want chart canvases under sel have drawn
// series, when the last of them was drawn, in ms since the click that
// navigated (window.benchClick); -1 before. series, when not "", is the
// number of series each must have.
func chartsDrawnJS(sel string, want int, series string) string {
	return fmt.Sprintf(`(() => {
		const cs = [...document.querySelectorAll(%q)].filter((c) =>
			c.dataset.series && (%q === "" || c.dataset.series === %[2]q) &&
			+c.dataset.drawnAt > window.benchClick);
		return cs.length >= %d ?
			Math.max(...cs.map((c) => +c.dataset.drawnAt)) - window.benchClick : -1;
	})()`, sel+" .chart-card canvas", series, want)
}

// clickJS follows a link to path inside the app, as a user's click on it
// does, and notes when (window.benchClick).
const clickJS = `((path) => {
	const a = document.createElement("a");
	a.href = path;
	document.body.appendChild(a);
	window.benchClick = performance.now();
	a.click();
	a.remove();
})(%q)`

// timeToCharts opens home, then follows a link to path inside the app and
// returns the time from the click until the charts were drawn, as the page
// measured it: the app is loaded already, as when a user clicks through.
func timeToCharts(b *testing.B, ctx context.Context, home, path, js string) float64 {
	return timeToScrolledCharts(b, ctx, home, path, "", js)
}

// timeToScrolledCharts is timeToCharts for charts below the fold: it
// keeps scrolling the element of scrollTo into view while it waits.
func timeToScrolledCharts(b *testing.B, ctx context.Context, home, path, scrollTo,
	js string) float64 {
	b.Helper()
	b.StopTimer()
	step(b, ctx, "open home", chromedp.Navigate(home))
	wantText(b, ctx, "#experiment-list", "wine-quality")
	b.StartTimer()
	step(b, ctx, "follow a link", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(clickJS, path)))
	if scrollTo != "" {
		js = fmt.Sprintf(`(() => { const e = document.querySelector(%q);
			if (e) e.scrollIntoView(); return %s; })()`, scrollTo, js)
	}
	ms, ok := pollJSEvery(b, ctx, js, func(ms float64) bool { return ms >= 0 }, 10*time.Millisecond, time.Minute)
	if !ok {
		b.Fatalf("the charts of %s were not drawn in 60 s", path)
	}
	return ms
}

// BenchmarkRunPageMillionPoints opens the page of a run with five metrics
// of 1,000,000 steps each and reports when the last of their charts was
// drawn, from the click on the run's link (target: under 1.5 s). The
// window is tall enough that every chart is in view, so all five draw.
func BenchmarkRunPageMillionPoints(b *testing.B) {
	needWASM(b)
	tree := benchTree(b)
	for i := range 5 {
		p := filepath.Join(tree, wineExp, owlRun, "metrics", "long", fmt.Sprintf("m%d", i))
		writeHistory(b, p, 1_000_000, float64(i))
	}
	srv := startServer(b, "--backend-store-uri", tree)
	ctx := browsertest.New(b, 1360, 4000)
	page := "/experiments/" + wineExp + "/runs/" + owlRun
	js := chartsDrawnJS(`.chart-group[data-group="long"]`, 5, "")
	timeToCharts(b, ctx, srv.URL, page, js) // the server reads the files once
	var total float64
	b.ResetTimer()
	for range b.N {
		total += timeToCharts(b, ctx, srv.URL, page, js)
	}
	b.ReportMetric(total/float64(b.N), "ms-to-5-charts")
}

// BenchmarkOverlay100Runs opens the Charts tab of an experiment with 100
// runs selected that logged 1,000 steps of one metric each, and reports
// when the overlay of the 100 histories was drawn, from the click on the
// link (target: under 0.5 s).
func BenchmarkOverlay100Runs(b *testing.B) {
	needWASM(b)
	tree := benchTree(b)
	meta, err := os.ReadFile(filepath.Join(tree, wineExp, owlRun, "meta.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	for i := range 100 {
		id := fmt.Sprintf("%032x", 0xbe0000+i)
		dir := filepath.Join(tree, wineExp, id)
		m := strings.ReplaceAll(string(meta), owlRun, id)
		m = strings.Replace(m, "run_name: gentle-owl-42", fmt.Sprintf("run_name: bench-%03d", i), 1)
		if err := os.MkdirAll(filepath.Join(dir, "params"), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "meta.yaml"), []byte(m), 0o644); err != nil {
			b.Fatal(err)
		}
		writeHistory(b, filepath.Join(dir, "metrics", "loss"), 1000, float64(i))
		ids = append(ids, id)
	}
	srv := startServer(b, "--backend-store-uri", tree)
	ctx := browsertest.New(b, 1360, 1000)
	page := "/experiments/" + wineExp + "?tab=charts&sel=" + strings.Join(ids, ",")
	js := chartsDrawnJS("#runs-overlay", 1, "100")
	timeToCharts(b, ctx, srv.URL, page, js)
	var total float64
	b.ResetTimer()
	for range b.N {
		total += timeToCharts(b, ctx, srv.URL, page, js)
	}
	b.ReportMetric(total/float64(b.N), "ms-to-overlay")
}

// BenchmarkRunPageThousandsOfMetrics opens the page of a run with 2,000
// metrics (10 steps each, in 10 groups) and reports when its first chart
// was drawn, from the click on the run's link, and how many chart cards
// the page built: a few per group, not one per metric.
func BenchmarkRunPageThousandsOfMetrics(b *testing.B) {
	needWASM(b)
	tree := benchTree(b)
	for i := range 2000 {
		p := filepath.Join(tree, wineExp, owlRun, "metrics", fmt.Sprintf("layer%d", i%10),
			fmt.Sprintf("m%04d", i))
		writeHistory(b, p, 10, float64(i))
	}
	srv := startServer(b, "--backend-store-uri", tree)
	ctx := browsertest.New(b, 1360, 1000)
	page := "/experiments/" + wineExp + "/runs/" + owlRun
	group := `.chart-group[data-group="layer0"]`
	js := chartsDrawnJS(group, 1, "")
	timeToScrolledCharts(b, ctx, srv.URL, page, group, js)
	var total float64
	b.ResetTimer()
	for range b.N {
		total += timeToScrolledCharts(b, ctx, srv.URL, page, group, js)
	}
	b.StopTimer()
	cards, err := chromedp.Run(ctx, chromedp.Evaluate[int](
		`document.querySelectorAll(".chart-card").length`))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(total/float64(b.N), "ms-to-first-chart")
	b.ReportMetric(float64(cards), "chart-cards")
}
