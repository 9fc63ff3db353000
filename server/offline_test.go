package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// waitJS polls a JavaScript condition until it is true, for up to 20 s.
func waitJS(t testing.TB, ctx context.Context, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %s is still false after 20 s", what, cond)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitWorker waits until mlscope's service worker controls the page, so
// that what the page reads from then on is stored.
func waitWorker(t testing.TB, ctx context.Context) {
	t.Helper()
	waitJS(t, ctx, "service worker", `!!navigator.serviceWorker.controller`)
}

// TestOffline reads an experiment and a run while the server is up, keeps
// the experiment offline, stops the server and reloads: the same
// experiment, run, chart and model signature show from the browser's store
// with the offline notice, a file dropped on the model is validated, a run
// never opened shows from the kept copy, and a write is refused. Started again on the same port, the server is
// found and the notice goes.
func TestOffline(t *testing.T) {
	needWASM(t)
	srv, stop := startStoppable(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 1000)
	owlPage := srv.URL + "/experiments/" + wineExp + "/runs/" + owlRun

	step(t, ctx, "open home", chromedp.Navigate(srv.URL+"/"))
	wantText(t, ctx, "#experiment-list", "wine-quality")
	waitWorker(t, ctx)
	wantText(t, ctx, "#conn-state", "Live")

	step(t, ctx, "open the experiment",
		chromedp.Click(chromedp.CSS(`a[data-experiment-id="`+wineExp+`"]`)))
	wantText(t, ctx, "#runs-table", "gentle-owl-42", "brave-fox-7")
	step(t, ctx, "keep it offline", chromedp.Click(chromedp.CSS("#offline-menu")),
		chromedp.Click(chromedp.CSS("#keep-offline")))
	wantText(t, ctx, "#keep-result", "Kept wine-quality offline: 2 runs")
	wantText(t, ctx, "#kept-list", "wine-quality")
	shoot(t, ctx, "offline-menu.png")
	step(t, ctx, "close the menu", chromedp.Click(chromedp.CSS("#offline-menu")))

	step(t, ctx, "open the run",
		chromedp.Click(chromedp.CSS(`tr[data-run-id="`+owlRun+`"] td.name a`)))
	checkOwlPage(t, ctx)

	stop()
	step(t, ctx, "reload without the server", chromedp.Reload())
	wantText(t, ctx, "#offline-notice", "Offline", "fetched", "cannot be saved")
	wantText(t, ctx, "#conn-state", "Offline")
	wantText(t, ctx, ".crumbs", "wine-quality")
	wantText(t, ctx, "#experiment-list", "wine-quality")
	checkOwlPage(t, ctx)
	shoot(t, ctx, "offline-run.png")
	// The model folder opened before the reload is in the URL.
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if want := owlPage + "/artifacts/model"; loc != want {
		t.Errorf("offline reload landed on %s, want %s", loc, want)
	}

	// The check runs in the page: a file dropped on the model is checked
	// against the signature read from the store.
	dropFile(t, ctx, "offline.json", `{"dataframe_records": [{"fixed acidity": 7.4, "alcohol": 9.4},
		{"fixed acidity": "high", "alcohol": 9.8}]}`)
	got := waitCheck(t, ctx, 1)
	wantOutcome(t, got, "rejected", "bad_type", "offline.json", "Failed to convert column fixed acidity")
	if got.Faulty != 1 || got.Rows != 2 {
		t.Errorf("offline check: %d faulty cells in %d rows, want 1 in 2", got.Faulty, got.Rows)
	}

	step(t, ctx, "tag the run offline", typeInto("#tag-key", "reviewed"),
		typeInto("#tag-value", "yes"),
		chromedp.Click(chromedp.CSS("#tag-form button[type=submit]")))
	wantText(t, ctx, "#tags .error-box", "could not be changed")
	waitJS(t, ctx, "refusal", `document.querySelector("#tags .error-box").textContent.includes("not saved")`)

	step(t, ctx, "back to the experiment",
		chromedp.Click(chromedp.CSS(`.crumbs a[href="/experiments/`+wineExp+`"]`)))
	wantText(t, ctx, "#runs-table", "gentle-owl-42", "brave-fox-7")
	// brave-fox-7 was never opened: its page comes from the kept copy.
	step(t, ctx, "open a run only kept",
		chromedp.Click(chromedp.CSS(`tr[data-run-id="`+foxRun+`"] td.name a`)))
	wantText(t, ctx, "#run-name", "brave-fox-7")
	wantText(t, ctx, "#metrics", "rmse")

	startStoppable(t, "--backend-store-uri", testTree, "--port", srv.port(t))
	waitJS(t, ctx, "offline notice gone", `!document.querySelector("#offline-notice")`)
	wantText(t, ctx, "#conn-state", "Live")
	wantText(t, ctx, "#run-name", "brave-fox-7")
}

// checkOwlPage waits for gentle-owl-42's page: its name and experiment, a
// metric chart and the model's signature.
func checkOwlPage(t *testing.T, ctx context.Context) {
	t.Helper()
	wantText(t, ctx, "#run-name", "gentle-owl-42")
	wantText(t, ctx, "#metrics", "rmse", "0.7071")
	scrollTo(t, ctx, "#charts")
	wantText(t, ctx, `.chart-card[data-key="rmse"] .chart-count`, "value")
	waitJS(t, ctx, "rmse chart", `!!document.querySelector('.chart-card[data-key="rmse"] canvas')`)
	step(t, ctx, "open the model folder", chromedp.Click(chromedp.CSS(`button[data-path="model"]`)))
	sig := wantText(t, ctx, "#artifact-preview #model-signature", "fixed acidity", "alcohol")
	if !strings.Contains(sig, "double") {
		t.Errorf("signature: %q", sig)
	}
}
