package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

const (
	wineExp   = "284915716337362101"
	owlRun    = "6c1f0d2b9e8a4f5d8c7b6a5e4d3c2b1a"
	foxRun    = "0a9b8c7d6e5f40312a3b4c5d6e7f8091"
	testTree  = "testdata/mlruns"
	shotsEnv  = "MLSCOPE_SCREENSHOTS" // a folder: save screenshots there
	wasmBuilt = "../static/web/app.wasm"
)

// needWASM skips (or in CI fails) a browser test when the WebAssembly app
// was not built before the test binary: `make test` builds it first.
func needWASM(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(wasmBuilt); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("static/web/app.wasm is missing: run the tests with make test")
		}
		t.Skip("skipped: static/web/app.wasm not built; run make test")
	}
}

func step(t testing.TB, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func wantText(t testing.TB, ctx context.Context, sel string, wants ...string) string {
	t.Helper()
	var text string
	for _, w := range wants {
		var err error
		if text, err = browsertest.WaitText(ctx, sel, w); err != nil {
			t.Fatal(err)
		}
	}
	return text
}

func shoot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv(shotsEnv)
	if dir == "" {
		return
	}
	if err := browsertest.Screenshot(ctx, filepath.Join(dir, name)); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
	}
}

// TestBrowseTree drives Chromium through the experiments list, an
// experiment's runs table and a run page of the test tree.
func TestBrowseTree(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 860)

	step(t, ctx, "open home", chromedp.Navigate(srv.URL+"/"))
	list := wantText(t, ctx, "#experiment-list", "wine-quality", "Default")
	if strings.Contains(list, "retired-baselines") {
		t.Errorf("the deleted experiment is listed by default: %q", list)
	}

	step(t, ctx, "open the experiment",
		chromedp.Click(chromedp.CSS(`a[data-experiment-id="`+wineExp+`"]`)))
	table := wantText(t, ctx, "#runs-table", "gentle-owl-42", "brave-fox-7", "0.7071", "0.93")
	for _, want := range []string{"rmse", "train/loss", "alpha", "l1_ratio", "finished", "failed", "alice"} {
		if !strings.Contains(table, want) {
			t.Errorf("runs table lacks %q:\n%s", want, table)
		}
	}
	if strings.Contains(table, "old-run-1") {
		t.Errorf("the deleted run is shown by default")
	}
	wantText(t, ctx, "#experiment-name", "wine-quality")
	shoot(t, ctx, "runs-table.png")

	// Sorting by a metric: ascending puts the lower rmse first.
	// order waits briefly for the first row to become want, as go-app
	// redraws after the click, and returns the row order.
	order := func(want string) string {
		var s string
		for i := 0; i < 50 && !strings.HasPrefix(s, want); i++ {
			var err error
			s, err = chromedp.Run(ctx, chromedp.Evaluate[string](
				`[...document.querySelectorAll("#runs-table tbody tr")].map(r => r.dataset.runId).join(",")`))
			if err != nil {
				t.Fatal(err)
			}
			time.Sleep(50 * time.Millisecond)
		}
		return s
	}
	sortButton := `#runs-table th[title="rmse"] button`
	step(t, ctx, "sort by rmse", chromedp.Click(chromedp.CSS(sortButton)))
	if got := order(owlRun); !strings.HasPrefix(got, owlRun) {
		t.Errorf("ascending rmse order %s, want %s first", got, owlRun)
	}
	step(t, ctx, "sort by rmse descending", chromedp.Click(chromedp.CSS(sortButton)))
	if got := order(foxRun); !strings.HasPrefix(got, foxRun) {
		t.Errorf("descending rmse order %s, want %s first", got, foxRun)
	}

	step(t, ctx, "open the run", chromedp.Click(chromedp.CSS(`tr[data-run-id="`+owlRun+`"] td.name a`)))
	wantText(t, ctx, "#run-name", "gentle-owl-42")
	wantText(t, ctx, "#run-overview", owlRun, "alice", "train.py", "3f2a9c1d")
	wantText(t, ctx, "#params", "alpha", "0.5", "l1_ratio", "0.1")
	wantText(t, ctx, "#metrics", "rmse", "0.7071", "r2", "0.4418")
	wantText(t, ctx, "#artifact-tree", "notes.txt", "model")
	step(t, ctx, "preview notes.txt", chromedp.Click(chromedp.CSS(`button[data-path="notes.txt"]`)))
	wantText(t, ctx, "#artifact-preview", "Best run so far")
	step(t, ctx, "open the model folder", chromedp.Click(chromedp.CSS(`button[data-path="model"]`)))
	wantText(t, ctx, "#artifact-tree", "MLmodel", "requirements.txt")
	shoot(t, ctx, "run-page.png")
}

// TestMLflowLinks checks that a link copied from mlflow ui lands on the
// same page, and that a deep link opens directly.
func TestMLflowLinks(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1200, 800)
	step(t, ctx, "open an mlflow ui link",
		chromedp.Navigate(srv.URL+"/#/experiments/"+wineExp+"/runs/"+owlRun))
	wantText(t, ctx, "#run-name", "gentle-owl-42")
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.HasSuffix(loc, "/experiments/"+wineExp+"/runs/"+owlRun) {
		t.Errorf("location after the redirect: %q, %v", loc, err)
	}
	step(t, ctx, "open a deep link", chromedp.Navigate(srv.URL+"/experiments/"+wineExp))
	wantText(t, ctx, "#runs-table", "gentle-owl-42")
}

// TestPhoneWidth renders the runs table on a phone-sized screen.
func TestPhoneWidth(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 390, 844)
	step(t, ctx, "open the experiment", chromedp.Navigate(srv.URL+"/experiments/"+wineExp))
	wantText(t, ctx, "#runs-table", "gentle-owl-42")
	shoot(t, ctx, "runs-table-phone.png")
}
