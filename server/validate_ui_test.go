package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// dropFile drops a file holding body on the drop zone, the way the
// browser delivers a file dragged from the desktop: a drop event whose
// DataTransfer holds a File.
func dropFile(t *testing.T, ctx context.Context, name, body string) {
	t.Helper()
	js := fmt.Sprintf(`(() => {
		const dt = new DataTransfer();
		dt.items.add(new File([%s], %q));
		document.querySelector("#signature-drop").dispatchEvent(
			new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
	})()`, mustJSONText(t, body), name)
	step(t, ctx, "drop "+name, chromedp.Evaluate[chromedp.Void](js))
}

func mustJSONText(t *testing.T, s string) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkOutcome is what the summary of a finished check says.
type checkOutcome struct {
	Verdict string `json:"verdict"`
	Run     int    `json:"run"`
	Text    string `json:"text"`
	Faulty  int    `json:"faulty"`  // marked cells in the preview
	Rows    int    `json:"rows"`    // rows drawn in the preview
	Problem string `json:"problem"` // the first row of the problems list
}

// waitCheck waits until the check numbered run (counting from 1 on the
// page) has finished, and returns its outcome.
func waitCheck(t *testing.T, ctx context.Context, run int) checkOutcome {
	t.Helper()
	const js = `(() => {
		const s = document.querySelector("#signature-summary");
		if (!s) return {run: 0};
		const p = document.querySelector("#signature-problems tbody tr");
		return {verdict: s.dataset.verdict, run: +s.dataset.run, text: s.innerText,
			faulty: document.querySelectorAll("#signature-preview td.faulty").length,
			rows: document.querySelectorAll("#signature-preview tbody tr").length,
			problem: p ? p.innerText : ""};
	})()`
	deadline := time.Now().Add(20 * time.Second)
	for {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[checkOutcome](js))
		if err != nil {
			t.Fatal(err)
		}
		if got.Run >= run {
			return got
		}
		if time.Now().After(deadline) {
			failure, _ := chromedp.Run(ctx, chromedp.Evaluate[string](
				`(document.querySelector("#model-check") || document.body).innerText`))
			t.Fatalf("check %d did not finish in 20 s; the check reads:\n%s", run, failure)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// wantOutcome fails unless the check has the verdict and its summary the
// texts.
func wantOutcome(t *testing.T, got checkOutcome, verdict string, texts ...string) {
	t.Helper()
	if got.Verdict != verdict {
		t.Fatalf("verdict %q, want %q:\n%s", got.Verdict, verdict, got.Text)
	}
	for _, w := range texts {
		if !strings.Contains(got.Text, w) {
			t.Errorf("summary lacks %q:\n%s", w, got.Text)
		}
	}
}

// TestValidateInBrowser checks requests against the test tree's model in
// its version page: a chosen file, a dropped file, pasted text and the
// mode switch; then stops the server and checks again, since the check
// runs in the page.
func TestValidateInBrowser(t *testing.T) {
	needWASM(t)
	srv, stop := startStoppable(t, "--backend-store-uri", registryTree(t))
	ctx := browsertest.New(t, 1360, 1000)
	step(t, ctx, "open version 1", chromedp.Navigate(srv.URL+"/models/wine-elasticnet/versions/1"))
	wantText(t, ctx, "#model-check", "Check a request", "Drop a JSON or CSV request")

	good := filepath.Join(t.TempDir(), "good.json")
	mustWriteFile(t, good, `{"dataframe_split": {"columns": ["fixed acidity", "alcohol"],
		"data": [[7.4, 9.4], [7.8, 9.8], [11.2, 9.8], [7, 10]]}}`)
	step(t, ctx, "choose a file", chromedp.SetUploadFiles(chromedp.CSS("#signature-file"), []string{good}))
	got := waitCheck(t, ctx, 1)
	wantOutcome(t, got, "accepted", "Accepted", "good.json", "dataframe_split", "4 rows × 2 columns",
		"HTTP 200")
	if got.Rows != 4 || got.Faulty != 0 {
		t.Errorf("preview: %d rows, %d faulty cells; want 4 and 0", got.Rows, got.Faulty)
	}
	wantText(t, ctx, "#signature-preview", "fixed acidity", "alcohol", "11.2")
	step(t, ctx, "scroll", chromedp.ScrollIntoView(chromedp.CSS("#model-check")))
	shoot(t, ctx, "validate-accepted.png")

	dropFile(t, ctx, "bad.json", `{"dataframe_records": [{"fixed acidity": 7.4, "alcohol": 9.4},
		{"fixed acidity": "high", "alcohol": 9.8}, {"fixed acidity": 7.8, "alcohol": "low"}]}`)
	got = waitCheck(t, ctx, 2)
	wantOutcome(t, got, "rejected", "Rejected", "bad_type", "bad.json", "HTTP 400 BAD_REQUEST",
		"Failed to convert column fixed acidity")
	if got.Faulty != 2 {
		t.Errorf("%d faulty cells marked, want 2", got.Faulty)
	}
	marked, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll(
		"#signature-preview td.faulty")].map(td => td.parentElement.dataset.row + ":" + td.innerText).join(" ")`))
	if err != nil || marked != "1:str 'high' 2:str 'low'" {
		t.Errorf("marked cells %q (%v), want row 1 'high' and row 2 'low'", marked, err)
	}
	problems := wantText(t, ctx, "#signature-problems", "fixed acidity", "alcohol", "str 'high'")
	if !strings.HasPrefix(got.Problem, "1\tfixed acidity") {
		t.Errorf("first problem row %q, want row 1, column fixed acidity:\n%s", got.Problem, problems)
	}
	shoot(t, ctx, "validate-rejected.png")

	// Whole numbers in double columns: the scoring server casts them,
	// predict in Python refuses int64 for float64.
	paste(t, ctx, `{"dataframe_records": [{"fixed acidity": 7, "alcohol": 9}]}`)
	wantOutcome(t, waitCheck(t, ctx, 3), "accepted", "pasted text")
	step(t, ctx, "switch to pyfunc", chromedp.Click(chromedp.CSS("#signature-mode-pyfunc")))
	wantOutcome(t, waitCheck(t, ctx, 4), "rejected", "bad_type", "Can not safely convert int64 to float64")

	stop()
	if _, err := http.Get(srv.URL + "/"); err == nil {
		t.Fatal("the server still answers after it was stopped")
	}
	dropFile(t, ctx, "offline.csv", "fixed acidity,alcohol\n7.4,9.4\n8.1,oops\n")
	got = waitCheck(t, ctx, 5)
	wantOutcome(t, got, "rejected", "offline.csv", "CSV", "2 rows × 2 columns")
	step(t, ctx, "switch to serving", chromedp.Click(chromedp.CSS("#signature-mode-serving")))
	wantOutcome(t, waitCheck(t, ctx, 6), "rejected", "bad_format", "could not convert string to float")
	dropFile(t, ctx, "offline.json", `{"inputs": {"fixed acidity": [7.4], "alcohol": [9.4]}}`)
	wantOutcome(t, waitCheck(t, ctx, 7), "accepted", "offline.json", "inputs")
}

// paste puts text in the paste box as typing would.
func paste(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const p = document.querySelector("#signature-paste");
		p.value = %s; p.dispatchEvent(new Event("input", {bubbles: true})); })()`,
		mustJSONText(t, text))
	step(t, ctx, "paste", chromedp.Evaluate[chromedp.Void](js))
}

// TestValidateRealModel checks requests against a registered version of a
// real tree: its own input example, and a request with wrong values; then
// stops the server, reloads, and drops the wrong request again.
func TestValidateRealModel(t *testing.T) {
	needWASM(t)
	tree := realTree(t, "neeraj2681__basic_ml_project/mlruns")
	srv, stop := startStoppable(t, "--backend-store-uri", tree,
		"--artifacts-destination", t.TempDir())
	ctx := browsertest.New(t, 1360, 1000)
	step(t, ctx, "open the version", chromedp.Navigate(srv.URL+"/models/CustomerChurnModel/versions/3"))
	wantText(t, ctx, "#model-check", "Use the model's input example")
	// Read the page again once the service worker controls it, so that
	// what it reads is stored for the offline part.
	waitWorker(t, ctx)
	step(t, ctx, "reload under the worker", chromedp.Reload())
	wantText(t, ctx, "#model-check", "Use the model's input example")
	wantText(t, ctx, "#model-example", "input_example.json") // the files have loaded
	step(t, ctx, "use the example", chromedp.Click(chromedp.CSS("#signature-example:not([disabled])")))
	got := waitCheck(t, ctx, 1)
	wantOutcome(t, got, "accepted", "input_example.json", "dataframe_split", "× 14 columns")
	if got.Rows == 0 || got.Faulty != 0 {
		t.Errorf("preview: %d rows, %d faulty cells", got.Rows, got.Faulty)
	}

	dropFile(t, ctx, "churn.json", churnRequest)
	got = waitCheck(t, ctx, 2)
	wantOutcome(t, got, "rejected", "bad_type", "churn.json", "Failed to convert column tenure")
	if got.Faulty != 1 || !strings.HasPrefix(got.Problem, "1\ttenure") {
		t.Errorf("faulty cells %d, first problem %q; want 1 at row 1, tenure", got.Faulty, got.Problem)
	}
	// The optional columns total_charges and payment_method may be absent.
	if strings.Contains(got.Text, "missing_column") {
		t.Errorf("optional columns reported missing:\n%s", got.Text)
	}

	stop()
	step(t, ctx, "reload without the server", chromedp.Reload())
	wantText(t, ctx, "#offline-notice", "Offline")
	wantText(t, ctx, "#model-signature", "tenure")
	dropFile(t, ctx, "churn.json", churnRequest)
	got = waitCheck(t, ctx, 1)
	wantOutcome(t, got, "rejected", "bad_type", "churn.json", "Failed to convert column tenure")
	if got.Faulty != 1 {
		t.Errorf("offline: %d faulty cells, want 1", got.Faulty)
	}
}

// churnRequest is a request to the churn model of a real tree whose second
// record has a tenure that is no number.
const churnRequest = `{"dataframe_records": [
		{"customer_id": "C1", "tenure": 12, "monthly_charges": 70.5, "contract_type": "Two year",
		 "paperless_billing": "Yes", "internet_service": "DSL", "online_security": "No",
		 "online_backup": "No", "device_protection": "No", "tech_support": "No",
		 "streaming_tv": "No", "streaming_movies": "No"},
		{"customer_id": "C2", "tenure": "a year", "monthly_charges": 20, "contract_type": "Monthly",
		 "paperless_billing": "No", "internet_service": "DSL", "online_security": "No",
		 "online_backup": "No", "device_protection": "No", "tech_support": "No",
		 "streaming_tv": "No", "streaming_movies": "No"}]}`

// benchModel is an MLmodel with a 20-column signature (8 long, 6 double,
// 6 string), as MLflow writes one.
func benchModel() string {
	var specs []string
	for c := 0; c < 20; c++ {
		typ := "long"
		switch {
		case c%10 >= 7:
			typ = "string"
		case c%10 >= 4:
			typ = "double"
		}
		specs = append(specs, fmt.Sprintf(`{"type": %q, "name": "c%d", "required": true}`, typ, c))
	}
	return `artifact_path: model
flavors:
  python_function:
    loader_module: mlflow.sklearn
    model_path: model.pkl
    python_version: 3.11.7
mlflow_version: 2.20.0
run_id: ` + owlRun + `
signature:
  inputs: '[` + strings.Join(specs, ", ") + `]'
  outputs: null
  params: null
utc_time_created: '2025-01-10 10:00:00.000000'
`
}

// benchScript builds a 100,000 × 20 dataframe_split in the page, drops it
// and waits for the summary. It returns the time from the drop to the
// summary (performance.now), the longest gap between animation frames
// meanwhile, and the body size.
const benchScript = `(async () => {
	const rows = 100000, names = [];
	for (let c = 0; c < 20; c++) names.push("c" + c);
	const parts = ['{"dataframe_split": {"columns": ' + JSON.stringify(names) + ', "data": ['];
	for (let r = 0; r < rows; r++) {
		const row = [];
		for (let c = 0; c < 20; c++) {
			row.push(c % 10 >= 7 ? '"v' + ((r * 7 + c) % 1000) + '"' :
				c % 10 >= 4 ? String((r % 977) * 0.25 + c + 0.5) : String(r * 31 + c));
		}
		parts.push((r ? "," : "") + "[" + row.join(",") + "]");
	}
	parts.push("]}}");
	const file = new File(parts, "bench.json");
	const dt = new DataTransfer();
	dt.items.add(file);
	const summary = () => document.querySelector("#signature-summary");
	const before = summary() ? summary().dataset.run : "";
	let maxGap = 0, frames = 0, last = performance.now(), watching = true;
	const tick = () => {
		const now = performance.now();
		maxGap = Math.max(maxGap, now - last);
		last = now;
		frames++;
		if (watching) requestAnimationFrame(tick);
	};
	requestAnimationFrame(tick);
	const t0 = performance.now();
	document.querySelector("#signature-drop").dispatchEvent(
		new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
	await new Promise((resolve) => {
		const done = () => summary() && summary().dataset.run !== before;
		if (done()) return resolve();
		const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); resolve(); } });
		mo.observe(document.body, {subtree: true, childList: true, attributes: true});
	});
	const ms = performance.now() - t0;
	watching = false;
	return {ms, maxGap, frames, bytes: file.size, verdict: summary().dataset.verdict,
		goMs: +document.querySelector("#signature-took").dataset.ms,
		rows: document.querySelectorAll("#signature-preview tbody tr").length};
})()`

// BenchmarkValidateInBrowser validates 100,000 rows × 20 columns in
// Chromium, dropped as a file on the model view, and reports the time from
// the drop to the summary (the target is under a second) and the longest
// gap between frames meanwhile (the page must not freeze). Run it with
//
//	make build && go test -run '^$' -bench ValidateInBrowser -benchtime 3x ./server/
func BenchmarkValidateInBrowser(b *testing.B) {
	needWASM(b)
	tree := registryTree(b)
	mlmodelPath := filepath.Join(tree, "284915716337362101", owlRun, "artifacts", "model", "MLmodel")
	if err := os.WriteFile(mlmodelPath, []byte(benchModel()), 0o644); err != nil {
		b.Fatal(err)
	}
	srv := startServer(b, "--backend-store-uri", tree)
	ctx := browsertest.New(b, 1360, 1000)
	step(b, ctx, "open version 1", chromedp.Navigate(srv.URL+"/models/wine-elasticnet/versions/1"))
	wantText(b, ctx, "#model-check", "Drop a JSON or CSV request")
	wantText(b, ctx, "#model-signature", "c19")

	type run struct {
		Ms, MaxGap, GoMs float64
		Frames, Bytes    int
		Verdict          string
		Rows             int
	}
	var ms, gap, goMs float64
	b.ResetTimer()
	for i := range b.N {
		r, err := chromedp.Run(ctx, chromedp.Evaluate[run](benchScript, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
		if r.Verdict != "accepted" || r.Rows != previewRowsDrawn {
			b.Fatalf("run %d: verdict %q, %d preview rows; want accepted and %d",
				i, r.Verdict, r.Rows, previewRowsDrawn)
		}
		ms, goMs, gap = ms+r.Ms, goMs+r.GoMs, max(gap, r.MaxGap)
	}
	b.ReportMetric(ms/float64(b.N), "ms/drop-to-summary")
	b.ReportMetric(goMs/float64(b.N), "ms/go-validate")
	b.ReportMetric(gap, "ms-longest-frame-gap")
}

// previewRowsDrawn is the page size of the preview (ui.previewRows).
const previewRowsDrawn = 50
