package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Static files (issue 8: fast first open). Every file of static/web is
// served under /web/ with a strong ETag (a digest of its content), as
// Brotli or gzip when the browser accepts it and that is smaller, and with
// Cache-Control that depends on the address: a URL carrying the file's
// digest as ?v= never changes, so browsers may keep it a year; any other
// URL must be revalidated, which costs a 304.
//
// make precompresses app.wasm (tools/precompress) into
// app.wasm.<digest>.br and app.wasm.<digest>.gz, <digest> being the first
// 16 hex digits of its SHA-256: a copy is used only while the file is the
// one it was made from. Other files, and app.wasm when make did not
// compress it, are gzipped at their first request; the server does not
// encode Brotli itself, as it is too slow at the levels worth having.

// headerRawLength carries a file's size before compression, which go-app's
// loading screen needs to show progress (Content-Length is the compressed
// size).
const headerRawLength = "X-Uncompressed-Length"

// assets serves the static files. It also tells go-app where they are
// (app.ResourceProvider) and names the version of the browser app.
type assets struct {
	files map[string]*asset
	log   *slog.Logger
}

type asset struct {
	name  string
	body  []byte
	sum   string // SHA-256 of body, hex
	ctype string
	zip   bool   // worth compressing
	br    []byte // the Brotli copy make wrote, or nil

	once sync.Once
	gz   []byte // gzipped body, or nil when not smaller
}

// newAssets reads every file of files, with the precompressed copies that
// match.
func newAssets(files fs.FS, log *slog.Logger) (*assets, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	a := &assets{files: map[string]*asset{}, log: log}
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) == ".gz" || path.Ext(p) == ".br" {
			return err
		}
		b, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		f := &asset{name: p, body: b, sum: hex.EncodeToString(sum[:]),
			ctype: contentType(p), zip: compressible(p)}
		if f.zip {
			a.precompressed(files, f)
		}
		a.files[p] = f
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read static files: %w", err)
	}
	return a, nil
}

// precompressed takes the copies make wrote of this version of f.
func (a *assets) precompressed(files fs.FS, f *asset) {
	base := f.name + "." + f.sum[:16]
	if br, err := fs.ReadFile(files, base+".br"); err == nil && len(br) < len(f.body) {
		f.br = br
	}
	if gz, err := fs.ReadFile(files, base+".gz"); err == nil && len(gz) < len(f.body) {
		f.gz = gz
		f.once.Do(func() {}) // nothing left to compress
	}
	if f.name == "app.wasm" && (f.br == nil || f.gz == nil) {
		a.log.Warn("app.wasm is not precompressed: run make wasm", "path", base+".br")
	}
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".wasm":
		return "application/wasm"
	case ".webmanifest":
		return "application/manifest+json"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func compressible(name string) bool {
	switch path.Ext(name) {
	case ".wasm", ".css", ".js", ".svg", ".json", ".html", ".txt", ".webmanifest", ".map":
		return true
	}
	return false
}

// gzipped returns the compressed body, compressing it at the first call
// when make did not; nil means identity is as small.
func (f *asset) gzipped() []byte {
	f.once.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(f.body)
		zw.Close()
		if buf.Len() < len(f.body) {
			f.gz = buf.Bytes()
		}
	})
	return f.gz
}

// url is the address of a file that never changes: it carries the
// file's digest.
func (a *assets) url(name string) string {
	f := a.files[name]
	if f == nil {
		return "/web/" + name
	}
	return "/web/" + name + "?v=" + f.sum[:16]
}

// version names the browser app: it changes whenever a static file, the
// service worker, mlscope's parts of app.js or the server's version does,
// and a new version makes the browsers' service workers fetch the shell
// again. (The plan of app.js's first requests comes from the UI's code,
// which app.wasm holds too.)
func (a *assets) version(server string) string {
	names := make([]string, 0, len(a.files))
	for n := range a.files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	io.WriteString(h, server+"\x00"+workerJS+"\x00"+loaderJS+"\x00"+prefetchJS)
	for _, n := range names {
		io.WriteString(h, "\x00"+n+"\x00"+a.files[n].sum)
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// icons are the app's icons for go-app's page and manifest.
func (a *assets) icons() app.Icon {
	return app.Icon{
		Default:    a.url("icon-192.png"),
		Large:      a.url("icon-512.png"),
		SVG:        a.url("icon.svg"),
		AppleTouch: a.url("icon-192.png"),
	}
}

// Package, Static and AppWASM tell go-app that the files are under /web/
// of this server.
func (a *assets) Package() string { return "" }
func (a *assets) Static() string  { return "" }
func (a *assets) AppWASM() string { return a.url("app.wasm") }

// ServeHTTP serves /web/{name}.
func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// go-app forwards /app.wasm with AppWASM() as the path, query included.
	name, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/web/"), "?")
	f := a.files[name]
	if f == nil {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set(headerRawLength, strconv.Itoa(len(f.body)))
	if r.URL.Query().Get("v") == f.sum[:16] {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	body, etag := f.body, `"`+f.sum[:32]+`"`
	if f.zip {
		h.Add("Vary", "Accept-Encoding")
		if f.br != nil && accepts(r, "br") {
			body, etag = f.br, `"`+f.sum[:32]+`-br"`
			h.Set("Content-Encoding", "br")
		} else if gz := f.gzipped(); gz != nil && accepts(r, "gzip") {
			body, etag = gz, `"`+f.sum[:32]+`-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	// ServeContent answers If-None-Match with 304, and ranges.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// accepts reports whether the request's Accept-Encoding allows a content
// coding: named with a q above zero, or not named and allowed by "*".
func accepts(r *http.Request, coding string) bool {
	named, star := -1.0, -1.0
	for _, v := range r.Header.Values("Accept-Encoding") {
		for _, part := range strings.Split(v, ",") {
			c, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			q := 1.0
			if s, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q="); ok {
				if n, err := strconv.ParseFloat(s, 64); err == nil {
					q = n
				}
			}
			switch c = strings.ToLower(strings.TrimSpace(c)); {
			case c == coding, coding == "gzip" && c == "x-gzip":
				named = q
			case c == "*":
				star = q
			}
		}
	}
	if named >= 0 {
		return named > 0
	}
	return star > 0
}
