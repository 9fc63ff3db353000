package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"

	"mlscope/app/exportfmt"
	"mlscope/server/internal/browsertest"
)

// longSteps is the length of the long history the export test adds: more
// than an export's history file holds (exportfmt.HistoryOverview), so it
// is reduced and chunked.
const longSteps = 6000

// loggedModel is the MLflow 3 logged model addLoggedModel writes.
const loggedModel = "m-0123456789abcdef0123456789abcdef"

// addLoggedModel gives the wine experiment an MLflow 3 logged model,
// logged by gentle-owl-42, whose MLmodel file is the run's model's.
func addLoggedModel(t testing.TB, tree string) {
	t.Helper()
	dir := filepath.Join(tree, wineExp, "models", loggedModel)
	if err := os.MkdirAll(filepath.Join(dir, "artifacts"), 0o755); err != nil {
		t.Fatal(err)
	}
	mustWriteFile(t, filepath.Join(dir, "meta.yaml"), "artifact_location: file:///home/alice/wine/"+
		"mlruns/"+wineExp+"/models/"+loggedModel+"/artifacts\ncreation_timestamp: 1733250400000\n"+
		"experiment_id: '"+wineExp+"'\nlast_updated_timestamp: 1733250410000\nmodel_id: "+
		loggedModel+"\nmodel_type: null\nname: wine-model\nsource_run_id: "+owlRun+
		"\nstatus: 2\nstatus_message: null\n")
	for _, name := range []string{"MLmodel", "requirements.txt"} {
		b, err := os.ReadFile(filepath.Join(tree, wineExp, owlRun, "artifacts", "model", name))
		if err != nil {
			t.Fatal(err)
		}
		mustWriteFile(t, filepath.Join(dir, "artifacts", name), string(b))
	}
}

// summaryText is the exported artifact reports/Summary 1.txt of
// gentle-owl-42.
const summaryText = "Summary of run one: rmse 0.7071"

// exportFixture copies the test tree, gives gentle-owl-42 a long history
// (metrics/train/curve) and exports it with mlscope export, in-process.
// It returns the site's folder.
func exportFixture(t testing.TB) string {
	t.Helper()
	tree := registryTree(t)
	addLoggedModel(t, tree)
	var hist strings.Builder
	for i := range longSteps {
		fmt.Fprintf(&hist, "%d %g %d\n", 1733250000000+int64(i), 1/float64(i+1), i)
	}
	mustWriteFile(t, filepath.Join(tree, wineExp, owlRun, "metrics", "train", "curve"), hist.String())
	// An artifact whose address needs escaping, in a folder.
	if err := os.MkdirAll(filepath.Join(tree, wineExp, owlRun, "artifacts", "reports"), 0o755); err != nil {
		t.Fatal(err)
	}
	mustWriteFile(t, filepath.Join(tree, wineExp, owlRun, "artifacts", "reports", "Summary 1.txt"),
		summaryText)
	// A megabyte that does not compress, the largest artifact "small" copies.
	noise := make([]byte, 1<<20)
	rand.NewChaCha8([32]byte{1}).Read(noise)
	mustWriteFile(t, filepath.Join(tree, wineExp, owlRun, "artifacts", "reports", "noise.bin"), string(noise))
	site := filepath.Join(t.TempDir(), "site")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"export", "--backend-store-uri", tree, "--out", site,
		"--runs-per-page", "1", "--with-artifacts", "small"}, &stdout, &stderr, nil)
	if err != nil {
		t.Fatalf("mlscope export: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "exported 2 runs in 2 experiments") {
		t.Fatalf("summary: %q", stdout.String())
	}
	return site
}

// serveSubPath serves dir with Go's plain file server under prefix
// (such as /team/results/), as a project page is served: nothing of
// mlscope's runs on that server. Stopping it is the returned func.
func serveSubPath(t testing.TB, dir, prefix string) (*httptest.Server, func()) {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"),
		http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, srv.Close
}

// TestExportInBrowser exports the test tree, serves it from a sub-path
// with http.FileServer and drives Chromium through the experiments list,
// the runs table, a search, a run page with its charts (one from a long,
// chunked history, zoomed into), the model's signature and a validation;
// then stops the file server and browses the export again, offline.
func TestExportInBrowser(t *testing.T) {
	needWASM(t)
	site := exportFixture(t)
	srv, stop := serveSubPath(t, site, "/team/results/")
	base := srv.URL + "/team/results/"
	ctx := browsertest.New(t, 1360, 1000)

	step(t, ctx, "open the export", chromedp.Navigate(base))
	wantText(t, ctx, "#experiment-list", "wine-quality", "Default")
	wantText(t, ctx, "#export-note", "Read-only export")
	waitJS(t, ctx, "no writes offered", `!document.querySelector("#new-experiment")`)
	checkGzipWASM(t, ctx, site)
	step(t, ctx, "open the experiment",
		chromedp.Click(chromedp.CSS(`a[data-experiment-id="`+wineExp+`"]`)))
	waitRows(t, ctx, "the runs table", "brave-fox-7", "gentle-owl-42")
	wantText(t, ctx, "#run-count", "2 runs")
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasPrefix(loc, base+"experiments/"+wineExp) {
		t.Errorf("the experiment opened at %s, want it under %s", loc, base)
	}
	shoot(t, ctx, "export-experiment.png")

	typeQuery(t, ctx, "metrics.rmse < 0.8")
	step(t, ctx, "search", chromedp.Click(chromedp.CSS("#query-run")))
	waitRows(t, ctx, "searched in the browser", "gentle-owl-42")
	wantText(t, ctx, "#run-count", "1 of 2 runs match")
	typeQuery(t, ctx, "metrics.rmse <")
	step(t, ctx, "a faulty search", chromedp.Click(chromedp.CSS("#query-run")))
	wantText(t, ctx, "#query-error", "")
	typeQuery(t, ctx, "")
	// The faulty search disabled the button until the box's text parses.
	waitJS(t, ctx, "Search is enabled", `!document.querySelector("#query-run").disabled`)
	step(t, ctx, "clear the search", chromedp.Click(chromedp.CSS("#query-run")))
	waitRows(t, ctx, "every run again", "brave-fox-7", "gentle-owl-42")

	selectRun(t, ctx, owlRun)
	selectRun(t, ctx, foxRun)
	step(t, ctx, "compare", chromedp.Click(chromedp.CSS("#compare-selected")))
	wantText(t, ctx, "#compare-table", "gentle-owl-42", "brave-fox-7", "params.alpha", "0.7071")
	wantText(t, ctx, "#compare-parallel", "")
	scrollTo(t, ctx, `#runs-overlay .chart-card[data-key="rmse"]`)
	waitChart(t, ctx, "rmse", "both runs overlaid", func(a attrs) bool { return a["series"] == "2" })
	step(t, ctx, "back to the experiment", chromedp.NavigateBack())
	// Clicked before the page is drawn again, the tab would be the old
	// page's, gone with it.
	waitRows(t, ctx, "back on the experiment", "brave-fox-7", "gentle-owl-42")
	step(t, ctx, "the Charts tab", chromedp.Click(chromedp.CSS("#tab-charts")))
	wantText(t, ctx, "#charts-note", "The 2 selected runs")
	wantText(t, ctx, "#latest-bars", "rmse")

	step(t, ctx, "reload a deep address", chromedp.Navigate(base+"experiments/"+wineExp+
		"/runs/"+owlRun))
	checkExportedRun(t, ctx)
	shoot(t, ctx, "export-run.png")
	zoomChunked(t, ctx)
	// A small artifact is copied: its preview reads the static file.
	step(t, ctx, "preview notes.txt", chromedp.Click(chromedp.CSS(`button[data-path="notes.txt"]`)))
	wantText(t, ctx, "#artifact-preview", "Best run so far: alpha 0.5")
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc,
		"/runs/"+owlRun+"?artifact=notes.txt") {
		t.Errorf("the artifact's address is %s, want the run's with ?artifact=notes.txt", loc)
	}
	step(t, ctx, "back to the model", chromedp.Click(chromedp.CSS(`button[data-path="model"]`)))
	wantText(t, ctx, "#model-check", "Check a request")
	dropFile(t, ctx, "bad.json", `{"dataframe_records": [{"fixed acidity": 7.4, "alcohol": 9.4},
		{"fixed acidity": "high", "alcohol": 9.8}]}`)
	wantOutcome(t, waitCheck(t, ctx, 1), "rejected", "bad_type", "bad.json")
	dropFile(t, ctx, "good.json", `{"dataframe_split": {"columns": ["fixed acidity", "alcohol"],
		"data": [[7.4, 9.4], [7.8, 9.8]]}}`)
	wantOutcome(t, waitCheck(t, ctx, 2), "accepted", "good.json", "2 rows × 2 columns")

	// The service worker stored the whole export at the first visit.
	waitWorker(t, ctx)
	waitStored(t, ctx)
	resumeStoring(t, ctx)
	stop()
	if _, err := http.Get(base); err == nil {
		t.Fatal("the file server still answers after it was stopped")
	}
	step(t, ctx, "reload offline", chromedp.Reload())
	checkExportedRun(t, ctx)
	step(t, ctx, "back to the experiment offline",
		chromedp.Click(chromedp.CSS(`.crumbs a[href$="/experiments/`+wineExp+`"]`)))
	waitRows(t, ctx, "the runs table offline", "brave-fox-7", "gentle-owl-42")
	step(t, ctx, "open a run not seen before, offline",
		chromedp.Click(chromedp.CSS(`tr[data-run-id="`+foxRun+`"] td.name a`)))
	wantText(t, ctx, "#run-name", "brave-fox-7")
	wantText(t, ctx, "#metrics", "rmse")
	// Nothing of the Default experiment was read online: it comes from
	// what the worker stored ahead.
	step(t, ctx, "open Default offline", chromedp.Click(chromedp.CSS(`a[data-experiment-id="0"]`)))
	wantText(t, ctx, "h1", "Default")
	wantText(t, ctx, "#run-count", "0 runs")
}

// checkExportedRun waits for gentle-owl-42's page in the export: its
// metrics, the rmse chart and the long history's chart, and the model's
// signature with the request check.
func checkExportedRun(t *testing.T, ctx context.Context) {
	t.Helper()
	wantText(t, ctx, "#run-name", "gentle-owl-42")
	wantText(t, ctx, "#metrics", "rmse", "0.7071", "train/curve")
	waitJS(t, ctx, "no writes offered", `!document.querySelector("#delete-run")`)
	scrollTo(t, ctx, "#charts")
	waitJS(t, ctx, "rmse chart", `!!document.querySelector('.chart-card[data-key="rmse"] canvas')`)
	// The long history draws from its reduced copy.
	wantText(t, ctx, `.chart-card[data-key="train/curve"] .chart-count`, "2,500 sampled",
		"steps 0–5,999")
	step(t, ctx, "open the model folder", chromedp.Click(chromedp.CSS(`button[data-path="model"]`)))
	sig := wantText(t, ctx, "#artifact-preview #model-signature", "fixed acidity", "alcohol")
	if !strings.Contains(sig, "double") {
		t.Errorf("signature: %q", sig)
	}
	wantText(t, ctx, "#model-check", "Check a request")
}

// zoomChunked zooms into the long history: the detail comes from its
// chunks, every value of the zoomed steps, not the reduced copy's.
func zoomChunked(t *testing.T, ctx context.Context) {
	t.Helper()
	const key = "train/curve"
	scrollTo(t, ctx, `.chart-card[data-key="`+key+`"]`)
	before := waitChart(t, ctx, key, "drawn", drawn)
	if n := num(t, before, "total"); n > 2500 {
		t.Errorf("the overview holds %v values, want the reduced copy's 2,500 at most", n)
	}
	x, y, w, h := canvasBox(t, ctx, key)
	left := chromedp.ButtonLeft
	at := func(typ input.DispatchMouseEventType, fx float64) chromedp.Action[chromedp.Void] {
		return chromedp.MouseEvent(typ, x+w*fx, y+h/2, left)
	}
	step(t, ctx, "drag across the long chart",
		at(input.DispatchMouseEventTypeMousePressed, 0.3),
		at(input.DispatchMouseEventTypeMouseMoved, 0.35),
		at(input.DispatchMouseEventTypeMouseMoved, 0.4),
		at(input.DispatchMouseEventTypeMouseReleased, 0.4))
	zoomed := waitChart(t, ctx, key, "zoomed into every value", func(a attrs) bool {
		lo, hi := num(t, a, "xMin"), num(t, a, "xMax")
		every := math.Floor(hi) - math.Ceil(lo) + 1 // the steps in view
		return lo > 500 && hi < longSteps-500 && a["detail"] != "" && num(t, a, "total") >= every
	})
	t.Logf("zoomed: steps %s to %s, %s values", zoomed["xMin"], zoomed["xMax"], zoomed["total"])
}

// exportStatus is the export worker's answer to export-status.
type exportStatus struct {
	Done, Full            bool
	Stored, Total, Failed int
	Problem               string
}

// askStored asks the export's service worker how far it has stored the
// export (nil when no worker controls the page).
func askStored(t testing.TB, ctx context.Context) *exportStatus {
	t.Helper()
	const js = `new Promise((resolve) => {
		const w = navigator.serviceWorker.controller;
		if (!w) { resolve(null); return; }
		const ch = new MessageChannel();
		ch.port1.onmessage = (e) => resolve(e.data);
		w.postMessage({mlscope: {op: "export-status"}}, [ch.port2]);
	})`
	st, err := chromedp.Run(ctx, chromedp.Evaluate[*exportStatus](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// waitStored waits until the export's service worker says it has stored
// every file of the export, and the page says so.
func waitStored(t *testing.T, ctx context.Context) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		st := askStored(t, ctx)
		if st != nil && st.Done {
			t.Logf("the worker stored %d files", st.Total)
			if st.Stored != st.Total || st.Failed != 0 {
				t.Errorf("stored %+v, want every file", st)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the export is not stored after 30 s: %+v", st)
		}
		time.Sleep(100 * time.Millisecond)
	}
	wantText(t, ctx, "#export-offline", "Available offline.")
}

// dataEntriesJS answers how many files the export's data store holds.
const dataEntriesJS = `(async () => {
	const name = (await caches.keys()).find((k) => k.endsWith("-data"));
	return name ? (await (await caches.open(name)).keys()).length : 0;
})()`

// resumeStoring removes files from the worker's store, as if storing had
// stopped midway, stops the worker and reloads the page: the new worker
// stores what is missing, and the page shows the export available
// offline again.
func resumeStoring(t *testing.T, ctx context.Context) {
	t.Helper()
	whole, err := chromedp.Run(ctx, chromedp.Evaluate[int](dataEntriesJS, chromedp.EvalAwaitPromise))
	if err != nil || whole < 20 {
		t.Fatalf("the data store holds %d files (%v), want the export's", whole, err)
	}
	const drop = `(async () => {
		const c = await caches.open((await caches.keys()).find((k) => k.endsWith("-data")));
		const keys = await c.keys();
		for (const k of keys.slice(0, 20)) { await c.delete(k); }
		return (await c.keys()).length;
	})()`
	left, err := chromedp.Run(ctx, chromedp.Evaluate[int](drop, chromedp.EvalAwaitPromise))
	if err != nil || left != whole-20 {
		t.Fatalf("removing 20 of %d stored files left %d (%v)", whole, left, err)
	}
	if _, err := chromedp.Call(ctx, serviceworker.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("watch the service worker: %v", err)
	}
	if _, err := chromedp.Call(ctx, serviceworker.StopAllWorkers, cdp.Empty{}); err != nil {
		t.Fatalf("stop the service worker: %v", err)
	}
	step(t, ctx, "reload after the worker stopped", chromedp.Reload())
	waitStored(t, ctx)
	again, err := chromedp.Run(ctx, chromedp.Evaluate[int](dataEntriesJS, chromedp.EvalAwaitPromise))
	if err != nil || again != whole {
		t.Fatalf("after the next visit the data store holds %d files (%v), want %d", again, err, whole)
	}
}

// checkGzipWASM checks that the page loaded the gzipped module, not the
// plain one, and logs the bytes each takes on the wire.
func checkGzipWASM(t *testing.T, ctx context.Context, site string) {
	t.Helper()
	const js = `performance.getEntriesByType("resource").filter((e) => e.name.includes("app.wasm"))
		.map((e) => [new URL(e.name).pathname, String(e.transferSize)])`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](js))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !strings.HasSuffix(got[0][0], "/web/app.wasm.gz") {
		t.Fatalf("the page fetched %v, want web/app.wasm.gz alone", got)
	}
	plain, err := os.Stat(filepath.Join(site, "web", "app.wasm"))
	if err == nil {
		t.Logf("the module took %s bytes on the wire; the plain module is %d", got[0][1], plain.Size())
	}
}

// checkExportedRegistry opens a registered model version's address
// directly, then its model and the models list.
func checkExportedRegistry(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	step(t, ctx, "open a model version's address",
		chromedp.Navigate(base+"/models/wine-elasticnet/versions/1"))
	wantText(t, ctx, "#version-overview", "Production", "@champion", "gentle-owl-42")
	wantText(t, ctx, "#model-signature", "fixed acidity", "alcohol", "double")
	wantText(t, ctx, "#model-env", "requirements.txt", "scikit-learn")
	shoot(t, ctx, "export-model-version.png")
	step(t, ctx, "to the model", chromedp.Click(chromedp.CSS(`.crumbs a[href$="/models/wine-elasticnet"]`)))
	wantText(t, ctx, "#model-versions", "Version 1", "Version 2", "gentle-owl-42")
	wantText(t, ctx, "#model-tags", "task", "regression")
	step(t, ctx, "to the models", chromedp.Click(chromedp.CSS("#models-link")))
	wantText(t, ctx, "#models-list", "wine-elasticnet", "wine-champion", "champion → v1")
}

// TestExportAtRoot serves an export at a host's root with the gzipped
// module removed (the page falls back to the plain one), opens a run's
// artifact's address directly, before any service worker holds the
// export (the file server redirects it to the run's folder, query kept),
// opens a registered model version's address and its model, goes back to
// the experiment through the breadcrumbs, opens its MLflow 3 logged
// model, and checks that
// every other address the app has for the export is a page of the file
// server's, and that the page as sent offers no writes.
func TestExportAtRoot(t *testing.T) {
	needWASM(t)
	site := exportFixture(t)
	if err := os.Remove(filepath.Join(site, "web", "app.wasm.gz")); err != nil {
		t.Fatal(err)
	}
	srv, _ := serveSubPath(t, site, "/")
	ctx := browsertest.New(t, 1360, 1000)
	step(t, ctx, "open an artifact's address", chromedp.Navigate(srv.URL+"/experiments/"+wineExp+
		"/runs/"+owlRun+"?artifact=reports/Summary+1.txt"))
	wantText(t, ctx, "#artifact-preview", summaryText)
	checkExportedRegistry(t, ctx, srv.URL)
	step(t, ctx, "open a run's address", chromedp.Navigate(srv.URL+"/experiments/"+wineExp+
		"/runs/"+foxRun))
	wantText(t, ctx, "#run-name", "brave-fox-7")
	wantText(t, ctx, "#metrics", "rmse")
	step(t, ctx, "to the experiment",
		chromedp.Click(chromedp.CSS(`.crumbs a[href="/experiments/`+wineExp+`"]`)))
	waitRows(t, ctx, "the runs table", "brave-fox-7", "gentle-owl-42")
	wantText(t, ctx, "#experiment-models", loggedModel)
	step(t, ctx, "open the logged model",
		chromedp.Click(chromedp.CSS(`li[data-model-id="`+loggedModel+`"] button.entry`)))
	wantText(t, ctx, "#experiment-models #model-view", "sklearn 1.5.1")
	wantText(t, ctx, "#experiment-models #model-signature", "fixed acidity")
	wantText(t, ctx, "#experiment-models #model-env", "scikit-learn")
	step(t, ctx, "home", chromedp.Click(chromedp.CSS(`a.brand`)))
	wantText(t, ctx, "#experiment-list", "wine-quality", "Default")
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); loc != srv.URL+"/" {
		t.Errorf("home is %s, want %s/", loc, srv.URL)
	}
	for _, p := range []string{"/models", "/models/wine-champion", "/models/wine-elasticnet/versions/2",
		"/compare-runs?runs=" + owlRun + "," + foxRun,
		"/compare-experiments?experiments=0," + wineExp, "/experiments/" + wineExp,
		"/experiments/" + wineExp + "/runs/" + owlRun + "?artifact=model/MLmodel"} {
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: %d %s, want the app's page", p, resp.StatusCode,
				resp.Header.Get("Content-Type"))
		}
	}
	// The page as the file server sends it, before the app starts.
	step(t, ctx, "the page without the app", chromedp.Navigate(srv.URL+"/experiments/"+wineExp+
		"?wasm=false"))
	wantText(t, ctx, "#export-note", "Read-only export")
	waitJS(t, ctx, "no writes in the page as sent", `!document.querySelector("#new-experiment") &&
		!document.querySelector("#conn-state") && !document.body.innerText.includes("Show deleted")`)
}

// TestExportStorageQuota opens an export in a browser whose storage quota
// holds the app's shell but not the export's data: the app works, and its
// note says that the browser refused to store the whole export.
func TestExportStorageQuota(t *testing.T) {
	needWASM(t)
	site := exportFixture(t)
	var m exportfmt.Manifest
	b, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(exportfmt.ManifestPath)))
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err != nil {
		t.Fatal(err)
	}
	var shell, data int64
	for _, f := range append(m.Files, "index.html", exportfmt.ManifestPath) {
		fi, err := os.Stat(filepath.Join(site, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(f, "data/") {
			data += fi.Size()
		} else {
			shell += fi.Size()
		}
	}
	srv, _ := serveSubPath(t, site, "/")
	ctx := browsertest.New(t, 1360, 1000)
	quota := float64(shell + data/2)
	if _, err := chromedp.Call(ctx, storage.OverrideQuotaForOrigin,
		storage.OverrideQuotaForOriginParams{Origin: srv.URL, QuotaSize: &quota}); err != nil {
		t.Fatalf("set the storage quota: %v", err)
	}
	t.Logf("shell %d bytes, data %d bytes, quota %.0f", shell, data, quota)
	step(t, ctx, "open the export", chromedp.Navigate(srv.URL+"/experiments/"+wineExp))
	waitRows(t, ctx, "the runs table", "brave-fox-7", "gentle-owl-42")
	wantText(t, ctx, "#export-offline", "refused to store more", "files are available offline")
	if st := askStored(t, ctx); st == nil || !st.Full || st.Problem != "quota" || st.Stored >= st.Total {
		t.Errorf("the worker says %+v, want the quota full before the last file", st)
	}
	shoot(t, ctx, "export-quota.png")
}
