package ui

import (
	"encoding/json"
	"errors"
	"fmt"

	"mlscope/app/mlmodel"
)

// exampleRequest turns a model's input example into a scoring request body,
// given the texts of the model's example files (by name). MLflow 2.17 and
// later write serving_input_example.json, which is such a body already;
// older models have only input_example.json, whose layout depends on the
// example's type, and is wrapped the way MLflow's
// convert_input_example_to_serving_input does. It returns the body and the
// file it came from, or an error saying why there is none.
func exampleRequest(ex *mlmodel.InputExample, files map[string]string) (body, from string,
	err error) {
	if ex == nil {
		return "", "", errors.New("this model was logged without an input example")
	}
	from, ok := exampleFile(ex, files)
	if !ok {
		return "", "", errors.New("the input example file is not in the model folder")
	}
	if from == ex.ServingInputPath {
		return files[from], from, nil
	}
	body, err = wrapExample(ex, files[from])
	return body, from, err
}

// exampleFile names the example file to use: the serving example when
// the model has it, else the input example. It is false when neither was
// loaded.
func exampleFile(ex *mlmodel.InputExample, files map[string]string) (string, bool) {
	if ex == nil {
		return "", false
	}
	for _, p := range []string{ex.ServingInputPath, ex.ArtifactPath} {
		if _, ok := files[p]; ok && p != "" {
			return p, true
		}
	}
	return "", false
}

// wrapExample puts an input_example.json under the request key its type
// calls for.
func wrapExample(ex *mlmodel.InputExample, text string) (string, error) {
	var top map[string]json.RawMessage
	isObject := json.Unmarshal([]byte(text), &top) == nil
	switch ex.Type {
	case "dataframe":
		if ex.PandasOrient == "records" {
			return `{"dataframe_records": ` + text + `}`, nil
		}
		return `{"dataframe_split": ` + text + `}`, nil
	case "ndarray":
		// Saved as {"inputs": ...} already.
		if _, ok := top["inputs"]; isObject && ok {
			return text, nil
		}
		return `{"inputs": ` + text + `}`, nil
	case "json_object":
		return `{"inputs": ` + text + `}`, nil
	}
	return "", fmt.Errorf("an input example of type %q cannot be sent as a request; "+
		"paste one instead", ex.Type)
}
