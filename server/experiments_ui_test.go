package main

import (
	"maps"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// secondExperiment makes an experiment "second-study" with one run,
// "lone-hawk", that logged rmse, and returns the two ids.
func secondExperiment(t *testing.T, srv *testServer) (expID, runID string) {
	t.Helper()
	const api = "/api/2.0/mlflow/"
	var exp struct {
		ID string `json:"experiment_id"`
	}
	if st := srv.call(t, "POST", api+"experiments/create",
		map[string]any{"name": "second-study"}, &exp); st != 200 || exp.ID == "" {
		t.Fatalf("experiments/create: status %d, id %q", st, exp.ID)
	}
	var run struct {
		Run struct {
			Info struct {
				RunID string `json:"run_id"`
			} `json:"info"`
		} `json:"run"`
	}
	body := map[string]any{"experiment_id": exp.ID, "run_name": "lone-hawk",
		"start_time": 1733260000000}
	if st := srv.call(t, "POST", api+"runs/create", body, &run); st != 200 {
		t.Fatalf("runs/create: status %d", st)
	}
	id := run.Run.Info.RunID
	metric := map[string]any{"run_id": id, "key": "rmse", "value": 0.5,
		"timestamp": 1733260001000, "step": 0}
	if st := srv.call(t, "POST", api+"runs/log-metric", metric, nil); st != 200 {
		t.Fatalf("runs/log-metric: status %d", st)
	}
	return exp.ID, id
}

// experimentColJS lists the Experiment column's cells of the rows.
const experimentColJS = `[...document.querySelectorAll("#runs-table tbody tr.run-row")]
	.map(r => r.querySelector("td.experiment")?.textContent ?? "-")`

// TestSeveralExperimentsUI checks two experiments in the sidebar and opens
// their runs in one table (issue 11): an Experiment column names each
// run's, a run links to its own experiment, search and grouping work
// across both, the ids are in the URL, and mlflow ui's compare-experiments
// link opens the same table.
func TestSeveralExperimentsUI(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", copyTestTree(t))
	second, hawk := secondExperiment(t, srv)
	ctx := browsertest.New(t, 1360, 900)
	watchCrash(t, ctx)

	step(t, ctx, "home", chromedp.Navigate(srv.URL+"/"))
	for _, id := range []string{wineExp, second} {
		sel := `#experiment-list input.exp-check[data-experiment-id="` + id + `"]`
		waitJS(t, ctx, "check box of "+id, `!!document.querySelector('`+sel+`')`)
		// Clicked in the page, and again when the box is not checked a moment
		// later: the sidebar draws its list again as it loads (the second
		// experiment was made just before), and a box clicked as it is
		// replaced is gone with its click.
		checked := false
		for try := 0; try < 5 && !checked; try++ {
			step(t, ctx, "check "+id, chromedp.Evaluate[chromedp.Void](
				`(() => { const b = document.querySelector('`+sel+`'); if (!b.checked) b.click(); })()`))
			time.Sleep(300 * time.Millisecond)
			checked, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](
				`document.querySelector('`+sel+`')?.checked === true`))
		}
		if !checked {
			t.Fatalf("the check box of %s does not stay checked", id)
		}
	}
	wantText(t, ctx, "#compare-experiments", "Compare 2 experiments")
	step(t, ctx, "compare", chromedp.Click(chromedp.CSS("#compare-experiments")))
	waitParam(t, ctx, "both in the URL", "experiments", wineExp+","+second)

	waitRows(t, ctx, "the runs of both", "lone-hawk", foxName, owlName)
	waitList(t, ctx, "each run's experiment", experimentColJS,
		"second-study", "wine-quality", "wine-quality")
	wantText(t, ctx, "#experiment-chips", "wine-quality", "second-study")
	href, _ := pollJS(t, ctx, `document.querySelector('tr[data-run-id="`+hawk+
		`"] td.name a')?.getAttribute("href") ?? ""`, func(s string) bool { return s != "" })
	if want := "/experiments/" + second + "/runs/" + hawk; href != want {
		t.Errorf("hawk's link %q, want %q", href, want)
	}
	shoot(t, ctx, "several-experiments")

	// The CSV of the table says each run's experiment.
	dir := allowDownloads(t, ctx)
	step(t, ctx, "download CSV", chromedp.Click(chromedp.CSS("#download-csv")))
	recs := waitCSV(t, dir, 4)
	if h := recs[0]; len(h) < 2 || h[0] != "Run name" || h[1] != "Experiment ID" {
		t.Errorf("CSV header %q, want Run name, Experiment ID first", h)
	}
	got := map[string]string{}
	for _, r := range recs[1:] {
		got[r[0]] = r[1]
	}
	want := map[string]string{"lone-hawk": second, foxName: wineExp, owlName: wineExp}
	if !maps.Equal(got, want) {
		t.Errorf("CSV runs and experiments %v, want %v", got, want)
	}

	typeQuery(t, ctx, "metrics.rmse < 0.8")
	press(t, ctx, "search", "\r")
	waitParam(t, ctx, "searched", "q", "metrics.rmse < 0.8")
	waitRows(t, ctx, "the search across both", "lone-hawk", owlName)
	waitParam(t, ctx, "still both", "experiments", wineExp+","+second)

	legacy := srv.URL + "/#/compare-experiments/s?experiments=" +
		url.QueryEscape(`["`+second+`","`+wineExp+`"]`)
	step(t, ctx, "mlflow ui's link", chromedp.Navigate(legacy))
	waitParam(t, ctx, "redirected", "experiments", second+","+wineExp)
	waitRows(t, ctx, "the runs of both again", "lone-hawk", foxName, owlName)
}
