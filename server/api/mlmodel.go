package api

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"

	"mlscope/app/mlmodel"
)

// mlscope's own endpoint (not MLflow's) for an MLmodel file as JSON:
// GET /ajax-api/2.0/mlscope/mlmodel?file=<address>, where the address is
// the file's download on this server: /get-artifact?..., the
// /model-versions/get-artifact?... of a registered version, or a logged
// model's .../logged-models/<id>/artifacts/files?.... The browser reads
// models this way, so that its WebAssembly module needs no YAML decoder
// (issue 8). The download's own error (404 for a missing file) is passed on.

// maxMLmodelBytes is the largest MLmodel file converted; real ones are a
// few kilobytes.
const maxMLmodelBytes = 4 << 20

func (s *Server) mlmodelRPCs() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"GET /mlscope/mlmodel": s.handleMLmodel,
	}
}

func (s *Server) handleMLmodel(w http.ResponseWriter, r *http.Request) {
	file := r.URL.Query().Get("file")
	if file == "" {
		s.fail(w, r, missing("file"))
		return
	}
	u, err := url.Parse(file)
	if err != nil || u.Scheme != "" || u.Host != "" || !isFileDownload(u.Path) {
		s.fail(w, r, badRequest("Invalid value %q for parameter 'file': not the address of "+
			"an artifact file download on this server", file))
		return
	}
	sub := r.Clone(r.Context())
	sub.URL, sub.RequestURI = u, u.RequestURI()
	for _, h := range []string{"If-None-Match", "If-Modified-Since", "If-Range", "Range"} {
		sub.Header.Del(h)
	}
	got := &captured{header: http.Header{}, status: http.StatusOK}
	s.mux.ServeHTTP(got, sub)
	switch {
	case got.status != http.StatusOK:
		w.Header().Set("Content-Type", got.header.Get("Content-Type"))
		w.WriteHeader(got.status)
		w.Write(got.body.Bytes())
		return
	case got.over:
		s.fail(w, r, badRequest("MLmodel file %s is larger than %d bytes", file, maxMLmodelBytes))
		return
	}
	js, err := mlmodel.DocumentJSON(got.body.Bytes())
	if err != nil {
		s.fail(w, r, badRequest("MLmodel file %s: %v", file, err))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(js)
}

// isFileDownload reports whether a path is one of the routes that send an
// artifact file.
func isFileDownload(p string) bool {
	switch p {
	case "/get-artifact", "/model-versions/get-artifact":
		return true
	}
	for _, prefix := range []string{"/api/2.0/mlflow/logged-models/",
		"/ajax-api/2.0/mlflow/logged-models/"} {
		if id, ok := strings.CutPrefix(p, prefix); ok {
			id, ok = strings.CutSuffix(id, "/artifacts/files")
			return ok && id != "" && !strings.Contains(id, "/")
		}
	}
	return false
}

// captured holds an answer of the API to a request made inside the server,
// up to maxMLmodelBytes of its body.
type captured struct {
	header http.Header
	status int
	body   bytes.Buffer
	over   bool
}

func (c *captured) Header() http.Header { return c.header }

func (c *captured) WriteHeader(status int) { c.status = status }

func (c *captured) Write(p []byte) (int, error) {
	if room := maxMLmodelBytes - c.body.Len(); len(p) > room {
		c.over = true
		p = p[:max(room, 0)]
	}
	c.body.Write(p)
	return len(p), nil
}
