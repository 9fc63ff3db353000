package main

import (
	"context"
	"io"
	"net/http"
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
// this page's load (0 when it came from a cache) and its size decoded.
const wasmSentJS = `(() => {
	const e = performance.getEntriesByType("resource").find((e) => e.name.includes("app.wasm"));
	return e ? [e.transferSize, e.decodedBodySize] : [0, 0];
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
	ms, ok := pollJSEvery(b, ctx, rowsShownJS, func(ms float64) bool { return ms >= 0 }, 5*time.Millisecond,
		20*time.Second)
	if !ok {
		b.Fatal("the runs table showed no rows in 20 s")
	}
	return ms
}

// BenchmarkFirstLoad measures how fast an experiment page opens in
// headless Chromium on loopback: cold, in a new browser profile (the
// target is 1.5 s to the rows of the runs table), and again from the
// service worker's cache (target 0.5 s). It reports the WebAssembly
// module's bytes as sent too (budget 3 MB), and when each phase of both
// loads ended (load_phases_test.go). Run it with
//
//	make build && go test -run '^$' -bench FirstLoad -benchtime 5x ./server/
func BenchmarkFirstLoad(b *testing.B) {
	needWASM(b)
	srv := startServer(b, "--backend-store-uri", testTree)
	page := srv.URL + "/experiments/" + wineExp
	var cold, warm, sent, decoded float64
	coldPhases := make([]float64, len(loadPhaseNames))
	warmPhases := make([]float64, len(loadPhaseNames))
	for range b.N {
		b.StopTimer()
		ctx := browsertest.New(b, 1360, 860) // a new profile: nothing cached
		b.StartTimer()
		cold += timeToRows(b, ctx, page)
		b.StopTimer()
		wire, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](wasmSentJS))
		if err != nil || len(wire) != 2 {
			b.Fatalf("resource timing of app.wasm: %v %v", wire, err)
		}
		sent, decoded = wire[0], wire[1]
		loadPhases(b, ctx, coldPhases)
		waitWorker(b, ctx)
		b.StartTimer()
		warm += timeToRows(b, ctx, "")
		b.StopTimer()
		loadPhases(b, ctx, warmPhases)
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(cold/n, "ms-cold")
	b.ReportMetric(warm/n, "ms-from-cache")
	for i, name := range loadPhaseNames {
		b.ReportMetric(coldPhases[i]/n, "ms-cold-"+name)
		b.ReportMetric(warmPhases[i]/n, "ms-from-cache-"+name)
	}
	b.ReportMetric(sent, "wasm-bytes-sent")
	b.ReportMetric(decoded, "wasm-bytes")
	b.ReportMetric(float64(gzipWASMBytes(b, srv.URL)), "wasm-gzip-bytes-sent")
}

// gzipWASMBytes is the size of the module as sent to a client that takes
// gzip but not Brotli.
func gzipWASMBytes(b *testing.B, base string) int {
	b.Helper()
	req, err := http.NewRequest("GET", base+"/app.wasm", nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		b.Fatalf("GET app.wasm with gzip: %v", err)
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil || resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" {
		b.Fatalf("GET app.wasm with gzip: %d %q %v", resp.StatusCode,
			resp.Header.Get("Content-Encoding"), err)
	}
	return int(n)
}
