package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// wasmBudget is the most the WebAssembly module may weigh as sent (issue 8).
const wasmBudget = 3_000_000

// chromiumEncodings is the Accept-Encoding headless Chromium sends to
// http://127.0.0.1.
const chromiumEncodings = "gzip, deflate, br, zstd"

// rawGet fetches a URL without decoding the answer, with request headers
// given as pairs.
func rawGet(t testing.TB, method, u string, body io.Reader, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func gunzip(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// wasmURL is the versioned address of the WebAssembly module, read from
// go-app's app.js.
func wasmURL(t testing.TB, srv *testServer) string {
	t.Helper()
	_, js := rawGet(t, "GET", srv.URL+"/app.js", nil)
	m := regexp.MustCompile(`/web/app\.wasm\?v=[0-9a-f]{16}`).Find(js)
	if m == nil {
		t.Fatalf("app.js names no versioned app.wasm:\n%.2000s", js)
	}
	return srv.URL + string(m)
}

// TestShellServing checks what a browser gets to open mlscope fast and to
// install it: the WebAssembly module precompressed within its budget and
// cached for good, pages and API answers compressed, the manifest and its
// icons, and mlscope's own service worker.
func TestShellServing(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	raw, err := os.Stat(wasmBuilt)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("wasm", func(t *testing.T) {
		u := wasmURL(t, srv)
		resp, body := rawGet(t, "GET", u, nil, "Accept-Encoding", chromiumEncodings)
		h := resp.Header
		if h.Get("Content-Encoding") != "br" || h.Get("Content-Type") != "application/wasm" ||
			h.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
			h.Get("X-Uncompressed-Length") != strconv.FormatInt(raw.Size(), 10) {
			t.Errorf("app.wasm headers: %v", h)
		}
		if len(body) >= wasmBudget {
			t.Errorf("app.wasm is %d bytes as sent (Brotli), over the budget of %d", len(body), wasmBudget)
		}
		_, gz := rawGet(t, "GET", u, nil, "Accept-Encoding", "gzip")
		t.Logf("app.wasm: %d bytes, %d as Brotli, %d as gzip", raw.Size(), len(body), len(gz))
		if len(gunzip(t, gz)) != int(raw.Size()) {
			t.Error("the gzip copy does not decode to app.wasm")
		}
		if len(gz) >= wasmBudget {
			t.Errorf("app.wasm is %d bytes as sent to a client without Brotli, over the "+
				"budget of %d", len(gz), wasmBudget)
		}
		resp, _ = rawGet(t, "GET", u, nil, "Accept-Encoding", chromiumEncodings,
			"If-None-Match", h.Get("ETag"))
		if resp.StatusCode != http.StatusNotModified {
			t.Errorf("If-None-Match %s: status %d, want 304", h.Get("ETag"), resp.StatusCode)
		}
	})

	t.Run("page", func(t *testing.T) {
		resp, body := rawGet(t, "GET", srv.URL+"/experiments/"+wineExp, nil,
			"Accept-Encoding", "gzip")
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("page not compressed: %v", resp.Header)
		}
		html := string(gunzip(t, body))
		preload := `<link rel="preload" href="` + strings.TrimPrefix(wasmURL(t, srv), srv.URL) +
			`" as="fetch" type="application/wasm" crossorigin="anonymous">`
		for _, want := range []string{"<title>mlscope</title>", `rel="manifest"`,
			"/web/icon-192.png?v=", "/web/offline.css", preload} {
			if !strings.Contains(html, want) {
				t.Errorf("page lacks %q", want)
			}
		}
	})

	t.Run("manifest and icons", func(t *testing.T) {
		resp, body := rawGet(t, "GET", srv.URL+"/manifest.webmanifest", nil)
		var m struct {
			Name      string `json:"name"`
			ShortName string `json:"short_name"`
			Display   string `json:"display"`
			StartURL  string `json:"start_url"`
			Icons     []struct{ Src, Type, Sizes, Purpose string }
		}
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatalf("manifest (%s): %v\n%s", resp.Header.Get("Content-Type"), err, body)
		}
		if m.Name != "mlscope" || m.ShortName != "mlscope" || m.Display != "standalone" ||
			m.StartURL != "/" {
			t.Errorf("manifest: %s", body)
		}
		maskable := false
		for _, ic := range m.Icons {
			maskable = maskable || ic.Purpose == "maskable"
			if ic.Type != "image/png" {
				continue
			}
			_, img := rawGet(t, "GET", srv.URL+ic.Src, nil)
			cfg, err := png.DecodeConfig(bytes.NewReader(img))
			if got := fmt.Sprintf("%dx%d", cfg.Width, cfg.Height); err != nil || got != ic.Sizes {
				t.Errorf("icon %s: %s, %v; want a %s PNG", ic.Src, got, err, ic.Sizes)
			}
		}
		if !maskable {
			t.Errorf("no maskable icon: %s", body)
		}
	})

	t.Run("service worker", func(t *testing.T) {
		_, js := rawGet(t, "GET", srv.URL+"/app-worker.js", nil)
		for _, want := range []string{`"mlscope-shell-" + version`, `"/web/app.wasm?v=`,
			`"/web/offline.css"`, `"/"`} {
			if !bytes.Contains(js, []byte(want)) {
				t.Errorf("app-worker.js lacks %s", want)
			}
		}
	})

	t.Run("API", func(t *testing.T) {
		body := strings.NewReader(`{"experiment_ids":["` + wineExp + `"]}`)
		resp, b := rawGet(t, "POST", srv.URL+"/ajax-api/2.0/mlflow/runs/search", body,
			"Content-Type", "application/json", "Accept-Encoding", "gzip")
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("runs/search not compressed: %v", resp.Header)
		}
		if js := gunzip(t, b); !bytes.Contains(js, []byte("gentle-owl-42")) {
			t.Errorf("runs/search answer: %.300s", js)
		}
	})
}
