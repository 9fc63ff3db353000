package main

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// TestLoggedModelsInBrowser opens the experiment and a run of a real tree
// written by MLflow 3, whose models live under the experiment's models/
// folder, and checks that both pages list them and that a model opens
// into its model view: flavors, MLflow version and the snippet that loads
// it by its id.
func TestLoggedModelsInBrowser(t *testing.T) {
	needWASM(t)
	tree := realTree(t, "160103126__credit-risk-engine/mlruns")
	srv := startServer(t, "--backend-store-uri", tree, "--artifacts-destination", t.TempDir())
	ctx := browsertest.New(t, 1360, 1000)
	const model = "m-6ce497ae228f440d85f02b54056982c2"
	const run = "6258fcd9060f49fb81c7bf21cae264d4"

	step(t, ctx, "open the experiment", chromedp.Navigate(srv.URL+"/experiments/0"))
	wantText(t, ctx, "#experiment-models", model, "m-a82c7816828a4102914cd39f946f4882",
		"run "+run[:8])
	step(t, ctx, "open the model",
		chromedp.Click(chromedp.CSS(`li[data-model-id="`+model+`"] button.entry`)))
	wantText(t, ctx, "#experiment-models #model-view", "lightgbm", "3.2.0")
	wantText(t, ctx, "#experiment-models #model-snippet", "models:/"+model)

	step(t, ctx, "open the run that logged it",
		chromedp.Navigate(srv.URL+"/experiments/0/runs/"+run))
	list := wantText(t, ctx, "#experiment-models", model)
	if got := countIn(t, ctx, "#experiment-models li.logged-model"); got != 1 {
		t.Errorf("the run page lists %d logged models, want the run's 1:\n%s", got, list)
	}
}

// countIn counts the elements matching sel.
func countIn(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](
		`document.querySelectorAll(`+"`"+sel+"`"+`).length`))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRunModelsOnExperimentPage lists, on an experiment's page of a real
// tree, the models its runs logged as MLflow 1 and 2 record them (the
// mlflow.log-model.history tag), and follows one to its model view on the
// run's page.
func TestRunModelsOnExperimentPage(t *testing.T) {
	needWASM(t)
	tree := realTree(t, "AbinavRavi__MlFlow-intro/mlruns")
	srv := startServer(t, "--backend-store-uri", tree, "--artifacts-destination", t.TempDir())
	ctx := browsertest.New(t, 1360, 1000)
	const run = "41f73f45f65a49cbbea2f9fb590ca2c1"
	step(t, ctx, "open the experiment", chromedp.Navigate(srv.URL+"/experiments/1"))
	wantText(t, ctx, "#run-models", "classifier", "sklearn")
	step(t, ctx, "open the model",
		chromedp.Click(chromedp.CSS(`#run-models li[data-run-id="`+run+`"] a`)))
	wantText(t, ctx, "#run-name", "")
	wantText(t, ctx, "#artifact-preview #model-view", "sklearn", "python_function")
}
