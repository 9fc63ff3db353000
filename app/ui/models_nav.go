package ui

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// modelPath is the URL of the models list, of a registered model when
// name is set, or of one of its versions when version is set too.
func modelPath(name, version string) string {
	p := "/models"
	if name != "" {
		p += "/" + url.PathEscape(name)
		if version != "" {
			p += "/versions/" + url.PathEscape(version)
		}
	}
	return sitePath(p)
}

// modelPlace reports whether a place kind is one of the registry's pages.
func modelPlace(kind string) bool {
	return kind == "models" || kind == "model" || kind == "version"
}

// modelsLink is the sidebar's way to the registry, below the experiments.
func modelsLink(selected bool) app.UI {
	cls := "exp-item models-link"
	if selected {
		cls += " selected"
	}
	return app.Div().Class("sidebar-models").Body(
		app.H2().Class("sidebar-title").Text("Registry"),
		app.A().Class(cls).ID("models-link").Href(modelPath("", "")).Text("Models"),
	)
}

// modelCrumbs are the breadcrumbs of the registry's pages: Models › name
// › Version n, the last one as plain text.
func modelCrumbs(name, version string) app.UI {
	if name == "" {
		return app.Nav().Class("crumbs").Aria("label", "Breadcrumbs").Text("Models")
	}
	items := []app.UI{app.A().Href(modelPath("", "")).Text("Models"), app.Span().Text(" › ")}
	if version != "" {
		items = append(items, app.A().Href(modelPath(name, "")).Text(name),
			app.Span().Text(" › "), app.Span().Text("Version "+version))
	} else {
		items = append(items, app.Span().Text(name))
	}
	return app.Nav().Class("crumbs").Aria("label", "Breadcrumbs").Body(items...)
}

// stageBadge shows a version's stage as a word with a coloured edge.
func stageBadge(stage string) app.UI {
	if stage == "" {
		stage = mlflow.StageNone
	}
	return app.Span().Class("badge stage stage-" + stage).Text(stage)
}

// aliasChips shows aliases as @name chips, or a dash for none.
func aliasChips(aliases []string) app.UI {
	if len(aliases) == 0 {
		return app.Span().Class("muted").Text("-")
	}
	return app.Span().Class("chips").Body(app.Range(aliases).Slice(func(i int) app.UI {
		return app.Span().Class("chip alias").Text("@" + aliases[i])
	}))
}

// runLocation is where a run lives, for links from the registry to the
// runs its versions came from.
type runLocation struct {
	experimentID string
	name         string
}

// locateRuns asks for each run id's experiment; runs that cannot be read
// (deleted from the tree, logged elsewhere) are left out. It blocks; call
// it from ctx.Async.
func locateRuns(ids []string) map[string]runLocation {
	out := map[string]runLocation{}
	for _, id := range ids {
		if _, done := out[id]; done || id == "" {
			continue
		}
		var resp struct {
			Run *mlflow.Run `json:"run"`
		}
		if getJSON("runs/get", url.Values{"run_id": {id}}, &resp) == nil && resp.Run != nil {
			out[id] = runLocation{resp.Run.Info.ExperimentID, resp.Run.Info.RunName}
		}
	}
	return out
}

// runLink links to a run when its place is known, else shows its short id.
func runLink(id string, where map[string]runLocation) app.UI {
	if id == "" {
		return app.Span().Class("muted").Text("-")
	}
	loc, ok := where[id]
	if !ok {
		return app.Code().Title(id + " (not in this tree)").Text(shortID(id))
	}
	label := loc.name
	if label == "" {
		label = shortID(id)
	}
	return app.A().Class("run-link").Href(experimentPath(loc.experimentID, id)).Title(id).Text(label)
}

// whenText is timeText for registry times, "-" when the time is unknown.
func whenText(ms int64) app.UI {
	if ms == 0 {
		return app.Span().Class("muted").Text("-")
	}
	return timeText(ms)
}

// sourcePath returns the folder below a run's artifacts that a version's
// source names (runs:/<run>/<path>, or any URI with <run>/artifacts/<path>)
// and whether the source points into that run at all.
func sourcePath(source, runID string) (string, bool) {
	if runID == "" {
		return "", false
	}
	if rest, ok := strings.CutPrefix(source, "runs:/"+runID+"/"); ok {
		return strings.Trim(rest, "/"), true
	}
	if _, rest, ok := strings.Cut(source, "/"+runID+"/artifacts/"); ok {
		return strings.Trim(rest, "/"), true
	}
	return "", false
}
