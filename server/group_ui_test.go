package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// groupRowsJS reads the runs table's body as drawn: "[value count]" for a
// group's header row, the run's name for a run.
const groupRowsJS = `[...document.querySelectorAll("#runs-table tbody tr")].map(r =>
	r.classList.contains("group-row")
		? "[" + r.dataset.group + " " + r.querySelector(".group-count").textContent + "]"
		: r.querySelector("td.name a")?.textContent ?? "?")`

// TestGroupUI groups the runs table by a param (issue 11): a header row
// per value with its count and the min, mean and max of each metric, a
// group that folds to its header, and the choice in the URL, where a
// reload finds it.
func TestGroupUI(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 900)
	openRuns(t, ctx, srv, foxName, owlName)

	waitList(t, ctx, "alpha among the choices",
		`[...document.querySelectorAll("#group-by option")].map(o => o.value)
			.filter(v => v == "params.alpha" || v == "datasets")`, "datasets", "params.alpha")
	step(t, ctx, "group by alpha", chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.querySelector("#group-by");
		s.value = "params.alpha";
		s.dispatchEvent(new Event("change", {bubbles: true})); })()`))
	waitParam(t, ctx, "grouped", "group", "params.alpha")
	// Groups in the order of their values; each holds one run.
	open := []string{"[0.5 1 run]", owlName, "[0.9 1 run]", foxName}
	waitList(t, ctx, "two groups", groupRowsJS, open...)

	tests := []struct {
		group, exact string
	}{
		{"0.5", "min 0.7071, mean 0.7071, max 0.7071 over 1 run"},
		{"0.9", "min 0.93, mean 0.93, max 0.93 over 1 run"},
	}
	for _, tt := range tests {
		sel := `tr.group-row[data-group="` + tt.group + `"] td[data-col="metrics.rmse"]`
		title, _ := pollJS(t, ctx, `document.querySelector('`+sel+`')?.title ?? ""`,
			func(s string) bool { return s == tt.exact })
		if title != tt.exact {
			t.Errorf("group %s: rmse title %q, want %q", tt.group, title, tt.exact)
		}
		text := wantText(t, ctx, sel, " / ")
		if parts := strings.Split(text, " / "); len(parts) != 3 || parts[0] != parts[1] ||
			parts[1] != parts[2] || !strings.HasPrefix(parts[0], "0.") {
			t.Errorf("group %s: rmse cell %q, want min / mean / max", tt.group, text)
		}
	}

	toggle := `tr.group-row[data-group="0.5"] button.group-toggle`
	step(t, ctx, "fold 0.5", chromedp.Click(chromedp.CSS(toggle)))
	waitList(t, ctx, "0.5 folded", groupRowsJS, "[0.5 1 run]", "[0.9 1 run]", foxName)
	if exp, _ := pollJS(t, ctx, `document.querySelector('`+toggle+`').ariaExpanded`,
		func(s string) bool { return s == "false" }); exp != "false" {
		t.Errorf("folded group's toggle aria-expanded %q", exp)
	}
	shoot(t, ctx, "group-folded")

	step(t, ctx, "reload", chromedp.Reload())
	waitList(t, ctx, "still grouped after a reload", groupRowsJS, open...)
	waitValue(t, ctx, "#group-by", "params.alpha")

	step(t, ctx, "no groups", chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.querySelector("#group-by");
		s.value = "";
		s.dispatchEvent(new Event("change", {bubbles: true})); })()`))
	waitParam(t, ctx, "ungrouped", "group", "")
	waitList(t, ctx, "runs again", groupRowsJS, foxName, owlName)
}

// TestGroupPinnedAggregates pins a metric column of a grouped table: the
// header rows show its min, mean and max right after the group's name,
// where the column now is, and it sticks when the table scrolls sideways.
func TestGroupPinnedAggregates(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 900, 800)
	watchCrash(t, ctx)
	step(t, ctx, "open grouped, rmse pinned", chromedp.Navigate(srv.URL+"/experiments/"+
		wineExp+"?group=params.alpha&pin=metrics.rmse"))
	waitList(t, ctx, "two groups", groupRowsJS, "[0.5 1 run]", owlName, "[0.9 1 run]", foxName)
	sel := `tr.group-row[data-group="0.9"] td[data-col="metrics.rmse"]`
	want := "min 0.93, mean 0.93, max 0.93 over 1 run"
	if title, _ := pollJS(t, ctx, `document.querySelector('`+sel+`')?.title ?? ""`,
		func(s string) bool { return s == want }); title != want {
		t.Fatalf("pinned rmse of group 0.9: title %q, want %q", title, want)
	}
	// The aggregate's cell is the second of its row, as rmse's header is
	// the second column title.
	idx, _ := pollJS(t, ctx, `[...document.querySelector('tr.group-row[data-group="0.9"]')
		.children].findIndex(td => td.dataset.col === "metrics.rmse")`,
		func(i int) bool { return i == 1 })
	if idx != 1 {
		t.Errorf("pinned rmse aggregate is cell %d of its header row, want 1", idx)
	}
	left := `(() => { const box = document.querySelector("#runs-scroll");
		return Math.round(document.querySelector('` + sel + `').getBoundingClientRect().left -
			box.getBoundingClientRect().left); })()`
	before, _ := pollJS(t, ctx, left, func(int) bool { return true })
	step(t, ctx, "scroll sideways", chromedp.Evaluate[chromedp.Void](
		`document.querySelector("#runs-scroll").scrollLeft = 400`))
	if after, _ := pollJS(t, ctx, left, func(v int) bool { return v == before }); after != before {
		t.Errorf("pinned aggregate at %d px after scrolling sideways, want %d", after, before)
	}
}

// TestGroupKeyboard moves through a grouped table with the keyboard: j
// and k stop on the header rows too, Enter folds the current group and
// Space unfolds it.
func TestGroupKeyboard(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 900)
	watchCrash(t, ctx)
	step(t, ctx, "open grouped", chromedp.Navigate(srv.URL+"/experiments/"+wineExp+
		"?group=params.alpha"))
	open := []string{"[0.5 1 run]", owlName, "[0.9 1 run]", foxName}
	waitList(t, ctx, "two groups", groupRowsJS, open...)
	currentJS := `(() => { const r = document.querySelector("#runs-table tr.current");
		if (!r) return "";
		return r.classList.contains("group-row") ? "[" + r.dataset.group + "]" :
			r.querySelector("td.name a").textContent; })()`
	wantCurrent := func(what, want string) {
		t.Helper()
		if got, _ := pollJS(t, ctx, currentJS, func(s string) bool { return s == want }); got != want {
			t.Fatalf("%s: current row %q, want %q", what, got, want)
		}
	}
	typeKeys(t, ctx, "j")
	wantCurrent("first j", "[0.5]")
	typeKeys(t, ctx, "jj")
	wantCurrent("onto the second header", "[0.9]")
	typeKeys(t, ctx, "\r")
	waitList(t, ctx, "0.9 folded by Enter", groupRowsJS, "[0.5 1 run]", owlName, "[0.9 1 run]")
	wantCurrent("still on the folded header", "[0.9]")
	typeKeys(t, ctx, "k")
	wantCurrent("k goes up to a run", owlName)
	typeKeys(t, ctx, "j ")
	waitList(t, ctx, "0.9 unfolded by Space", groupRowsJS, open...)
	typeKeys(t, ctx, "j")
	wantCurrent("j into the unfolded group", foxName)
}
