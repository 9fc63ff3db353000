package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"mlscope/app/mlflow"
)

// demoArgs is a small tree with every size set apart from the defaults.
var demoArgs = []string{"--experiments", "2", "--runs", "26", "--params", "7",
	"--metrics", "5", "--steps", "30", "--tags", "4", "--seed", "7"}

// writeDemo runs `mlscope demo` into a new folder and returns the tree.
func writeDemo(t *testing.T, args ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "mlruns")
	var stdout, stderr bytes.Buffer
	args = append([]string{"demo", "--out", dir}, args...)
	if err := run(context.Background(), args, &stdout, &stderr, nil); err != nil {
		t.Fatalf("mlscope %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "wrote 26 runs in 2 experiments") {
		t.Errorf("summary: %q", stdout.String())
	}
	return dir
}

// demoRuns returns the runs of every experiment but Default, deleted ones
// included, by experiment name, oldest first.
func demoRuns(t *testing.T, srv *testServer) map[string][]mlflow.Run {
	t.Helper()
	var exps struct {
		Experiments []mlflow.Experiment `json:"experiments"`
	}
	srv.call(t, "POST", "/api/2.0/mlflow/experiments/search",
		map[string]any{"max_results": 1000}, &exps)
	out := map[string][]mlflow.Run{}
	for _, e := range exps.Experiments {
		if e.ExperimentID == "0" {
			continue
		}
		var res struct {
			Runs []mlflow.Run `json:"runs"`
		}
		srv.call(t, "POST", "/api/2.0/mlflow/runs/search", map[string]any{
			"experiment_ids": []string{e.ExperimentID}, "run_view_type": "ALL",
			"max_results": 1000, "order_by": []string{"attributes.start_time ASC"}}, &res)
		out[e.Name] = res.Runs
	}
	return out
}

func demoHistory(t *testing.T, srv *testServer, runID, key string) []mlflow.Metric {
	t.Helper()
	var h struct {
		Metrics []mlflow.Metric `json:"metrics"`
	}
	srv.call(t, "GET", "/api/2.0/mlflow/metrics/get-history?run_id="+runID+"&metric_key="+key,
		nil, &h)
	return h.Metrics
}

func demoUserTags(r mlflow.Run) int {
	n := 0
	for _, tg := range r.Data.Tags {
		if !strings.HasPrefix(tg.Key, "mlflow.") {
			n++
		}
	}
	return n
}

// TestDemoTree writes a tree and checks it through the REST API: the
// counts asked for, nested runs, failed, killed and deleted runs, and the
// logged model.
func TestDemoTree(t *testing.T) {
	dir := writeDemo(t, demoArgs...)
	checkDemoNoStrayFiles(t, dir)
	srv := startServer(t, "--backend-store-uri", dir)
	byExp := demoRuns(t, srv)
	if len(byExp) != 2 {
		t.Fatalf("experiments: %d, want 2", len(byExp))
	}
	deleted, models := 0, 0
	for name, runs := range byExp {
		if len(runs) != 13 {
			t.Errorf("%s: %d runs, want 13", name, len(runs))
		}
		ids := map[string]string{}
		status := map[mlflow.RunStatus]int{}
		children := 0
		for _, r := range runs {
			ids[r.Info.RunID] = r.Info.RunName
			status[r.Info.Status]++
			if r.Info.LifecycleStage == mlflow.StageDeleted {
				deleted++
			}
			if len(r.Data.Params) != 7 || len(r.Data.Metrics) != 5 || demoUserTags(r) != 4 {
				t.Errorf("%s/%s: %d params, %d metrics, %d user tags; want 7, 5, 4",
					name, r.Info.RunName, len(r.Data.Params), len(r.Data.Metrics), demoUserTags(r))
			}
			steps := len(demoHistory(t, srv, r.Info.RunID, "val_accuracy"))
			if r.Info.Status == mlflow.StatusFinished && steps != 30 ||
				steps < 1 || steps > 30 {
				t.Errorf("%s/%s (%v): %d steps, want 30", name, r.Info.RunName, r.Info.Status, steps)
			}
			if _, ok := r.Tag(mlflow.TagLogModelHistory); ok {
				models++
				checkDemoModel(t, srv, r)
			}
		}
		for _, r := range runs {
			if p, ok := r.Tag(mlflow.TagParentRunID); ok {
				children++
				if !strings.HasPrefix(ids[p], "sweep-") {
					t.Errorf("%s/%s: parent %s is %q, not a sweep", name, r.Info.RunName, p, ids[p])
				}
			}
		}
		if children == 0 || status[mlflow.StatusFailed] == 0 || status[mlflow.StatusKilled] == 0 {
			t.Errorf("%s: %d nested runs, statuses %v; want some nested, failed and killed",
				name, children, status)
		}
	}
	if deleted != 1 || models != 2 {
		t.Errorf("%d deleted runs and %d models, want 1 and 2", deleted, models)
	}
}

// checkDemoModel checks that the run's model folder is listed and that its
// MLmodel is YAML with a column signature naming the run.
func checkDemoModel(t *testing.T, srv *testServer, r mlflow.Run) {
	t.Helper()
	id := r.Info.RunID
	var list struct {
		Files []mlflow.FileInfo `json:"files"`
	}
	srv.call(t, "GET", "/api/2.0/mlflow/artifacts/list?run_id="+id+"&path=model", nil, &list)
	var names []string
	for _, f := range list.Files {
		names = append(names, f.Path)
	}
	want := "model/MLmodel model/conda.yaml model/input_example.json model/python_env.yaml " +
		"model/requirements.txt model/serving_input_example.json"
	if strings.Join(names, " ") != want {
		t.Errorf("artifacts/list model of %s: %v", id, names)
	}
	resp, err := http.Get(srv.URL + "/get-artifact?run_id=" + id + "&path=model/MLmodel")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m struct {
		RunID     string            `yaml:"run_id"`
		Flavors   map[string]any    `yaml:"flavors"`
		Signature map[string]string `yaml:"signature"`
	}
	if err := yaml.Unmarshal(b, &m); err != nil {
		t.Fatalf("MLmodel of %s: %v\n%s", id, err, b)
	}
	var inputs []struct{ Type, Name string }
	if err := json.Unmarshal([]byte(m.Signature["inputs"]), &inputs); err != nil ||
		len(inputs) < 3 || m.RunID != id || m.Flavors["sklearn"] == nil ||
		m.Flavors["python_function"] == nil || m.Signature["outputs"] == "" {
		t.Errorf("MLmodel of %s: %+v (inputs %v)", id, m, err)
	}
}

// checkDemoNoStrayFiles fails on hidden files (the store's temporary
// files) anywhere but the tree's .trash folder.
func checkDemoNoStrayFiles(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(e.Name(), ".") && p != filepath.Join(dir, ".trash") {
			t.Errorf("stray file %s", p)
		}
		return nil
	})
}

// demoRunDigest is what the seed decides about a run: all but its id.
func demoRunDigest(t *testing.T, srv *testServer, r mlflow.Run) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %v %s %d %d\n", r.Info.RunName, r.Info.Status, r.Info.LifecycleStage,
		r.Info.StartTime, r.Info.EndTime)
	for _, p := range r.Data.Params {
		fmt.Fprintf(&b, "param %s=%s\n", p.Key, p.Value)
	}
	for _, tg := range r.Data.Tags {
		switch tg.Key {
		case mlflow.TagParentRunID, mlflow.TagLogModelHistory: // hold run ids
		default:
			fmt.Fprintf(&b, "tag %s=%s\n", tg.Key, tg.Value)
		}
	}
	keys := make([]string, 0, len(r.Data.Metrics))
	for _, m := range r.Data.Metrics {
		keys = append(keys, m.Key)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, m := range demoHistory(t, srv, r.Info.RunID, k) {
			fmt.Fprintf(&b, "%s %d %d %s\n", k, m.Step, m.Timestamp,
				mlflow.PythonString(float64(m.Value)))
		}
	}
	return b.String()
}

// TestDemoSeed checks that the same seed writes the same content, and
// another seed other content.
func TestDemoSeed(t *testing.T) {
	digest := func(args ...string) map[string]string {
		srv := startServer(t, "--backend-store-uri", writeDemo(t, args...))
		out := map[string]string{}
		for name, runs := range demoRuns(t, srv) {
			var b strings.Builder
			for _, r := range runs {
				b.WriteString(demoRunDigest(t, srv, r))
			}
			out[name] = b.String()
		}
		return out
	}
	first, again := digest(demoArgs...), digest(demoArgs...)
	for name, d := range first {
		if again[name] != d {
			t.Errorf("%s differs between two trees of seed 7:\n%.2000s\n---\n%.2000s",
				name, d, again[name])
		}
	}
	other := digest(append(append([]string{}, demoArgs...), "--seed", "8")...)
	for name, d := range first {
		if other[name] == d {
			t.Errorf("%s is the same with seeds 7 and 8", name)
		}
	}
}

// TestDemoBadFlags checks that wrong sizes are usage errors.
func TestDemoBadFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"no --out", nil},
		{"zero experiments", []string{"--out", "x", "--experiments", "0"}},
		{"fewer runs than experiments", []string{"--out", "x", "--experiments", "3", "--runs", "2"}},
		{"negative params", []string{"--out", "x", "--params", "-1"}},
		{"zero steps", []string{"--out", "x", "--steps", "0"}},
		{"stray argument", []string{"--out", "x", "more"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), append([]string{"demo"}, tc.args...), &out, &out, nil)
			if _, ok := err.(usageError); !ok {
				t.Errorf("mlscope demo %v: %v, want a usage error", tc.args, err)
			}
		})
	}
}

// TestDemoEndpoint creates the UI's demo experiment through the API, then
// checks that a second request is refused.
func TestDemoEndpoint(t *testing.T) {
	srv := startServer(t, "--backend-store-uri", filepath.Join(t.TempDir(), "mlruns"),
		"--artifacts-destination", filepath.Join(t.TempDir(), "mlartifacts"))
	var out map[string]any
	status := srv.call(t, "POST", "/ajax-api/2.0/mlscope/demo", map[string]any{}, &out)
	if status == http.StatusNotFound {
		t.Skip("POST /ajax-api/2.0/mlscope/demo is not routed: add s.demoRoutes() to routes()")
	}
	id, _ := out["experiment_id"].(string)
	if status != 200 || id == "" {
		t.Fatalf("POST mlscope/demo: %d %v", status, out)
	}
	runs := demoRuns(t, srv)["mlscope demo"]
	if len(runs) != 12 || runs[0].Info.ExperimentID != id {
		t.Errorf("mlscope demo has %d runs, want 12", len(runs))
	}
	for _, r := range runs {
		if _, ok := r.Tag(mlflow.TagLogModelHistory); ok {
			checkDemoModel(t, srv, r)
		}
	}
	status = srv.call(t, "POST", "/ajax-api/2.0/mlscope/demo", map[string]any{}, &out)
	if status != 400 || out["error_code"] != mlflow.CodeResourceAlreadyExists {
		t.Errorf("second POST mlscope/demo: %d %v, want 400 RESOURCE_ALREADY_EXISTS", status, out)
	}
}
