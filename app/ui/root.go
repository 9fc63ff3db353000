package ui

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/exportfmt"
)

// Root is the frame of every page: the experiment sidebar, the header with
// breadcrumbs, and the view the URL names. go-app keeps the same Root (and
// so the sidebar's state) across navigations and calls OnNav each time.
type Root struct {
	app.Compo
	at    place
	query url.Values // the page URL's query, for the experiment page's table
}

// OnNav reads the new URL. Links copied from mlflow ui carry the place in
// the hash; they are redirected to the same page here.
func (r *Root) OnNav(ctx app.Context) {
	u := ctx.Page().URL()
	if t := legacyTarget(u.Fragment); t != "" && (appPath(u.Path) == "/" || u.Path == "") {
		ctx.Navigate(t)
		return
	}
	r.at, r.query = parsePlace(appPath(u.Path)), u.Query()
	if r.at.kind == "run" && r.at.artifact == "" {
		r.at.artifact = u.Query().Get(exportfmt.ArtifactParam) // an export's form
	}
	if r.at.kind == "compare" {
		r.at.runs = strings.Join(parseRunList(u.Query().Get("runs")), ",")
	}
	if r.at.several {
		r.at.experimentID = strings.Join(parseRunList(u.Query().Get("experiments")), ",")
	}
	ctx.Page().SetTitle(pageTitle(r.at))
}

func pageTitle(p place) string {
	switch p.kind {
	case "experiment":
		if p.several {
			return "Experiments " + p.experimentID + " · mlscope"
		}
		return "Experiment " + p.experimentID + " · mlscope"
	case "run":
		return "Run " + shortID(p.runID) + " · mlscope"
	case "models":
		return "Models · mlscope"
	case "model":
		return p.modelName + " · mlscope"
	case "version":
		return p.modelName + " v" + p.version + " · mlscope"
	case "compare":
		return "Compare runs · mlscope"
	}
	return "mlscope"
}

// Render draws the frame around the current view.
func (r *Root) Render() app.UI {
	return app.Div().Class("frame").Body(
		&Sidebar{Selected: r.at.experimentID, OnModels: modelPlace(r.at.kind)},
		app.Main().Class("main").ID("main").Body(r.bar(), r.view()),
		&Keyboard{At: r.at}, // shortcuts, command palette (keyboard.go)
	)
}

// bar is the connection bar of a server, or the note that says the page
// is a read-only export.
func (r *Root) bar() app.UI {
	if inExport() {
		return app.Div().Class("export-note").ID("export-note").Aria("role", "note").Body(
			app.Text("Read-only export: browse, chart, search and check requests; nothing "+
				"here can be changed. "),
			&ExportOffline{},
		)
	}
	return &ConnectionBar{At: r.at}
}

func (r *Root) view() app.UI {
	switch r.at.kind {
	case "experiment":
		return newExperimentView(r.at.experimentID, r.query)
	case "run":
		return &RunView{ExperimentID: r.at.experimentID, RunID: r.at.runID,
			Artifact: r.at.artifact}
	case "models":
		return &ModelsView{}
	case "model":
		return &RegisteredModelView{Name: r.at.modelName}
	case "version":
		return &ModelVersionView{Name: r.at.modelName, Version: r.at.version}
	case "compare":
		return &CompareView{RunIDs: parseRunList(r.at.runs)}
	case "notfound":
		return app.Div().Class("empty").Body(
			app.H1().Text("Page not found"),
			app.P().Body(app.A().Href(homePath()).Text("Back to the experiments")),
		)
	}
	return &HomeView{}
}

func shortID(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}
