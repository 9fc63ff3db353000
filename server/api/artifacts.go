package api

import (
	"net/http"
	"net/url"
	"path"

	"mlscope/app/mlflow"
)

func (s *Server) handleArtifactList(w http.ResponseWriter, r *http.Request) {
	req, err := readRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := req.runID()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, _ := req.str("path")
	root, files, err := s.store.Artifacts(id, p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// mlscope_note is mlscope's own field, which MLflow's clients ignore:
	// why the artifacts of a run that has none listed cannot be found.
	writeJSON(w, struct {
		RootURI string            `json:"root_uri"`
		Files   []mlflow.FileInfo `json:"files,omitempty"`
		Note    string            `json:"mlscope_note,omitempty"`
	}{root.URI, files, root.Note})
}

// queryRunID reads a download's run: run_id, or MLflow's older run_uuid.
func queryRunID(q url.Values) (string, error) {
	id := q.Get("run_id")
	if id == "" {
		id = q.Get("run_uuid")
	}
	if id == "" {
		return "", missing("run_id")
	}
	return id, nil
}

// handleArtifactGet streams one run artifact as an attachment, with range
// requests and conditional GETs handled by http.ServeContent. With
// inline=1 (mlscope's, not MLflow's) the types the UI shows in a frame
// come inline instead (artifacts_inline.go).
func (s *Server) handleArtifactGet(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	id, err := queryRunID(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !q.Has("path") {
		s.fail(w, r, missing("path"))
		return
	}
	f, fi, err := s.store.OpenArtifact(id, q.Get("path"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer f.Close()
	if q.Get("inline") == "1" {
		serveInline(w, r, path.Base(q.Get("path")), f, fi)
		return
	}
	serveAttachment(w, r, path.Base(q.Get("path")), f, fi)
}
