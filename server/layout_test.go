package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// yamlShape is a meta.yaml's keys in file order with the YAML kind of each
// value (str, int, null, seq, map), as a reader sees them.
type yamlShape struct {
	keys  []string
	kinds map[string]string
}

func shapeOf(t *testing.T, path string) yamlShape {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil || len(doc.Content) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	m := doc.Content[0]
	s := yamlShape{kinds: map[string]string{}}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i].Value, m.Content[i+1]
		s.keys = append(s.keys, k)
		kind := strings.TrimPrefix(v.Tag, "!!")
		s.kinds[k] = kind
	}
	return s
}

// realShapes collects the shapes of one kind of meta.yaml in the shared
// trees written by MLflow 2.x (run metas that have both run_id and
// run_name), keyed by their key list.
func realShapes(t *testing.T, match func(rel string) bool) map[string]yamlShape {
	out := map[string]yamlShape{}
	for _, tree := range realTrees(t) {
		filepath.WalkDir(tree, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || d.Name() != "meta.yaml" {
				return nil
			}
			rel, _ := filepath.Rel(tree, p)
			if !match(filepath.ToSlash(rel)) {
				return nil
			}
			s := shapeOf(t, p)
			out[strings.Join(s.keys, ",")] = s
			return nil
		})
	}
	return out
}

var (
	runMetaRel     = regexp.MustCompile(`^[^/]+/[0-9a-f]{32}/meta\.yaml$`)
	expMetaRel     = regexp.MustCompile(`^[0-9]+/meta\.yaml$`)
	datasetMetaRel = regexp.MustCompile(`^[^/]+/datasets/[0-9a-f]{32}/meta\.yaml$`)
	inputMetaRel   = regexp.MustCompile(`^[^/]+/[0-9a-f]{32}/inputs/[0-9a-f]{32}/meta\.yaml$`)
	metricLine     = regexp.MustCompile(`^\d+ (-?\d+(\.\d+)?(e[+-]\d+)?|nan|inf|-inf) -?\d+$`)
)

// TestWrittenLayoutMatchesMLflow writes a tree through the API and compares
// it file by file with the trees real MLflow wrote: the same meta.yaml keys
// in the same order with the same value kinds, and the same line formats.
func TestWrittenLayoutMatchesMLflow(t *testing.T) {
	runShapes := realShapes(t, func(rel string) bool {
		return runMetaRel.MatchString(rel) && !strings.HasPrefix(rel, ".trash")
	})
	expShapes := realShapes(t, expMetaRel.MatchString)
	dsShapes := realShapes(t, datasetMetaRel.MatchString)
	inShapes := realShapes(t, inputMetaRel.MatchString)

	f := newWriteFixture(t)
	f.post(t, "runs/log-batch", map[string]any{"run_id": f.run,
		"metrics": []map[string]any{{"key": "loss", "value": 0.5, "timestamp": 1, "step": 0},
			{"key": "loss", "value": 1e-7, "timestamp": 2, "step": 1},
			{"key": "loss", "value": "NaN", "timestamp": 3, "step": 2}},
		"params": []map[string]any{{"key": "alpha", "value": "0.5"}},
		"tags":   []map[string]any{{"key": "note", "value": "multi\nline"}}}, 200)
	f.post(t, "runs/log-inputs", map[string]any{"run_id": f.run, "datasets": []map[string]any{{
		"tags": []map[string]any{{"key": "mlflow.data.context", "value": "training"}},
		"dataset": map[string]any{"name": "iris", "digest": "a1b2c3", "source_type": "local",
			"source": `{"uri": "/data/iris.csv"}`, "schema": `{"mlflow_colspec": []}`}}}}, 200)
	f.post(t, "runs/update", map[string]any{"run_id": f.run, "status": "FINISHED", "end_time": 9}, 200)

	check := func(path string, real map[string]yamlShape, ignore ...string) {
		t.Helper()
		ours := shapeOf(t, path)
		if !slices.IsSorted(ours.keys) {
			t.Errorf("%s: keys not in MLflow's sorted order: %v", path, ours.keys)
		}
		var keys []string
		for _, k := range ours.keys {
			if !slices.Contains(ignore, k) {
				keys = append(keys, k)
			}
		}
		for _, r := range real {
			var rk []string
			for _, k := range r.keys {
				if !slices.Contains(ignore, k) {
					rk = append(rk, k)
				}
			}
			if !slices.Equal(rk, keys) {
				continue
			}
			for _, k := range keys {
				if r.kinds[k] != ours.kinds[k] && !(r.kinds[k] == "null" || ours.kinds[k] == "null") {
					t.Errorf("%s: %s is %s, MLflow writes %s", path, k, ours.kinds[k], r.kinds[k])
				}
			}
			return
		}
		var seen []string
		for k := range real {
			seen = append(seen, k)
		}
		sort.Strings(seen)
		t.Errorf("%s: keys %v match no meta.yaml written by MLflow:\n%s", path, keys, strings.Join(seen, "\n"))
	}
	run := filepath.Join(f.root, f.exp, f.run)
	check(filepath.Join(run, "meta.yaml"), runShapes)
	check(filepath.Join(f.root, f.exp, f.deadRun, "meta.yaml"), runShapes, "deleted_time")
	check(filepath.Join(f.root, f.exp, "meta.yaml"), expShapes)
	ds, _ := filepath.Glob(filepath.Join(f.root, f.exp, "datasets", "*", "meta.yaml"))
	in, _ := filepath.Glob(filepath.Join(run, "inputs", "*", "meta.yaml"))
	if len(ds) != 1 || len(in) != 1 {
		t.Fatalf("datasets %v, inputs %v", ds, in)
	}
	check(ds[0], dsShapes)
	check(in[0], inShapes)

	b, _ := os.ReadFile(filepath.Join(run, "metrics", "loss"))
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 3 || !strings.HasSuffix(string(b), "\n") {
		t.Fatalf("metric file %q", b)
	}
	for _, l := range lines {
		if !metricLine.MatchString(l) {
			t.Errorf("metric line %q is not in MLflow's format", l)
		}
	}
	if lines[1] != "2 1e-07 1" || lines[2] != "3 nan 2" {
		t.Errorf("values not spelled as Python's str(float): %q", lines)
	}
	wantFile(t, filepath.Join(run, "params", "alpha"), "0.5")
	wantFile(t, filepath.Join(run, "tags", "note"), "multi\nline")

	// Read back through mlscope's reader (a fresh server on the same tree).
	again := startServer(t, "--backend-store-uri", f.root)
	var got struct {
		Run struct {
			Inputs struct {
				DatasetInputs []struct {
					Dataset struct{ Name, Digest string }
					Tags    []struct{ Key, Value string }
				} `json:"dataset_inputs"`
			}
			Data struct {
				Metrics []struct {
					Key   string
					Value any
				}
			}
		}
	}
	again.call(t, "GET", "/api/2.0/mlflow/runs/get?run_id="+f.run, nil, &got)
	di := got.Run.Inputs.DatasetInputs
	if len(di) != 1 || di[0].Dataset.Name != "iris" || len(di[0].Tags) != 1 ||
		di[0].Tags[0].Value != "training" {
		t.Errorf("dataset input read back: %+v", di)
	}
	if m := got.Run.Data.Metrics; len(m) != 1 || m[0].Value != "NaN" {
		t.Errorf("latest loss read back: %+v (want the NaN at step 2)", m)
	}
}
