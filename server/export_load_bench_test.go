package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// moduleSentJS answers the bytes the module's requests took on the wire:
// the plain load asks for the gzipped copy first, and is told 404.
const moduleSentJS = `performance.getEntriesByType("resource")
	.filter((e) => e.name.includes("app.wasm")).reduce((n, e) => n + e.transferSize, 0)`

// BenchmarkExportFirstLoad measures how fast an export's experiment page
// opens cold (a new browser profile) from Go's plain file server: with
// the gzipped module the export loads (web/app.wasm.gz), and with the
// plain one (the server hides the gzipped copy and the page falls back),
// on loopback and on a link throttled to 40 Mbit/s with 20 ms latency.
// It reports the time to the runs table's rows and the module's bytes on
// the wire. Run it with
//
//	make build && go test -run '^$' -bench ExportFirstLoad -benchtime 3x ./server/
func BenchmarkExportFirstLoad(b *testing.B) {
	needWASM(b)
	site := exportFixture(b)
	files := http.FileServer(http.Dir(site))
	servers := map[string]*httptest.Server{
		"gzip": httptest.NewServer(files),
		"plain": httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "app.wasm.gz") {
				http.NotFound(w, r)
				return
			}
			files.ServeHTTP(w, r)
		})),
	}
	for _, srv := range servers {
		b.Cleanup(srv.Close)
	}
	links := []struct {
		name     string
		bytesSec float64 // -1: not throttled
		latency  float64 // ms
	}{{"loopback", -1, 0}, {"40Mbit", 40e6 / 8, 20}}
	for _, link := range links {
		for _, module := range []string{"gzip", "plain"} {
			b.Run(link.name+"/"+module, func(b *testing.B) {
				page := servers[module].URL + "/experiments/" + wineExp
				var ms, sent float64
				for range b.N {
					b.StopTimer()
					ctx := browsertest.New(b, 1360, 860)
					throttle(b, ctx, link.bytesSec, link.latency)
					b.StartTimer()
					ms += timeToRows(b, ctx, page)
					b.StopTimer()
					wire, err := chromedp.Run(ctx, chromedp.Evaluate[float64](moduleSentJS))
					if err != nil {
						b.Fatalf("resource timing of the module: %v", err)
					}
					sent = wire
					b.StartTimer()
				}
				b.ReportMetric(ms/float64(b.N), "ms-cold")
				b.ReportMetric(sent, "wasm-bytes-sent")
			})
		}
	}
}

// throttle limits the page's network to bytesSec (-1: no limit) with
// latency ms before each answer.
func throttle(b *testing.B, ctx context.Context, bytesSec, latency float64) {
	b.Helper()
	if bytesSec < 0 {
		return
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		b.Fatalf("network: %v", err)
	}
	_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule,
		network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: []*network.Conditions{{
			Latency: latency, DownloadThroughput: bytesSec, UploadThroughput: bytesSec}}})
	if err != nil {
		b.Fatalf("throttle the network: %v", err)
	}
}
