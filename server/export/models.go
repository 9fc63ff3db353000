package export

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"

	"mlscope/app/exportfmt"
	"mlscope/app/mlflow"
	"mlscope/app/mlmodel"
)

// The model registry and MLflow 3's logged models are exported as the API
// answers the app's pages for them (models list, model, version, the
// models of an experiment and of a run), with each model's MLmodel file,
// input examples and environment files for the model view.

// registry writes the registered models and their versions, and returns
// the app's addresses of their pages. When only some experiments are
// exported, a version is kept when its run is, and a model when one of
// its versions is; a model's latest_versions may still name a version
// that is left out, whose page then says it is not in the export.
func (e *exporter) registry(runs []*mlflow.Run) ([]string, error) {
	versions, err := e.allVersions()
	if err != nil {
		return nil, err
	}
	exported := map[string]bool{}
	for _, r := range runs {
		exported[r.Info.RunID] = true
	}
	all := e.o.ExperimentIDs == nil
	var keptVersions []json.RawMessage
	keptModels := map[string]bool{}
	var pages []string
	for _, raw := range versions {
		var v mlflow.ModelVersion
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, fmt.Errorf("model-versions/search: %w", err)
		}
		if !all && !exported[v.RunID] {
			continue
		}
		keptVersions = append(keptVersions, raw)
		keptModels[v.Name] = true
		if err := e.version(v.Name, v.Version); err != nil {
			return nil, err
		}
		pages = append(pages, "models/"+v.Name+"/versions/"+v.Version)
	}
	models, err := e.allModels()
	if err != nil {
		return nil, err
	}
	var kept []json.RawMessage
	for _, raw := range models {
		var m mlflow.RegisteredModel
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("registered-models/search: %w", err)
		}
		if !all && !keptModels[m.Name] {
			continue
		}
		kept = append(kept, raw)
		b, err := e.call("GET", "registered-models/get", url.Values{"name": {m.Name}}, nil)
		if err != nil {
			return nil, err
		}
		if err := e.w.write(exportfmt.RegisteredModelPath(m.Name), b, true); err != nil {
			return nil, err
		}
		pages = append(pages, "models/"+m.Name)
	}
	if err := e.w.writeJSON(exportfmt.RegisteredModelsPath,
		map[string]any{"registered_models": orEmpty(kept)}); err != nil {
		return nil, err
	}
	return pages, e.w.writeJSON(exportfmt.ModelVersionsPath,
		map[string]any{"model_versions": orEmpty(keptVersions)})
}

func orEmpty(l []json.RawMessage) []json.RawMessage {
	if l == nil {
		return []json.RawMessage{}
	}
	return l
}

// allVersions is every version of the registry, in the server's order.
func (e *exporter) allVersions() ([]json.RawMessage, error) {
	return e.everyPage("model-versions/search", "model_versions", e.getPage("model-versions/search",
		"200000"))
}

// allModels is every registered model.
func (e *exporter) allModels() ([]json.RawMessage, error) {
	return e.everyPage("registered-models/search", "registered_models",
		e.getPage("registered-models/search", "1000"))
}

// getPage asks a GET search for the page at a token, max results at a
// time.
func (e *exporter) getPage(rpc, max string) func(token string) ([]byte, error) {
	return func(token string) ([]byte, error) {
		q := url.Values{"max_results": {max}}
		if token != "" {
			q.Set("page_token", token)
		}
		return e.call("GET", rpc, q, nil)
	}
}

// everyPage gets every page of a search, each from ask, and returns the
// lists under key.
func (e *exporter) everyPage(rpc, key string, ask func(token string) ([]byte, error)) (
	[]json.RawMessage, error) {
	var out []json.RawMessage
	token := ""
	for {
		b, err := ask(token)
		if err != nil {
			return nil, err
		}
		var page map[string]json.RawMessage
		var list []json.RawMessage
		var next string
		err = json.Unmarshal(b, &page)
		if err == nil && page[key] != nil {
			err = json.Unmarshal(page[key], &list)
		}
		if err == nil && page["next_page_token"] != nil {
			err = json.Unmarshal(page["next_page_token"], &next)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rpc, err)
		}
		out = append(out, list...)
		if token = next; token == "" || len(list) == 0 {
			return out, nil
		}
	}
}

// version writes model-versions/get of a version and its model's files.
func (e *exporter) version(name, version string) error {
	b, err := e.call("GET", "model-versions/get", url.Values{"name": {name},
		"version": {version}}, nil)
	if err != nil {
		return err
	}
	if err := e.w.write(exportfmt.ModelVersionPath(name, version), b, true); err != nil {
		return err
	}
	return e.modelFiles(func(rel string) string {
		return "/model-versions/get-artifact?" + url.Values{"name": {name},
			"version": {version}, "path": {rel}}.Encode()
	}, func(rel string) string { return exportfmt.VersionFilePath(name, version, rel) })
}

// loggedModels writes the MLflow 3 logged models of an experiment and
// their models' files.
func (e *exporter) loggedModels(expID string) error {
	all, err := e.everyPage("logged-models/search of experiment "+expID, "models",
		func(token string) ([]byte, error) {
			body := map[string]any{"experiment_ids": []string{expID}, "max_results": 1000}
			if token != "" {
				body["page_token"] = token
			}
			return e.call("POST", "logged-models/search", nil, body)
		})
	if err != nil {
		return err
	}
	for _, raw := range all {
		var m mlflow.LoggedModel
		if err := json.Unmarshal(raw, &m); err != nil {
			return fmt.Errorf("logged-models/search of experiment %s: %w", expID, err)
		}
		id := m.Info.ModelID
		err := e.modelFiles(func(rel string) string {
			return "/ajax-api/2.0/mlflow/logged-models/" + url.PathEscape(id) +
				"/artifacts/files?" + url.Values{"artifact_file_path": {rel}}.Encode()
		}, func(rel string) string { return exportfmt.LoggedModelFilePath(id, rel) })
		if err != nil {
			return err
		}
	}
	return e.w.writeJSON(exportfmt.LoggedModelsPath(expID), map[string]any{"models": orEmpty(all)})
}

// modelFiles copies what the model view reads of a model: its MLmodel
// file (and the file as JSON), its input examples and its environment
// files. from is a file's address on the server, to its path in the
// export. A model whose MLmodel file is not on this machine gets none,
// and its view says so, as on the server.
func (e *exporter) modelFiles(from, to func(rel string) string) error {
	status, b := e.get(from(mlmodel.FileName))
	if status != http.StatusOK {
		return nil
	}
	js, err := e.writeMLmodel(to(mlmodel.FileName), b)
	if err != nil || js == nil {
		return err // js nil: the model view says the file does not parse
	}
	m, err := mlmodel.ParseJSON(js)
	if err != nil {
		return nil
	}
	for _, name := range append(m.ExampleFiles(), mlmodel.EnvFiles...) {
		if status, b := e.get(from(name)); status == http.StatusOK && path.Clean(name) == name {
			if err := e.w.write(to(name), b, true); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeMLmodel writes an MLmodel file at dest, a copy of a model's file
// (exportfmt.MLmodelJSONOf), and beside it the file as JSON, as the
// server's mlscope/mlmodel endpoint sends it: the app has no YAML decoder.
// It returns the JSON, nil when the file does not parse (then only the
// file is written).
func (e *exporter) writeMLmodel(dest string, b []byte) ([]byte, error) {
	if err := e.w.write(dest, b, true); err != nil {
		return nil, err
	}
	js, err := mlmodel.DocumentJSON(b)
	if err != nil {
		return nil, nil
	}
	jsPath, ok := exportfmt.MLmodelJSONOf(dest)
	if !ok {
		return nil, fmt.Errorf("no JSON copy's path for %s", dest)
	}
	return js, e.w.write(jsPath, js, true)
}

// get asks the server's handlers for an address and returns the status
// and the body.
func (e *exporter) get(u string) (int, []byte) {
	return e.serve(httptest.NewRequest("GET", u, nil))
}
