package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// needNodeClient finds node and the mlflow npm package (installed from
// package-lock.json by make test or .ci/run); it skips without them, and
// fails in CI.
func needNodeClient(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat("../node_modules/mlflow/package.json")
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the mlflow npm client is not installed (npm ci): %v", err)
		}
		t.Skipf("skipped: node or the mlflow npm package is missing (npm ci): %v", err)
	}
	return node
}

// TestNodeMLflowClient drives a real MLflow client, the mlflow npm package,
// through each of its methods against the server, then reads the tree from
// disk and checks every value in MLflow's on-disk format.
func TestNodeMLflowClient(t *testing.T) {
	node := needNodeClient(t)
	dir := t.TempDir()
	root := filepath.Join(dir, "mlruns")
	srv := startServer(t, "--backend-store-uri", root,
		"--artifacts-destination", filepath.Join(dir, "mlartifacts"))

	cmd := exec.Command(node, "testdata/clients/mlflow_npm.js", srv.URL)
	cmd.Env = append(os.Environ(), "NODE_PATH="+mustAbs(t, "../node_modules"))
	outb, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node client failed: %v\n%s\nserver log:\n%s", err, outb, srv.Log)
	}
	var res struct {
		Exp, Run, Run2, Exp2 string
		Listed               []string
		Searched             []string
		DeletedListed        []string
		History              []struct {
			Value float64
			Step  int64
		}
		ParamConflict struct {
			Status int
			Data   struct {
				ErrorCode string `json:"error_code"`
			}
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(outb))
	for sc.Scan() {
		if line, ok := strings.CutPrefix(sc.Text(), "RESULT "); ok {
			if err := json.Unmarshal([]byte(line), &res); err != nil {
				t.Fatal(err)
			}
		}
	}
	if res.Run == "" {
		t.Fatalf("no result from the client:\n%s", outb)
	}

	// What the client saw.
	if len(res.Searched) != 1 || res.Searched[0] != res.Run {
		t.Errorf("runs/search gave %v, want [%s]", res.Searched, res.Run)
	}
	if len(res.History) != 2 || res.History[1].Value != 0.25 || res.History[1].Step != 1 {
		t.Errorf("metric history %+v", res.History)
	}
	if res.ParamConflict.Status != 400 || res.ParamConflict.Data.ErrorCode != "INVALID_PARAMETER_VALUE" {
		t.Errorf("param overwrite answered %+v, want 400 INVALID_PARAMETER_VALUE", res.ParamConflict)
	}
	if len(res.DeletedListed) != 1 || res.DeletedListed[0] != res.Exp2 {
		t.Errorf("deleted experiments listed %v, want [%s]", res.DeletedListed, res.Exp2)
	}

	// What is on disk, file by file.
	exp := filepath.Join(root, res.Exp)
	wantMeta(t, filepath.Join(exp, "meta.yaml"), map[string]any{
		"experiment_id": res.Exp, "name": "npm-client-renamed", "lifecycle_stage": "active",
		"artifact_location": "mlflow-artifacts:/" + res.Exp,
	}, "creation_time", "last_update_time")
	wantFile(t, filepath.Join(exp, "tags", "team"), "ml")

	run := filepath.Join(exp, res.Run)
	wantMeta(t, filepath.Join(run, "meta.yaml"), map[string]any{
		"run_id": res.Run, "run_uuid": res.Run, "run_name": "node-run", "experiment_id": res.Exp,
		"user_id": "node", "status": 3, "start_time": 1700000000000, "end_time": 1700000009000,
		"lifecycle_stage": "active", "source_type": 4, "source_name": "", "source_version": "",
		"entry_point_name": "", "tags": []any{},
		"artifact_uri": "mlflow-artifacts:/" + res.Exp + "/" + res.Run + "/artifacts",
	})
	wantFile(t, filepath.Join(run, "params", "lr"), "0.01")
	wantFile(t, filepath.Join(run, "params", "depth"), "3")
	wantFile(t, filepath.Join(run, "metrics", "loss"), "1700000000100 0.5 0\n1700000000200 0.25 1\n")
	wantFile(t, filepath.Join(run, "metrics", "acc"), "1700000000300 0.9 2\n")
	wantFile(t, filepath.Join(run, "metrics", "train", "loss"), "1700000000400 1e-05 3\n")
	wantFile(t, filepath.Join(run, "tags", "stage"), "dev")
	wantFile(t, filepath.Join(run, "tags", "framework"), "node")
	wantFile(t, filepath.Join(run, "tags", "mlflow.runName"), "node-run")
	wantFile(t, filepath.Join(run, "tags", "mlflow.source.name"), "train.js")
	if _, err := os.Stat(filepath.Join(run, "tags", "tmp")); !os.IsNotExist(err) {
		t.Errorf("deleted tag tmp is still on disk (%v)", err)
	}
	wantMeta(t, filepath.Join(exp, res.Run2, "meta.yaml"), map[string]any{
		"lifecycle_stage": "deleted", "status": 1,
	}, "deleted_time", "run_name")
	wantMeta(t, filepath.Join(root, ".trash", res.Exp2, "meta.yaml"), map[string]any{
		"lifecycle_stage": "deleted", "name": "npm-client-trash",
	})
	if _, err := os.Stat(filepath.Join(root, res.Exp2)); !os.IsNotExist(err) {
		t.Errorf("deleted experiment still at the root (%v)", err)
	}
	checkNoStrayFiles(t, root)
}

func mustAbs(t *testing.T, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func wantFile(t *testing.T, path, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || string(b) != want {
		t.Errorf("%s = %q, %v; want %q", path, b, err, want)
	}
}

// wantMeta reads a meta.yaml as PyYAML would type it and compares values;
// present lists keys that must exist with an integer value.
func wantMeta(t *testing.T, path string, want map[string]any, present ...string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("read %s: %v", path, err)
		return
	}
	var got map[string]any
	if err := yaml.Unmarshal(b, &got); err != nil {
		t.Errorf("%s: %v", path, err)
		return
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || !sameYAML(g, v) {
			t.Errorf("%s: %s = %#v, want %#v", path, k, got[k], v)
		}
	}
	for _, k := range present {
		if _, ok := got[k]; !ok {
			t.Errorf("%s: no %s", path, k)
		}
	}
}

func sameYAML(got, want any) bool {
	switch w := want.(type) {
	case int:
		g, ok := got.(int)
		return ok && g == w
	case []any:
		g, ok := got.([]any)
		return ok && len(g) == len(w)
	}
	return got == want
}

// checkNoStrayFiles fails on temporary or hidden files left in the tree:
// MLflow would read a file in metrics/, params/ or tags/ as an entry.
func checkNoStrayFiles(t *testing.T, root string) {
	t.Helper()
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".") && d.Name() != ".trash" {
			t.Errorf("stray file in the tree: %s", p)
		}
		return nil
	})
}
