package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"testing"
	"testing/fstest"
)

// testFiles are static files: text worth compressing, an image that is
// not, and an app.wasm with the copies make writes, named for the digest
// given ("" for app.wasm's own).
func testFiles(t testing.TB, digest string) fstest.MapFS {
	t.Helper()
	wasm := bytes.Repeat([]byte("\x00asm mlscope wasm body "), 500)
	if digest == "" {
		sum := sha256.Sum256(wasm)
		digest = hex.EncodeToString(sum[:8])
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(wasm)
	zw.Close()
	return fstest.MapFS{
		"app.css":  {Data: bytes.Repeat([]byte(".frame { display: flex; }\n"), 200)},
		"icon.png": {Data: []byte("\x89PNG not really")},
		"app.wasm": {Data: wasm},
		// Only its bytes matter here: it is sent as it is.
		"app.wasm." + digest + ".br": {Data: []byte("brotli stream")},
		"app.wasm." + digest + ".gz": {Data: gz.Bytes()},
	}
}

func get(t *testing.T, h http.Handler, method, target string, header ...string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

// decoded is the answer's body, gunzipped when it says it is gzip.
func decoded(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	var rd io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatalf("gzip answer does not decode: %v", err)
		}
		rd = zr
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAssets(t *testing.T) {
	files := testFiles(t, "")
	a, err := newAssets(files, nil)
	if err != nil {
		t.Fatal(err)
	}
	css := a.files["app.css"]
	cssV := "/web/app.css?v=" + css.sum[:16]
	strong := `"` + css.sum[:32] + `"`
	gzTag := `"` + css.sum[:32] + `-gz"`
	for _, tc := range []struct {
		name     string
		method   string
		target   string
		header   []string
		status   int
		encoding string
		etag     string
		cache    string
	}{
		{"gzip accepted", "GET", "/web/app.css", []string{"Accept-Encoding", "br, gzip"},
			200, "gzip", gzTag, "no-cache"},
		{"no Accept-Encoding", "GET", "/web/app.css", nil, 200, "", strong, "no-cache"},
		{"gzip refused", "GET", "/web/app.css", []string{"Accept-Encoding", "gzip;q=0, br"},
			200, "", strong, "no-cache"},
		{"any coding", "GET", "/web/app.css", []string{"Accept-Encoding", "*"},
			200, "gzip", gzTag, "no-cache"},
		// The address carries the content's digest: it never changes.
		{"versioned", "GET", cssV, []string{"Accept-Encoding", "gzip"},
			200, "gzip", gzTag, "public, max-age=31536000, immutable"},
		{"old version", "GET", "/web/app.css?v=0123456789abcdef", nil,
			200, "", strong, "no-cache"},
		{"not modified", "GET", "/web/app.css", []string{"If-None-Match", strong},
			304, "", strong, "no-cache"},
		{"image stays as is", "GET", "/web/icon.png", []string{"Accept-Encoding", "gzip"},
			200, "", `"` + a.files["icon.png"].sum[:32] + `"`, "no-cache"},
		{"missing", "GET", "/web/nothing.css", nil, 404, "", "", ""},
		// Compressed copies are sources, not files of the app.
		{"copy hidden", "GET", "/web/app.wasm." + a.files["app.wasm"].sum[:16] + ".gz", nil,
			404, "", "", ""},
		{"write", "POST", "/web/app.css", nil, 405, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := get(t, a, tc.method, tc.target, tc.header...)
			h := resp.Header
			if resp.StatusCode != tc.status || h.Get("Content-Encoding") != tc.encoding ||
				h.Get("ETag") != tc.etag || h.Get("Cache-Control") != tc.cache {
				t.Fatalf("%s %s %v: status %d, encoding %q, ETag %s, Cache-Control %q;\n"+
					"want %d, %q, %s, %q", tc.method, tc.target, tc.header, resp.StatusCode,
					h.Get("Content-Encoding"), h.Get("ETag"), h.Get("Cache-Control"),
					tc.status, tc.encoding, tc.etag, tc.cache)
			}
			if tc.status != 200 {
				return
			}
			name := strings.TrimPrefix(strings.Split(tc.target, "?")[0], "/web/")
			if got := decoded(t, resp); !bytes.Equal(got, files[name].Data) {
				t.Errorf("body of %s differs from the file (%d bytes, want %d)",
					tc.target, len(got), len(files[name].Data))
			}
		})
	}
}

// TestPrecompressed checks that make's copies are sent as they are, and
// that stale ones (app.wasm rebuilt without them) are not.
func TestPrecompressed(t *testing.T) {
	for _, tc := range []struct {
		name   string
		digest string
		accept string
		sent   string // the extension of the copy sent as it is, or ""
		coding string
	}{
		{"brotli", "", "gzip, deflate, br, zstd", "br", "br"},
		{"gzip", "", "gzip", "gz", "gzip"},
		{"identity", "", "", "", ""},
		// Stale copies are not sent: app.wasm is gzipped afresh.
		{"stale brotli", "0123456789abcdef", "br, gzip", "", "gzip"},
		{"stale gzip", "0123456789abcdef", "gzip", "", "gzip"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := testFiles(t, tc.digest)
			a, err := newAssets(files, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp := get(t, a, "GET", a.AppWASM(), "Accept-Encoding", tc.accept)
			body, _ := io.ReadAll(resp.Body)
			for name, f := range files {
				if !strings.HasPrefix(name, "app.wasm.") {
					continue
				}
				want := strings.TrimPrefix(path.Ext(name), ".") == tc.sent
				if got := bytes.Equal(body, f.Data); got != want {
					t.Errorf("%s sent as it is: %v, want %v", name, got, want)
				}
			}
			h := resp.Header
			if h.Get("Content-Encoding") != tc.coding || h.Get("Content-Type") != "application/wasm" ||
				h.Get(headerRawLength) != "11500" {
				t.Errorf("Content-Encoding %q, Content-Type %q, %s %q; want %q, application/wasm, 11500",
					h.Get("Content-Encoding"), h.Get("Content-Type"), headerRawLength,
					h.Get(headerRawLength), tc.coding)
			}
			if tc.coding != "br" {
				resp = get(t, a, "GET", a.AppWASM(), "Accept-Encoding", tc.accept)
				if got := decoded(t, resp); !bytes.Equal(got, files["app.wasm"].Data) {
					t.Errorf("app.wasm decodes to %d bytes, want the %d of the file",
						len(got), len(files["app.wasm"].Data))
				}
			}
		})
	}
}

func TestAccepts(t *testing.T) {
	for _, tc := range []struct {
		header, coding string
		want           bool
	}{
		{"", "gzip", false},
		{"gzip", "gzip", true},
		{"gzip, deflate, br, zstd", "br", true},
		{"br;q=1.0, gzip;q=0.8", "gzip", true},
		{"GZIP", "gzip", true},
		{"x-gzip", "gzip", true},
		{"gzip;q=0", "gzip", false},
		{"gzip; q=0.0, *", "gzip", false}, // named gzip wins over *
		{"*", "br", true},
		{"*;q=0", "gzip", false},
		{"identity", "gzip", false},
		{"deflate, gzip", "br", false},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", tc.header)
		if got := accepts(r, tc.coding); got != tc.want {
			t.Errorf("Accept-Encoding %q, %s: %v, want %v", tc.header, tc.coding, got, tc.want)
		}
	}
}

// TestVersion checks that the app's version follows its files.
func TestVersion(t *testing.T) {
	files := testFiles(t, "")
	a, _ := newAssets(files, nil)
	files["app.css"] = &fstest.MapFile{Data: []byte(".frame { display: grid; }")}
	b, _ := newAssets(files, nil)
	if a.version("v1") == b.version("v1") {
		t.Error("a changed app.css keeps the version")
	}
	if a.version("v1") == a.version("v2") {
		t.Error("a new server version keeps the version")
	}
	if a.version("v1") != a.version("v1") {
		t.Error("the version is not stable")
	}
}
