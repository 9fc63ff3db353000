package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// registryTree copies the test tree to a temporary folder and adds the
// registry of testdata/registry, leaving testdata/mlruns as other tests
// expect it.
func registryTree(t testing.TB) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "mlruns")
	if err := os.CopyFS(root, os.DirFS(testTree)); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(root, "models"), os.DirFS("testdata/registry/models")); err != nil {
		t.Fatal(err)
	}
	return root
}

// getRaw fetches a path and returns the status and the body.
func getRaw(t *testing.T, srv *testServer, path string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// names lists the "name" (and "version", when set) of each object in a
// JSON list field.
func names(t *testing.T, body []byte, field string) string {
	t.Helper()
	var doc map[string]json.RawMessage
	var list []map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	if raw, ok := doc[field]; ok {
		if err := json.Unmarshal(raw, &list); err != nil {
			t.Fatalf("decode %s: %v", raw, err)
		}
	}
	var out []string
	for _, o := range list {
		s, _ := o["name"].(string)
		if v, ok := o["version"].(string); ok {
			s += "/" + v
		}
		out = append(out, s)
	}
	return strings.Join(out, ",")
}

func TestRegistryAPI(t *testing.T) {
	srv := startServer(t, "--backend-store-uri", registryTree(t))
	const models = "/api/2.0/mlflow/registered-models/search"
	const versions = "/ajax-api/2.0/mlflow/model-versions/search"
	q := func(kv ...string) string {
		v := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			v.Add(kv[i], kv[i+1])
		}
		return "?" + v.Encode()
	}
	tests := []struct {
		name  string
		path  string
		field string // list field whose names are compared
		want  string
	}{
		{"all models", models, "registered_models", "wine-champion,wine-elasticnet"},
		{"name LIKE", models + q("filter", "name LIKE 'wine-e%'"), "registered_models", "wine-elasticnet"},
		{"name ILIKE", models + q("filter", "name ILIKE 'WINE-C%'"), "registered_models", "wine-champion"},
		{"name =", models + q("filter", "name = 'wine-champion'"), "registered_models", "wine-champion"},
		{"name !=", models + q("filter", "name != 'wine-champion'"), "registered_models", "wine-elasticnet"},
		{"tag", models + q("filter", "tags.task = 'regression'"), "registered_models", "wine-elasticnet"},
		{"no match", models + q("filter", "name = 'x'"), "registered_models", ""},
		{"newest first", models + q("order_by", "last_updated_timestamp DESC"), "registered_models",
			"wine-champion,wine-elasticnet"},
		{"name descending", models + q("order_by", "name DESC"), "registered_models",
			"wine-elasticnet,wine-champion"},
		// Newest change first, then name; the deleted version 3 is hidden.
		{"all versions", versions, "model_versions",
			"wine-champion/1,wine-elasticnet/1,wine-elasticnet/2"},
		{"versions of a model", versions + q("filter", "name='wine-elasticnet'"), "model_versions",
			"wine-elasticnet/1,wine-elasticnet/2"},
		{"versions of a run", versions + q("filter", "run_id='"+owlRun+"'"), "model_versions",
			"wine-champion/1,wine-elasticnet/1"},
		{"versions of runs", versions + q("filter", "run_id IN ('"+foxRun+"', 'nope')"), "model_versions",
			"wine-elasticnet/2"},
		{"version number", versions + q("filter", "name='wine-elasticnet' AND version_number > 1"),
			"model_versions", "wine-elasticnet/2"},
		{"version order", versions + q("order_by", "version_number ASC", "order_by", "name DESC"),
			"model_versions", "wine-elasticnet/1,wine-champion/1,wine-elasticnet/2"},
		{"latest versions", "/api/2.0/mlflow/registered-models/get-latest-versions" +
			q("name", "wine-elasticnet", "stages", "production"), "model_versions", "wine-elasticnet/1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := getRaw(t, srv, tt.path)
			if status != 200 {
				t.Fatalf("GET %s: %d %s", tt.path, status, body)
			}
			if got := names(t, body, tt.field); got != tt.want {
				t.Errorf("GET %s: %s, want %s", tt.path, got, tt.want)
			}
		})
	}
}

// TestRegistryJSON compares whole answers with MLflow's JSON shapes: the
// version number as a string, stage and status by name, empty fields
// left out.
func TestRegistryJSON(t *testing.T) {
	srv := startServer(t, "--backend-store-uri", registryTree(t))
	v1 := map[string]any{
		"name": "wine-elasticnet", "version": "1", "creation_timestamp": 1733250380000.0,
		"last_updated_timestamp": 1733250450000.0, "current_stage": "Production",
		"source": "file:///home/alice/wine/mlruns/" + wineExp + "/" + owlRun + "/artifacts/model",
		"run_id": owlRun, "status": "READY", "aliases": []any{"champion"},
		"tags": []any{map[string]any{"key": "validated", "value": "true"}},
	}
	v2 := map[string]any{
		"name": "wine-elasticnet", "version": "2", "creation_timestamp": 1733250410000.0,
		"last_updated_timestamp": 1733250410000.0, "current_stage": "None",
		"source": "file:///home/alice/wine/mlruns/" + wineExp + "/" + foxRun + "/artifacts/model",
		"run_id": foxRun, "status": "READY",
	}
	tests := []struct {
		path string
		want map[string]any
	}{
		{"/api/2.0/mlflow/model-versions/get?name=wine-elasticnet&version=1",
			map[string]any{"model_version": v1}},
		{"/api/2.0/mlflow/registered-models/alias?name=wine-elasticnet&alias=champion",
			map[string]any{"model_version": v1}},
		{"/api/2.0/mlflow/registered-models/get?name=wine-elasticnet",
			map[string]any{"registered_model": map[string]any{
				"name": "wine-elasticnet", "creation_timestamp": 1733250380000.0,
				"last_updated_timestamp": 1733250520000.0,
				"description":            "Elastic net on the wine quality data",
				"latest_versions":        []any{v2, v1},
				"tags":                   []any{map[string]any{"key": "task", "value": "regression"}},
				"aliases":                []any{map[string]any{"alias": "champion", "version": "1"}},
			}}},
		{"/api/2.0/mlflow/model-versions/get-download-uri?name=wine-elasticnet&version=2",
			map[string]any{"artifact_uri": v2["source"]}},
		{"/api/2.0/mlflow/registered-models/search?filter=name%3D%27none%27", map[string]any{}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			status, body := getRaw(t, srv, tt.path)
			var got map[string]any
			if err := json.Unmarshal(body, &got); status != 200 || err != nil {
				t.Fatalf("%d %s: %v", status, body, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("GET %s:\n got %s\nwant %s", tt.path, body, mustJSON(tt.want))
			}
		})
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestRegistryPaging walks both searches one result at a time.
func TestRegistryPaging(t *testing.T) {
	srv := startServer(t, "--backend-store-uri", registryTree(t))
	for _, tt := range []struct{ path, field, want string }{
		{"/api/2.0/mlflow/registered-models/search", "registered_models", "wine-champion,wine-elasticnet"},
		{"/api/2.0/mlflow/model-versions/search", "model_versions",
			"wine-champion/1,wine-elasticnet/1,wine-elasticnet/2"},
	} {
		var got []string
		token := ""
		for i := 0; i < 10; i++ {
			status, body := getRaw(t, srv, tt.path+"?max_results=1&page_token="+url.QueryEscape(token))
			if status != 200 {
				t.Fatalf("%s: %d %s", tt.path, status, body)
			}
			got = append(got, names(t, body, tt.field))
			var page struct {
				Next string `json:"next_page_token"`
			}
			json.Unmarshal(body, &page)
			if token = page.Next; token == "" {
				break
			}
		}
		if strings.Join(got, ",") != tt.want {
			t.Errorf("%s pages: %v, want %s", tt.path, got, tt.want)
		}
	}
}

func TestModelVersionArtifact(t *testing.T) {
	srv := startServer(t, "--backend-store-uri", registryTree(t))
	tests := []struct {
		name, query string
		status      int
		want        string // part of the body
	}{
		{"MLmodel", "name=wine-elasticnet&version=1&path=MLmodel", 200, "artifact_path: model"},
		// wine-champion 1 was copied from models:/wine-elasticnet/1.
		{"through models:/", "name=wine-champion&version=1&path=requirements.txt", 200, "scikit-learn"},
		{"files elsewhere", "name=wine-elasticnet&version=2&path=MLmodel", 404, "RESOURCE_DOES_NOT_EXIST"},
		{"deleted version", "name=wine-elasticnet&version=3&path=MLmodel", 404, "RESOURCE_DOES_NOT_EXIST"},
		{"traversal", "name=wine-elasticnet&version=1&path=../notes.txt", 400, "Invalid path"},
		{"absolute", "name=wine-elasticnet&version=1&path=/etc/passwd", 400, "Invalid path"},
		{"encoded dots", "name=wine-elasticnet&version=1&path=%252e%252e/notes.txt", 400, "Invalid path"},
		{"no path", "name=wine-elasticnet&version=1", 400, "'path'"},
		{"unknown model", "name=nope&version=1&path=MLmodel", 404, "RESOURCE_DOES_NOT_EXIST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := getRaw(t, srv, "/model-versions/get-artifact?"+tt.query)
			if status != tt.status || !strings.Contains(string(body), tt.want) {
				t.Errorf("%s: %d %.200s; want %d containing %q", tt.query, status, body, tt.status, tt.want)
			}
		})
	}
}

// TestRegistryAPIErrors checks MLflow's error code and status for the
// registry endpoints' error paths.
func TestRegistryAPIErrors(t *testing.T) {
	srv := startServer(t, "--backend-store-uri", registryTree(t))
	const rm = "/api/2.0/mlflow/registered-models/"
	const mv = "/api/2.0/mlflow/model-versions/"
	tests := []struct {
		name   string
		path   string
		status int
		code   string
		msg    string
	}{
		{"get without name", rm + "get", 400, "INVALID_PARAMETER_VALUE", "'name'"},
		{"unknown model", rm + "get?name=nope", 404, "RESOURCE_DOES_NOT_EXIST",
			"Registered Model with name=nope not found"},
		{"name with a separator", rm + "get?name=a%2Fb", 400, "INVALID_PARAMETER_VALUE", "path separator"},
		{"name .. is no folder", rm + "get?name=..", 404, "RESOURCE_DOES_NOT_EXIST", ""},
		{"too many models", rm + "search?max_results=1001", 400, "INVALID_PARAMETER_VALUE", "at most 1000"},
		{"zero models", rm + "search?max_results=0", 400, "INVALID_PARAMETER_VALUE", "positive integer"},
		{"bad filter key", rm + "search?filter=owner%3D%27x%27", 400, "INVALID_PARAMETER_VALUE",
			"Invalid attribute key 'owner'"},
		{"unquoted value", rm + "search?filter=name%3Dx", 400, "INVALID_PARAMETER_VALUE", "quoted string"},
		{"open quote", rm + "search?filter=name%3D%27x", 400, "INVALID_PARAMETER_VALUE", "Could not be parsed"},
		{"OR", rm + "search?filter=name%3D%27a%27+OR+name%3D%27b%27", 400, "INVALID_PARAMETER_VALUE", ""},
		{"IN on a name", rm + "search?filter=name+IN+(%27a%27)", 400, "INVALID_PARAMETER_VALUE",
			"Invalid comparator"},
		{"bad order key", rm + "search?order_by=owner", 400, "INVALID_PARAMETER_VALUE", "Invalid order by key"},
		{"bad order direction", rm + "search?order_by=name+UP", 400, "INVALID_PARAMETER_VALUE", ""},
		{"bad token", rm + "search?page_token=%21%21", 400, "INVALID_PARAMETER_VALUE", "Invalid page token"},
		{"search is GET only", rm + "search", 405, "", ""},
		{"version without version", mv + "get?name=wine-elasticnet", 400, "INVALID_PARAMETER_VALUE",
			"'version'"},
		{"version not a number", mv + "get?name=wine-elasticnet&version=one", 400,
			"INVALID_PARAMETER_VALUE", "must be an integer"},
		{"unknown version", mv + "get?name=wine-elasticnet&version=9", 404, "RESOURCE_DOES_NOT_EXIST",
			"Model Version (name=wine-elasticnet, version=9) not found"},
		{"deleted version", mv + "get-download-uri?name=wine-elasticnet&version=3", 404,
			"RESOURCE_DOES_NOT_EXIST", ""},
		{"version of unknown model", mv + "get?name=nope&version=1", 404, "RESOURCE_DOES_NOT_EXIST", ""},
		{"version filter value not a number", mv + "search?filter=version_number%3D%27x%27", 400,
			"INVALID_PARAMETER_VALUE", "integer"},
		{"too many versions", mv + "search?max_results=200001", 400, "INVALID_PARAMETER_VALUE", "at most"},
		{"unknown alias", rm + "alias?name=wine-elasticnet&alias=nope", 400, "INVALID_PARAMETER_VALUE",
			"alias nope not found"},
		{"create is not served", rm + "create", 501, "NOT_IMPLEMENTED", "read-only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := "GET"
			if tt.name == "search is GET only" || strings.HasPrefix(tt.name, "create") {
				method = "POST"
			}
			var resp struct {
				Code    string `json:"error_code"`
				Message string `json:"message"`
			}
			var out any = &resp
			if tt.code == "" {
				out = nil
			}
			status := srv.call(t, method, tt.path, nil, out)
			if status != tt.status || resp.Code != tt.code || !strings.Contains(resp.Message, tt.msg) {
				t.Errorf("%s %s: got %d %s %q; want %d %s containing %q", method, tt.path,
					status, resp.Code, resp.Message, tt.status, tt.code, tt.msg)
			}
		})
	}
}
