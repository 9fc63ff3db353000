package mlmodel

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func parseFile(t testing.TB, name string) *Model {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(b)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return m
}

// flavorSummary is "name version" for each flavor, in order.
func flavorSummary(m *Model) []string {
	var out []string
	for _, f := range m.Flavors {
		out = append(out, f.Name+" "+f.Version())
	}
	return out
}

func TestParseFiles(t *testing.T) {
	tests := []struct {
		file     string
		flavors  []string
		mlflow   string
		runID    string
		size     int64
		uri      string
		inputs   []Spec
		outputs  []Spec
		params   []Param
		examples []string
	}{
		{
			file:    "sklearn-columns-2.16.MLmodel",
			flavors: []string{"sklearn 1.5.1", "python_function 3.11.7"},
			mlflow:  "2.16.0", runID: "6c1f0d2b9e8a4f5d8c7b6a5e4d3c2b1a", size: 1024,
			uri: "runs:/6c1f0d2b9e8a4f5d8c7b6a5e4d3c2b1a/model",
			inputs: []Spec{
				{Name: "fixed acidity", Type: "double", Required: true},
				{Name: "alcohol", Type: "double", Required: true},
				{Name: "region", Type: "string", Required: false},
			},
			outputs:  []Spec{{Type: "tensor", Required: true, DType: "float64", Shape: "(-1)"}},
			examples: []string{"input_example.json", "serving_input_example.json"},
		},
		{
			file:    "pytorch-tensors-2.21.MLmodel",
			flavors: []string{"pytorch 2.5.1+cu121", "python_function 3.10.12"},
			mlflow:  "2.21.3", runID: "b88ac087f70044f68929fbdc25f94599", size: 1228554,
			uri:      "runs:/b88ac087f70044f68929fbdc25f94599/classifier",
			inputs:   []Spec{{Type: "tensor", Required: true, DType: "float32", Shape: "(-1, 1, 28, 28)"}},
			outputs:  []Spec{{Type: "tensor", Required: true, DType: "float32", Shape: "(-1, 10)"}},
			examples: []string{"input_example.json", "serving_input_example.json"},
		},
		{
			// MLflow 3: the model id is the address, the artifact path a URI.
			file:    "lightgbm-logged-model-3.2.MLmodel",
			flavors: []string{"lightgbm 4.6.0", "python_function 3.10.0"},
			mlflow:  "3.2.0", runID: "6258fcd9060f49fb81c7bf21cae264d4", size: 7108,
			uri: "models:/m-6ce497ae228f440d85f02b54056982c2",
		},
		{
			file:    "sklearn-legacy-1.x.MLmodel",
			flavors: []string{"sklearn 0.23.2", "python_function 3.8.0"},
			runID:   "253a870b293544c3ad988f183c307ad2",
			uri:     "runs:/253a870b293544c3ad988f183c307ad2/model",
			// Before 2.x columns had no required key: all are required.
			inputs: []Spec{
				{Name: "ATIVO", Type: "double", Required: true},
				{Name: "P/L", Type: "double", Required: true},
				{Name: "SETOR", Type: "string", Required: true},
			},
			outputs:  []Spec{{Type: "tensor", Required: true, DType: "int64", Shape: "(-1)"}},
			examples: []string{"input_example.json"},
		},
		{
			file:    "pyfunc-params-2.18.MLmodel",
			flavors: []string{"python_function 3.11.10"},
			mlflow:  "2.18.0", runID: "4b1d2c3e5f6a47b8c9d0e1f2a3b4c5d6", size: 4321,
			uri: "runs:/4b1d2c3e5f6a47b8c9d0e1f2a3b4c5d6/chat",
			inputs: []Spec{
				{Name: "messages", Type: "array<object{content: string, role: string}>", Required: true},
				{Name: "weights", Type: "map<string, double>", Required: false},
			},
			outputs: []Spec{{Type: "string", Required: true}},
			params: []Param{
				{Name: "temperature", Type: "double", Default: "0.5"},
				{Name: "stop", Type: "string", Default: `["\n\n"]`, Shape: "(-1)"},
				{Name: "max_tokens", Type: "long", Default: "256"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			m := parseFile(t, tt.file)
			if len(m.Problems) > 0 {
				t.Errorf("problems: %v", m.Problems)
			}
			if got := flavorSummary(m); !reflect.DeepEqual(got, tt.flavors) {
				t.Errorf("flavors %q, want %q", got, tt.flavors)
			}
			if m.MLflowVersion != tt.mlflow || m.RunID != tt.runID || m.SizeBytes != tt.size {
				t.Errorf("mlflow %q run %q size %d; want %q %q %d",
					m.MLflowVersion, m.RunID, m.SizeBytes, tt.mlflow, tt.runID, tt.size)
			}
			if got := m.URI(); got != tt.uri {
				t.Errorf("URI() = %q, want %q", got, tt.uri)
			}
			if _, ok := m.Created(); !ok {
				t.Errorf("Created() failed on %q", m.UTCTimeCreated)
			}
			if got := m.ExampleFiles(); !reflect.DeepEqual(got, tt.examples) {
				t.Errorf("ExampleFiles() = %q, want %q", got, tt.examples)
			}
			var in, out []Spec
			var params []Param
			if m.Signature != nil {
				in, out, params = m.Signature.Inputs, m.Signature.Outputs, m.Signature.Params
			}
			if !sameSpecs(in, tt.inputs) || !sameSpecs(out, tt.outputs) {
				t.Errorf("inputs %+v outputs %+v;\nwant %+v %+v", in, out, tt.inputs, tt.outputs)
			}
			if len(params) != len(tt.params) || len(params) > 0 && !reflect.DeepEqual(params, tt.params) {
				t.Errorf("params %+v, want %+v", params, tt.params)
			}
		})
	}
}

func sameSpecs(a, b []Spec) bool {
	return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b))
}

func TestSignatureKeepsRawJSON(t *testing.T) {
	m := parseFile(t, "sklearn-columns-2.16.MLmodel")
	s := m.Signature
	if !strings.HasPrefix(s.InputsJSON, `[{"type": "double", "name": "fixed acidity"`) ||
		!strings.Contains(s.InputsJSON, `"name": "alcohol"`) || s.ParamsJSON != "" {
		t.Errorf("raw inputs %q params %q", s.InputsJSON, s.ParamsJSON)
	}
}

func TestParseDamaged(t *testing.T) {
	tests := []struct {
		name     string
		yaml     string
		wantErr  string
		problems []string // substrings, in order
	}{
		{"empty", "", "empty", nil},
		{"not yaml", "flavors: [a\n", "invalid MLmodel yaml", nil},
		{"a list", "- a\n- b\n", "invalid MLmodel yaml", nil},
		{"signature not JSON", "signature:\n  inputs: '[{\"type\": '\n", "",
			[]string{"signature inputs: invalid JSON"}},
		{"signature entry not an object", "signature:\n  inputs: '[1]'\n", "",
			[]string{"signature inputs: invalid JSON"}},
		{"flavors a list", "flavors: [sklearn]\nrun_id: abc\n", "", []string{"flavors: not a mapping"}},
		{"one flavor a string", "flavors:\n  sklearn: yes\n  python_function: {}\n", "",
			[]string{"flavors.sklearn: not a mapping"}},
		{"size not a number", "model_size_bytes: big\n", "", []string{"model_size_bytes: not a whole number"}},
		{"run_id a mapping", "run_id: {a: 1}\n", "", []string{"run_id: not a single value"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse([]byte(tt.yaml))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Parse(%q) error = %v, want %q", tt.yaml, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.yaml, err)
			}
			if len(m.Problems) != len(tt.problems) {
				t.Fatalf("problems %q, want %q", m.Problems, tt.problems)
			}
			for i, p := range tt.problems {
				if !strings.Contains(m.Problems[i], p) {
					t.Errorf("problem %d = %q, want %q", i, m.Problems[i], p)
				}
			}
		})
	}
}

func TestFlavorSettings(t *testing.T) {
	m := parseFile(t, "pytorch-tensors-2.21.MLmodel")
	f, ok := m.Flavor("python_function")
	if !ok {
		t.Fatal("no python_function flavor")
	}
	want := []Setting{
		{"data", "data"}, {"env.conda", "conda.yaml"}, {"env.virtualenv", "python_env.yaml"},
		{"loader_module", "mlflow.pytorch"}, {"pickle_module_name", "mlflow.pytorch.pickle_module"},
		{"python_version", "3.10.12"},
	}
	if got := f.Settings(); !reflect.DeepEqual(got, want) {
		t.Errorf("Settings() = %q,\nwant %q", got, want)
	}
}

func TestCreated(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2024-12-03 18:26:12.500000", time.Date(2024, 12, 3, 18, 26, 12, 5e8, time.UTC), true},
		{"2024-12-03 18:26:12", time.Date(2024, 12, 3, 18, 26, 12, 0, time.UTC), true},
		{"", time.Time{}, false},
		{"yesterday", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := (&Model{UTCTimeCreated: tt.in}).Created()
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("Created(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// addTestFiles seeds a fuzz test with the test MLmodel files.
func addTestFiles(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.MLmodel"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzParse(f *testing.F) {
	addTestFiles(f)
	f.Add([]byte("signature:\n  inputs: '[{\"type\": \"object\", \"properties\": {\"a\": 1}}]'\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Parse(b)
		if err != nil {
			return
		}
		// Whatever was read must be usable by the view without panics.
		_ = m.URI()
		_, _ = m.Created()
		_ = m.ExampleFiles()
		for _, fl := range m.Flavors {
			_ = fl.Version()
			_ = fl.Settings()
		}
	})
}

// realTrees is where CI lays the team's shared real trees; a user's clone
// has none and the test skips.
const realTrees = "../../../shared/fixtures/mlruns-real"

// TestRealFiles parses every MLmodel file and history tag in the shared
// real trees: none may fail or leave a problem.
func TestRealFiles(t *testing.T) {
	if _, err := os.Stat(realTrees); err != nil {
		t.Skipf("skipped: %s not found (shared fixtures exist in CI only)", realTrees)
	}
	var models, tags int
	err := filepath.WalkDir(realTrees, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch {
		case d.Name() == FileName:
			models++
			m, err := Parse(b)
			if err != nil || len(m.Problems) > 0 || len(m.Flavors) == 0 {
				t.Errorf("%s: %v, problems %q, %d flavors", p, err, m.Problems, len(m.Flavors))
			}
		case d.Name() == HistoryTag:
			tags++
			ms, err := ParseHistory(string(b))
			if err != nil || len(ms) == 0 {
				t.Errorf("%s: %d entries, %v", p, len(ms), err)
			}
			for _, m := range ms {
				if len(m.Problems) > 0 {
					t.Errorf("%s: problems %q", p, m.Problems)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if models < 100 || tags < 100 {
		t.Errorf("found %d MLmodel files and %d history tags; the fixtures hold more", models, tags)
	}
}
