package main

// The browser benchmark of the runs table (issue 11): on an experiment of
// 10,000 runs, a re-sort and a regrouping show their result within 200 ms
// of the click, and a scrolled table draws no more rows than fit on screen
// plus the overscan margin. Run it with
//
//	make build && go test -run '^$' -bench TableSortGroup -benchtime 3x ./server/
//
// The first run writes the tree with the demo generator (about four
// minutes on two CPUs) into $TMPDIR/mlscope-table-bench, one folder per
// size, and later runs reuse it.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mlscope/server/demo"
	"mlscope/server/internal/browsertest"
	"mlscope/server/mlruns"
)

// tableBenchOptions is the benchmark's tree: one experiment of 10,000
// runs, small enough per run to be written quickly.
var tableBenchOptions = demo.Options{Experiments: 1, Runs: 10_000, Params: 10, Metrics: 10,
	Steps: 10, Tags: 3, Seed: 1}

// tableBenchTree returns the cached tree of o and its experiment's id,
// writing it first when no finished copy is there. The file "complete"
// beside the tree holds the id and marks it finished.
func tableBenchTree(b *testing.B, o demo.Options) (root, expID string) {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "mlscope-table-bench", fmt.Sprintf(
		"runs%d-params%d-metrics%d-steps%d", o.Runs, o.Params, o.Metrics, o.Steps))
	root, done := filepath.Join(dir, "mlruns"), filepath.Join(dir, "complete")
	if id, err := os.ReadFile(done); err == nil {
		return root, strings.TrimSpace(string(id))
	}
	if err := os.RemoveAll(dir); err != nil {
		b.Fatalf("clear the unfinished tree: %v", err)
	}
	s, err := mlruns.Open(root, mlruns.Options{})
	if err != nil {
		b.Fatalf("open a new bench tree: %v", err)
	}
	fmt.Fprintf(os.Stderr, "writing %d runs to %s (once)\n", o.Runs, root)
	sum, err := demo.Generate(context.Background(), s, o)
	if err != nil {
		b.Fatalf("write the bench tree: %v", err)
	}
	expID = sum.Experiments[0]
	if err := os.WriteFile(done, []byte(expID+"\n"), 0o644); err != nil {
		b.Fatalf("mark the bench tree finished: %v", err)
	}
	return root, expID
}

// firstRunID asks the table endpoint for the first run under orderBy.
func firstRunID(b *testing.B, srv *testServer, expID, orderBy string) string {
	b.Helper()
	var ans struct {
		Fields []string `json:"fields"`
		Rows   [][]any  `json:"rows"`
	}
	req := map[string]any{"experiment_ids": []string{expID}, "run_view_type": "ACTIVE_ONLY",
		"order_by": []string{orderBy}, "offset": 0, "limit": 1}
	if st := srv.call(b, "POST", "/ajax-api/2.0/mlscope/runs/table", req, &ans); st != 200 {
		b.Fatalf("table of %s by %s: HTTP %d", expID, orderBy, st)
	}
	for i, f := range ans.Fields {
		if f == "run_id" && len(ans.Rows) > 0 {
			return fmt.Sprint(ans.Rows[0][i])
		}
	}
	b.Fatalf("table of %s by %s: no first run", expID, orderBy)
	return ""
}

// watchJS installs, then starts with act (a JS statement), a watcher
// that notes in window.benchDone the ms from the start until done (a JS
// expression) holds, as the DOM changes; -1 until then.
const watchJS = `(() => {
	window.benchDone = -1;
	const done = () => %s;
	const obs = new MutationObserver(() => {
		if (window.benchDone < 0 && done()) {
			window.benchDone = performance.now() - window.benchClick;
			obs.disconnect();
		}
	});
	obs.observe(document.body, {subtree: true, childList: true, attributes: true,
		characterData: true});
	window.benchClick = performance.now();
	%s;
})()`

// timeInPage runs act and returns the ms until done held, as measured in
// the page.
func timeInPage(b *testing.B, ctx context.Context, what, act, done string) float64 {
	b.Helper()
	step(b, ctx, what, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(watchJS, done, act)))
	ms, ok := pollJSEvery(b, ctx, `window.benchDone`, func(ms float64) bool { return ms >= 0 }, 5*time.Millisecond,
		30*time.Second)
	if !ok {
		b.Fatalf("%s: no result in 30 s", what)
	}
	return ms
}

// Page-side helpers of the benchmark.
const (
	firstRowJS = `document.querySelector("#runs-table tbody tr.run-row")?.dataset.runId`
	setGroupJS = `(() => { const s = document.querySelector("#group-by");
		s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); })()`
	groupRowsShownJS = `document.querySelector("#runs-table tr.group-row") !== null`
)

// tableMaxDrawn is maxDrawn of app/ui/runs_window.go: the rows in a view
// of height px (32 each), one more for a partial row, 8 of overscan on each
// side and up to 7 on each side from rounding to steps of 8.
func tableMaxDrawn(height int) int { return (height+31)/32 + 1 + 2*8 + 2*7 }

// BenchmarkTableSortGroup opens an experiment of 10,000 runs and reports
// the ms from a click on a metric's header until the table's first row is
// the run the server puts first in the new order (ms-to-sort), from a
// Group by choice until group rows are shown (ms-to-regroup), and the
// run rows drawn when scrolled to the middle (drawn-rows, checked against
// the most that fit plus the margin).
func BenchmarkTableSortGroup(b *testing.B) {
	needWASM(b)
	root, expID := tableBenchTree(b, tableBenchOptions)
	// The index persists beside the tree, so that later runs start in a
	// second instead of reading 10,000 runs first.
	srv := startServer(b, "--backend-store-uri", root,
		"--index-cache", filepath.Join(filepath.Dir(root), "index"))
	for deadline := time.Now().Add(2 * time.Minute); !srv.logHas("index ready"); {
		if time.Now().After(deadline) {
			b.Fatalf("the index of %s was not ready in 2 min\n%s", root, srv.Log)
		}
		time.Sleep(100 * time.Millisecond)
	}
	ctx := browsertest.New(b, 1360, 900)
	step(b, ctx, "open the experiment", chromedp.Navigate(srv.URL+"/experiments/"+expID))
	col, _ := pollJS(b, ctx, `document.querySelector(
		'#runs-table th[data-col^="metrics."]')?.dataset.col ?? ""`,
		func(s string) bool { return s != "" })
	if col == "" {
		b.Fatal("no metric column in the runs table")
	}
	key := strings.TrimPrefix(col, "metrics.")
	want := map[string]string{ // the header's aria-sort after a click: the first run
		"ascending":  firstRunID(b, srv, expID, "metrics.`"+key+"` ASC"),
		"descending": firstRunID(b, srv, expID, "metrics.`"+key+"` DESC"),
	}
	th := fmt.Sprintf(`#runs-table th[data-col=%q]`, col)
	click := fmt.Sprintf(`document.querySelector('%s button.sort').click()`, th)

	var sortMS, groupMS float64
	b.ResetTimer()
	for i := range b.N {
		dir := "ascending"
		if i%2 == 1 {
			dir = "descending"
		}
		done := fmt.Sprintf(`%s === %q`, firstRowJS, want[dir])
		sortMS += timeInPage(b, ctx, "sort "+dir, click, done)
		if got, _ := pollJS(b, ctx, fmt.Sprintf(`document.querySelector('%s').ariaSort`, th),
			func(s string) bool { return s == dir }); got != dir {
			b.Fatalf("sorted by %s: header aria-sort %q, want %q", col, got, dir)
		}

		groupMS += timeInPage(b, ctx, "group by optimizer",
			fmt.Sprintf(setGroupJS, "params.optimizer"), groupRowsShownJS)

		// Back to runs only, for the next sort's first row.
		b.StopTimer()
		step(b, ctx, "no groups", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(setGroupJS, "")))
		if _, ok := pollJS(b, ctx, groupRowsShownJS, func(v bool) bool { return !v }); !ok {
			b.Fatal("the group rows stayed after choosing no groups")
		}
		b.StartTimer()
	}
	b.StopTimer()

	drawn, height := scrolledRows(b, ctx)
	limit := tableMaxDrawn(height)
	if drawn > limit {
		b.Errorf("scrolled to the middle: %d run rows drawn, want at most %d", drawn, limit)
	}
	b.ReportMetric(sortMS/float64(b.N), "ms-to-sort")
	b.ReportMetric(groupMS/float64(b.N), "ms-to-regroup")
	b.ReportMetric(float64(drawn), "drawn-rows")
	b.ReportMetric(float64(limit), "max-drawn-rows")
}

// scrolledRows scrolls the runs table to the middle, waits until the rows
// there are drawn, and returns how many run rows are drawn and the height
// of the box's rows area.
func scrolledRows(b *testing.B, ctx context.Context) (drawn, height int) {
	b.Helper()
	step(b, ctx, "scroll to the middle", chromedp.Evaluate[chromedp.Void](`(() => {
		const box = document.querySelector("#runs-scroll");
		box.scrollTop = (box.scrollHeight - box.clientHeight) / 2; })()`))
	// Drawn when the table's top margin stands in for rows above and
	// no skeleton rows remain.
	ready := `(() => { const t = document.querySelector("#runs-table");
		return parseInt(t.style.marginTop) > 0 && !t.querySelector("tr.skeleton-row") &&
			t.querySelectorAll("tbody tr.run-row").length > 0; })()`
	if _, ok := pollJS(b, ctx, ready, func(v bool) bool { return v }); !ok {
		b.Fatal("the middle of the runs table was not drawn in 20 s")
	}
	js := `(() => { const box = document.querySelector("#runs-scroll");
		return [box.querySelectorAll("tbody tr.run-row").length,
			box.clientHeight - box.querySelector("thead").offsetHeight]; })()`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](js))
	if err != nil || len(got) != 2 {
		b.Fatalf("count the drawn rows: %v %v", got, err)
	}
	return got[0], got[1]
}
