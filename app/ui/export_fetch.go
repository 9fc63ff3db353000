package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"mlscope/app/exportfmt"
	"mlscope/app/mlflow"
)

// In an export (issue 10) there is no server: exportFetch answers the
// requests the app makes of the API from the export's static files, and
// computes in the page what the server would compute (runs/search, the
// runs table, the steps of a history). Everything else of the app is the
// same. fetch and fetchBytes (client.go, history.go) call it.

// errReadOnly answers a write: an export cannot change.
var errReadOnly = &mlflow.Error{Code: "PERMISSION_DENIED",
	Message: "This is a read-only export of an mlscope tree: nothing can be changed here."}

// exportFetch answers one request of the app in an export.
func exportFetch(method, u string, body []byte) (int, []byte, error) {
	pu, err := url.Parse(u)
	if err != nil {
		return 0, nil, fmt.Errorf("%s %s: %w", method, u, err)
	}
	q := pu.Query()
	var out any
	switch rpc, isRPC := strings.CutPrefix(pu.Path, apiBase); {
	case pu.Path == tableURL:
		out, err = exportTable(body)
	case pu.Path == "/get-artifact":
		return staticFetch(exportfmt.ArtifactFilePath(q.Get("run_id"), q.Get("path")))
	case pu.Path == mlmodelPath:
		return exportMLmodel(q.Get("file"))
	case isRPC:
		out, err = exportRPC(method, rpc, q, body)
	case strings.HasPrefix(pu.Path, "/ajax-api/") || strings.HasPrefix(pu.Path, "/api/") ||
		pu.Path == "/health" || pu.Path == "/version" || strings.HasPrefix(pu.Path, "/model-versions/"):
		err = notExported(pu.Path)
	default:
		return browserFetch(method, u, body) // a file of the export itself
	}
	return answer(out, err)
}

// exportRPC answers MLflow's RPCs the app reads.
func exportRPC(method, rpc string, q url.Values, body []byte) (any, error) {
	switch rpc {
	case "experiments/search":
		if q.Get("view_type") == "DELETED_ONLY" {
			return map[string]any{"experiments": []any{}}, nil
		}
		return rawFile(exportfmt.ExperimentsPath)
	case "experiments/get":
		return rawFile(exportfmt.ExperimentPath(q.Get("experiment_id")))
	case "runs/get":
		return rawFile(exportfmt.RunPath(q.Get("run_id")))
	case "runs/search":
		return exportSearchRuns(body)
	case "metrics/get-history":
		return exportWholeHistory(q.Get("run_id"), q.Get("metric_key"))
	case "metrics/get-history-bulk-interval":
		return exportBulkHistory(q)
	case "artifacts/list":
		return rawFile(exportfmt.ArtifactListPath(q.Get("run_id"), q.Get("path")))
	case "registered-models/search":
		return rawFile(exportfmt.RegisteredModelsPath)
	case "registered-models/get":
		return rawFile(exportfmt.RegisteredModelPath(q.Get("name")))
	case "model-versions/search":
		return exportVersions(q)
	case "model-versions/get":
		return rawFile(exportfmt.ModelVersionPath(q.Get("name"), q.Get("version")))
	case "logged-models/search":
		return exportLoggedModels(body)
	}
	if method != "GET" {
		return nil, errReadOnly
	}
	return nil, notExported(rpc)
}

func notExported(what string) error {
	return &mlflow.Error{Code: "ENDPOINT_NOT_FOUND",
		Message: what + " is not part of this export (a static copy has no server)."}
}

// rawJSON is a file's bytes, passed on as they are.
type rawJSON []byte

// answer turns a result into what fetch returns: 200 and its JSON, or
// MLflow's error shape.
func answer(out any, err error) (int, []byte, error) {
	var me *mlflow.Error
	var te *tableError
	switch {
	case errors.As(err, &te):
		b, _ := json.Marshal(te)
		return 400, b, nil
	case errors.As(err, &me):
		b, _ := json.Marshal(me)
		status := 404
		if me.Code == "INVALID_PARAMETER_VALUE" {
			status = 400
		} else if me.Code == errReadOnly.Code {
			status = 403
		}
		return status, b, nil
	case err != nil:
		return 0, nil, err
	}
	if raw, ok := out.(rawJSON); ok {
		return 200, raw, nil
	}
	b, err := json.Marshal(out)
	if err != nil {
		return 0, nil, fmt.Errorf("encode an answer of the export: %w", err)
	}
	return 200, b, nil
}

// rawFile reads a data file of the export; a missing one is MLflow's
// RESOURCE_DOES_NOT_EXIST.
func rawFile(p string) (any, error) {
	b, err := exportFile(p)
	if err != nil {
		return nil, err
	}
	return rawJSON(b), nil
}

// exportFile reads a file below the site's root.
func exportFile(p string) ([]byte, error) {
	status, b, err := staticFetch(p)
	if err != nil {
		return nil, err
	}
	if status == 404 {
		return nil, &mlflow.Error{Code: "RESOURCE_DOES_NOT_EXIST",
			Message: p + " is not in this export."}
	}
	if status != 200 {
		return nil, fmt.Errorf("GET %s: HTTP %d", p, status)
	}
	return b, nil
}

// staticFetch gets a file below the site's root.
func staticFetch(p string) (int, []byte, error) {
	return browserFetch("GET", sitePath("/"+p), nil)
}

// exportJSON reads a data file into out.
func exportJSON(p string, out any) error {
	b, err := exportFile(p)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("decode %s: %w", p, err)
	}
	return nil
}

// exportMLmodel answers the server's MLmodel-as-JSON endpoint for a
// model's MLmodel file (file is the copy's address: artifactURL, or
// ModelView.fileURL) from the JSON copy the export wrote beside it.
func exportMLmodel(file string) (int, []byte, error) {
	fu, err := url.Parse(file)
	if err != nil {
		return answer(nil, notExported(file))
	}
	js, ok := exportfmt.MLmodelJSONOf(strings.TrimPrefix(appPath(fu.Path), "/"))
	if !ok {
		return answer(nil, notExported(file))
	}
	return staticFetch(js)
}
