package main

import (
	"bufio"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"mlscope/app/mlflow"
)

// sharedFixtures is where CI lays the team's shared test data, beside the
// clone. A user's clone has none; tests that need it skip.
const sharedFixtures = "../../shared/fixtures/mlruns-real"

// realTrees returns every mlruns folder in the shared fixtures.
func realTrees(t *testing.T) []string {
	t.Helper()
	if _, err := os.Stat(sharedFixtures); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s not found: CI lays the shared fixtures beside the clone", sharedFixtures)
		}
		t.Skipf("skipped: %s not found (the shared fixtures sit beside the clone in CI only)", sharedFixtures)
	}
	var trees []string
	err := filepath.WalkDir(sharedFixtures, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "mlruns" {
			abs, err := filepath.Abs(p)
			if err != nil {
				return err
			}
			trees = append(trees, abs)
			return filepath.SkipDir
		}
		return nil
	})
	if err != nil || len(trees) == 0 {
		t.Fatalf("no mlruns trees under %s: %v", sharedFixtures, err)
	}
	return trees
}

// TestRealTreesThroughAPI serves each real tree and checks through the REST
// API that every experiment and run on disk is listed with the params, tags
// and latest metrics its files hold. The expectations come from a plain
// walk of the files written for this test, not from the store's code.
func TestRealTreesThroughAPI(t *testing.T) {
	for _, tree := range realTrees(t) {
		name := tree[strings.Index(tree, "mlruns-real/")+len("mlruns-real/"):]
		t.Run(name, func(t *testing.T) {
			want := expectTree(t, tree)
			srv := startServer(t, "--backend-store-uri", tree,
				"--artifacts-destination", t.TempDir())
			checkExperiments(t, srv, want)
			checkRuns(t, srv, want)
			for _, p := range want.skipped {
				if !srv.logHas(p) {
					t.Errorf("%s should be skipped with a warning naming it; log:\n%s", p, srv.Log)
				}
			}
		})
	}
}

type wantRun struct {
	id, exp, stage string
	params, tags   map[string]string
	metrics        map[string]float64
}

type wantTree struct {
	experiments map[string]string // id -> lifecycle stage
	runs        map[string]*wantRun
	skipped     []string // paths the log must name
}

var idPattern = regexp.MustCompile(`^[a-zA-Z0-9][\w\-]{0,63}$`)

func expectTree(t *testing.T, root string) *wantTree {
	w := &wantTree{experiments: map[string]string{}, runs: map[string]*wantRun{}}
	scan := func(parent string, trashed bool) {
		ents, _ := os.ReadDir(parent)
		for _, e := range ents {
			if !e.IsDir() || e.Name() == ".trash" || (!trashed && e.Name() == "models") ||
				!idPattern.MatchString(e.Name()) {
				continue
			}
			dir := filepath.Join(parent, e.Name())
			var meta map[string]any
			if !readYAML(filepath.Join(dir, "meta.yaml"), &meta) {
				w.skipped = append(w.skipped, dir)
				continue
			}
			stage := "active"
			if trashed || meta["lifecycle_stage"] == "deleted" {
				stage = "deleted"
			}
			w.experiments[e.Name()] = stage
			w.expectRuns(dir, e.Name(), trashed)
		}
	}
	scan(root, false)
	scan(filepath.Join(root, ".trash"), true)
	return w
}

func readYAML(path string, out any) bool {
	b, err := os.ReadFile(path)
	return err == nil && yaml.Unmarshal(b, out) == nil
}

func (w *wantTree) expectRuns(expDir, expID string, trashed bool) {
	ents, _ := os.ReadDir(expDir)
	for _, e := range ents {
		switch e.Name() {
		case "tags", "datasets", "traces", "models":
			continue
		}
		dir := filepath.Join(expDir, e.Name())
		var meta map[string]any
		if !e.IsDir() || !readYAML(filepath.Join(dir, "meta.yaml"), &meta) {
			continue
		}
		r := &wantRun{id: e.Name(), exp: expID, stage: "active"}
		if s, _ := meta["lifecycle_stage"].(string); s == "deleted" || trashed {
			r.stage = "deleted"
		}
		r.params = w.readValues(filepath.Join(dir, "params"))
		r.tags = w.readValues(filepath.Join(dir, "tags"))
		r.metrics = w.readLatest(filepath.Join(dir, "metrics"))
		w.runs[r.id] = r
	}
}

// readValues maps each file's key (its path below dir) to its content;
// hidden files and folders are debris that the server must skip loudly.
func (w *wantTree) readValues(dir string) map[string]string {
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == dir {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			w.skipped = append(w.skipped, p)
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return out
}

// readLatest reads each metric file and keeps the value with the greatest
// (step, timestamp, value); a file with a bad line must be named in the log.
func (w *wantTree) readLatest(dir string) map[string]float64 {
	out := map[string]float64{}
	files := w.readValues(dir)
	for key := range files {
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(key)))
		if err != nil {
			continue
		}
		var best [3]float64
		found, bad := false, false
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) != 2 && len(fields) != 3 && len(fields) != 5 {
				bad = true
				continue
			}
			ts, err1 := strconv.ParseInt(fields[0], 10, 64)
			v, err2 := strconv.ParseFloat(fields[1], 64)
			step := int64(0)
			var err3 error
			if len(fields) > 2 {
				step, err3 = strconv.ParseInt(fields[2], 10, 64)
			}
			if err1 != nil || (err2 != nil && !strings.Contains(err2.Error(), "range")) || err3 != nil {
				bad = true
				continue
			}
			cand := [3]float64{float64(step), float64(ts), v}
			if !found || cand[0] > best[0] || cand[0] == best[0] && (cand[1] > best[1] ||
				cand[1] == best[1] && cand[2] > best[2]) {
				best, found = cand, true
			}
		}
		f.Close()
		if bad {
			w.skipped = append(w.skipped, filepath.Join(dir, filepath.FromSlash(key)))
		}
		if found {
			out[key] = best[2]
		}
	}
	return out
}

func checkExperiments(t *testing.T, srv *testServer, want *wantTree) {
	var resp struct {
		Experiments []mlflow.Experiment `json:"experiments"`
	}
	status := srv.call(t, "GET", "/api/2.0/mlflow/experiments/search?view_type=ALL&max_results=50000", nil, &resp)
	if status != 200 {
		t.Fatalf("experiments/search: status %d", status)
	}
	got := map[string]string{}
	for _, e := range resp.Experiments {
		got[e.ExperimentID] = e.LifecycleStage
	}
	if !sameMap(got, want.experiments) {
		t.Errorf("experiments listed %v, on disk %v", got, want.experiments)
	}
}

func checkRuns(t *testing.T, srv *testServer, want *wantTree) {
	ids := make([]string, 0, len(want.experiments))
	for id := range want.experiments {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	all := searchAll(t, srv, ids, "ALL")
	active := searchAll(t, srv, ids, "ACTIVE_ONLY")
	nActive := 0
	for _, r := range want.runs {
		if r.stage == "active" {
			nActive++
		}
	}
	if len(all) != len(want.runs) || len(active) != nActive {
		t.Errorf("runs listed: %d (ALL), %d (ACTIVE_ONLY); on disk %d, %d active",
			len(all), len(active), len(want.runs), nActive)
	}
	for _, r := range all {
		w, ok := want.runs[r.Info.RunID]
		if !ok {
			t.Errorf("run %s is listed but not on disk", r.Info.RunID)
			continue
		}
		checkRun(t, r, w)
	}
}

func checkRun(t *testing.T, r *mlflow.Run, w *wantRun) {
	if r.Info.ExperimentID != w.exp || r.Info.LifecycleStage != w.stage {
		t.Errorf("run %s: experiment %s stage %s, want %s %s", w.id,
			r.Info.ExperimentID, r.Info.LifecycleStage, w.exp, w.stage)
	}
	params, tags := map[string]string{}, map[string]string{}
	for _, p := range r.Data.Params {
		params[p.Key] = p.Value
	}
	for _, p := range r.Data.Tags {
		tags[p.Key] = p.Value
	}
	if !sameMap(params, w.params) {
		t.Errorf("run %s params %v, files hold %v", w.id, params, w.params)
	}
	if !sameMap(tags, w.tags) {
		t.Errorf("run %s tags differ from files (%d vs %d)", w.id, len(tags), len(w.tags))
	}
	metrics := map[string]float64{}
	for _, m := range r.Data.Metrics {
		metrics[m.Key] = float64(m.Value)
	}
	if len(metrics) != len(w.metrics) {
		t.Errorf("run %s metrics %v, files hold %v", w.id, metrics, w.metrics)
	}
	for k, v := range w.metrics {
		g, ok := metrics[k]
		if !ok || !(g == v || math.IsNaN(g) && math.IsNaN(v)) {
			t.Errorf("run %s metric %q = %v, file's latest %v", w.id, k, g, v)
		}
	}
}

// searchAll pages through runs/search with small pages, so page tokens are
// exercised too.
func searchAll(t *testing.T, srv *testServer, ids []string, view string) []*mlflow.Run {
	var out []*mlflow.Run
	token := ""
	for i := 0; i < 10000; i++ {
		var resp struct {
			Runs  []*mlflow.Run `json:"runs"`
			Token string        `json:"next_page_token"`
		}
		body := map[string]any{"experiment_ids": ids, "run_view_type": view,
			"max_results": 100, "page_token": token}
		if st := srv.call(t, "POST", "/api/2.0/mlflow/runs/search", body, &resp); st != 200 {
			t.Fatalf("runs/search: status %d", st)
		}
		out = append(out, resp.Runs...)
		if token = resp.Token; token == "" {
			return out
		}
	}
	t.Fatal("runs/search never ended its pages")
	return nil
}

func sameMap[V comparable](a, b map[string]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if bv, ok := b[k]; !ok || bv != v {
			return false
		}
	}
	return true
}
