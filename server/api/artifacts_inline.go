package api

import (
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// inlineTypes are the artifact types the UI shows in a frame, which
// /get-artifact answers inline (not as a download) when asked with
// inline=1. The table does not rely on the system's MIME database, which
// differs between machines.
var inlineTypes = map[string]string{
	".pdf":  "application/pdf",
	".html": "text/html; charset=utf-8",
	".htm":  "text/html; charset=utf-8",
}

// sandboxPolicy locks down an artifact's page: no scripts, forms, plugins
// or same-origin access, even when its address is opened in a tab of its
// own. PDFs are left out: browsers refuse to run their viewer sandboxed.
const sandboxPolicy = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"

// serveInline answers an artifact for display in the page when its type
// is in inlineTypes, and as an attachment otherwise. Artifacts are
// whatever a client logged, so an HTML file is never served able to run
// scripts in mlscope's origin.
func serveInline(w http.ResponseWriter, r *http.Request, name string, f io.ReadSeeker,
	fi interface{ ModTime() time.Time }) {
	ext := strings.ToLower(path.Ext(name))
	ct, ok := inlineTypes[ext]
	if !ok {
		serveAttachment(w, r, name, f, fi)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Disposition", mime.FormatMediaType("inline",
		map[string]string{"filename": name}))
	if ext != ".pdf" {
		h.Set("Content-Security-Policy", sandboxPolicy)
	}
	http.ServeContent(w, r, name, fi.ModTime(), f)
}
