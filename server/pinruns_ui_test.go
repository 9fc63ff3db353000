package main

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// pinnedNamesJS lists the runs drawn above the table, in order.
const pinnedNamesJS = `[...document.querySelectorAll("#runs-table thead tr.pinned-run")]
	.map(r => r.querySelector("td.name a")?.textContent ?? "?")`

// openWine starts the server on the test tree and a desktop browser on
// the wine-quality runs table.
func openWine(t *testing.T) context.Context {
	t.Helper()
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 900)
	watchCrash(t, ctx)
	openRuns(t, ctx, srv, foxName, owlName)
	return ctx
}

// TestPinRunsUI pins a run (issue 11): it leaves the table's rows for the
// top, stays there through a new sort, a search it does not match, a
// sideways and a downward scroll and a reload, with the pins in the URL;
// unpinning puts it back among the rows.
func TestPinRunsUI(t *testing.T) {
	ctx := openWine(t)
	downloads := allowDownloads(t, ctx)

	pin := fmt.Sprintf(`tr[data-run-id=%q] button.run-pin`, owlRun)
	step(t, ctx, "pin "+owlName, chromedp.Click(chromedp.CSS("#runs-table tbody "+pin)))
	waitParam(t, ctx, "pinned", "pinruns", owlRun)
	waitList(t, ctx, "owl above the table", pinnedNamesJS, owlName)
	waitRows(t, ctx, "owl out of the rows", foxName)
	if p, _ := pollJS(t, ctx, `document.querySelector('#runs-table thead `+pin+`')
		?.getAttribute("aria-pressed") ?? ""`, func(s string) bool { return s == "true" }); p != "true" {
		t.Errorf("pinned run's pin aria-pressed %q, want true", p)
	}

	step(t, ctx, "sort by name", chromedp.Click(chromedp.CSS(
		`#runs-table th[data-col="attributes.run_name"] button.sort`)))
	waitParam(t, ctx, "sorted", "sort", "attributes.run_name ASC")
	waitList(t, ctx, "still pinned after a sort", pinnedNamesJS, owlName)

	typeQuery(t, ctx, "attributes.run_name = '"+foxName+"'")
	press(t, ctx, "search", "\r")
	waitParam(t, ctx, "searched", "q", "attributes.run_name = '"+foxName+"'")
	waitList(t, ctx, "pinned whatever the search", pinnedNamesJS, owlName)
	waitRows(t, ctx, "the search's rows", foxName)
	// The CSV holds the rows shown: the pinned run first, then the search's.
	step(t, ctx, "download CSV", chromedp.Click(chromedp.CSS("#download-csv")))
	recs := waitCSV(t, downloads, 3)
	if got := []string{recs[1][0], recs[2][0]}; !slices.Equal(got, []string{owlName, foxName}) {
		t.Errorf("CSV runs %v, want the pinned %s, then %s", got, owlName, foxName)
	}

	// The pinned row keeps its place under the column titles.
	topJS := `(() => { const box = document.querySelector("#runs-scroll");
		const r = box.querySelector("tr.pinned-run");
		return Math.round(r.getBoundingClientRect().top - box.getBoundingClientRect().top); })()`
	top, err := chromedp.Run(ctx, chromedp.Evaluate[int](topJS))
	if err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "scroll", chromedp.Evaluate[chromedp.Void](`(() => {
		const box = document.querySelector("#runs-scroll");
		box.scrollTop = 200; box.scrollLeft = 300; })()`))
	if got, _ := pollJS(t, ctx, topJS, func(v int) bool { return v == top }); got != top {
		t.Errorf("pinned row %d px from the box's top after scrolling, want %d", got, top)
	}

	step(t, ctx, "reload", chromedp.Reload())
	waitList(t, ctx, "still pinned after a reload", pinnedNamesJS, owlName)
	shoot(t, ctx, "pinned-run")

	// The keyboard starts on the pinned run, goes on into the rows and
	// back, and x selects the pinned run.
	current := func(what, want string) {
		t.Helper()
		if got, _ := pollJS(t, ctx, `document.querySelector("#runs-table tr.run-row.current")
			?.dataset.runId ?? ""`, func(s string) bool { return s == want }); got != want {
			t.Fatalf("%s: current row %q, want %q", what, got, want)
		}
	}
	typeKeys(t, ctx, "j")
	current("j onto the pinned run", owlRun)
	typeKeys(t, ctx, "j")
	current("j into the rows", foxRun)
	typeKeys(t, ctx, "kx")
	current("k back up", owlRun)
	waitParam(t, ctx, "x selects the pinned run", "sel", owlRun)

	step(t, ctx, "unpin", chromedp.Click(chromedp.CSS("#runs-table thead "+pin)))
	waitParam(t, ctx, "unpinned", "pinruns", "")
	waitList(t, ctx, "nothing pinned", pinnedNamesJS)
}

// TestHideInChartsUI hides a run in the charts from its row's eye (issue
// 11): the Charts tab's legend shows it hidden, and showing it from the
// legend turns the table's eye back on; the list is in the URL.
func TestHideInChartsUI(t *testing.T) {
	ctx := openWine(t)

	eye := fmt.Sprintf(`#runs-table tr[data-run-id=%q] button.run-eye`, foxRun)
	step(t, ctx, "hide fox in the charts", chromedp.Click(chromedp.CSS(eye)))
	waitParam(t, ctx, "hidden", "hide", foxRun)
	pressed := func(sel string) string {
		return `document.querySelector('` + sel + `')?.getAttribute("aria-pressed") ?? ""`
	}
	if p, _ := pollJS(t, ctx, pressed(eye), func(s string) bool { return s == "false" }); p != "false" {
		t.Errorf("hidden run's eye aria-pressed %q, want false", p)
	}

	step(t, ctx, "charts", chromedp.Click(chromedp.CSS("#tab-charts")))
	legend := fmt.Sprintf(`#runs-legend button[data-run-id=%q]`, foxRun)
	if p, _ := pollJS(t, ctx, pressed(legend), func(s string) bool { return s == "false" }); p != "false" {
		t.Fatalf("fox's legend entry aria-pressed %q, want false (hidden)", p)
	}
	owlLegend := fmt.Sprintf(`#runs-legend button[data-run-id=%q]`, owlRun)
	if p, _ := pollJS(t, ctx, pressed(owlLegend), func(s string) bool { return s == "true" }); p != "true" {
		t.Errorf("owl's legend entry aria-pressed %q, want true (shown)", p)
	}

	step(t, ctx, "show fox from the legend", chromedp.Click(chromedp.CSS(legend)))
	waitParam(t, ctx, "shown", "hide", "")
	step(t, ctx, "table", chromedp.Click(chromedp.CSS("#tab-table")))
	if p, _ := pollJS(t, ctx, pressed(eye), func(s string) bool { return s == "true" }); p != "true" {
		t.Errorf("shown run's eye aria-pressed %q, want true", p)
	}
}
