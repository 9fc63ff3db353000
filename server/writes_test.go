package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// writeFixture is a server on an empty tree with one experiment, an active
// run and a deleted run.
type writeFixture struct {
	srv                 *testServer
	root                string
	exp, run, deadRun   string
	deadExp, deadExpRun string
}

func newWriteFixture(t *testing.T) *writeFixture {
	t.Helper()
	dir := t.TempDir()
	f := &writeFixture{root: filepath.Join(dir, "mlruns")}
	f.srv = startServer(t, "--backend-store-uri", f.root,
		"--artifacts-destination", filepath.Join(dir, "mlartifacts"))
	f.exp = f.createExperiment(t, "writes")
	f.run = f.createRun(t, f.exp)
	f.deadRun = f.createRun(t, f.exp)
	f.post(t, "runs/delete", map[string]any{"run_id": f.deadRun}, 200)
	f.deadExp = f.createExperiment(t, "gone")
	f.deadExpRun = f.createRun(t, f.deadExp)
	f.post(t, "experiments/delete", map[string]any{"experiment_id": f.deadExp}, 200)
	return f
}

func (f *writeFixture) post(t *testing.T, rpc string, body any, status int) map[string]any {
	t.Helper()
	var out map[string]any
	if got := f.srv.call(t, "POST", "/api/2.0/mlflow/"+rpc, body, &out); got != status {
		t.Fatalf("POST %s %v: status %d (%v), want %d", rpc, body, got, out, status)
	}
	return out
}

func (f *writeFixture) createExperiment(t *testing.T, name string) string {
	return f.post(t, "experiments/create", map[string]any{"name": name}, 200)["experiment_id"].(string)
}

func (f *writeFixture) createRun(t *testing.T, exp string) string {
	out := f.post(t, "runs/create", map[string]any{"experiment_id": exp, "user_id": "u"}, 200)
	return out["run"].(map[string]any)["info"].(map[string]any)["run_id"].(string)
}

// TestWriteErrors checks MLflow's error code and status for each error path
// of the write endpoints.
func TestWriteErrors(t *testing.T) {
	f := newWriteFixture(t)
	metric := func(extra map[string]any) map[string]any {
		m := map[string]any{"run_id": f.run, "key": "m", "value": 1.5, "timestamp": 1, "step": 0}
		for k, v := range extra {
			if v == nil {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		return m
	}
	many := func(n int, kind string) []map[string]any {
		out := make([]map[string]any, n)
		for i := range out {
			out[i] = map[string]any{"key": fmt.Sprintf("%s%d", kind, i), "value": "1", "timestamp": 1}
		}
		return out
	}
	f.post(t, "runs/log-parameter", map[string]any{"run_id": f.run, "key": "p", "value": "1"}, 200)
	tests := []struct {
		name   string
		rpc    string
		body   map[string]any
		status int
		code   string
		msg    string
	}{
		{"create experiment without name", "experiments/create", map[string]any{}, 400,
			"INVALID_PARAMETER_VALUE", "Missing value for required parameter 'name'"},
		{"create experiment twice", "experiments/create", map[string]any{"name": "writes"}, 400,
			"RESOURCE_ALREADY_EXISTS", "Experiment 'writes' already exists."},
		{"create experiment with a deleted name", "experiments/create", map[string]any{"name": "gone"},
			400, "RESOURCE_ALREADY_EXISTS", "deleted state"},
		{"create experiment with a long name", "experiments/create",
			map[string]any{"name": strings.Repeat("x", 501)}, 400, "INVALID_PARAMETER_VALUE", "maximum length of 500"},
		{"create experiment in runs:/", "experiments/create",
			map[string]any{"name": "r", "artifact_location": "runs:/abc"}, 400, "INVALID_PARAMETER_VALUE", "runs:/"},
		{"rename to a taken name", "experiments/update",
			map[string]any{"experiment_id": f.exp, "new_name": "gone"}, 400, "RESOURCE_ALREADY_EXISTS", ""},
		{"rename without new name", "experiments/update", map[string]any{"experiment_id": f.exp}, 400,
			"INVALID_PARAMETER_VALUE", "'new_name'"},
		{"rename a deleted experiment", "experiments/update",
			map[string]any{"experiment_id": f.deadExp, "new_name": "x"}, 400, "INVALID_PARAMETER_VALUE", "active"},
		{"rename unknown", "experiments/update", map[string]any{"experiment_id": "12345", "new_name": "x"},
			404, "RESOURCE_DOES_NOT_EXIST", ""},
		{"delete default", "experiments/delete", map[string]any{"experiment_id": "0"}, 400,
			"INVALID_PARAMETER_VALUE", "default experiment"},
		{"delete unknown", "experiments/delete", map[string]any{"experiment_id": "12345"}, 404,
			"RESOURCE_DOES_NOT_EXIST", ""},
		{"restore active", "experiments/restore", map[string]any{"experiment_id": f.exp}, 404,
			"RESOURCE_DOES_NOT_EXIST", "Could not find deleted experiment"},
		{"tag deleted experiment", "experiments/set-experiment-tag",
			map[string]any{"experiment_id": f.deadExp, "key": "k", "value": "v"}, 400, "INVALID_PARAMETER_VALUE", "active"},
		{"tag with bad key", "experiments/set-experiment-tag",
			map[string]any{"experiment_id": f.exp, "key": "a//b", "value": "v"}, 400, "INVALID_PARAMETER_VALUE", "would resolve to 'a/b'"},
		{"delete missing experiment tag", "experiments/delete-experiment-tag",
			map[string]any{"experiment_id": f.exp, "key": "nope"}, 404, "RESOURCE_DOES_NOT_EXIST", ""},
		{"run in unknown experiment", "runs/create", map[string]any{"experiment_id": "12345"}, 404,
			"RESOURCE_DOES_NOT_EXIST", ""},
		{"run in deleted experiment", "runs/create", map[string]any{"experiment_id": f.deadExp}, 500,
			"INVALID_STATE", "non-active experiment"},
		{"run name and tag differ", "runs/create", map[string]any{"experiment_id": f.exp, "run_name": "a",
			"tags": []map[string]any{{"key": "mlflow.runName", "value": "b"}}}, 400, "INVALID_PARAMETER_VALUE", "different values"},
		{"update deleted run", "runs/update", map[string]any{"run_id": f.deadRun, "status": "FINISHED"}, 400,
			"INVALID_PARAMETER_VALUE", "must be in 'active' lifecycle_stage"},
		{"update with bad status", "runs/update", map[string]any{"run_id": f.run, "status": "DONE"}, 400,
			"INVALID_PARAMETER_VALUE", "'status'"},
		{"delete unknown run", "runs/delete", map[string]any{"run_id": "ffffffffffffffffffffffffffffffff"}, 404,
			"RESOURCE_DOES_NOT_EXIST", "not found"},
		{"metric without value", "runs/log-metric", metric(map[string]any{"value": nil}), 400,
			"INVALID_PARAMETER_VALUE", "'value'"},
		{"metric with bool value", "runs/log-metric", metric(map[string]any{"value": true}), 400,
			"INVALID_PARAMETER_VALUE", "valid double"},
		{"metric without timestamp", "runs/log-metric", metric(map[string]any{"timestamp": nil}), 400,
			"INVALID_PARAMETER_VALUE", "'timestamp'"},
		{"metric with negative timestamp", "runs/log-metric", metric(map[string]any{"timestamp": -1}), 400,
			"INVALID_PARAMETER_VALUE", "nonnegative"},
		{"metric with bad key", "runs/log-metric", metric(map[string]any{"key": "../up"}), 400,
			"INVALID_PARAMETER_VALUE", "Invalid metric name"},
		{"metric with odd characters", "runs/log-metric", metric(map[string]any{"key": "a*b"}), 400,
			"INVALID_PARAMETER_VALUE", "Names may only contain"},
		{"metric with long key", "runs/log-metric", metric(map[string]any{"key": strings.Repeat("k", 251)}),
			400, "INVALID_PARAMETER_VALUE", "exceeded length limit of 250"},
		{"metric on deleted run", "runs/log-metric", metric(map[string]any{"run_id": f.deadRun}), 400,
			"INVALID_PARAMETER_VALUE", "lifecycle_stage"},
		{"metric on run of deleted experiment", "runs/log-metric", metric(map[string]any{"run_id": f.deadExpRun}),
			400, "INVALID_PARAMETER_VALUE", "lifecycle_stage"},
		{"param changed", "runs/log-parameter", map[string]any{"run_id": f.run, "key": "p", "value": "2"}, 400,
			"INVALID_PARAMETER_VALUE", "Changing param values is not allowed"},
		{"param too long", "runs/log-parameter",
			map[string]any{"run_id": f.run, "key": "q", "value": strings.Repeat("v", 6001)}, 400,
			"INVALID_PARAMETER_VALUE", "exceeded length limit of 6000"},
		{"param without run", "runs/log-parameter", map[string]any{"key": "q", "value": "1"}, 400,
			"INVALID_PARAMETER_VALUE", "'run_id'"},
		{"tag too long", "runs/set-tag",
			map[string]any{"run_id": f.run, "key": "t", "value": strings.Repeat("v", 8001)}, 400,
			"INVALID_PARAMETER_VALUE", "exceeded length limit of 8000"},
		{"delete missing tag", "runs/delete-tag", map[string]any{"run_id": f.run, "key": "nope"}, 404,
			"RESOURCE_DOES_NOT_EXIST", "No tag with name: nope"},
		{"batch with too many metrics", "runs/log-batch",
			map[string]any{"run_id": f.run, "metrics": many(1001, "m")}, 400, "INVALID_PARAMETER_VALUE",
			"at most 1000 metrics. Got 1001 metrics."},
		{"batch with too many params", "runs/log-batch",
			map[string]any{"run_id": f.run, "params": many(101, "p")}, 400, "INVALID_PARAMETER_VALUE",
			"at most 100 params"},
		{"batch with too much in all", "runs/log-batch", map[string]any{"run_id": f.run,
			"metrics": many(950, "m"), "tags": many(100, "t")}, 400, "INVALID_PARAMETER_VALUE",
			"at most 1000 metrics, params, and tags"},
		{"batch with duplicate params", "runs/log-batch", map[string]any{"run_id": f.run,
			"params": []map[string]any{{"key": "d", "value": "1"}, {"key": "d", "value": "2"}}}, 400,
			"INVALID_PARAMETER_VALUE", "Duplicate parameter keys have been submitted: ['d']"},
		{"batch metric without timestamp", "runs/log-batch", map[string]any{"run_id": f.run,
			"metrics": []map[string]any{{"key": "a", "value": 1, "timestamp": 1}, {"key": "b", "value": 1}}},
			400, "INVALID_PARAMETER_VALUE", "'metrics[1].timestamp'"},
		{"batch param conflict", "runs/log-batch", map[string]any{"run_id": f.run,
			"params": []map[string]any{{"key": "p", "value": "3"}}}, 400, "INVALID_PARAMETER_VALUE",
			"Changing param values"},
		{"dataset without digest", "runs/log-inputs", map[string]any{"run_id": f.run,
			"datasets": []map[string]any{{"dataset": map[string]any{"name": "d", "source_type": "local",
				"source": "{}"}}}}, 400, "INVALID_PARAMETER_VALUE", "digest"},
		{"model json malformed", "runs/log-model", map[string]any{"run_id": f.run, "model_json": "{"}, 400,
			"INVALID_PARAMETER_VALUE", "Malformed model info"},
		{"model json incomplete", "runs/log-model", map[string]any{"run_id": f.run,
			"model_json": `{"run_id": "x"}`}, 400, "INVALID_PARAMETER_VALUE",
			"missing mandatory fields: {'artifact_path', 'flavors', 'utc_time_created'}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp struct {
				Code    string `json:"error_code"`
				Message string `json:"message"`
			}
			status := f.srv.call(t, "POST", "/api/2.0/mlflow/"+tt.rpc, tt.body, &resp)
			if status != tt.status || resp.Code != tt.code || !strings.Contains(resp.Message, tt.msg) {
				t.Errorf("got %d %s %q; want %d %s containing %q", status, resp.Code, resp.Message,
					tt.status, tt.code, tt.msg)
			}
		})
	}
	// A batch refused for a param conflict wrote nothing of its metrics.
	var hist struct {
		Metrics []any `json:"metrics"`
	}
	f.srv.call(t, "GET", "/api/2.0/mlflow/metrics/get-history?run_id="+f.run+"&metric_key=m", nil, &hist)
	if len(hist.Metrics) != 0 {
		t.Errorf("refused requests left %d metric values", len(hist.Metrics))
	}
	checkNoStrayFiles(t, f.root)
}

// TestConcurrentLogging has many clients log batches to a few runs at once;
// afterwards every acknowledged value is on disk exactly once.
func TestConcurrentLogging(t *testing.T) {
	f := newWriteFixture(t)
	runs := []string{f.run, f.createRun(t, f.exp), f.createRun(t, f.exp)}
	const clients, batches = 16, 20
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for b := 0; b < batches; b++ {
				run := runs[(c+b)%len(runs)]
				var metrics []map[string]any
				for i := 0; i < 10; i++ {
					metrics = append(metrics, map[string]any{"key": "shared", "value": c*1000 + b*10 + i,
						"timestamp": 1700000000000 + c, "step": b*10 + i})
				}
				body := map[string]any{"run_id": run, "metrics": metrics,
					"params": []map[string]any{{"key": fmt.Sprintf("c%d_b%d", c, b), "value": "v"}},
					"tags":   []map[string]any{{"key": fmt.Sprintf("tag_c%d", c), "value": fmt.Sprint(b)}}}
				var out map[string]any
				if st := f.srv.call(t, "POST", "/api/2.0/mlflow/runs/log-batch", body, &out); st != 200 {
					errs <- fmt.Errorf("client %d batch %d: %d %v", c, b, st, out)
					return
				}
			}
		}(c)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	seen := map[float64]int{}
	params := 0
	for _, run := range runs {
		var hist struct {
			Metrics []struct{ Value float64 } `json:"metrics"`
		}
		f.srv.call(t, "GET", "/api/2.0/mlflow/metrics/get-history?run_id="+run+"&metric_key=shared", nil, &hist)
		for _, m := range hist.Metrics {
			seen[m.Value]++
		}
		var got struct {
			Run struct {
				Data struct {
					Params []any `json:"params"`
				} `json:"data"`
			} `json:"run"`
		}
		f.srv.call(t, "GET", "/api/2.0/mlflow/runs/get?run_id="+run, nil, &got)
		params += len(got.Run.Data.Params)
	}
	want := clients * batches * 10
	if len(seen) != want {
		t.Errorf("%d distinct metric values on disk, want %d", len(seen), want)
	}
	for v, n := range seen {
		if n != 1 {
			t.Errorf("value %v is on disk %d times", v, n)
		}
	}
	if params != clients*batches {
		t.Errorf("%d params on disk, want %d", params, clients*batches)
	}
	if strings.Contains(f.srv.Log.String(), "skipped damaged data") {
		t.Errorf("the tree was damaged:\n%s", f.srv.Log)
	}
}
