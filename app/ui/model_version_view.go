package ui

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// ModelVersionView is one registered model version's page: its stage,
// aliases, tags and source, and the model view of its files.
type ModelVersionView struct {
	app.Compo
	Name    string
	Version string

	loadedKey string
	load      loadState
	version   *mlflow.ModelVersion
	runs      map[string]runLocation
}

// OnMount loads the version.
func (v *ModelVersionView) OnMount(ctx app.Context) { v.fetch(ctx) }

// OnUpdate reloads when the parent points the view at another version.
func (v *ModelVersionView) OnUpdate(ctx app.Context) {
	if v.Name+"\x00"+v.Version != v.loadedKey {
		v.fetch(ctx)
	}
}

func (v *ModelVersionView) fetch(ctx app.Context) {
	name, version := v.Name, v.Version
	key := name + "\x00" + version
	v.loadedKey, v.load, v.version = key, loading, nil
	ctx.Async(func() {
		var got struct {
			Version *mlflow.ModelVersion `json:"model_version"`
		}
		err := getJSON("model-versions/get", url.Values{"name": {name}, "version": {version}}, &got)
		var runs map[string]runLocation
		if err == nil {
			runs = locateRuns([]string{got.Version.RunID})
		}
		ctx.Dispatch(func(ctx app.Context) {
			if v.loadedKey != key {
				return
			}
			v.load, v.version, v.runs = v.load.done(err), got.Version, runs
		})
	})
}

// Render draws the page in its loading, failed or loaded state.
func (v *ModelVersionView) Render() app.UI {
	head := []app.UI{
		modelCrumbs(v.Name, v.Version),
		app.H1().ID("version-name").Text(v.Name + " · version " + v.Version),
	}
	switch {
	case v.load.status == statusFailed:
		return app.Div().Class("page").Body(append(head,
			errorBox("This model version could not be loaded.", v.load.err))...)
	case v.version == nil:
		return app.Div().Class("page").Body(append(head, app.Div().Class("skeleton-block"))...)
	}
	mv := v.version
	return app.Div().Class("page version-page").Body(append(head,
		app.If(mv.Description != "", app.P().Class("note").Text(mv.Description)),
		app.Dl().Class("facts").ID("version-overview").Body(
			fact("Stage", stageBadge(mv.CurrentStage)),
			fact("Status", app.Text(orDash(mv.Status))),
			fact("Aliases", aliasChips(mv.Aliases)),
			fact("Source run", runLink(mv.RunID, v.runs)),
			fact("Registered", whenText(mv.CreationTimestamp)),
			fact("Last updated", whenText(mv.LastUpdatedTimestamp)),
			app.If(mv.StatusMessage != "", fact("Status message", app.Text(mv.StatusMessage))),
			fact("Source", app.Code().Title(mv.Source).Text(orDash(mv.Source))),
		),
		app.If(len(mv.Tags) > 0, section("Tags", "version-tags", keyValueTable(mv.Tags, ""))),
		app.Section().Class("section").ID("version-model").Body(
			app.H2().Text("Model"),
			&ModelView{Name: mv.Name, Version: mv.Version},
		),
	)...)
}
