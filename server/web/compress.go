package web

import (
	"compress/gzip"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// Compression of generated answers (issue 8): API JSON, go-app's pages and
// scripts. Static files are compressed ahead (static.go).

// minCompress is the smallest answer worth compressing, when its length
// is known before it is written.
const minCompress = 1024

// compressLevel favours speed: a metric history can be tens of megabytes,
// and JSON shrinks several times even at the fastest level.
const compressLevel = gzip.BestSpeed

var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, compressLevel)
	return zw
}}

// compress gzips the answers of h whose type is text-like, for clients
// that accept gzip. It leaves alone answers that are already encoded,
// partial (206), empty, or known to be small. A compressed answer's ETag
// becomes weak, since its bytes differ from the identity's; conditional
// requests compare ETags weakly anyway, so W/ is taken off incoming
// If-None-Match values for h.
func compress(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead || !accepts(r, "gzip") {
			h.ServeHTTP(w, r)
			return
		}
		if inm := r.Header.Get("If-None-Match"); strings.Contains(inm, "W/") {
			r.Header.Set("If-None-Match", strings.ReplaceAll(inm, "W/", ""))
		}
		cw := &compressWriter{ResponseWriter: w}
		defer cw.close()
		h.ServeHTTP(cw, r)
	})
}

// compressWriter decides at the answer's first write whether to compress
// it. Like the guard's writer, it hides io.ReaderFrom, so every write goes
// through the compressor.
type compressWriter struct {
	http.ResponseWriter
	decided bool
	zw      *gzip.Writer
}

func (cw *compressWriter) WriteHeader(status int) {
	if !cw.decided {
		cw.decide(status)
	}
	cw.ResponseWriter.WriteHeader(status)
}

func (cw *compressWriter) Write(p []byte) (int, error) {
	if !cw.decided {
		cw.WriteHeader(http.StatusOK)
	}
	if cw.zw != nil {
		return cw.zw.Write(p)
	}
	return cw.ResponseWriter.Write(p)
}

func (cw *compressWriter) decide(status int) {
	cw.decided = true
	h := cw.Header()
	if !textLike(h.Get("Content-Type")) {
		return
	}
	h.Add("Vary", "Accept-Encoding")
	if status < 200 || status == http.StatusNoContent ||
		status == http.StatusPartialContent || status == http.StatusNotModified ||
		h.Get("Content-Encoding") != "" || h.Get("Content-Range") != "" {
		return
	}
	if n, err := strconv.Atoi(h.Get("Content-Length")); err == nil && n < minCompress {
		return
	}
	h.Del("Content-Length")
	h.Del("Accept-Ranges")
	h.Set("Content-Encoding", "gzip")
	if etag := h.Get("ETag"); etag != "" && !strings.HasPrefix(etag, "W/") {
		h.Set("ETag", "W/"+etag)
	}
	cw.zw = gzipWriters.Get().(*gzip.Writer)
	cw.zw.Reset(cw.ResponseWriter)
}

// Flush sends what was compressed so far.
func (cw *compressWriter) Flush() {
	if !cw.decided {
		cw.WriteHeader(http.StatusOK)
	}
	if cw.zw != nil {
		cw.zw.Flush()
	}
	http.NewResponseController(cw.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the connection (deadlines).
func (cw *compressWriter) Unwrap() http.ResponseWriter { return cw.ResponseWriter }

func (cw *compressWriter) close() {
	if cw.zw == nil {
		return
	}
	cw.zw.Close()
	cw.zw.Reset(io.Discard)
	gzipWriters.Put(cw.zw)
	cw.zw = nil
}

// textLike reports whether a content type is worth compressing.
func textLike(ctype string) bool {
	t, _, err := mime.ParseMediaType(ctype)
	if err != nil {
		return false
	}
	switch {
	case strings.HasPrefix(t, "text/"),
		strings.HasSuffix(t, "+json"), strings.HasSuffix(t, "+xml"):
		return true
	}
	switch t {
	case "application/json", "application/javascript", "application/x-ndjson",
		"application/xml", "image/svg+xml", "application/x-yaml", "application/yaml":
		return true
	}
	return false
}
