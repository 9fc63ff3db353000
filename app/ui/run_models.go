package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
	"mlscope/app/mlmodel"
)

// runModel is a model a run logged, as its mlflow.log-model.history tag
// records it (MLflow 1 and 2): the run and the model's artifact path.
type runModel struct {
	RunID, RunName, Path string
	Flavors              []string
}

// historyFilter finds the runs that logged a model: MLflow's grammar has
// no IS NOT NULL, and LIKE '%' matches every value a tag has.
const historyFilter = `tags."mlflow.log-model.history" LIKE '%'`

// searchRunModels lists the models the experiment's active runs logged,
// from their history tags, one entry per run and artifact path. It
// blocks; call it from ctx.Async.
func searchRunModels(expID string) ([]runModel, error) {
	body := map[string]any{"experiment_ids": []string{expID}, "filter": historyFilter,
		"run_view_type": "ACTIVE_ONLY", "max_results": runsPageSize}
	var page runsPage
	if err := postJSON("runs/search", body, &page); err != nil {
		return nil, err
	}
	var out []runModel
	for _, r := range page.Runs {
		tag, _ := r.Tag(mlflow.TagLogModelHistory)
		models, _ := mlmodel.ParseHistory(tag) // a damaged history lists what it can
		seen := map[string]bool{}
		for _, m := range models {
			if seen[m.ArtifactPath] || m.ArtifactPath == "" {
				continue
			}
			seen[m.ArtifactPath] = true
			rm := runModel{RunID: r.Info.RunID, RunName: runLabel(r), Path: m.ArtifactPath}
			for _, f := range m.Flavors {
				rm.Flavors = append(rm.Flavors, joinNonEmpty(f.Name, f.Version()))
			}
			out = append(out, rm)
		}
	}
	return out, nil
}

// runModelList draws the models runs logged, each a link to its model
// view on the run's page.
func runModelList(expID string, models []runModel) app.UI {
	return app.Ul().Class("logged-list run-models").ID("run-models").Body(
		app.Range(models).Slice(func(i int) app.UI {
			m := models[i]
			return app.Li().Class("logged-model").DataSet("run-id", m.RunID).
				DataSet("path", m.Path).Body(
				app.Div().Class("logged-head").Body(
					app.A().Href(artifactPagePath(expID, m.RunID, m.Path)).Body(
						app.Code().Text(m.Path)),
					app.Span().Class("chips").Body(app.Range(m.Flavors).Slice(func(j int) app.UI {
						return app.Span().Class("chip flavor").Text(m.Flavors[j])
					})),
					app.A().Class("chip").Href(experimentPath(expID, m.RunID)).
						Text("run "+m.RunName),
				),
			)
		}),
	)
}
