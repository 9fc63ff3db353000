package ui

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// ModelsView is the registry's page: every registered model with its
// latest versions, aliases and last update.
type ModelsView struct {
	app.Compo

	load   loadState
	models []*mlflow.RegisteredModel
	filter string
}

// OnMount loads the registered models.
func (v *ModelsView) OnMount(ctx app.Context) {
	v.load = loading
	ctx.Async(func() {
		models, err := searchModels()
		ctx.Dispatch(func(ctx app.Context) {
			v.load, v.models = v.load.done(err), models
		})
	})
}

// searchModels pages through registered-models/search. It blocks; call it
// from ctx.Async.
func searchModels() ([]*mlflow.RegisteredModel, error) {
	var all []*mlflow.RegisteredModel
	token := ""
	for {
		var page struct {
			Models []*mlflow.RegisteredModel `json:"registered_models"`
			Next   string                    `json:"next_page_token"`
		}
		q := url.Values{"max_results": {"1000"}}
		if token != "" {
			q.Set("page_token", token)
		}
		if err := getJSON("registered-models/search", q, &page); err != nil {
			return all, err
		}
		all = append(all, page.Models...)
		if token = page.Next; token == "" {
			return all, nil
		}
	}
}

func (v *ModelsView) onFilter(ctx app.Context, e app.Event) {
	v.filter = ctx.JSSrc().Get("value").String()
}

// Render draws the page in its loading, failed or loaded state.
func (v *ModelsView) Render() app.UI {
	return app.Div().Class("page models-page").Body(
		modelCrumbs("", ""),
		app.H1().Text("Registered models"),
		v.body(),
	)
}

func (v *ModelsView) body() app.UI {
	switch {
	case v.load.status == statusFailed:
		return errorBox("The registered models could not be loaded.", v.load.err)
	case v.load.status == statusLoading:
		return app.Div().Class("skeleton-block")
	case len(v.models) == 0:
		return app.Div().Class("empty").ID("models-list").Body(
			app.P().Text("No registered models in this tree."),
			app.P().Class("muted").Text("Models registered with mlflow.register_model "+
				"(or registered_model_name in log_model) appear here."),
		)
	}
	f := strings.ToLower(v.filter)
	var shown []*mlflow.RegisteredModel
	for _, m := range v.models {
		if f == "" || strings.Contains(strings.ToLower(m.Name), f) {
			shown = append(shown, m)
		}
	}
	return app.Div().Body(
		app.Div().Class("toolbar").Body(
			app.Input().Type("search").Class("models-filter").Placeholder("Filter models").
				Aria("label", "Filter models").Value(v.filter).OnInput(v.onFilter),
			app.Span().Class("count").Text(itoa(len(shown))+" of "+itoa(len(v.models))+" models"),
		),
		app.Div().Class("table-wrap").Body(app.Table().Class("models").ID("models-list").Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Text("Name"), app.Th().Text("Latest versions"),
				app.Th().Text("Aliases"), app.Th().Text("Last updated"),
				app.Th().Text("Description"),
			)),
			app.TBody().Body(app.Range(shown).Slice(func(i int) app.UI { return modelRow(shown[i]) })),
		)),
	)
}

func modelRow(m *mlflow.RegisteredModel) app.UI {
	var aliases []string
	for _, a := range m.Aliases {
		aliases = append(aliases, a.Alias+" → v"+a.Version)
	}
	return app.Tr().DataSet("model", m.Name).Body(
		app.Td().Class("name").Body(app.A().Href(modelPath(m.Name, "")).Title(m.Name).Text(m.Name)),
		app.Td().Class("latest").Body(app.Range(m.LatestVersions).Slice(func(i int) app.UI {
			lv := m.LatestVersions[i]
			return app.A().Class("chip version").Href(modelPath(m.Name, lv.Version)).
				Title(lv.CurrentStage).Body(
				app.Text("v"+lv.Version+" "), stageBadge(lv.CurrentStage))
		})),
		app.Td().Body(aliasChips(aliases)),
		app.Td().Body(whenText(m.LastUpdatedTimestamp)),
		app.Td().Class("description").Title(m.Description).Text(m.Description),
	)
}
