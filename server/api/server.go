package api

import (
	"encoding/json"
	"log/slog"
	"maps"
	"net/http"
	"strings"

	"mlscope/app/mlflow"
	"mlscope/server/mlruns"
)

// Options configure the API handler.
type Options struct {
	Version string       // answered by GET /version
	Logger  *slog.Logger // nil discards
	// ServeArtifacts enables the mlflow-artifacts API (mlflow server's
	// --serve-artifacts).
	ServeArtifacts bool
}

// Server answers MLflow REST requests from a store.
type Server struct {
	store *mlruns.Store
	opt   Options
	log   *slog.Logger
	mux   *http.ServeMux
	// methods lists the methods each API path answers, for 405 answers.
	methods map[string][]string
	// live ends the live metric streams at shutdown.
	live liveHub
}

// New returns the API handler. It serves /health, /version, /get-artifact
// and every route under /api/ and /ajax-api/; other paths are not its
// business and answer 404.
func New(store *mlruns.Store, opt Options) *Server {
	s := &Server{store: store, opt: opt, log: opt.Logger, mux: http.NewServeMux(),
		methods: map[string][]string{}}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.routes()
	return s
}

// rpcs gathers the route tables: each maps "METHOD /path" (the path after
// /api/2.0 or /ajax-api/2.0) to its handler. Each family of endpoints keeps
// its table beside its handlers.
func (s *Server) rpcs() map[string]http.HandlerFunc {
	all := map[string]http.HandlerFunc{}
	for _, table := range []map[string]http.HandlerFunc{
		s.trackingReadRPCs(),
		s.registryRPCs(),
		s.trackingWriteRPCs(),
		s.loggedModelRPCs(),
		s.tableRPCs(),
		s.liveRPCs(),
		s.mlmodelRPCs(),
	} {
		maps.Copy(all, table)
	}
	return all
}

// trackingReadRPCs are MLflow's tracking read endpoints.
func (s *Server) trackingReadRPCs() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"GET /mlflow/experiments/search":      s.handleExperimentSearch,
		"POST /mlflow/experiments/search":     s.handleExperimentSearch,
		"GET /mlflow/experiments/get":         s.handleExperimentGet,
		"GET /mlflow/experiments/get-by-name": s.handleExperimentGetByName,
		"POST /mlflow/runs/search":            s.handleRunSearch,
		"GET /mlflow/runs/get":                s.handleRunGet,
		"GET /mlflow/metrics/get-history":     s.handleMetricHistory,
		"GET /mlflow/artifacts/list":          s.handleArtifactList,
	}
}

func (s *Server) routes() {
	for pattern, h := range s.rpcs() {
		method, path, _ := strings.Cut(pattern, " ")
		for _, prefix := range []string{"/api/2.0", "/ajax-api/2.0"} {
			s.mux.HandleFunc(method+" "+prefix+path, h)
			s.methods[prefix+path] = append(s.methods[prefix+path], method)
		}
	}
	s.mux.HandleFunc("GET /api/3.0/mlflow/server-info", s.handleServerInfo)
	s.mux.HandleFunc("GET /ajax-api/3.0/mlflow/server-info", s.handleServerInfo)
	s.mux.HandleFunc("GET /health", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("OK"))
	})
	s.mux.HandleFunc("GET /version", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte(s.opt.Version))
	})
	s.mux.HandleFunc("GET /get-artifact", s.handleArtifactGet)
	s.mux.HandleFunc("GET /model-versions/get-artifact", s.handleModelVersionArtifact)
	s.proxyRoutes()
	s.zipRoutes()
	s.demoRoutes()
	s.mux.HandleFunc("/api/", s.handleUnknown)
	s.mux.HandleFunc("/ajax-api/", s.handleUnknown)
}

// ServeHTTP dispatches to the routes. An artifact path in the URL path
// with "." or ".." segments, or absolute ("artifacts//etc"), is refused as
// MLflow refuses it, 400 "Invalid path", before Go's router would clean it
// and redirect.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if rel, ok := proxiedPath(r.URL.Path); ok && uncleanPath(rel) {
		s.fail(w, r, mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Invalid path: %s", rel))
		return
	}
	s.mux.ServeHTTP(w, r)
}

// proxiedPath returns the artifact path of an mlflow-artifacts URL path.
func proxiedPath(p string) (string, bool) {
	for _, prefix := range []string{"/api/2.0/mlflow-artifacts/", "/ajax-api/2.0/mlflow-artifacts/"} {
		rest, ok := strings.CutPrefix(p, prefix)
		if !ok {
			continue
		}
		if rel, ok := strings.CutPrefix(rest, "artifacts/"); ok {
			return rel, true
		}
		if rel, ok := strings.CutPrefix(rest, "mpu/"); ok {
			if _, rel, ok := strings.Cut(rel, "/"); ok {
				return rel, true
			}
		}
	}
	return "", false
}

// uncleanPath reports whether the router would clean p: "." or ".."
// segments, or empty ones but for a trailing slash.
func uncleanPath(p string) bool {
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		if seg == "." || seg == ".." || seg == "" && i < len(segs)-1 {
			return true
		}
	}
	return false
}

// Owns reports whether the path belongs to the API rather than to the UI.
func Owns(path string) bool {
	return strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/ajax-api/") ||
		path == "/health" || path == "/version" || path == "/get-artifact" ||
		path == "/model-versions/get-artifact"
}

// handleUnknown answers paths no route took: 405 when the path exists for
// another method (as MLflow's Flask server answers), 404 otherwise.
func (s *Server) handleUnknown(w http.ResponseWriter, r *http.Request) {
	if allowed := s.methods[r.URL.Path]; len(allowed) > 0 {
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusMethodNotAllowed)
		b, _ := json.Marshal(mlflow.Errorf(mlflow.CodeBadRequest,
			"Method %s is not allowed for %s", r.Method, r.URL.Path))
		w.Write(b)
		return
	}
	s.fail(w, r, mlflow.Errorf(mlflow.CodeEndpointNotFound,
		"No API endpoint %s %s", r.Method, r.URL.Path))
}

func (s *Server) handleServerInfo(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, map[string]any{
		"store_type":                  "FileStore",
		"workspaces_enabled":          false,
		"trace_archival_enabled":      false,
		"multipart_uploads_enabled":   false,
		"multipart_downloads_enabled": false,
	})
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	writeError(w, s.log, r, err)
}
