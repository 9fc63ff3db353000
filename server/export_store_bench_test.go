package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mlscope/app/exportfmt"
	"mlscope/server/internal/benchtree"
	"mlscope/server/internal/browsertest"
)

// BenchmarkExportStoreAhead exports one 1,000-run experiment of the
// store's generated 10,000-run tree (13,000 files), serves it with Go's
// file server and opens it in a new browser profile: it reports the time
// to the runs table's first rows, the time a run's page takes to open
// while the service worker stores the export in the background, and the
// time until the whole export is stored. Run it with
//
//	make build && go test -run '^$' -bench ExportStoreAhead -benchtime 1x ./server/
//
// after writing the tree (see server/export's BenchmarkExport10k).
func BenchmarkExportStoreAhead(b *testing.B) {
	needWASM(b)
	tree := benchtree.Runs10k(b)
	site := filepath.Join(b.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	const exp = "354546470679599010"
	if err := run(context.Background(), []string{"export", "--backend-store-uri",
		tree, "--out", site, "--experiment-ids", exp}, &stdout, &stderr,
		nil); err != nil {
		b.Fatalf("mlscope export: %v\n%s", err, stderr.String())
	}
	b.Log(stdout.String())
	var page struct {
		Runs []struct {
			Info struct {
				RunID string `json:"run_id"`
			} `json:"info"`
		} `json:"runs"`
	}
	raw, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(exportfmt.RunsPagePath(exp, 0))))
	if err == nil {
		err = json.Unmarshal(raw, &page)
	}
	if err != nil || len(page.Runs) < 500 {
		b.Fatalf("the export's first runs page: %v, %d runs", err, len(page.Runs))
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(site)))
	b.Cleanup(srv.Close)
	var rows, runPage, stored float64
	for range b.N {
		ctx := browsertest.NewFor(b, 1360, 860, 15*time.Minute)
		start := time.Now()
		rows += timeToRowsOf(b, ctx, srv.URL+"/experiments/"+exp)
		waitWorker(b, ctx)
		// Storing is under way once the worker controls the page.
		step(b, ctx, "open a run while storing", chromedp.Navigate(srv.URL+"/experiments/"+exp+
			"/runs/"+page.Runs[len(page.Runs)/2].Info.RunID))
		ms, ok := pollJSEvery(b, ctx, `document.querySelector("#run-name") &&
			document.querySelector("#metrics") ? performance.now() : -1`,
			func(ms float64) bool { return ms >= 0 }, 10*time.Millisecond, 60*time.Second)
		if !ok {
			b.Fatal("the run page did not open in 60 s")
		}
		runPage += ms
		st := askStored(b, ctx)
		b.Logf("when the run page opened: %+v", st)
		for st == nil || !st.Done {
			if st != nil && st.Full || time.Since(start) > 10*time.Minute {
				b.Fatalf("the export is not stored: %+v", st)
			}
			time.Sleep(time.Second)
			st = askStored(b, ctx)
		}
		stored += time.Since(start).Seconds()
		b.Logf("stored: %+v", st)
	}
	n := float64(b.N)
	b.ReportMetric(rows/n, "ms-first-rows")
	b.ReportMetric(runPage/n, "ms-run-page-while-storing")
	b.ReportMetric(stored/n, "s-all-stored")
}

// timeToRowsOf navigates and returns the time from the start of the
// navigation until the runs table shows rows.
func timeToRowsOf(b *testing.B, ctx context.Context, url string) float64 {
	b.Helper()
	step(b, ctx, "open the experiment", chromedp.Navigate(url))
	ms, ok := pollJSEvery(b, ctx, `document.querySelectorAll("#runs-table tr[data-run-id]").length > 0 ?
		performance.now() : -1`, func(ms float64) bool { return ms >= 0 }, 10*time.Millisecond,
		60*time.Second)
	if !ok {
		b.Fatal("the runs table showed no rows in 60 s")
	}
	return ms
}
