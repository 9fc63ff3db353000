package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// TestModelPages drives Chromium through the registry of the test tree:
// the models list, a model's versions, a version's model view, and the
// same pages reached by links copied from mlflow ui.
func TestModelPages(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", registryTree(t))
	ctx := browsertest.New(t, 1360, 900)

	step(t, ctx, "open home", chromedp.Navigate(srv.URL+"/"))
	// The app has loaded once the sidebar lists the experiments.
	wantText(t, ctx, "#experiment-list", "wine-quality")
	step(t, ctx, "follow the Models link", chromedp.Click(chromedp.CSS("#models-link")))
	list := wantText(t, ctx, "#models-list", "wine-elasticnet", "wine-champion")
	for _, want := range []string{"champion → v1", "Production", "Staging", "Elastic net on the wine"} {
		if !strings.Contains(list, want) {
			t.Errorf("models list lacks %q:\n%s", want, list)
		}
	}
	shoot(t, ctx, "models-list.png")

	step(t, ctx, "open a model",
		chromedp.Click(chromedp.CSS(`tr[data-model="wine-elasticnet"] td.name a`)))
	versions := wantText(t, ctx, "#model-versions", "Version 1", "Version 2", "gentle-owl-42")
	if strings.Contains(versions, "Version 3") {
		t.Errorf("the deleted version 3 is listed:\n%s", versions)
	}
	wantText(t, ctx, "#model-tags", "task", "regression")
	shoot(t, ctx, "model-versions.png")

	step(t, ctx, "open version 1", chromedp.Click(chromedp.CSS(`tr[data-version="1"] td.name a`)))
	wantText(t, ctx, "#version-overview", "Production", "@champion", "gentle-owl-42")
	sig := wantText(t, ctx, "#model-signature", "fixed acidity", "alcohol", "double", "float64")
	if strings.Contains(sig, "optional") {
		t.Errorf("required columns shown as optional:\n%s", sig)
	}
	wantText(t, ctx, "#model-snippet", `mlflow.pyfunc.load_model("models:/wine-elasticnet/1")`)
	wantText(t, ctx, "#model-env", "requirements.txt", "scikit-learn")
	wantText(t, ctx, "#model-facts", "sklearn 1.5.1", "2.16.0", "1.0 KB")
	shoot(t, ctx, "model-version.png")

	// A version whose files are elsewhere says so where the model would be.
	step(t, ctx, "open version 2", chromedp.Navigate(srv.URL+"/models/wine-elasticnet/versions/2"))
	wantText(t, ctx, "#version-model", "not on this machine")

	for _, link := range []struct{ hash, sel, want string }{
		{"/#/models", "#models-list", "wine-champion"},
		{"/#/models/wine-champion", "#model-versions", "Staging"},
		{"/#/models/wine-champion/versions/1", "#model-signature", "fixed acidity"},
	} {
		step(t, ctx, "open "+link.hash, chromedp.Navigate(srv.URL+link.hash))
		wantText(t, ctx, link.sel, link.want)
	}
}

// TestArtifactModelView opens a run's model folder in the artifact
// browser, which shows the model view with the signature.
func TestArtifactModelView(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 1000)
	step(t, ctx, "open the run", chromedp.Navigate(srv.URL+"/experiments/"+wineExp+"/runs/"+owlRun))
	wantText(t, ctx, "#artifact-tree", "model")
	step(t, ctx, "open the model folder", chromedp.Click(chromedp.CSS(`button[data-path="model"]`)))
	wantText(t, ctx, "#artifact-preview #model-signature", "fixed acidity", "alcohol", "double")
	wantText(t, ctx, "#artifact-preview #model-snippet",
		`mlflow.pyfunc.load_model("runs:/`+owlRun+`/model")`)
	wantText(t, ctx, "#artifact-preview #model-facts", "sklearn 1.5.1", "python_function 3.11.7")
	// Scroll the model view into sight before the screenshot.
	step(t, ctx, "scroll", chromedp.ScrollIntoView(chromedp.CSS("#artifacts")))
	shoot(t, ctx, "model-view.png")

	step(t, ctx, "preview notes.txt", chromedp.Click(chromedp.CSS(`button[data-path="notes.txt"]`)))
	wantText(t, ctx, "#artifact-preview", "Best run so far")
	step(t, ctx, "select MLmodel", chromedp.Click(chromedp.CSS(`button[data-path="model/MLmodel"]`)))
	wantText(t, ctx, "#artifact-preview #model-signature", "fixed acidity")
}

// realTree returns the shared real tree whose path ends with suffix.
func realTree(t *testing.T, suffix string) string {
	t.Helper()
	for _, tree := range realTrees(t) {
		if strings.HasSuffix(tree, suffix) {
			return tree
		}
	}
	t.Skipf("skipped: no shared tree %s", suffix)
	return ""
}

// TestRealModelViews shows registered versions of real trees: tensor and
// column signatures, and a run page's logged models.
func TestRealModelViews(t *testing.T) {
	needWASM(t)
	jay := realTree(t, "jayw20230711__MLflow/mlruns")
	neeraj := realTree(t, "neeraj2681__basic_ml_project/mlruns")

	srv := startServer(t, "--backend-store-uri", jay, "--artifacts-destination", t.TempDir())
	ctx := browsertest.New(t, 1360, 1000)
	step(t, ctx, "open a tensor model",
		chromedp.Navigate(srv.URL+"/models/sk-learn-random-forest-reg-model/versions/5"))
	wantText(t, ctx, "#model-signature", "Dtype", "float64", "(-1, 4)", "(-1)")
	wantText(t, ctx, "#model-facts", "sklearn 1.2.2", "2.21.3")
	shoot(t, ctx, "model-version-tensor.png")

	srv = startServer(t, "--backend-store-uri", neeraj, "--artifacts-destination", t.TempDir())
	step(t, ctx, "open a column model",
		chromedp.Navigate(srv.URL+"/models/CustomerChurnModel/versions/3"))
	sig := wantText(t, ctx, "#model-signature", "customer_id", "monthly_charges", "optional", "churn")
	if !strings.Contains(sig, "long") || !strings.Contains(sig, "string") {
		t.Errorf("column types missing:\n%s", sig)
	}
	wantText(t, ctx, "#model-example", "input_example.json")
	shoot(t, ctx, "model-version-columns.png")

	const exp, run = "174311403119682599", "3ca5af5e493c40ae92cd2a37aca24b6e"
	step(t, ctx, "open the run", chromedp.Navigate(srv.URL+"/experiments/"+exp+"/runs/"+run))
	wantText(t, ctx, "#logged-models", "best_model", "CustomerChurnModel v3", "logged 4 times")
	step(t, ctx, "unfold best_model",
		chromedp.Click(chromedp.CSS(`li.logged-model[data-path="best_model"] button.entry`)))
	wantText(t, ctx, "#logged-models #model-signature", "customer_id")
}
