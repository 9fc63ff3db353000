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
