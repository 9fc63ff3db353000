package api

import (
	"encoding/json"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"

	"mlscope/app/mlflow"
	"mlscope/server/mlruns"
)

// loggedModelRPCs are MLflow 3's logged-model endpoints, which MLflow 3
// clients call for log_model: create, upload the artifacts, finalize, and
// link the run through runs/outputs.
func (s *Server) loggedModelRPCs() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"POST /mlflow/logged-models":                                 s.handleModelCreate,
		"POST /mlflow/logged-models/search":                          s.handleModelSearch,
		"GET /mlflow/logged-models/{model_id}":                       s.handleModelGet,
		"PATCH /mlflow/logged-models/{model_id}":                     s.handleModelFinalize,
		"DELETE /mlflow/logged-models/{model_id}":                    s.handleModelDelete,
		"PATCH /mlflow/logged-models/{model_id}/tags":                s.handleModelSetTags,
		"DELETE /mlflow/logged-models/{model_id}/tags/{tag_key}":     s.handleModelDeleteTag,
		"POST /mlflow/logged-models/{model_id}/params":               s.handleModelParams,
		"GET /mlflow/logged-models/{model_id}/artifacts/directories": s.handleModelArtifactList,
		"GET /mlflow/logged-models/{model_id}/artifacts/files":       s.handleModelArtifactFile,
		"POST /mlflow/runs/outputs":                                  s.handleRunOutputs,
	}
}

func (s *Server) handleModelCreate(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		var req mlruns.CreateLoggedModelRequest
		var err error
		if req.ExperimentID, err = q.required("experiment_id"); err != nil {
			return nil, err
		}
		req.Name, _ = q.str("name")
		req.ModelType, _ = q.str("model_type")
		req.SourceRunID, _ = q.str("source_run_id")
		if req.Params, err = q.keyValues("params"); err != nil {
			return nil, err
		}
		if req.Tags, err = q.keyValues("tags"); err != nil {
			return nil, err
		}
		m, err := s.store.CreateLoggedModel(req)
		if err != nil {
			return nil, err
		}
		return map[string]any{"model": m}, nil
	})
}

func (s *Server) handleModelGet(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		allow, _ := q.str("allow_deleted")
		m, err := s.store.LoggedModel(r.PathValue("model_id"), allow == "true" || allow == "True")
		if err != nil {
			return nil, err
		}
		return map[string]any{"model": m}, nil
	})
}

func (s *Server) handleModelFinalize(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		raw := q.raw("status")
		if raw == nil {
			return nil, missing("status")
		}
		text, _ := textOf(raw)
		st, err := mlflow.ParseLoggedModelStatus(text)
		if err != nil {
			return nil, invalidValue("status", raw)
		}
		m, err := s.store.FinalizeLoggedModel(r.PathValue("model_id"), st)
		if err != nil {
			return nil, err
		}
		return map[string]any{"model": m}, nil
	})
}

func (s *Server) handleModelDelete(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		return nil, s.store.DeleteLoggedModel(r.PathValue("model_id"))
	})
}

func (s *Server) handleModelSetTags(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		tags, err := q.keyValues("tags")
		if err != nil {
			return nil, err
		}
		return nil, s.store.SetLoggedModelTags(r.PathValue("model_id"), tags)
	})
}

func (s *Server) handleModelDeleteTag(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		return nil, s.store.DeleteLoggedModelTag(r.PathValue("model_id"), r.PathValue("tag_key"))
	})
}

func (s *Server) handleModelParams(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		params, err := q.keyValues("params")
		if err != nil {
			return nil, err
		}
		return nil, s.store.LogLoggedModelParams(r.PathValue("model_id"), params)
	})
}

// handleModelSearch lists the models of experiments, newest first.
// TODO: filter, datasets and order_by are refused: the logged-model search
// grammar is not implemented yet.
func (s *Server) handleModelSearch(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		ids, err := q.strs("experiment_ids")
		if err != nil {
			return nil, err
		}
		if len(ids) == 0 {
			return nil, missing("experiment_ids")
		}
		if f, _ := q.str("filter"); f != "" || q.raw("order_by") != nil && string(q.raw("order_by")) != "[]" {
			return nil, mlflow.Errorf(mlflow.CodeNotImplemented,
				"filter and order_by of logged-models/search are not supported by mlscope yet")
		}
		maxResults, err := q.int("max_results", 50)
		if err != nil {
			return nil, err
		}
		token, _ := q.str("page_token")
		models, err := s.store.SearchLoggedModels(ids)
		if err != nil {
			return nil, err
		}
		page, next, err := paginate(len(models), int(maxResults), token)
		if err != nil {
			return nil, err
		}
		return struct {
			Models        []*mlflow.LoggedModel `json:"models,omitempty"`
			NextPageToken string                `json:"next_page_token,omitempty"`
		}{models[page.start:page.end], next}, nil
	})
}

func (s *Server) handleModelArtifactList(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		rel, _ := q.str("artifact_directory_path")
		clean, err := mlflow.CleanArtifactPath(rel)
		if err != nil {
			return nil, err
		}
		uri, dir, err := s.store.ModelArtifactDir(r.PathValue("model_id"))
		if err != nil {
			return nil, err
		}
		files := listDir(dir, clean)
		return struct {
			RootURI string            `json:"root_uri"`
			Files   []mlflow.FileInfo `json:"files,omitempty"`
		}{uri, files}, nil
	})
}

// listDir lists rel below root through an os.Root; paths are relative to
// root. A missing folder lists as empty.
func listDir(root, rel string) []mlflow.FileInfo {
	if root == "" {
		return nil
	}
	rt, err := os.OpenRoot(root)
	if err != nil {
		return nil
	}
	defer rt.Close()
	name := filepath.FromSlash(rel)
	if name == "" {
		name = "."
	}
	f, err := rt.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	ents, _ := f.ReadDir(-1)
	var out []mlflow.FileInfo
	for _, e := range ents {
		fi := mlflow.FileInfo{Path: path.Join(rel, e.Name()), IsDir: e.IsDir()}
		if info, err := e.Info(); err == nil && !e.IsDir() {
			size := info.Size()
			fi.FileSize = &size
		}
		out = append(out, fi)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func (s *Server) handleModelArtifactFile(w http.ResponseWriter, r *http.Request) {
	rel := r.URL.Query().Get("artifact_file_path")
	if rel == "" {
		s.fail(w, r, mlflow.Errorf(mlflow.CodeBadRequest, "artifact_file_path is required"))
		return
	}
	clean, err := mlflow.CleanArtifactPath(rel)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, dir, err := s.store.ModelArtifactDir(r.PathValue("model_id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	notFound := mlflow.Errorf(mlflow.CodeResourceDoesNotExist, "File %s not found", rel)
	if dir == "" || clean == "" {
		s.fail(w, r, notFound)
		return
	}
	rt, err := os.OpenRoot(dir)
	if err != nil {
		s.fail(w, r, notFound)
		return
	}
	defer rt.Close()
	f, err := rt.Open(filepath.FromSlash(clean))
	if err != nil {
		s.fail(w, r, notFound)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		s.fail(w, r, notFound)
		return
	}
	serveAttachment(w, r, path.Base(clean), f, fi)
}

func (s *Server) handleRunOutputs(w http.ResponseWriter, r *http.Request) {
	s.handle(w, r, func(q *request) (any, error) {
		id, err := q.runID()
		if err != nil {
			return nil, err
		}
		var outs []mlflow.ModelOutput
		raw := q.raw("models")
		if raw == nil {
			return nil, missing("models")
		}
		var items []map[string]json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, invalidValue("models", raw)
		}
		for i, it := range items {
			mid, _ := textOf(it["model_id"])
			if mid == "" {
				return nil, missing("models[" + itoa(i) + "].model_id")
			}
			step, _ := int64Of(it["step"])
			outs = append(outs, mlflow.ModelOutput{ModelID: mid, Step: step})
		}
		return nil, s.store.LogOutputs(id, outs)
	})
}
