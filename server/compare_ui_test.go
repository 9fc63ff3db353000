package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// selectRun ticks a run's check box in the runs table.
func selectRun(t *testing.T, ctx context.Context, runID string) {
	t.Helper()
	sel := `tr[data-run-id="` + runID + `"] input.run-select`
	step(t, ctx, "select "+runID, chromedp.WaitVisible(chromedp.CSS(sel)),
		chromedp.Click(chromedp.CSS(sel)))
	waitJS(t, ctx, "selected "+runID,
		fmt.Sprintf(`!!document.querySelector('tr[data-run-id=%q].selected')`, runID))
}

// svgAttr reads a data- attribute of the SVG document inside sel.
func svgAttr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	js := fmt.Sprintf(`(() => { const s = document.querySelector(%q);
		return s ? (s.getAttribute(%q) || "") : ""; })()`, sel+" svg", name)
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestCompareRuns selects two runs in the runs table, compares them and
// checks what the compare view shows: the rows that differ, only those on
// request, a parallel-coordinates plot of every row, a scatter plot whose
// axes can be chosen, and the histories overlaid with a legend that hides
// a run. Then the experiment's Charts tab shows the same selection, and a
// compare link copied from mlflow ui lands on the view.
func TestCompareRuns(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 1000)

	step(t, ctx, "open the experiment", chromedp.Navigate(srv.URL+"/experiments/"+wineExp))
	wantText(t, ctx, "#runs-table", "gentle-owl-42", "brave-fox-7")
	selectRun(t, ctx, owlRun)
	wantText(t, ctx, "#selection-count", "1 run selected")
	selectRun(t, ctx, foxRun)
	wantText(t, ctx, "#compare-selected", "Compare 2 runs")
	shoot(t, ctx, "runs-selected.png")

	step(t, ctx, "compare", chromedp.Click(chromedp.CSS("#compare-selected")))
	table := wantText(t, ctx, "#compare-table", "gentle-owl-42", "brave-fox-7",
		"params.alpha", "metrics.rmse")
	for _, want := range []string{"0.5", "0.9", "0.7071"} {
		if !strings.Contains(table, want) {
			t.Errorf("compare table lacks %q:\n%s", want, table)
		}
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if want := "/compare-runs?runs=" + owlRun + "," + foxRun; !strings.HasSuffix(loc, want) {
		t.Errorf("compare URL %s, want …%s", loc, want)
	}
	differs := `[...document.querySelectorAll("#compare-table tr.differs")].map(r => r.dataset.key)`
	keys, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](differs))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"params.alpha", "params.l1_ratio", "metrics.rmse"} {
		if !slices.Contains(keys, want) {
			t.Errorf("rows marked as differing: %v; %s is missing", keys, want)
		}
	}
	rows := `document.querySelectorAll("#compare-table tbody tr").length`
	all, _ := chromedp.Run(ctx, chromedp.Evaluate[int](rows))
	step(t, ctx, "only differences", chromedp.Click(chromedp.CSS("#compare-only-diff")))
	waitJS(t, ctx, "only differing rows",
		`[...document.querySelectorAll("#compare-table tbody tr")].every(r => r.classList.contains("differs"))`)
	if only, _ := chromedp.Run(ctx, chromedp.Evaluate[int](rows)); only != len(keys) || only > all {
		t.Errorf("only differences: %d rows, want %d (of %d)", only, len(keys), all)
	}

	if axes := svgAttr(t, ctx, "#compare-parallel", "data-axes"); axes != fmt.Sprint(all) {
		t.Errorf("parallel coordinates: %s axes, want one per row (%d)", axes, all)
	}
	if lines := svgAttr(t, ctx, "#compare-parallel", "data-lines"); lines != "2" {
		t.Errorf("parallel coordinates: %s lines, want 2", lines)
	}
	before := svgAttr(t, ctx, "#compare-scatter", "data-x")
	step(t, ctx, "choose the scatter's x axis", chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.querySelector("#scatter-x");
		s.value = "metrics.rmse"; s.dispatchEvent(new Event("change", {bubbles: true})); })()`))
	waitJS(t, ctx, "scatter x axis",
		`document.querySelector("#compare-scatter svg").getAttribute("data-x") === "metrics.rmse"`)
	t.Logf("scatter x axis: %q, then metrics.rmse", before)

	scrollTo(t, ctx, `#runs-overlay .chart-card[data-key="rmse"]`)
	waitChart(t, ctx, "rmse", "two runs overlaid", func(a attrs) bool { return a["series"] == "2" })
	shootPage(t, ctx, "compare-view.png")
	step(t, ctx, "hide brave-fox-7",
		chromedp.Click(chromedp.CSS(`#runs-legend button[data-run-id="`+foxRun+`"]`)))
	waitChart(t, ctx, "rmse", "one run left", func(a attrs) bool { return a["series"] == "1" })

	step(t, ctx, "back to the experiment", chromedp.NavigateBack())
	wantText(t, ctx, "#runs-table", "gentle-owl-42")
	step(t, ctx, "the Charts tab", chromedp.Click(chromedp.CSS("#tab-charts")))
	wantText(t, ctx, "#charts-note", "The 2 selected runs")
	wantText(t, ctx, "#runs-legend", "gentle-owl-42", "brave-fox-7")
	wantText(t, ctx, "#latest-bars", "rmse")

	legacy := srv.URL + `/#/compare-runs?runs=["` + owlRun + `","` + foxRun +
		`"]&experiments=["` + wineExp + `"]`
	step(t, ctx, "open an mlflow ui compare link", chromedp.Navigate(legacy))
	wantText(t, ctx, "#compare-title", "Comparing 2 runs")
}
