package mlmodel

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// FileName is the name of the description file in a model folder.
const FileName = "MLmodel"

// EnvFiles are the environment files MLflow writes beside MLmodel, in the
// order the model view shows them. Any of them may be missing.
var EnvFiles = []string{"requirements.txt", "conda.yaml", "python_env.yaml"}

// Model is what an MLmodel file says about a logged model. Fields the file
// lacks are empty: MLflow 1.x wrote no mlflow_version or model_size_bytes,
// MLflow 3 adds model_id and may leave run_id out, and many models have no
// signature or input example.
type Model struct {
	ArtifactPath   string // a path below the run's artifacts; a full URI in MLflow 3
	Flavors        []Flavor
	MLflowVersion  string
	ModelUUID      string
	ModelID        string // MLflow 3 logged model id ("m-…"); empty before
	RunID          string
	UTCTimeCreated string // as written: "2024-12-03 18:26:12.500000", UTC
	SizeBytes      int64  // model_size_bytes; 0 when not recorded
	Signature      *Signature
	InputExample   *InputExample
	// Problems lists fields that were present but could not be read, such
	// as a signature that is not valid JSON; the rest of the model is
	// still filled in.
	Problems []string
}

// Flavor is one way to load the model (sklearn, python_function, ...) with
// its configuration as the file holds it.
type Flavor struct {
	Name   string
	Config map[string]any
}

// InputExample says where the model's input example is stored, relative
// to the model folder (saved_input_example_info).
type InputExample struct {
	ArtifactPath     string // usually input_example.json
	ServingInputPath string // serving_input_example.json, MLflow 2.17 and later
	Type             string // dataframe, ndarray, json_object, ...
	PandasOrient     string // split or records, for dataframes
}

// Parse reads an MLmodel file. It fails only when the bytes are not a
// YAML mapping; fields of unexpected types are skipped and named in
// Model.Problems.
func Parse(b []byte) (*Model, error) {
	doc, err := decodeYAML(b)
	if err != nil {
		return nil, err
	}
	return fromMap(doc), nil
}

// decodeYAML reads an MLmodel file as a mapping.
func decodeYAML(b []byte) (map[string]any, error) {
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("invalid MLmodel yaml: %w", err)
	}
	if doc == nil {
		return nil, errors.New("empty MLmodel file")
	}
	return textKeys(doc).(map[string]any), nil
}

// fromMap builds a Model from a decoded MLmodel document; the history tag
// holds the same document as JSON.
func fromMap(doc map[string]any) *Model {
	r := reader{doc: doc}
	m := &Model{
		ArtifactPath:   r.str("artifact_path"),
		MLflowVersion:  r.str("mlflow_version"),
		ModelUUID:      r.str("model_uuid"),
		ModelID:        r.str("model_id"),
		RunID:          r.str("run_id"),
		UTCTimeCreated: r.str("utc_time_created"),
		SizeBytes:      r.int("model_size_bytes"),
	}
	m.Flavors = r.flavors()
	if sig := r.mapping("signature"); sig != nil {
		m.Signature = decodeSignature(sig, &r)
	}
	if info := r.mapping("saved_input_example_info"); info != nil {
		ir := reader{doc: info}
		m.InputExample = &InputExample{
			ArtifactPath:     ir.str("artifact_path"),
			ServingInputPath: ir.str("serving_input_path"),
			Type:             ir.str("type"),
			PandasOrient:     ir.str("pandas_orient"),
		}
		r.problems = append(r.problems, ir.problems...)
	}
	m.Problems = r.problems
	return m
}

// Flavor returns the flavor with the name and whether the model has it.
func (m *Model) Flavor(name string) (Flavor, bool) {
	for _, f := range m.Flavors {
		if f.Name == name {
			return f, true
		}
	}
	return Flavor{}, false
}

// Created returns utc_time_created as a time, and false when the file has
// none or it does not parse.
func (m *Model) Created() (time.Time, bool) {
	s := strings.TrimSpace(m.UTCTimeCreated)
	for _, layout := range []string{"2006-01-02 15:04:05.999999999", time.RFC3339Nano} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// ExampleFiles are the input example files the model has, relative to its
// folder: the example itself and, from MLflow 2.17, the request body for a
// serving endpoint. It is empty when the model records none.
func (m *Model) ExampleFiles() []string {
	if m.InputExample == nil {
		return nil
	}
	var out []string
	for _, p := range []string{m.InputExample.ArtifactPath, m.InputExample.ServingInputPath} {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Version returns the version of the library the flavor was saved with:
// its own <name>_version key (sklearn_version), python_version for
// python_function, else another *_version key (lgb_version), else "".
func (f Flavor) Version() string {
	own := f.Name + "_version"
	if f.Name == pyfunc {
		own = "python_version"
	}
	if v, ok := f.Config[own]; ok {
		return scalarText(v)
	}
	for _, k := range sortedKeys(f.Config) {
		if strings.HasSuffix(k, "_version") && k != "python_version" {
			return scalarText(f.Config[k])
		}
	}
	if v, ok := f.Config["python_version"]; ok {
		return scalarText(v)
	}
	return ""
}

// Setting is one entry of a flavor's configuration, flattened for display.
type Setting struct {
	Key   string // dotted for nested mappings: "env.conda"
	Value string
}

// Settings lists the flavor's configuration sorted by key, nested mappings
// flattened into dotted keys and lists joined with commas. Null values
// (code: null) are left out.
func (f Flavor) Settings() []Setting {
	var out []Setting
	flatten("", f.Config, &out)
	return out
}

func flatten(prefix string, m map[string]any, out *[]Setting) {
	for _, k := range sortedKeys(m) {
		v := m[k]
		switch x := v.(type) {
		case nil:
			continue
		case map[string]any:
			flatten(prefix+k+".", x, out)
		default:
			*out = append(*out, Setting{Key: prefix + k, Value: scalarText(x)})
		}
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// scalarText spells a YAML or JSON value for display.
func scalarText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Time:
		return x.Format("2006-01-02 15:04:05.999999")
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = scalarText(e)
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		var parts []string
		for _, k := range sortedKeys(x) {
			parts = append(parts, k+": "+scalarText(x[k]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}
