package api

import (
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"mlscope/app/mlflow"
)

// maxUpload bounds one artifact upload through the mlflow-artifacts API.
const maxUpload = 64 << 30

// proxyRoutes registers the mlflow-artifacts API (mlflow server's
// --serve-artifacts) under both prefixes.
func (s *Server) proxyRoutes() {
	for _, prefix := range []string{"/api/2.0", "/ajax-api/2.0"} {
		base := prefix + "/mlflow-artifacts/artifacts"
		s.mux.HandleFunc("GET "+base, s.proxied(s.handleProxyList))
		s.mux.HandleFunc("GET "+base+"/{path...}", s.proxied(s.handleProxyGet))
		s.mux.HandleFunc("PUT "+base+"/{path...}", s.proxied(s.handleProxyPut))
		s.mux.HandleFunc("DELETE "+base+"/{path...}", s.proxied(s.handleProxyDelete))
		for _, op := range []string{"create", "complete", "abort"} {
			s.mux.HandleFunc("POST "+prefix+"/mlflow-artifacts/mpu/"+op+"/{path...}",
				s.proxied(s.handleMultipart))
		}
	}
}

// proxied answers 503 in plain text, as MLflow does, when the server runs
// with --no-serve-artifacts.
func (s *Server) proxied(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.opt.ServeArtifacts {
			http.Error(w, "Endpoint: "+r.URL.Path+" disabled due to the mlflow server running "+
				"with `--no-serve-artifacts`. To enable artifacts server functionality, run "+
				"`mlflow server` with `--serve-artifacts`", http.StatusServiceUnavailable)
			return
		}
		h(w, r)
	}
}

func (s *Server) handleProxyList(w http.ResponseWriter, r *http.Request) {
	files, err := s.store.ListProxiedArtifacts(r.URL.Query().Get("path"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, struct {
		Files []mlflow.FileInfo `json:"files,omitempty"`
	}{files})
}

func (s *Server) handleProxyGet(w http.ResponseWriter, r *http.Request) {
	p := r.PathValue("path")
	f, fi, err := s.store.OpenProxiedArtifact(p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer f.Close()
	serveAttachment(w, r, path.Base(p), f, fi)
}

func (s *Server) handleProxyPut(w http.ResponseWriter, r *http.Request) {
	body := http.MaxBytesReader(w, r.Body, maxUpload)
	if err := s.store.PutArtifact(r.PathValue("path"), body); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, empty)
}

func (s *Server) handleProxyDelete(w http.ResponseWriter, r *http.Request) {
	if err := s.store.DeleteProxiedArtifact(r.PathValue("path")); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, empty)
}

// handleMultipart refuses multipart uploads: on a local destination MLflow
// refuses them too, and clients then upload in one PUT.
func (s *Server) handleMultipart(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, mlflow.Errorf(mlflow.CodeNotImplemented,
		"Multipart upload is not supported for the current artifact repository"))
}

// serveAttachment streams a file as a download with MLflow's headers;
// http.ServeContent handles ranges and conditional requests.
func serveAttachment(w http.ResponseWriter, r *http.Request, name string, f io.ReadSeeker,
	fi interface{ ModTime() time.Time }) {
	ct := mime.TypeByExtension(strings.ToLower(path.Ext(name)))
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment",
		map[string]string{"filename": name}))
	http.ServeContent(w, r, name, fi.ModTime(), f)
}
