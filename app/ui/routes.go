package ui

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Register declares the app's routes. The browser entry point calls it
// before app.RunWhenOnBrowser, and the server calls it so that pre-rendered
// pages match. Every path is served by Root, which picks the view.
func Register() {
	app.RouteWithRegexp("^/.*", &Root{})
}

// place is where the user is: the parsed page URL.
type place struct {
	kind         string // "home", "experiment", "run", "models", "model", "version" or "notfound"
	experimentID string
	runID        string
	modelName    string // registered model, for "model" and "version"
	version      string // model version number, for "version"
}

// parsePlace reads /experiments/{id}, /experiments/{id}/runs/{run_id},
// /models, /models/{name} and /models/{name}/versions/{version}.
func parsePlace(path string) place {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	for i, p := range parts {
		if u, err := url.PathUnescape(p); err == nil {
			parts[i] = u
		}
	}
	switch {
	case len(parts) == 1 && parts[0] == "":
		return place{kind: "home"}
	case len(parts) == 2 && parts[0] == "experiments":
		return place{kind: "experiment", experimentID: parts[1]}
	case len(parts) == 4 && parts[0] == "experiments" && parts[2] == "runs":
		return place{kind: "run", experimentID: parts[1], runID: parts[3]}
	case len(parts) == 1 && parts[0] == "models":
		return place{kind: "models"}
	case len(parts) == 2 && parts[0] == "models":
		return place{kind: "model", modelName: parts[1]}
	case len(parts) == 4 && parts[0] == "models" && parts[2] == "versions":
		return place{kind: "version", modelName: parts[1], version: parts[3]}
	}
	return place{kind: "notfound"}
}

// legacyTarget turns the hash of a link copied from mlflow ui
// ("#/experiments/1/runs/abc") into mlscope's path, or "" when the hash is
// not such a link.
func legacyTarget(fragment string) string {
	if !strings.HasPrefix(fragment, "/") {
		return ""
	}
	switch p := parsePlace(fragment); p.kind {
	case "experiment", "run":
		return experimentPath(p.experimentID, p.runID)
	case "models", "model", "version":
		return modelPath(p.modelName, p.version)
	}
	return ""
}

// experimentPath is the URL of an experiment, or of one of its runs when
// runID is set.
func experimentPath(expID, runID string) string {
	p := "/experiments/" + url.PathEscape(expID)
	if runID != "" {
		p += "/runs/" + url.PathEscape(runID)
	}
	return p
}
