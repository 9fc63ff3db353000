package ui

import (
	"sort"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// ExperimentModels lists the MLflow 3 logged models of an experiment (the
// folders under its models/ folder) and, on the experiment page, the
// models its runs logged as their mlflow.log-model.history tags record
// (MLflow 1 and 2), or only a run's MLflow 3 models when RunID is set; each opens into the model view of its files, signature
// included. It draws nothing while there are none, so trees written by
// MLflow 1 and 2 show no empty section.
type ExperimentModels struct {
	app.Compo
	ExperimentID string
	RunID        string

	loaded    string
	load      loadState
	models    []*mlflow.LoggedModel
	runModels []runModel // from history tags, on the experiment page
	open      map[string]bool
}

// OnMount loads the models.
func (m *ExperimentModels) OnMount(ctx app.Context) { m.fetch(ctx) }

// OnUpdate loads again for another experiment or run.
func (m *ExperimentModels) OnUpdate(ctx app.Context) {
	if m.ExperimentID+"\x00"+m.RunID != m.loaded {
		m.fetch(ctx)
	}
}

func (m *ExperimentModels) fetch(ctx app.Context) {
	key, expID, runID := m.ExperimentID+"\x00"+m.RunID, m.ExperimentID, m.RunID
	m.loaded, m.load, m.models, m.runModels = key, loading, nil, nil
	m.open = map[string]bool{}
	ctx.Async(func() {
		models, err := searchLoggedModels(expID, runID)
		var byRuns []runModel
		if err == nil && runID == "" {
			// The run page lists its history itself (LoggedModels).
			byRuns, err = searchRunModels(expID)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if m.loaded == key {
				m.load, m.models, m.runModels = m.load.done(err), models, byRuns
			}
		})
	})
}

// searchLoggedModels reads an experiment's logged models, the newest
// first, keeping those of one run when runID is set. It blocks; call it
// from ctx.Async.
func searchLoggedModels(expID, runID string) ([]*mlflow.LoggedModel, error) {
	var out []*mlflow.LoggedModel
	token := ""
	for {
		body := map[string]any{"experiment_ids": []string{expID}, "max_results": 100}
		if token != "" {
			body["page_token"] = token
		}
		var page struct {
			Models []*mlflow.LoggedModel `json:"models"`
			Next   string                `json:"next_page_token"`
		}
		if err := postJSON("logged-models/search", body, &page); err != nil {
			return nil, err
		}
		for _, lm := range page.Models {
			if runID == "" || lm.Info.SourceRunID == runID {
				out = append(out, lm)
			}
		}
		if token = page.Next; token == "" || len(page.Models) == 0 {
			break
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Info.CreationTimestampMs > out[j].Info.CreationTimestampMs
	})
	return out, nil
}

func (m *ExperimentModels) onToggle(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { m.open[id] = !m.open[id] }
}

// Render draws the section, or nothing when there is no logged model.
func (m *ExperimentModels) Render() app.UI {
	if len(m.models) == 0 && len(m.runModels) == 0 && m.load.status != statusFailed {
		return app.Div().Class("experiment-models empty-models")
	}
	title := "Logged models"
	return app.Section().Class("section experiment-models").ID("experiment-models").Body(
		app.H2().Text(title),
		app.If(m.load.status == statusFailed,
			errorBox("The logged models could not be loaded.", m.load.err)),
		app.Ul().Class("logged-list").Body(app.Range(m.models).Slice(func(i int) app.UI {
			return m.item(m.models[i])
		})),
		app.If(len(m.runModels) > 0, runModelList(m.ExperimentID, m.runModels)),
	)
}

func (m *ExperimentModels) item(lm *mlflow.LoggedModel) app.UI {
	in := lm.Info
	id := in.ModelID
	name := in.Name
	if name == "" {
		name = id
	}
	return app.Li().Class("logged-model").DataSet("model-id", id).Body(
		app.Div().Class("logged-head").Body(
			app.Button().Class("entry dir").Aria("expanded", m.open[id]).
				OnClick(m.onToggle(id), id).Body(
				app.Span().Class("icon").Body(icon(map[bool]string{true: "chevron-down",
					false: "chevron-right"}[m.open[id]])),
				app.Code().Text(name),
			),
			app.Span().Class("chips").Body(
				app.Span().Class("chip").Text(in.Status.String()),
				app.If(in.ModelType != "", app.Span().Class("chip flavor").Text(in.ModelType)),
			),
			app.If(in.CreationTimestampMs != 0, timeText(in.CreationTimestampMs)),
			app.If(m.RunID == "" && in.SourceRunID != "",
				app.A().Class("chip").Href(experimentPath(in.ExperimentID, in.SourceRunID)).
					Text("run "+shortID(in.SourceRunID))),
			app.Code().Class("muted model-id").Text(id),
		),
		app.If(m.open[id], &ModelView{ModelID: id}),
	)
}
