package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// pythonStyleRun is a shell script that writes a run into an experiment
// folder the way MLflow's Python client does when it logs straight into the
// tree: meta.yaml written in place, params and tags one file each, metric
// lines appended.
const pythonStyleRun = `set -e
d="$1/$2"
mkdir -p "$d/metrics" "$d/params" "$d/tags" "$d/artifacts"
printf '%s\n' "artifact_uri: file://$d/artifacts" "end_time: null" "entry_point_name: ''" \
  "experiment_id: '$3'" "lifecycle_stage: active" "run_id: $2" "run_name: outside-run" \
  "run_uuid: $2" "source_name: ''" "source_type: 4" "source_version: ''" \
  "start_time: 1733260000000" "status: 1" "tags: []" "user_id: python" > "$d/meta.yaml"
printf 'outside-run' > "$d/tags/mlflow.runName"
printf '0.3' > "$d/params/lr"
printf '1733260000100 0.9 0\n' >> "$d/metrics/loss"
`

// TestOtherProcessWrites has another process (a shell, writing files as
// MLflow's Python client does) create a run and log to it while the server
// runs; the API returns what it wrote within a second or so.
func TestOtherProcessWrites(t *testing.T) {
	root := copyTestTree(t)
	srv := startServer(t, "--backend-store-uri", root)
	exp := filepath.Join(root, wineExp)
	const runID = "abcdefabcdefabcdefabcdefabcdef01"
	waitIndexed(t, srv)

	out, err := exec.Command("sh", "-c", pythonStyleRun, "sh", exp, runID, wineExp).CombinedOutput()
	if err != nil {
		t.Fatalf("writer: %v\n%s", err, out)
	}
	start := time.Now()
	waitAPI(t, srv, "the new run in runs/search", func() bool {
		var resp struct {
			Runs []struct {
				Info struct {
					RunID string `json:"run_id"`
				} `json:"info"`
				Data struct {
					Metrics []struct{ Value float64 } `json:"metrics"`
				} `json:"data"`
			} `json:"runs"`
		}
		srv.call(t, "POST", "/api/2.0/mlflow/runs/search", map[string]any{
			"experiment_ids": []string{wineExp}, "filter": "params.lr = '0.3'"}, &resp)
		return len(resp.Runs) == 1 && resp.Runs[0].Info.RunID == runID &&
			len(resp.Runs[0].Data.Metrics) == 1
	})
	t.Logf("new run visible after %v", time.Since(start).Round(time.Millisecond))

	// The other process keeps logging: the latest value follows.
	f, err := os.OpenFile(filepath.Join(exp, runID, "metrics", "loss"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "1733260000200 0.5 1\n")
	f.Close()
	start = time.Now()
	waitAPI(t, srv, "the appended metric value", func() bool {
		var resp struct {
			Run struct {
				Data struct {
					Metrics []struct {
						Value float64
						Step  int64
					} `json:"metrics"`
				} `json:"data"`
			} `json:"run"`
		}
		srv.call(t, "GET", "/api/2.0/mlflow/runs/get?run_id="+runID, nil, &resp)
		m := resp.Run.Data.Metrics
		return len(m) == 1 && m[0].Step == 1 && m[0].Value == 0.5
	})
	t.Logf("appended value visible after %v", time.Since(start).Round(time.Millisecond))
}

// waitIndexed waits until the server's log says the index is ready.
func waitIndexed(t *testing.T, srv *testServer) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); {
		if srv.logHas("index ready") {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("index not ready:\n%s", srv.Log)
}

// waitAPI polls until check passes, for at most 3 seconds: changes by other
// processes must show within about a second.
func waitAPI(t *testing.T, srv *testServer, what string, check func() bool) {
	t.Helper()
	for end := time.Now().Add(3 * time.Second); time.Now().Before(end); {
		if check() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not show within 3 s; log:\n%s", what, srv.Log)
}
