package demo

import (
	"fmt"
	"strings"
	"time"
)

// Versions the logged models claim, those of an MLflow 2.18 install.
const (
	mlflowVersion  = "2.18.0"
	pythonVersion  = "3.11.10"
	sklearnVersion = "1.5.2"
	modelDir       = "model" // artifact_path of the logged model
)

// requirements are the model's pip requirements, as MLflow infers them.
var requirements = []string{"mlflow==" + mlflowVersion, "cloudpickle==3.1.0",
	"numpy==1.26.4", "pandas==2.2.3", "psutil==6.1.0",
	"scikit-learn==" + sklearnVersion, "scipy==1.14.1"}

// artifact is a file to write below a run's artifact root.
type artifact struct {
	path string
	body []byte
}

// loggedModel is what mlflow.sklearn.log_model leaves in a run: the model
// folder's files and the entry for the mlflow.log-model.history tag.
type loggedModel struct {
	files []artifact
	entry string
}

// newLoggedModel describes the model a run logged at the time created:
// the theme's columns are its signature's inputs, the target its output,
// and rows its input example.
func newLoggedModel(t theme, runID string, created time.Time, uuid string,
	rows [][]any) loggedModel {
	when := created.UTC().Format("2006-01-02 15:04:05.000000")
	cols := make([]any, len(t.columns))
	inputs := make([]any, len(t.columns))
	for i, c := range t.columns {
		cols[i] = c.name
		inputs[i] = obj{{"type", c.typ}, {"name", c.name}, {"required", true}}
	}
	outputs := []any{obj{{"type", "long"}, {"name", t.target}, {"required", true}}}
	data := make([]any, len(rows))
	for i, r := range rows {
		data[i] = r
	}
	split := obj{{"columns", cols}, {"data", data}}
	mlmodel := mlmodelText(runID, when, uuid, pyJSON(inputs), pyJSON(outputs))
	files := []artifact{
		{modelDir + "/MLmodel", []byte(mlmodel)},
		{modelDir + "/conda.yaml", []byte(condaYAML())},
		{modelDir + "/input_example.json", []byte(pyJSON(split))},
		{modelDir + "/python_env.yaml", []byte(pythonEnvYAML())},
		{modelDir + "/requirements.txt", []byte(strings.Join(requirements, "\n"))},
		{modelDir + "/serving_input_example.json",
			[]byte(pyJSONIndent(obj{{"dataframe_split", split}}))},
	}
	// The history keeps each flavor without its "config", keys in the
	// order MLflow's dicts have them.
	entry := pyJSON(obj{
		{"run_id", runID}, {"artifact_path", modelDir}, {"utc_time_created", when},
		{"model_uuid", uuid},
		{"flavors", obj{
			{"python_function", obj{{"model_path", "model.pkl"}, {"predict_fn", "predict"},
				{"loader_module", "mlflow.sklearn"}, {"python_version", pythonVersion},
				{"env", obj{{"conda", "conda.yaml"}, {"virtualenv", "python_env.yaml"}}}}},
			{"sklearn", obj{{"pickled_model", "model.pkl"}, {"sklearn_version", sklearnVersion},
				{"serialization_format", "cloudpickle"}, {"code", nil}}},
		}},
	})
	return loggedModel{files: files, entry: entry}
}

// mlmodelText is the MLmodel file as PyYAML's safe_dump writes it (keys
// sorted, the signature's schemas as single-quoted JSON strings), except
// that long strings are not folded over several lines. model.pkl is named
// by the flavors but not written; the metadata says so.
func mlmodelText(runID, when, uuid, inputs, outputs string) string {
	return fmt.Sprintf(`artifact_path: %s
flavors:
  python_function:
    env:
      conda: conda.yaml
      virtualenv: python_env.yaml
    loader_module: mlflow.sklearn
    model_path: model.pkl
    predict_fn: predict
    python_version: %s
  sklearn:
    code: null
    pickled_model: model.pkl
    serialization_format: cloudpickle
    sklearn_version: %s
metadata:
  generated_by: mlscope demo
  note: demo data without model.pkl, so the model cannot be loaded
mlflow_version: %s
model_uuid: %s
run_id: %s
saved_input_example_info:
  artifact_path: input_example.json
  pandas_orient: split
  serving_input_path: serving_input_example.json
  type: dataframe
signature:
  inputs: %s
  outputs: %s
  params: null
utc_time_created: '%s'
`, modelDir, pythonVersion, sklearnVersion, mlflowVersion, uuid, runID,
		yamlQuote(inputs), yamlQuote(outputs), when)
}

// yamlQuote is a YAML single-quoted scalar.
func yamlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func condaYAML() string {
	var b strings.Builder
	b.WriteString("channels:\n- conda-forge\ndependencies:\n")
	b.WriteString("- python=" + pythonVersion + "\n- pip<=24.2\n- pip:\n")
	for _, r := range requirements {
		b.WriteString("  - " + r + "\n")
	}
	b.WriteString("name: mlflow-env\n")
	return b.String()
}

func pythonEnvYAML() string {
	return "python: " + pythonVersion + "\nbuild_dependencies:\n- pip==24.2\n" +
		"- setuptools==75.1.0\n- wheel==0.44.0\ndependencies:\n- -r requirements.txt\n"
}
