package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestAPIErrors checks MLflow's error code and HTTP status for each read
// endpoint's error paths, against the real server.
func TestAPIErrors(t *testing.T) {
	srv := startServer(t, "--backend-store-uri", testTree)
	tests := []struct {
		name   string
		method string
		path   string
		body   any
		status int
		code   string
		msg    string // part of the message
	}{
		{"get experiment without id", "GET", "/api/2.0/mlflow/experiments/get", nil, 400,
			"INVALID_PARAMETER_VALUE", "Missing value for required parameter 'experiment_id'"},
		{"unknown experiment", "GET", "/api/2.0/mlflow/experiments/get?experiment_id=999", nil, 404,
			"RESOURCE_DOES_NOT_EXIST", "Could not find experiment with ID 999"},
		{"malformed experiment id", "GET", "/api/2.0/mlflow/experiments/get?experiment_id=..%2Fx", nil, 400,
			"INVALID_PARAMETER_VALUE", "Invalid experiment ID"},
		{"unknown experiment name", "GET", "/ajax-api/2.0/mlflow/experiments/get-by-name?experiment_name=nope",
			nil, 404, "RESOURCE_DOES_NOT_EXIST", "Could not find experiment with name 'nope'"},
		{"deleted name is not found by name", "GET",
			"/api/2.0/mlflow/experiments/get-by-name?experiment_name=retired-baselines", nil, 404,
			"RESOURCE_DOES_NOT_EXIST", ""},
		{"get run without id", "GET", "/api/2.0/mlflow/runs/get", nil, 400,
			"INVALID_PARAMETER_VALUE", "Missing value for required parameter 'run_id'"},
		{"unknown run", "GET", "/api/2.0/mlflow/runs/get?run_id=0123456789abcdef0123456789abcdef", nil, 404,
			"RESOURCE_DOES_NOT_EXIST", "Run '0123456789abcdef0123456789abcdef' not found"},
		{"malformed run id", "GET", "/api/2.0/mlflow/runs/get?run_id=%2Fetc", nil, 400,
			"INVALID_PARAMETER_VALUE", "Invalid run ID"},
		{"history without key", "GET", "/api/2.0/mlflow/metrics/get-history?run_id=" + owlRun, nil, 400,
			"INVALID_PARAMETER_VALUE", "'metric_key'"},
		{"search runs too many results", "POST", "/api/2.0/mlflow/runs/search",
			map[string]any{"experiment_ids": []string{wineExp}, "max_results": 50001}, 400,
			"INVALID_PARAMETER_VALUE", "max_results"},
		{"search runs bad view", "POST", "/api/2.0/mlflow/runs/search",
			map[string]any{"experiment_ids": []string{wineExp}, "run_view_type": "SOME"}, 400,
			"INVALID_PARAMETER_VALUE", "run_view_type"},
		{"search runs bad token", "POST", "/api/2.0/mlflow/runs/search",
			map[string]any{"experiment_ids": []string{wineExp}, "page_token": "!!"}, 400,
			"INVALID_PARAMETER_VALUE", "Invalid page token"},
		{"search runs with OR", "POST", "/api/2.0/mlflow/runs/search",
			map[string]any{"experiment_ids": []string{wineExp}, "filter": "metrics.rmse < 1 OR params.a = '1'"},
			400, "INVALID_PARAMETER_VALUE", "Invalid clause(s) in filter string"},
		{"search runs with a bad order", "POST", "/api/2.0/mlflow/runs/search",
			map[string]any{"experiment_ids": []string{wineExp}, "order_by": []string{"metrics.rmse UP"}},
			400, "INVALID_PARAMETER_VALUE", "order_by"},
		{"search experiments bad filter", "GET", "/api/2.0/mlflow/experiments/search?filter=nme%3D%27x%27",
			nil, 400, "INVALID_PARAMETER_VALUE", "Invalid attribute key"},
		{"search experiments zero results", "GET", "/api/2.0/mlflow/experiments/search?max_results=0", nil,
			400, "INVALID_PARAMETER_VALUE", "max_results"},
		{"runs/search is POST only", "GET", "/api/2.0/mlflow/runs/search", nil, 405, "", ""},
		{"unknown endpoint", "GET", "/api/2.0/mlflow/nothing-here", nil, 404, "ENDPOINT_NOT_FOUND", ""},
		{"artifact traversal", "GET", "/api/2.0/mlflow/artifacts/list?run_id=" + owlRun + "&path=../..", nil,
			400, "INVALID_PARAMETER_VALUE", "Invalid path"},
		{"artifact absolute", "GET", "/get-artifact?run_id=" + owlRun + "&path=/etc/passwd", nil,
			400, "INVALID_PARAMETER_VALUE", "Invalid path"},
		{"artifact encoded dots", "GET", "/get-artifact?run_id=" + owlRun + "&path=%252e%252e/meta.yaml", nil,
			400, "INVALID_PARAMETER_VALUE", "Invalid path"},
		{"artifact missing", "GET", "/get-artifact?run_id=" + owlRun + "&path=nope.txt", nil,
			404, "RESOURCE_DOES_NOT_EXIST", ""},
		{"artifact without path", "GET", "/get-artifact?run_id=" + owlRun, nil,
			400, "INVALID_PARAMETER_VALUE", "'path'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp struct {
				Code    string `json:"error_code"`
				Message string `json:"message"`
			}
			var out any = &resp
			if tt.code == "" {
				out = nil
			}
			status := srv.call(t, tt.method, tt.path, tt.body, out)
			if status != tt.status || resp.Code != tt.code || !strings.Contains(resp.Message, tt.msg) {
				t.Errorf("%s %s: got %d %s %q; want %d %s containing %q", tt.method, tt.path,
					status, resp.Code, resp.Message, tt.status, tt.code, tt.msg)
			}
		})
	}
}

func TestContentTypeRequired(t *testing.T) {
	srv := startServer(t, "--backend-store-uri", testTree)
	resp, err := http.Post(srv.URL+"/api/2.0/mlflow/runs/search", "text/plain", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 400 || !strings.Contains(string(b), "Content-Type must be one of [application/json]") {
		t.Errorf("POST with text/plain: %d %s", resp.StatusCode, b)
	}
}

// TestReadEndpoints checks the shapes MLflow clients rely on.
func TestReadEndpoints(t *testing.T) {
	srv := startServer(t, "--backend-store-uri", testTree)
	for _, p := range []string{"/health", "/version"} {
		resp, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || len(b) == 0 || (p == "/health" && string(b) != "OK") {
			t.Errorf("GET %s: %d %q", p, resp.StatusCode, b)
		}
	}

	var found struct {
		Runs []struct {
			Info struct {
				RunName string `json:"run_name"`
			} `json:"info"`
		} `json:"runs"`
	}
	srv.call(t, "POST", "/api/2.0/mlflow/runs/search", map[string]any{"experiment_ids": []string{wineExp},
		"filter":   "metrics.rmse < 0.8 and params.alpha = '0.5' and tags.\"mlflow.runName\" LIKE 'gentle%'",
		"order_by": []string{"metrics.rmse DESC"}}, &found)
	if len(found.Runs) != 1 || found.Runs[0].Info.RunName != "gentle-owl-42" {
		t.Errorf("filtered search: %+v", found.Runs)
	}
	srv.call(t, "POST", "/api/2.0/mlflow/runs/search", map[string]any{"experiment_ids": []string{wineExp},
		"order_by": []string{"metrics.rmse DESC"}}, &found)
	if len(found.Runs) != 2 || found.Runs[0].Info.RunName != "brave-fox-7" {
		t.Errorf("ordered search: %+v", found.Runs)
	}

	var hist struct {
		Metrics []struct {
			Key   string  `json:"key"`
			Value float64 `json:"value"`
			Step  *int64  `json:"step"`
		} `json:"metrics"`
	}
	srv.call(t, "GET", "/api/2.0/mlflow/metrics/get-history?run_uuid="+owlRun+"&metric_key=train/loss", nil, &hist)
	if len(hist.Metrics) != 3 || hist.Metrics[0].Step == nil || *hist.Metrics[0].Step != 0 ||
		hist.Metrics[2].Value != 0.55 {
		t.Errorf("history of train/loss: %+v", hist.Metrics)
	}

	var list struct {
		RootURI string `json:"root_uri"`
		Files   []struct {
			Path     string `json:"path"`
			IsDir    bool   `json:"is_dir"`
			FileSize *int64 `json:"file_size"`
		} `json:"files"`
	}
	srv.call(t, "GET", "/api/2.0/mlflow/artifacts/list?run_id="+owlRun+"&path=model", nil, &list)
	if !strings.HasSuffix(list.RootURI, owlRun+"/artifacts") || len(list.Files) != 2 ||
		list.Files[0].Path != "model/MLmodel" || list.Files[0].FileSize == nil {
		t.Errorf("artifacts/list of model: %+v", list)
	}
	list.Files = nil
	srv.call(t, "GET", "/api/2.0/mlflow/artifacts/list?run_id="+owlRun, nil, &list)
	if len(list.Files) != 2 || !list.Files[0].IsDir || list.Files[0].FileSize != nil {
		t.Errorf("artifacts/list of the root: %+v", list)
	}

	req, _ := http.NewRequest("GET", srv.URL+"/get-artifact?run_id="+owlRun+"&path=notes.txt", nil)
	req.Header.Set("Range", "bytes=0-7")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 206 || string(b) != "Best run" ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") ||
		resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("ranged get-artifact: %d %q %v", resp.StatusCode, b, resp.Header)
	}
}
