package main

import (
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// firstRequestsJS answers, for the page just loaded, how many answers
// app.js prefetched that the app did not take, and how many times each
// of the experiment page's first requests was sent (once, when the app
// took the prefetched answer; twice when it asked again).
const firstRequestsJS = `(() => {
	const sent = (part) => performance.getEntriesByType("resource").
		filter((e) => e.name.includes(part)).length;
	return [mlscopePrefetch.unused(), sent("/experiments/search?"), sent("/experiments/get?"),
		sent("/mlscope/runs/table")];
})()`

// TestFirstRequestsPrefetched opens an experiment's page, in a new
// profile and again from the service worker's cache: app.js starts the
// page's first requests (the sidebar's experiments, the experiment, the
// first rows) before the module runs, and the app takes each answer
// instead of asking again (server/web/prefetch.js). A page with a query
// (a search) is left to the app.
func TestFirstRequestsPrefetched(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 860)
	page := srv.URL + "/experiments/" + wineExp
	for _, tc := range []struct {
		name string
		load chromedp.Action[chromedp.Void]
	}{
		{"new profile", chromedp.Navigate(page)},
		{"from the cache", chromedp.Reload()},
	} {
		step(t, ctx, tc.name, tc.load)
		wantText(t, ctx, "#runs-table", "gentle-owl-42", "brave-fox-7")
		wantText(t, ctx, "#experiment-list", "wine-quality")
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](firstRequestsJS))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if want := []int{0, 1, 1, 1}; !slices.Equal(got, want) {
			t.Errorf("%s: unused answers, sent experiments/search, experiments/get, runs/table "+
				"= %v, want %v", tc.name, got, want)
		}
		waitWorker(t, ctx)
	}
	// Only gentle-owl-42 matches: the default page's rows would show
	// brave-fox-7 too.
	step(t, ctx, "a search", chromedp.Navigate(page+"?q=metrics.rmse+%3C+0.8"))
	waitRows(t, ctx, "a search", "gentle-owl-42")
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](firstRequestsJS))
	if err != nil || len(got) != 4 || got[0] != 0 || got[3] != 1 {
		t.Errorf("a search: unused answers and runs/table requests %v (%v), want 0 and 1", got, err)
	}
}
