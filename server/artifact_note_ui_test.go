package main

import (
	"testing"

	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// TestArtifactLocationNote opens a run whose artifact location is another
// machine's folder that the served tree does not hold: the page says so,
// rather than only that there are no artifacts.
func TestArtifactLocationNote(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 1000)
	step(t, ctx, "open brave-fox-7",
		chromedp.Navigate(srv.URL+"/experiments/"+wineExp+"/runs/"+foxRun))
	wantText(t, ctx, "#artifacts", "No artifacts found", "file:///home/alice/wine/mlruns/")
	wantText(t, ctx, "#artifact-note", "not on this machine")
}
