package ui

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/exportfmt"
)

// Register declares the app's routes. The browser entry point calls it
// before app.RunWhenOnBrowser, and the server calls it so that pre-rendered
// pages match. Every path is served by Root, which picks the view.
func Register() {
	app.RouteWithRegexp("^/.*", &Root{})
}

// place is where the user is: the parsed page URL.
type place struct {
	// kind is "home", "experiment", "run", "models", "model", "version",
	// "compare" or "notfound".
	kind         string
	experimentID string
	runID        string
	artifact     string // artifact path below the run's artifacts, for "run"
	modelName    string // registered model, for "model" and "version"
	version      string // model version number, for "version"
	runs         string // the ids of the runs compared, for "compare", joined by commas
	// several is set for /compare-experiments, whose experimentID lists
	// the experiments shown, joined by commas.
	several bool
}

// parsePlace reads /experiments/{id}, /experiments/{id}/runs/{run_id},
// /experiments/{id}/runs/{run_id}/artifacts/{path...}, /models,
// /models/{name} and /models/{name}/versions/{version}. mlflow ui's
// artifactPath segment is read as artifacts.
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
	case len(parts) >= 5 && parts[0] == "experiments" && parts[2] == "runs" &&
		(parts[4] == "artifacts" || parts[4] == "artifactPath"):
		return place{kind: "run", experimentID: parts[1], runID: parts[3],
			artifact: strings.Join(parts[5:], "/")}
	case len(parts) == 1 && parts[0] == "models":
		return place{kind: "models"}
	case len(parts) == 1 && parts[0] == "compare-runs":
		return place{kind: "compare"}
	case parts[0] == "compare-experiments" && len(parts) <= 2:
		// The experiments are in the query (Root.OnNav); mlflow ui's
		// links have a last segment, "s".
		return place{kind: "experiment", several: true}
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
	if rest, ok := strings.CutPrefix(fragment, "/compare-runs?"); ok {
		q, _ := url.ParseQuery(rest)
		return comparePath(parseRunList(q.Get("runs")))
	}
	if path, rest, ok := strings.Cut(fragment, "?"); ok &&
		strings.HasPrefix(path, "/compare-experiments") {
		q, _ := url.ParseQuery(rest)
		return experimentsPath(parseRunList(q.Get("experiments")))
	}
	switch p := parsePlace(fragment); p.kind {
	case "experiment", "run":
		return artifactPagePath(p.experimentID, p.runID, p.artifact)
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
	return sitePath(p)
}

// experimentsPath is the URL of the runs of several experiments in one
// table. mlflow ui's is /#/compare-experiments/s?experiments=["1","2"].
func experimentsPath(ids []string) string {
	return sitePath("/compare-experiments?experiments=" + strings.Join(ids, ","))
}

// experimentIDs splits a place's experimentID, which lists several
// experiments joined by commas on /compare-experiments. MLflow's
// experiment ids hold no commas.
func experimentIDs(id string) []string { return splitCols(id) }

// comparePath is the URL of the compare view of the runs.
func comparePath(runIDs []string) string {
	return sitePath("/compare-runs?runs=" + strings.Join(runIDs, ","))
}

// parseRunList reads the runs of a compare URL: ids separated by commas,
// or, in links copied from mlflow ui, a JSON list (["a","b"]).
func parseRunList(s string) []string {
	s = strings.Trim(strings.TrimSpace(s), "[]")
	var ids []string
	for _, id := range strings.Split(s, ",") {
		if id = strings.Trim(strings.TrimSpace(id), `"`); id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// artifactPagePath is the URL of a run page with the artifact at path p
// selected; the run page itself when p is "". In an export the path is
// in the query (exportfmt.ArtifactParam), so that the run page's copy
// answers it on a static host; its slashes stay as they are.
func artifactPagePath(expID, runID, p string) string {
	u := experimentPath(expID, runID)
	if p == "" {
		return u
	}
	parts := strings.Split(p, "/")
	escape, sep := url.PathEscape, "/artifacts/"
	if inExport() {
		escape, sep = url.QueryEscape, "?"+exportfmt.ArtifactParam+"="
	}
	for i, s := range parts {
		parts[i] = escape(s)
	}
	return u + sep + strings.Join(parts, "/")
}
