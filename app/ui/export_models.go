package ui

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"mlscope/app/exportfmt"
	"mlscope/app/mlflow"
)

// The model registry and MLflow 3's logged models of an export (issue 10):
// the exporter wrote the registry's answers whole, and the page picks out
// what the app's pages ask for.

// exportVersions answers model-versions/search with the filters the app
// sends: every version, those of a model (name = '…') or those made from
// a run (run_id = '…'), in the server's order or by version, newest first.
func exportVersions(q url.Values) (any, error) {
	field, value, err := parseVersionFilter(q.Get("filter"))
	if err != nil {
		return nil, err
	}
	var all struct {
		Versions []*mlflow.ModelVersion `json:"model_versions"`
	}
	if err := exportJSON(exportfmt.ModelVersionsPath, &all); err != nil {
		return nil, err
	}
	out := []*mlflow.ModelVersion{}
	for _, v := range all.Versions {
		if field == "" || field == "name" && v.Name == value || field == "run_id" && v.RunID == value {
			out = append(out, v)
		}
	}
	switch order := q["order_by"]; {
	case len(order) == 0:
	case len(order) == 1 && order[0] == "version_number DESC":
		slices.SortStableFunc(out, func(a, b *mlflow.ModelVersion) int {
			x, _ := strconv.Atoi(a.Version)
			y, _ := strconv.Atoi(b.Version)
			return y - x
		})
	default:
		return nil, &mlflow.Error{Code: "INVALID_PARAMETER_VALUE", Message: fmt.Sprintf(
			"order_by %q of model-versions/search is not supported in an export", order)}
	}
	return map[string]any{"model_versions": out}, nil
}

// parseVersionFilter reads "", "name = 'x'" or "run_id = 'x'" (a quote in
// x doubled, as the app writes it); field is "" for no filter.
func parseVersionFilter(f string) (field, value string, err error) {
	f = strings.TrimSpace(f)
	if f == "" {
		return "", "", nil
	}
	bad := &mlflow.Error{Code: "INVALID_PARAMETER_VALUE", Message: fmt.Sprintf(
		"filter %q of model-versions/search is not supported in an export: use "+
			"name = '…' or run_id = '…'", f)}
	key, rest, ok := strings.Cut(f, "=")
	key, rest = strings.TrimSpace(key), strings.TrimSpace(rest)
	if !ok || key != "name" && key != "run_id" || len(rest) < 2 || rest[0] != '\'' ||
		rest[len(rest)-1] != '\'' {
		return "", "", bad
	}
	inner := rest[1 : len(rest)-1]
	if strings.Count(inner, "'") != 2*strings.Count(inner, "''") {
		return "", "", bad // a lone quote: the value would have ended there
	}
	return key, strings.ReplaceAll(inner, "''", "'"), nil
}

// exportLoggedModels answers logged-models/search: every logged model of
// the experiments asked for, in one page.
func exportLoggedModels(body []byte) (any, error) {
	var req struct {
		ExperimentIDs []string `json:"experiment_ids"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, fmt.Errorf("read a logged-models/search request: %w", err)
	}
	out := []json.RawMessage{}
	for _, id := range req.ExperimentIDs {
		var page struct {
			Models []json.RawMessage `json:"models"`
		}
		if err := exportJSON(exportfmt.LoggedModelsPath(id), &page); err != nil {
			return nil, err
		}
		out = append(out, page.Models...)
	}
	return map[string]any{"models": out}, nil
}
