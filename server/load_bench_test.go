package main

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// rowsShownJS answers the time since the navigation began, in ms, once the
// runs table shows gentle-owl-42, and -1 before.
const rowsShownJS = `(() => {
	const t = document.querySelector("#runs-table");
	return t && t.innerText.includes("gentle-owl-42") ? performance.now() : -1;
})()`

// wasmSentJS answers the bytes the WebAssembly module took on the wire in
// this page's load (0 when it came from a cache), its size decoded, and
// when it had arrived, in ms since the navigation began.
const wasmSentJS = `(() => {
	const e = performance.getEntriesByType("resource").find((e) => e.name.includes("app.wasm"));
	return e ? [e.transferSize, e.decodedBodySize, e.responseEnd] : [0, 0, 0];
})()`

// timeToRows navigates (or reloads, when url is empty) and returns the
// time from the start of the navigation until the runs table shows its
// rows, as the page measured it.
func timeToRows(b *testing.B, ctx context.Context, url string) float64 {
	b.Helper()
	nav := chromedp.Reload()
	if url != "" {
		nav = chromedp.Navigate(url)
	}
	step(b, ctx, "load the experiment", nav)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](rowsShownJS))
		if err != nil {
			b.Fatal(err)
		}
		if ms >= 0 {
			return ms
		}
		time.Sleep(5 * time.Millisecond)
	}
	b.Fatal("the runs table showed no rows in 20 s")
	return 0
}

// BenchmarkFirstLoad measures how fast an experiment page opens in
// headless Chromium on loopback: cold, in a new browser profile (the
// target is 1.5 s to the rows of the runs table), and again from the
// service worker's cache (target 0.5 s). It reports the WebAssembly
// module's bytes as sent too (budget 3 MB). Run it with
//
//	make build && go test -run '^$' -bench FirstLoad -benchtime 5x ./server/
func BenchmarkFirstLoad(b *testing.B) {
	needWASM(b)
	srv := startServer(b, "--backend-store-uri", testTree)
	page := srv.URL + "/experiments/" + wineExp
	var cold, warm, sent, decoded, coldWasm, warmWasm float64
	for range b.N {
		b.StopTimer()
		ctx := browsertest.New(b, 1360, 860) // a new profile: nothing cached
		b.StartTimer()
		cold += timeToRows(b, ctx, page)
		wire, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](wasmSentJS))
		if err != nil || len(wire) != 3 {
			b.Fatalf("resource timing of app.wasm: %v %v", wire, err)
		}
		sent, decoded, coldWasm = wire[0], wire[1], coldWasm+wire[2]
		b.StopTimer()
		waitWorker(b, ctx)
		b.StartTimer()
		warm += timeToRows(b, ctx, "")
		if wire, err = chromedp.Run(ctx, chromedp.Evaluate[[]float64](wasmSentJS)); err == nil &&
			len(wire) == 3 {
			warmWasm += wire[2]
		}
	}
	b.ReportMetric(cold/float64(b.N), "ms-cold")
	b.ReportMetric(warm/float64(b.N), "ms-from-cache")
	b.ReportMetric(coldWasm/float64(b.N), "ms-cold-wasm-fetched")
	b.ReportMetric(warmWasm/float64(b.N), "ms-from-cache-wasm-fetched")
	b.ReportMetric(sent, "wasm-bytes-sent")
	b.ReportMetric(decoded, "wasm-bytes")
}
