package ui

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// RegisteredModelView is a registered model's page: its description,
// tags and aliases, and the table of its versions with their stages and
// the runs they came from.
type RegisteredModelView struct {
	app.Compo
	Name string

	loadedName string
	load       loadState
	model      *mlflow.RegisteredModel
	versions   []*mlflow.ModelVersion
	runs       map[string]runLocation
}

// OnMount loads the model.
func (v *RegisteredModelView) OnMount(ctx app.Context) { v.fetch(ctx) }

// OnUpdate reloads when the parent points the view at another model.
func (v *RegisteredModelView) OnUpdate(ctx app.Context) {
	if v.Name != v.loadedName {
		v.fetch(ctx)
	}
}

func (v *RegisteredModelView) fetch(ctx app.Context) {
	name := v.Name
	v.loadedName, v.load, v.model, v.versions = name, loading, nil, nil
	ctx.Async(func() {
		var got struct {
			Model *mlflow.RegisteredModel `json:"registered_model"`
		}
		var list struct {
			Versions []*mlflow.ModelVersion `json:"model_versions"`
		}
		err := getJSON("registered-models/get", url.Values{"name": {name}}, &got)
		if err == nil {
			q := url.Values{"filter": {"name = '" + strings.ReplaceAll(name, "'", "''") + "'"},
				"order_by": {"version_number DESC"}}
			err = getJSON("model-versions/search", q, &list)
		}
		var ids []string
		for _, mv := range list.Versions {
			ids = append(ids, mv.RunID)
		}
		runs := locateRuns(ids)
		ctx.Dispatch(func(ctx app.Context) {
			if v.loadedName != name {
				return
			}
			v.load = v.load.done(err)
			v.model, v.versions, v.runs = got.Model, list.Versions, runs
		})
	})
}

// Render draws the page in its loading, failed or loaded state.
func (v *RegisteredModelView) Render() app.UI {
	head := []app.UI{modelCrumbs(v.Name, ""), app.H1().ID("model-name").Text(v.Name)}
	switch {
	case v.load.status == statusFailed:
		return app.Div().Class("page").Body(append(head,
			errorBox("This registered model could not be loaded.", v.load.err))...)
	case v.model == nil:
		return app.Div().Class("page").Body(append(head, app.Div().Class("skeleton-block"))...)
	}
	m := v.model
	return app.Div().Class("page model-page").Body(append(head,
		app.If(m.Description != "", app.P().Class("note").Text(m.Description)),
		app.Dl().Class("facts").ID("model-overview").Body(
			fact("Created", whenText(m.CreationTimestamp)),
			fact("Last updated", whenText(m.LastUpdatedTimestamp)),
			fact("Versions", app.Text(itoa(len(v.versions)))),
			fact("Aliases", v.aliases()),
		),
		section("Versions", "model-versions", v.table()),
		section("Tags", "model-tags", keyValueTable(m.Tags, "No tags.")),
	)...)
}

func (v *RegisteredModelView) aliases() app.UI {
	if len(v.model.Aliases) == 0 {
		return app.Span().Class("muted").Text("-")
	}
	return app.Span().Class("chips").Body(app.Range(v.model.Aliases).Slice(func(i int) app.UI {
		a := v.model.Aliases[i]
		return app.A().Class("chip alias").Href(modelPath(v.Name, a.Version)).
			Text("@" + a.Alias + " → v" + a.Version)
	}))
}

func (v *RegisteredModelView) table() app.UI {
	if len(v.versions) == 0 {
		return app.P().Class("muted").Text("This model has no versions.")
	}
	return app.Div().Class("table-wrap").Body(app.Table().Class("versions").Body(
		app.THead().Body(app.Tr().Body(
			app.Th().Text("Version"), app.Th().Text("Stage"), app.Th().Text("Aliases"),
			app.Th().Text("Source run"), app.Th().Text("Created"), app.Th().Text("Tags"),
			app.Th().Text("Description"),
		)),
		app.TBody().Body(app.Range(v.versions).Slice(func(i int) app.UI {
			mv := v.versions[i]
			return app.Tr().DataSet("version", mv.Version).Body(
				app.Td().Class("name").Body(
					app.A().Href(modelPath(mv.Name, mv.Version)).Text("Version "+mv.Version)),
				app.Td().Body(stageBadge(mv.CurrentStage)),
				app.Td().Body(aliasChips(mv.Aliases)),
				app.Td().Body(runLink(mv.RunID, v.runs)),
				app.Td().Body(whenText(mv.CreationTimestamp)),
				app.Td().Title(tagText(mv.Tags)).Text(tagText(mv.Tags)),
				app.Td().Class("description").Title(mv.Description).Text(mv.Description),
			)
		})),
	))
}

// tagText shows tags on one line: key=value, key=value.
func tagText(tags []mlflow.Tag) string {
	parts := make([]string, len(tags))
	for i, t := range tags {
		parts[i] = t.Key + "=" + t.Value
	}
	return strings.Join(parts, ", ")
}
