package main

import (
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// recordLabelsJS runs before the page's own scripts and keeps every text
// the loading screen's label shows, in window.mlscopeLabels.
const recordLabelsJS = `window.mlscopeLabels = [];
new MutationObserver(() => {
	const l = document.getElementById("app-wasm-loader-label");
	const text = l ? l.textContent : "";
	if (text && window.mlscopeLabels.at(-1) !== text) {
		window.mlscopeLabels.push(text);
	}
}).observe(document, { childList: true, subtree: true, characterData: true });`

// TestLoadingProgress opens the app in a new profile: while the module
// comes from the network, the loading screen counts up to 100 %
// (server/web/loader.js), and the page then opens.
func TestLoadingProgress(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 860)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: recordLabelsJS}); err != nil {
		t.Fatalf("add the label recorder: %v", err)
	}
	step(t, ctx, "open the experiment", chromedp.Navigate(srv.URL+"/experiments/"+wineExp))
	wantText(t, ctx, "#runs-table", "gentle-owl-42")
	labels, err := chromedp.Run(ctx, chromedp.Evaluate[[]string]("window.mlscopeLabels"))
	if err != nil {
		t.Fatal(err)
	}
	between := 0
	for _, l := range labels {
		if l != "Loading mlscope 0%" && l != "Loading mlscope 100%" {
			between++
		}
	}
	if len(labels) < 3 || labels[0] != "Loading mlscope 0%" ||
		labels[len(labels)-1] != "Loading mlscope 100%" || between == 0 {
		t.Errorf("loading screen showed %q; want 0%%, steps between, then 100%%", labels)
	}
}
