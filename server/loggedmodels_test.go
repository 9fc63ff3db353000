package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoggedModelFlow walks the calls an MLflow 3 client makes for
// log_model: create the logged model, upload its files to its artifact
// URI, finalize it, link it to the run, and log a metric against it.
func TestLoggedModelFlow(t *testing.T) {
	f := newWriteFixture(t)
	var created struct {
		Model struct {
			Info struct {
				ModelID     string `json:"model_id"`
				ArtifactURI string `json:"artifact_uri"`
				Status      string `json:"status"`
			} `json:"info"`
		} `json:"model"`
	}
	if st := f.srv.call(t, "POST", "/api/2.0/mlflow/logged-models", map[string]any{
		"experiment_id": f.exp, "name": "model", "source_run_id": f.run,
		"params": []map[string]any{{"key": "n_estimators", "value": "100"}},
		"tags":   []map[string]any{{"key": "mlflow.user", "value": "u"}}}, &created); st != 200 {
		t.Fatalf("create: %d", st)
	}
	info := created.Model.Info
	if !strings.HasPrefix(info.ModelID, "m-") || info.Status != "LOGGED_MODEL_PENDING" ||
		info.ArtifactURI != "mlflow-artifacts:/"+f.exp+"/models/"+info.ModelID+"/artifacts" {
		t.Fatalf("created model: %+v", info)
	}
	put := "/api/2.0/mlflow-artifacts/artifacts/" + f.exp + "/models/" + info.ModelID + "/artifacts/MLmodel"
	req, _ := http.NewRequest("PUT", f.srv.URL+put, strings.NewReader("artifact_path: model\n"))
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("upload: %v %v", resp, err)
	}
	var fin struct {
		Model struct {
			Info struct{ Status string } `json:"info"`
		} `json:"model"`
	}
	if st := f.srv.call(t, "PATCH", "/api/2.0/mlflow/logged-models/"+info.ModelID,
		map[string]any{"model_id": info.ModelID, "status": "LOGGED_MODEL_READY"}, &fin); st != 200 ||
		fin.Model.Info.Status != "LOGGED_MODEL_READY" {
		t.Fatalf("finalize: %d %+v", st, fin)
	}
	f.post(t, "runs/outputs", map[string]any{"run_id": f.run,
		"models": []map[string]any{{"model_id": info.ModelID, "step": 0}}}, 200)
	f.post(t, "runs/log-batch", map[string]any{"run_id": f.run, "metrics": []map[string]any{
		{"key": "auc", "value": 0.91, "timestamp": 5, "step": 0, "model_id": info.ModelID}}}, 200)

	var run struct {
		Run struct {
			Outputs struct {
				ModelOutputs []struct {
					ModelID string `json:"model_id"`
				} `json:"model_outputs"`
			} `json:"outputs"`
		} `json:"run"`
	}
	f.srv.call(t, "GET", "/api/2.0/mlflow/runs/get?run_id="+f.run, nil, &run)
	if o := run.Run.Outputs.ModelOutputs; len(o) != 1 || o[0].ModelID != info.ModelID {
		t.Errorf("run outputs: %+v", o)
	}
	var got struct {
		Model struct {
			Data struct {
				Params  []struct{ Key, Value string }
				Metrics []struct {
					Key   string
					Value float64
				}
			} `json:"data"`
		} `json:"model"`
	}
	f.srv.call(t, "GET", "/api/2.0/mlflow/logged-models/"+info.ModelID, nil, &got)
	if d := got.Model.Data; len(d.Params) != 1 || len(d.Metrics) != 1 || d.Metrics[0].Value != 0.91 {
		t.Errorf("model data: %+v", d)
	}
	resp, err := http.Get(f.srv.URL + "/ajax-api/2.0/mlflow/logged-models/" + info.ModelID +
		"/artifacts/files?artifact_file_path=MLmodel")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(b) != "artifact_path: model\n" {
		t.Errorf("model file: %d %q", resp.StatusCode, b)
	}
	var search struct {
		Models []any `json:"models"`
	}
	f.post(t, "logged-models/search", map[string]any{"experiment_ids": []string{f.exp}}, 200)
	f.srv.call(t, "POST", "/api/2.0/mlflow/logged-models/search",
		map[string]any{"experiment_ids": []string{f.exp}}, &search)
	if len(search.Models) != 1 {
		t.Errorf("search found %d models", len(search.Models))
	}
	// On disk, as MLflow 3 lays it out.
	dir := filepath.Join(f.root, f.exp, "models", info.ModelID)
	wantMeta(t, filepath.Join(dir, "meta.yaml"), map[string]any{
		"model_id": info.ModelID, "status": 2, "name": "model", "source_run_id": f.run,
	}, "creation_timestamp", "last_updated_timestamp")
	wantFile(t, filepath.Join(dir, "params", "n_estimators"), "100")
	wantFile(t, filepath.Join(dir, "metrics", "auc"), "5 0.91 0 "+f.run+"\n")
	wantMeta(t, filepath.Join(f.root, f.exp, f.run, "outputs", info.ModelID, "meta.yaml"),
		map[string]any{"destination_type": "MODEL_OUTPUT", "source_type": "RUN_OUTPUT", "step": 0})

	f.srv.call(t, "DELETE", "/api/2.0/mlflow/logged-models/"+info.ModelID, nil, nil)
	var gone struct {
		Code string `json:"error_code"`
	}
	if st := f.srv.call(t, "GET", "/api/2.0/mlflow/logged-models/"+info.ModelID, nil, &gone); st != 404 ||
		gone.Code != "RESOURCE_DOES_NOT_EXIST" {
		t.Errorf("deleted model answered %d %s", st, gone.Code)
	}
}

// TestRealLoggedModels reads the MLflow 3.2 tree's logged models.
func TestRealLoggedModels(t *testing.T) {
	var tree string
	for _, tr := range realTrees(t) {
		if strings.Contains(tr, "credit-risk-engine") {
			tree = tr
		}
	}
	if tree == "" {
		t.Skip("skipped: the MLflow 3 tree is not among the shared fixtures")
	}
	srv := startServer(t, "--backend-store-uri", tree)
	dirs, _ := filepath.Glob(filepath.Join(tree, "*", "models", "m-*"))
	if len(dirs) == 0 {
		t.Fatal("no models in the MLflow 3 tree")
	}
	for _, d := range dirs {
		id := filepath.Base(d)
		var got struct {
			Model struct {
				Info struct {
					Status string `json:"status"`
					Name   string `json:"name"`
				} `json:"info"`
				Data struct {
					Params []any `json:"params"`
				} `json:"data"`
			} `json:"model"`
		}
		if st := srv.call(t, "GET", "/api/2.0/mlflow/logged-models/"+id, nil, &got); st != 200 {
			t.Errorf("model %s: %d", id, st)
			continue
		}
		params, _ := os.ReadDir(filepath.Join(d, "params"))
		if got.Model.Info.Status != "LOGGED_MODEL_READY" || len(got.Model.Data.Params) != len(params) {
			t.Errorf("model %s: %+v, %d params on disk", id, got.Model, len(params))
		}
	}
}
