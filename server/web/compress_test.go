package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestCompress(t *testing.T) {
	big := []byte(`{"runs":[` + strings.Repeat(`{"info":{"status":"FINISHED"}},`, 100) + `{}]}`)
	small := []byte(`{"experiments":[]}`)
	for _, tc := range []struct {
		name    string
		accept  string
		ctype   string
		status  int
		header  map[string]string
		body    []byte
		gzipped bool
	}{
		{"JSON", "gzip", "application/json", 200, nil, big, true},
		{"error JSON", "gzip", "application/json", 404, nil, big, true},
		{"HTML page", "gzip, br", "text/html; charset=utf-8", 200, nil, big, true},
		{"not accepted", "", "application/json", 200, nil, big, false},
		{"known to be small", "gzip", "application/json", 200,
			map[string]string{"Content-Length": strconv.Itoa(len(small))}, small, false},
		// Artifacts of binary types go as they are.
		{"binary", "gzip", "application/octet-stream", 200, nil, big, false},
		{"already encoded", "gzip", "application/json", 200,
			map[string]string{"Content-Encoding": "br"}, big, false},
		{"range", "gzip", "text/plain", 206,
			map[string]string{"Content-Range": "bytes 0-9/100"}, big, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.ctype)
				for k, v := range tc.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(tc.status)
				w.Write(tc.body[:10])
				http.NewResponseController(w).Flush() // a streamed answer
				w.Write(tc.body[10:])
			}))
			resp := get(t, h, "GET", "/ajax-api/2.0/mlflow/runs/search", "Accept-Encoding", tc.accept)
			gzipped := resp.Header.Get("Content-Encoding") == "gzip"
			if resp.StatusCode != tc.status || gzipped != tc.gzipped {
				t.Fatalf("status %d, gzipped %v; want %d, %v", resp.StatusCode, gzipped,
					tc.status, tc.gzipped)
			}
			if gzipped && resp.Header.Get("Content-Length") != "" {
				t.Errorf("a compressed answer keeps Content-Length %s", resp.Header.Get("Content-Length"))
			}
			if got := decoded(t, resp); !bytes.Equal(got, tc.body) {
				t.Errorf("body %.60q…, want %.60q…", got, tc.body)
			}
		})
	}
}

// TestCompressETag checks that a compressed answer's ETag is weak, and that
// the handler still sees the client's copy as current.
func TestCompressETag(t *testing.T) {
	const etag = `"v1"`
	h := compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(bytes.Repeat([]byte("<p>mlscope</p>"), 200))
	}))
	resp := get(t, h, "GET", "/", "Accept-Encoding", "gzip")
	weak := resp.Header.Get("ETag")
	if weak != "W/"+etag || resp.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("ETag %q, Vary %q; want W/%s and Accept-Encoding", weak,
			resp.Header.Get("Vary"), etag)
	}
	resp = get(t, h, "GET", "/", "Accept-Encoding", "gzip", "If-None-Match", weak)
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match %s: status %d, want 304", weak, resp.StatusCode)
	}
}
