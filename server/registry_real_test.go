package main

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"mlscope/app/mlflow"
)

// wantVersion is a model version as its files say, read for this test by
// a plain walk, not by the store's code.
type wantVersion struct {
	name, version, stage, source, runID, status string
	created, updated                            int64
	mlmodel                                     []byte // the MLmodel file in the tree, nil if absent
}

type wantModel struct {
	name, description string
	created, updated  int64
	versions          map[string]*wantVersion
}

// expectRegistry reads <tree>/models: every model folder with a readable
// meta.yaml, and each version not deleted.
func expectRegistry(t *testing.T, tree string) map[string]*wantModel {
	out := map[string]*wantModel{}
	dirs, _ := os.ReadDir(filepath.Join(tree, "models"))
	for _, d := range dirs {
		dir := filepath.Join(tree, "models", d.Name())
		var meta map[string]any
		if !d.IsDir() || !readYAML(filepath.Join(dir, "meta.yaml"), &meta) {
			continue
		}
		m := &wantModel{name: d.Name(), versions: map[string]*wantVersion{}}
		m.description, _ = meta["description"].(string)
		m.created, m.updated = yamlInt(meta["creation_timestamp"]), yamlInt(meta["last_updated_timestamp"])
		vdirs, _ := filepath.Glob(filepath.Join(dir, "version-*", "meta.yaml"))
		for _, p := range vdirs {
			var vm map[string]any
			if !readYAML(p, &vm) || vm["current_stage"] == "Deleted_Internal" {
				continue
			}
			v := &wantVersion{name: m.name, version: strconv.FormatInt(yamlInt(vm["version"]), 10)}
			v.stage, _ = vm["current_stage"].(string)
			v.source, _ = vm["source"].(string)
			v.runID, _ = vm["run_id"].(string)
			v.status, _ = vm["status"].(string)
			v.created, v.updated = yamlInt(vm["creation_timestamp"]), yamlInt(vm["last_updated_timestamp"])
			v.mlmodel = findModelFile(tree, v.runID, v.source)
			m.versions[v.version] = v
		}
		out[m.name] = m
	}
	return out
}

func yamlInt(v any) int64 {
	n, _ := v.(int)
	return int64(n)
}

// findModelFile looks for <exp>/<run>/artifacts/<path>/MLmodel in the
// tree, <path> being what follows "<run>/artifacts/" in the source.
func findModelFile(tree, runID, source string) []byte {
	_, rel, ok := strings.Cut(source, runID+"/artifacts/")
	if !ok || runID == "" {
		return nil
	}
	matches, _ := filepath.Glob(filepath.Join(tree, "*", runID, "artifacts", rel, "MLmodel"))
	if len(matches) != 1 {
		return nil
	}
	b, _ := os.ReadFile(matches[0])
	return b
}

// TestRealRegistries serves each shared real tree that has a registry and
// checks that every registered model and version on disk is listed and
// got with the fields its files hold, and that each version's MLmodel is
// served exactly when the tree holds it.
func TestRealRegistries(t *testing.T) {
	seen := 0
	for _, tree := range realTrees(t) {
		if _, err := os.Stat(filepath.Join(tree, "models")); err != nil {
			continue
		}
		seen++
		name := tree[strings.Index(tree, "mlruns-real/")+len("mlruns-real/"):]
		t.Run(name, func(t *testing.T) {
			want := expectRegistry(t, tree)
			srv := startServer(t, "--backend-store-uri", tree, "--artifacts-destination", t.TempDir())
			checkModelList(t, srv, want)
			for _, m := range want {
				checkModel(t, srv, m)
				for _, v := range m.versions {
					checkVersion(t, srv, v)
				}
			}
		})
	}
	if seen < 4 {
		t.Errorf("%d real trees with a registry, want at least 4", seen)
	}
}

func checkModelList(t *testing.T, srv *testServer, want map[string]*wantModel) {
	listed := map[string]bool{}
	token := ""
	for i := 0; i < 100; i++ {
		var page struct {
			Models []mlflow.RegisteredModel `json:"registered_models"`
			Next   string                   `json:"next_page_token"`
		}
		path := "/api/2.0/mlflow/registered-models/search?max_results=2&page_token=" + url.QueryEscape(token)
		if st := srv.call(t, "GET", path, nil, &page); st != 200 {
			t.Fatalf("registered-models/search: %d", st)
		}
		for _, m := range page.Models {
			listed[m.Name] = true
		}
		if token = page.Next; token == "" {
			break
		}
	}
	if len(listed) != len(want) {
		t.Errorf("listed %v, on disk %d models", listed, len(want))
	}
	var versions struct {
		Versions []mlflow.ModelVersion `json:"model_versions"`
	}
	srv.call(t, "GET", "/api/2.0/mlflow/model-versions/search", nil, &versions)
	n := 0
	for _, m := range want {
		n += len(m.versions)
	}
	if len(versions.Versions) != n {
		t.Errorf("model-versions/search listed %d versions, on disk %d", len(versions.Versions), n)
	}
}

func checkModel(t *testing.T, srv *testServer, w *wantModel) {
	var resp struct {
		Model mlflow.RegisteredModel `json:"registered_model"`
	}
	path := "/api/2.0/mlflow/registered-models/get?name=" + url.QueryEscape(w.name)
	if st := srv.call(t, "GET", path, nil, &resp); st != 200 {
		t.Fatalf("get %s: %d", w.name, st)
	}
	m := resp.Model
	if m.Name != w.name || m.Description != w.description || m.CreationTimestamp != w.created ||
		m.LastUpdatedTimestamp != w.updated {
		t.Errorf("model %s: got %+v, files hold %+v", w.name, m, *w)
	}
	// The latest version of each stage, and only versions that exist.
	latest := map[string]int64{}
	for _, v := range w.versions {
		n, _ := strconv.ParseInt(v.version, 10, 64)
		latest[v.stage] = max(latest[v.stage], n)
	}
	if len(m.LatestVersions) != len(latest) {
		t.Errorf("model %s: %d latest versions, want one for each of %v", w.name,
			len(m.LatestVersions), latest)
	}
	for _, lv := range m.LatestVersions {
		if strconv.FormatInt(latest[lv.CurrentStage], 10) != lv.Version {
			t.Errorf("model %s: latest %s is %s, want %d", w.name, lv.CurrentStage, lv.Version,
				latest[lv.CurrentStage])
		}
	}
}

func checkVersion(t *testing.T, srv *testServer, w *wantVersion) {
	q := "name=" + url.QueryEscape(w.name) + "&version=" + w.version
	var resp struct {
		Version mlflow.ModelVersion `json:"model_version"`
	}
	if st := srv.call(t, "GET", "/api/2.0/mlflow/model-versions/get?"+q, nil, &resp); st != 200 {
		t.Fatalf("get %s: %d", q, st)
	}
	v := resp.Version
	if v.Name != w.name || v.Version != w.version || v.CurrentStage != w.stage || v.Source != w.source ||
		v.RunID != w.runID || v.Status != w.status || v.CreationTimestamp != w.created ||
		v.LastUpdatedTimestamp != w.updated {
		t.Errorf("version %s: got %+v, files hold %+v", q, v, *w)
	}
	var byRun struct {
		Versions []mlflow.ModelVersion `json:"model_versions"`
	}
	filter := url.QueryEscape("run_id = '" + w.runID + "'")
	srv.call(t, "GET", "/ajax-api/2.0/mlflow/model-versions/search?filter="+filter, nil, &byRun)
	found := false
	for _, o := range byRun.Versions {
		found = found || o.Name == w.name && o.Version == w.version
	}
	if !found {
		t.Errorf("version %s not found by its run %s", q, w.runID)
	}
	status, body := getRaw(t, srv, "/model-versions/get-artifact?"+q+"&path=MLmodel")
	switch {
	case w.mlmodel != nil && (status != 200 || string(body) != string(w.mlmodel)):
		t.Errorf("MLmodel of %s: %d %.100s; the tree holds it", q, status, body)
	case w.mlmodel == nil && status != 404:
		t.Errorf("MLmodel of %s: %d, want 404 (not in the tree)", q, status)
	case w.mlmodel == nil:
		var e mlflow.Error
		if json.Unmarshal(body, &e) != nil || e.Code != mlflow.CodeResourceDoesNotExist {
			t.Errorf("MLmodel of %s: %s", q, body)
		}
	}
}
