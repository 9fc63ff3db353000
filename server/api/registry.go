package api

import (
	"mime"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"mlscope/app/mlflow"
	"mlscope/server/mlruns"
)

// Limits of max_results in the file registry's searches.
const (
	modelsDefaultMax   = 100
	modelsMaxResults   = 1000
	versionsDefaultMax = 200000
	versionsMaxResults = 200000
)

// registryRPCs are MLflow's model registry endpoints. mlscope's
// registry is read-only for now: the write endpoints answer 501.
func (s *Server) registryRPCs() map[string]http.HandlerFunc {
	rpcs := map[string]http.HandlerFunc{
		"GET /mlflow/registered-models/search":               s.handleRegisteredModelSearch,
		"GET /mlflow/registered-models/get":                  s.handleRegisteredModelGet,
		"GET /mlflow/registered-models/get-latest-versions":  s.handleLatestVersions,
		"POST /mlflow/registered-models/get-latest-versions": s.handleLatestVersions,
		"GET /mlflow/registered-models/alias":                s.handleVersionByAlias,
		"GET /mlflow/model-versions/search":                  s.handleModelVersionSearch,
		"GET /mlflow/model-versions/get":                     s.handleModelVersionGet,
		"GET /mlflow/model-versions/get-download-uri":        s.handleModelVersionDownloadURI,
	}
	// TODO: registering, tagging, aliasing and stage transitions need a
	// registry writer in server/mlruns (issue 6).
	for _, p := range []string{
		"POST /mlflow/registered-models/create", "POST /mlflow/registered-models/rename",
		"PATCH /mlflow/registered-models/update", "DELETE /mlflow/registered-models/delete",
		"POST /mlflow/registered-models/set-tag", "DELETE /mlflow/registered-models/delete-tag",
		"POST /mlflow/registered-models/alias", "DELETE /mlflow/registered-models/alias",
		"POST /mlflow/model-versions/create", "PATCH /mlflow/model-versions/update",
		"POST /mlflow/model-versions/transition-stage", "DELETE /mlflow/model-versions/delete",
		"POST /mlflow/model-versions/set-tag", "DELETE /mlflow/model-versions/delete-tag",
	} {
		rpcs[p] = s.handleRegistryWrite
	}
	return rpcs
}

// handleRegistryWrite answers the registry's write endpoints, which
// mlscope does not serve yet.
func (s *Server) handleRegistryWrite(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, mlflow.Errorf(mlflow.CodeNotImplemented,
		"mlscope serves the model registry read-only; %s %s is not supported yet",
		r.Method, r.URL.Path))
}

// Attributes a registry filter may name, and keys order_by may use.
var (
	modelFilterAttrs   = map[string]regField{"name": regString}
	versionFilterAttrs = map[string]regField{
		"name": regString, "run_id": regList, "source_path": regString, "version_number": regNumber,
	}
	modelOrderKeys = map[string]bool{
		"name": true, "creation_timestamp": true, "last_updated_timestamp": true,
	}
	versionOrderKeys = map[string]bool{
		"name": true, "version_number": true, "creation_timestamp": true,
		"last_updated_timestamp": true,
	}
	versionDefaultOrder = []string{"last_updated_timestamp DESC", "name ASC", "version_number DESC"}
)

// searchParams reads the fields both registry searches share.
type searchParams struct {
	filter, token string
	orderBy       []string
	max           int
}

func readSearchParams(req *request, def, limit int64) (searchParams, error) {
	var p searchParams
	n, err := req.int("max_results", def)
	switch {
	case err != nil:
		return p, err
	case n < 1:
		return p, badRequest("Invalid value for max_results. It must be a positive integer, "+
			"but got %d", n)
	case n > limit:
		return p, badRequest("Invalid value for request parameter max_results. It must be "+
			"at most %d, but got value %d", limit, n)
	}
	p.max = int(n)
	if p.filter, err = req.str("filter"); err != nil {
		return p, err
	}
	if p.token, err = req.str("page_token"); err != nil {
		return p, err
	}
	p.orderBy, err = req.strs("order_by")
	return p, err
}

func (s *Server) handleRegisteredModelSearch(w http.ResponseWriter, r *http.Request) {
	req, err := readRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := readSearchParams(req, modelsDefaultMax, modelsMaxResults)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	clauses, err := parseRegistryFilter(p.filter, modelFilterAttrs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	order, err := parseRegistryOrder(p.orderBy, modelOrderKeys)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var models []*mlflow.RegisteredModel
	for _, m := range s.store.RegisteredModels() {
		if matchAll(clauses, modelField(m), m.Tags) {
			models = append(models, m)
		}
	}
	order = withTieBreaks(order, false)
	slices.SortStableFunc(models, func(a, b *mlflow.RegisteredModel) int {
		return compareBy(order, modelField(a), modelField(b))
	})
	page, next, err := paginate(len(models), p.max, p.token)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, struct {
		Models        []*mlflow.RegisteredModel `json:"registered_models,omitempty"`
		NextPageToken string                    `json:"next_page_token,omitempty"`
	}{models[page.start:page.end], next})
}

// modelField returns a registered model's attributes by name for filters
// and ordering, numbers as digits.
func modelField(m *mlflow.RegisteredModel) func(string) string {
	return func(key string) string {
		switch key {
		case "name":
			return m.Name
		case "creation_timestamp":
			return strconv.FormatInt(m.CreationTimestamp, 10)
		case "last_updated_timestamp":
			return strconv.FormatInt(m.LastUpdatedTimestamp, 10)
		}
		return ""
	}
}

// versionField does the same for model versions.
func versionField(v *mlruns.ModelVersion) func(string) string {
	return func(key string) string {
		switch key {
		case "name":
			return v.Name
		case "version", "version_number":
			return v.Version
		case "run_id":
			return v.RunID
		case "source_path":
			return v.Source
		case "creation_timestamp":
			return strconv.FormatInt(v.CreationTimestamp, 10)
		case "last_updated_timestamp":
			return strconv.FormatInt(v.LastUpdatedTimestamp, 10)
		}
		return ""
	}
}

func (s *Server) handleRegisteredModelGet(w http.ResponseWriter, r *http.Request) {
	req, err := readRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name, err := req.required("name")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := s.store.RegisteredModel(name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, struct {
		Model *mlflow.RegisteredModel `json:"registered_model"`
	}{m})
}

func (s *Server) handleModelVersionSearch(w http.ResponseWriter, r *http.Request) {
	req, err := readRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := readSearchParams(req, versionsDefaultMax, versionsMaxResults)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	clauses, err := parseRegistryFilter(p.filter, versionFilterAttrs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(p.orderBy) == 0 {
		p.orderBy = versionDefaultOrder
	}
	order, err := parseRegistryOrder(p.orderBy, versionOrderKeys)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var versions []*mlruns.ModelVersion
	for _, v := range s.store.ModelVersions() {
		if matchAll(clauses, versionField(v), v.Tags) {
			versions = append(versions, v)
		}
	}
	order = withTieBreaks(order, true)
	slices.SortStableFunc(versions, func(a, b *mlruns.ModelVersion) int {
		return compareBy(order, versionField(a), versionField(b))
	})
	page, next, err := paginate(len(versions), p.max, p.token)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]*mlflow.ModelVersion, 0, page.end-page.start)
	for _, v := range versions[page.start:page.end] {
		out = append(out, &v.ModelVersion)
	}
	writeJSON(w, struct {
		Versions      []*mlflow.ModelVersion `json:"model_versions,omitempty"`
		NextPageToken string                 `json:"next_page_token,omitempty"`
	}{out, next})
}

// versionRequest reads the name and version every version endpoint needs
// and loads the version.
func (s *Server) versionRequest(r *http.Request) (*mlruns.ModelVersion, error) {
	req, err := readRequest(r)
	if err != nil {
		return nil, err
	}
	name, err := req.required("name")
	if err != nil {
		return nil, err
	}
	version, err := req.required("version")
	if err != nil {
		return nil, err
	}
	return s.store.ModelVersion(name, version)
}

func (s *Server) handleModelVersionGet(w http.ResponseWriter, r *http.Request) {
	v, err := s.versionRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, struct {
		Version *mlflow.ModelVersion `json:"model_version"`
	}{&v.ModelVersion})
}

func (s *Server) handleModelVersionDownloadURI(w http.ResponseWriter, r *http.Request) {
	v, err := s.versionRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, struct {
		URI string `json:"artifact_uri"`
	}{mlruns.DownloadURI(v)})
}

// handleLatestVersions answers the latest version of each stage asked for
// (all stages when none is), as the file registry does.
func (s *Server) handleLatestVersions(w http.ResponseWriter, r *http.Request) {
	req, err := readRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name, err := req.required("name")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	stages, err := req.strs("stages")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := s.store.RegisteredModel(name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var out []*mlflow.ModelVersion
	for _, v := range m.LatestVersions {
		if len(stages) == 0 || slices.ContainsFunc(stages, func(st string) bool {
			return strings.EqualFold(st, v.CurrentStage)
		}) {
			out = append(out, v)
		}
	}
	writeJSON(w, struct {
		Versions []*mlflow.ModelVersion `json:"model_versions,omitempty"`
	}{out})
}

func (s *Server) handleVersionByAlias(w http.ResponseWriter, r *http.Request) {
	req, err := readRequest(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name, err := req.required("name")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	alias, err := req.required("alias")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := s.store.RegisteredModel(name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, a := range m.Aliases {
		if a.Alias == alias {
			v, err := s.store.ModelVersion(name, a.Version)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			writeJSON(w, struct {
				Version *mlflow.ModelVersion `json:"model_version"`
			}{&v.ModelVersion})
			return
		}
	}
	s.fail(w, r, badRequest("Registered model alias %s not found.", alias))
}

// handleModelVersionArtifact streams one file of a registered model
// version as an attachment, like handleArtifactGet does for runs.
func (s *Server) handleModelVersionArtifact(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	for _, k := range []string{"name", "version", "path"} {
		if !q.Has(k) {
			s.fail(w, r, missing(k))
			return
		}
	}
	f, fi, err := s.store.OpenModelVersionArtifact(q.Get("name"), q.Get("version"), q.Get("path"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer f.Close()
	name := path.Base(q.Get("path"))
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment",
		map[string]string{"filename": name}))
	http.ServeContent(w, r, name, fi.ModTime(), f)
}
