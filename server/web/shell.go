package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html"
	"net/http"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// newShell serves the browser app: /web/ from the static files, the web
// app manifest and app.js (go-app's, with mlscope's loader: loader.go),
// and everything else (pages, wasm_exec.js, the service worker) from
// go-app, compressed.
func newShell(pages *app.Handler, a *assets) (http.Handler, error) {
	js, err := appJS(pages)
	if err != nil {
		return nil, err
	}
	manifestFile := newGenerated("application/manifest+json", manifestJSON(pages, a))
	jsFile := newGenerated("text/javascript", js)
	generated := compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/manifest.webmanifest", "/manifest.json":
			manifestFile.serve(w, r)
		case "/app.js", "/goapp.js":
			jsFile.serve(w, r)
		default:
			pages.ServeHTTP(w, r)
		}
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/web/") {
			a.ServeHTTP(w, r)
			return
		}
		generated.ServeHTTP(w, r)
	}), nil
}

// generatedFile is a file the server made at start, to be checked for a new
// version at every use (its ETag is a digest of it, taken once).
type generatedFile struct {
	contentType, etag string
	body              []byte
}

func newGenerated(contentType string, b []byte) *generatedFile {
	sum := sha256.Sum256(b)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	return &generatedFile{contentType: contentType, etag: etag, body: b}
}

func (g *generatedFile) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", g.contentType)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("ETag", g.etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(g.body))
}

// wasmPreload is a link that starts the WebAssembly module's download as
// the page's head is read, rather than once go-app's app.js runs after the
// styles and scripts (issue 8). app.js's fetch of the same address, mode
// and credentials takes the preloaded answer.
func wasmPreload(a *assets) string {
	return `<link rel="preload" href="` + html.EscapeString(a.AppWASM()) +
		`" as="fetch" type="application/wasm" crossorigin="anonymous">`
}

// manifestIcon is one icon of the web app manifest.
type manifestIcon struct {
	Src     string `json:"src"`
	Type    string `json:"type"`
	Sizes   string `json:"sizes"`
	Purpose string `json:"purpose,omitempty"`
}

// manifestJSON is the web app manifest that makes mlscope installable. It
// replaces go-app's, which has no id and no maskable icon (the icon an OS
// may crop to a circle or a squircle).
func manifestJSON(h *app.Handler, a *assets) []byte {
	m := struct {
		ID              string         `json:"id"`
		Name            string         `json:"name"`
		ShortName       string         `json:"short_name"`
		Description     string         `json:"description"`
		Lang            string         `json:"lang"`
		StartURL        string         `json:"start_url"`
		Scope           string         `json:"scope"`
		Display         string         `json:"display"`
		BackgroundColor string         `json:"background_color"`
		ThemeColor      string         `json:"theme_color"`
		Icons           []manifestIcon `json:"icons"`
	}{
		ID: "/", Name: h.Name, ShortName: h.ShortName, Description: h.Description,
		Lang: "en", StartURL: "/", Scope: "/", Display: "standalone",
		BackgroundColor: h.BackgroundColor, ThemeColor: h.ThemeColor,
		Icons: []manifestIcon{
			{Src: a.url("icon.svg"), Type: "image/svg+xml", Sizes: "any"},
			{Src: a.url("icon-192.png"), Type: "image/png", Sizes: "192x192"},
			{Src: a.url("icon-512.png"), Type: "image/png", Sizes: "512x512"},
			{Src: a.url("icon-maskable-512.png"), Type: "image/png", Sizes: "512x512",
				Purpose: "maskable"},
		},
	}
	b, _ := json.MarshalIndent(m, "", "  ")
	return b
}
