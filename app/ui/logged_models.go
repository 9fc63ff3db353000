package ui

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
	"mlscope/app/mlmodel"
)

// loggedModelsSection is the run page's list of the models the run logged,
// or nothing when its mlflow.log-model.history tag is missing.
func loggedModelsSection(r *mlflow.Run) app.UI {
	tag, ok := r.Tag(mlflow.TagLogModelHistory)
	return app.If(ok, section("Logged models", "logged-models",
		&LoggedModels{RunID: r.Info.RunID, History: tag}))
}

// loggedModel is one artifact path of the history, with the last entry
// logged there and how often a model was logged to it.
type loggedModel struct {
	model *mlmodel.Model
	times int
}

// LoggedModels lists the models a run logged, as its history tag records
// them, with the registry versions made from the run; each opens into the
// model view of its folder.
type LoggedModels struct {
	app.Compo
	RunID   string
	History string // the mlflow.log-model.history tag

	loadedRun string
	versions  []*mlflow.ModelVersion
	open      map[string]bool
}

// OnMount asks the registry for versions made from the run.
func (l *LoggedModels) OnMount(ctx app.Context) { l.fetch(ctx) }

// OnUpdate starts over for another run.
func (l *LoggedModels) OnUpdate(ctx app.Context) {
	if l.RunID != l.loadedRun {
		l.fetch(ctx)
	}
}

func (l *LoggedModels) fetch(ctx app.Context) {
	id := l.RunID
	l.loadedRun, l.versions, l.open = id, nil, map[string]bool{}
	ctx.Async(func() {
		var resp struct {
			Versions []*mlflow.ModelVersion `json:"model_versions"`
		}
		// Registry links are extras: without them the list still helps.
		_ = getJSON("model-versions/search", url.Values{"filter": {"run_id = '" + id + "'"}}, &resp)
		ctx.Dispatch(func(ctx app.Context) {
			if l.loadedRun == id {
				l.versions = resp.Versions
			}
		})
	})
}

// entries groups the history by artifact path, in the order first logged.
func (l *LoggedModels) entries() ([]loggedModel, error) {
	models, err := mlmodel.ParseHistory(l.History)
	var out []loggedModel
	at := map[string]int{}
	for _, m := range models {
		if i, ok := at[m.ArtifactPath]; ok {
			out[i].model, out[i].times = m, out[i].times+1
			continue
		}
		at[m.ArtifactPath] = len(out)
		out = append(out, loggedModel{model: m, times: 1})
	}
	return out, err
}

func (l *LoggedModels) onToggle(p string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { l.open[p] = !l.open[p] }
}

// Render draws the list.
func (l *LoggedModels) Render() app.UI {
	entries, err := l.entries()
	return app.Div().Class("logged-models").Body(
		app.If(err != nil, errorBox("Part of the run's model history could not be read.", err)),
		app.Ul().Class("logged-list").Body(app.Range(entries).Slice(func(i int) app.UI {
			return l.item(entries[i])
		})),
	)
}

func (l *LoggedModels) item(e loggedModel) app.UI {
	m := e.model
	p := m.ArtifactPath
	var flavors []string
	for _, f := range m.Flavors {
		flavors = append(flavors, joinNonEmpty(f.Name, f.Version()))
	}
	logged := ""
	if t, ok := m.Created(); ok {
		logged = t.Local().Format("2006-01-02 15:04")
	}
	if e.times > 1 {
		logged += " (logged " + itoa(e.times) + " times; the last is shown)"
	}
	return app.Li().Class("logged-model").DataSet("path", p).Body(
		app.Div().Class("logged-head").Body(
			app.Button().Class("entry dir").Aria("expanded", l.open[p]).OnClick(l.onToggle(p), p).Body(
				app.Span().Class("icon").Body(icon(map[bool]string{true: "chevron-down",
					false: "chevron-right"}[l.open[p]])),
				app.Code().Text(p),
			),
			app.Span().Class("chips").Body(app.Range(flavors).Slice(func(i int) app.UI {
				return app.Span().Class("chip flavor").Text(flavors[i])
			})),
			app.Span().Class("time muted").Text(logged),
			l.registered(p),
		),
		app.If(l.open[p], &ModelView{RunID: l.RunID, Path: p}),
	)
}

// registered links the registry versions whose source is the path.
func (l *LoggedModels) registered(p string) app.UI {
	var links []app.UI
	for _, v := range l.versions {
		if rel, ok := sourcePath(v.Source, l.RunID); ok && rel == p {
			links = append(links, app.A().Class("chip version").Href(modelPath(v.Name, v.Version)).
				Text(v.Name+" v"+v.Version))
		}
	}
	return app.Span().Class("chips registered").Body(links...)
}
