package main

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// loadPhasesJS answers when, in ms since the navigation began, the steps
// of opening the app ended: the page's HTML arrived, the WebAssembly
// module's request started and its last byte arrived, Go's main began
// (module compiled, instantiated, packages initialised: the mark
// wasm/main.go sets) and go-app drew the first page (app/ui/root.go's
// mark). A step not seen is -1.
const loadPhasesJS = `(() => {
	const nav = performance.getEntriesByType("navigation")[0];
	const wasm = performance.getEntriesByType("resource").find((e) => e.name.includes("app.wasm"));
	const mark = (n) => { const m = performance.getEntriesByName(n)[0]; return m ? m.startTime : -1; };
	return [nav ? nav.responseEnd : -1, wasm ? wasm.startTime : -1,
		wasm ? wasm.responseEnd : -1, mark("mlscope-main"), mark("mlscope-mounted")];
})()`

// loadPhaseNames name loadPhasesJS's answers, as benchmark metrics.
var loadPhaseNames = []string{"html", "wasm-requested", "wasm-fetched", "main", "mounted"}

// loadPhases adds the page's phase times to sums, one per loadPhaseNames.
func loadPhases(b *testing.B, ctx context.Context, sums []float64) {
	b.Helper()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](loadPhasesJS))
	if err != nil || len(got) != len(sums) {
		b.Fatalf("load phases: %v %v", got, err)
	}
	for i, v := range got {
		sums[i] += v
	}
}
