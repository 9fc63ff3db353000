package mlmodel

import (
	"strings"
	"testing"
)

// history is shaped as MLflow 2.13 writes the tag: json.dumps of the
// MLmodel documents, each flavor without its config key.
const history = `[{"run_id": "3ca5af5e493c40ae92cd2a37aca24b6e", "artifact_path": "model", ` +
	`"utc_time_created": "2025-06-15 08:23:20.186980", "flavors": {"python_function": ` +
	`{"model_path": "model.pkl", "predict_fn": "predict", "loader_module": "mlflow.sklearn", ` +
	`"python_version": "3.10.11", "env": {"conda": "conda.yaml", "virtualenv": "python_env.yaml"}}, ` +
	`"sklearn": {"pickled_model": "model.pkl", "sklearn_version": "1.3.0", ` +
	`"serialization_format": "cloudpickle", "code": null}}, "model_uuid": ` +
	`"8743cbb1e696496d806df13d13c69e06", "mlflow_version": "2.13.0", "signature": {"inputs": ` +
	`"[{\"type\": \"double\", \"name\": \"tenure\", \"required\": true}]", "outputs": ` +
	`"[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"int64\", \"shape\": [-1]}}]", ` +
	`"params": null}, "model_size_bytes": 3044364}, {"run_id": "3ca5af5e493c40ae92cd2a37aca24b6e", ` +
	`"artifact_path": "best_model", "utc_time_created": "2025-06-15 08:23:35.304947", "flavors": ` +
	`{"python_function": {"loader_module": "mlflow.sklearn", "python_version": "3.10.11"}}, ` +
	`"model_uuid": "2aa42b0cfb374d85872b9546c41bc3a6", "saved_input_example_info": ` +
	`{"artifact_path": "input_example.json", "type": "dataframe", "pandas_orient": "split"}}]`

func TestParseHistory(t *testing.T) {
	tests := []struct {
		name    string
		tag     string
		paths   []string
		wantErr string
	}{
		{"2.13", history, []string{"model", "best_model"}, ""},
		{"empty list", "[]", nil, ""},
		{"not JSON", "[{", nil, "invalid mlflow.log-model.history JSON"},
		{"an entry not an object", `[1, {"artifact_path": "m"}]`, []string{"m"}, "entries 0 are not objects"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseHistory(tt.tag)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" &&
				(err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			}
			if len(got) != len(tt.paths) {
				t.Fatalf("%d entries, want %d", len(got), len(tt.paths))
			}
			for i, m := range got {
				if m.ArtifactPath != tt.paths[i] {
					t.Errorf("entry %d path %q, want %q", i, m.ArtifactPath, tt.paths[i])
				}
			}
		})
	}
	ms, _ := ParseHistory(history)
	first := ms[0]
	if first.SizeBytes != 3044364 || first.MLflowVersion != "2.13.0" ||
		first.Signature == nil || len(first.Signature.Inputs) != 1 ||
		first.Signature.Outputs[0].DType != "int64" || len(first.Problems) > 0 {
		t.Errorf("first entry %+v, signature %+v", first, first.Signature)
	}
	if got := flavorSummary(first); strings.Join(got, ",") != "sklearn 1.3.0,python_function 3.10.11" {
		t.Errorf("flavors %q", got)
	}
	if ms[1].InputExample == nil || ms[1].InputExample.PandasOrient != "split" {
		t.Errorf("second entry's input example %+v", ms[1].InputExample)
	}
}

func TestSnippet(t *testing.T) {
	tests := []struct {
		name string
		uri  string
		want string
	}{
		{"run", RunURI("abc", "/model/"), `mlflow.pyfunc.load_model("runs:/abc/model")`},
		{"run root", RunURI("abc", ""), `mlflow.pyfunc.load_model("runs:/abc")`},
		{"registry", RegistryURI("churn", "3"), `mlflow.pyfunc.load_model("models:/churn/3")`},
		// Quotes and backslashes in a name must not end the Python string.
		{"odd name", RegistryURI(`a"b\c`, "1"), `mlflow.pyfunc.load_model("models:/a\"b\\c/1")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LoadSnippet(tt.uri)
			if !strings.HasPrefix(got, "import mlflow\n") || !strings.Contains(got, tt.want+"\n") {
				t.Errorf("LoadSnippet(%q) =\n%s\nwant a line with %s", tt.uri, got, tt.want)
			}
		})
	}
}

func FuzzParseHistory(f *testing.F) {
	f.Add(history)
	f.Add(`[{"flavors": {"a": 1}, "signature": {"params": "[{\"shape\": [[]]}]"}}]`)
	f.Fuzz(func(t *testing.T, tag string) {
		ms, _ := ParseHistory(tag)
		for _, m := range ms {
			_ = m.URI()
			for _, fl := range m.Flavors {
				_ = fl.Settings()
			}
		}
	})
}
