package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"mlscope/server/internal/browsertest"
)

// The browser tests of the runs table's search UI: the query box
// (app/ui/query_box.go), the quick filters, the column chooser, sorting and
// nested runs, each driven by keyboard and mouse against the real server.

const (
	owlName = "gentle-owl-42"
	foxName = "brave-fox-7"
)

// JavaScript that reads the rows of the runs table as drawn: their run
// names, and their names with their aria-level.
const (
	rowNamesJS = `[...document.querySelectorAll("#runs-table tbody tr[data-run-id]")]
		.map(r => r.querySelector("td.name a").textContent)`
	rowLevelsJS = `[...document.querySelectorAll("#runs-table tbody tr[data-run-id]")]
		.map(r => r.querySelector("td.name a").textContent + " " + r.getAttribute("aria-level"))`
	// valueColsJS lists the metric, param and tag columns of the header
	// (Source, a tag, is one of the fixed columns).
	valueColsJS = `[...document.querySelectorAll("#runs-table th[data-col]:not(.col-attr)")]
		.map(th => th.dataset.col)`
)

// pollJS evaluates js until ok accepts its result or 20 s pass, and
// returns the last result and whether ok accepted it.
func pollJS[T any](t testing.TB, ctx context.Context, js string, ok func(T) bool) (T, bool) {
	t.Helper()
	return pollJSEvery(t, ctx, js, ok, 100*time.Millisecond, 20*time.Second)
}

// pollJSEvery is pollJS with its period and time limit: benchmarks that
// read a time the page took poll often, so as not to add to it.
func pollJSEvery[T any](t testing.TB, ctx context.Context, js string, ok func(T) bool,
	every, limit time.Duration) (T, bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
		if err != nil {
			t.Fatalf("evaluate %s: %v", js, err)
		}
		if ok(v) {
			return v, true
		}
		if time.Now().After(deadline) {
			return v, false
		}
		time.Sleep(every)
	}
}

// waitList waits until js gives the list want.
func waitList(t testing.TB, ctx context.Context, what, js string, want ...string) {
	t.Helper()
	got, ok := pollJS(t, ctx, js, func(v []string) bool { return slices.Equal(v, want) })
	if !ok {
		t.Fatalf("%s: got %q, want %q", what, got, want)
	}
}

// waitRows waits until the runs table draws the runs named want, in order.
func waitRows(t testing.TB, ctx context.Context, what string, want ...string) {
	t.Helper()
	waitList(t, ctx, what+": rows", rowNamesJS, want...)
}

// pageQuery is the query string of the page's URL.
func pageQuery(t testing.TB, ctx context.Context) url.Values {
	t.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatalf("page URL %q: %v", loc, err)
	}
	return u.Query()
}

// waitParam waits until the page URL's parameter key is want, or is left
// out when want is "".
func waitParam(t testing.TB, ctx context.Context, what, key, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		q := pageQuery(t, ctx)
		if q.Get(key) == want && (want != "" || !q.Has(key)) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: URL has %s=%q (of %q), want %q", what, key, q.Get(key), q.Encode(), want)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// typeQuery replaces the search box's text by typing text into it, key by
// key, and waits until the box holds it.
func typeQuery(t testing.TB, ctx context.Context, text string) {
	t.Helper()
	step(t, ctx, "type "+text,
		chromedp.Evaluate[chromedp.Void](`(() => { const i = document.querySelector("#query-input");
			i.focus(); i.select(); })()`),
		chromedp.KeyEvent(kb.Backspace),
		chromedp.SendKeys(chromedp.CSS("#query-input"), text))
	waitValue(t, ctx, "#query-input", text)
}

// waitValue waits until the input sel holds want.
func waitValue(t testing.TB, ctx context.Context, sel, want string) {
	t.Helper()
	js := fmt.Sprintf(`document.querySelector(%q)?.value ?? ""`, sel)
	got, ok := pollJS(t, ctx, js, func(v string) bool { return v == want })
	if !ok {
		t.Fatalf("%s holds %q, want %q", sel, got, want)
	}
}

// press sends keys to the focused element.
func press(t testing.TB, ctx context.Context, what, keys string) {
	t.Helper()
	step(t, ctx, what, chromedp.KeyEvent(keys))
}

// openRuns opens the experiment's runs table and waits for its rows.
func openRuns(t testing.TB, ctx context.Context, srv *testServer, rows ...string) {
	t.Helper()
	step(t, ctx, "open the experiment", chromedp.Navigate(srv.URL+"/experiments/"+wineExp))
	waitRows(t, ctx, "the experiment", rows...)
}

// hlSpan is a span of the search box's coloured layer.
type hlSpan struct {
	Text  string `json:"text"`
	Class string `json:"class"`
}

const hlSpansJS = `[...document.querySelectorAll(".query-hl span")]
	.map(s => ({text: s.textContent, class: s.className}))`

// TestSearchUIFilter types filters into the search box: the coloured layer
// classes their tokens; a faulty filter shows MLflow's message and its
// position, disables Search and is not run on Enter; a valid one filters
// the table on Enter and goes into the URL, where a reload and the back
// button find it.
func TestSearchUIFilter(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 900)
	openRuns(t, ctx, srv, foxName, owlName)

	faults := []struct {
		name, filter string
		msg          string
		at           int    // the character "at character N" names
		marked       string // the text of the spans marked as the fault
	}{
		{"comparison without a value", "metrics.rmse <",
			"Invalid clause(s) in filter string: 'metrics.rmse', '<'", 1, "metrics.rmse <"},
		{"unquoted param value", "params.alpha = 0.5",
			"Expected a quoted string value for parameter (e.g. 'my-value'). Got value 0.5",
			16, "0.5"},
		{"unknown comparator", "metrics.rmse <> 1", "Invalid comparator '<>'", 14, "<>"},
		{"unknown attribute", "flavour = 'x'", "Invalid attribute key 'flavour'", 1, "flavour"},
	}
	for _, f := range faults {
		typeQuery(t, ctx, f.filter)
		msg := wantText(t, ctx, "#query-error", f.msg)
		if at := fmt.Sprintf("at character %d", f.at); !strings.Contains(msg, at) {
			t.Errorf("%s: %q: error line %q does not say %q", f.name, f.filter, msg, at)
		}
		state, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const i = document.querySelector("#query-input");
			return i.getAttribute("aria-invalid") + " " + document.querySelector("#query-run").disabled;
		})()`))
		if err != nil || state != "true true" {
			t.Errorf("%s: aria-invalid and Search disabled: %q, %v; want both true", f.name, state, err)
		}
		spans, _ := pollJS(t, ctx, hlSpansJS, func([]hlSpan) bool { return true })
		marked := ""
		for _, s := range spans {
			if strings.Contains(" "+s.Class+" ", " q-err ") {
				marked += s.Text
			}
		}
		if marked != f.marked {
			t.Errorf("%s: %q: the marked spans hold %q, want %q (spans %v)",
				f.name, f.filter, marked, f.marked, spans)
		}
		press(t, ctx, "Enter on a faulty filter", kb.Enter)
		time.Sleep(300 * time.Millisecond)
		if q := pageQuery(t, ctx); q.Has("q") {
			t.Errorf("%s: Enter ran the faulty filter %q: URL query %q", f.name, f.filter, q.Encode())
		}
	}
	shoot(t, ctx, "search-error.png")

	// Backspace over a token keeps the space before it, also once the box
	// has drawn the new text (go-app trims attribute values).
	typeQuery(t, ctx, "metrics.rmse <")
	press(t, ctx, "Backspace", kb.Backspace)
	const layerJS = `document.querySelector(".query-hl").textContent`
	if got, ok := pollJS(t, ctx, layerJS, func(s string) bool { return s == "metrics.rmse " }); !ok {
		t.Errorf("the coloured layer after Backspace: %q, want %q", got, "metrics.rmse ")
	}
	waitValue(t, ctx, "#query-input", "metrics.rmse ")

	filter := "params.alpha = '0.5'"
	typeQuery(t, ctx, filter)
	waitJS(t, ctx, "the error goes", `!document.querySelector("#query-error")`)
	waitJS(t, ctx, "Search is enabled", `!document.querySelector("#query-run").disabled`)
	wantSpans := []hlSpan{
		{"params.", "q-prefix"}, {"alpha", "q-key"}, {" ", ""}, {"=", "q-op"}, {" ", ""},
		{"'0.5'", "q-str"},
	}
	spans, ok := pollJS(t, ctx, hlSpansJS, func(s []hlSpan) bool { return slices.Equal(s, wantSpans) })
	if !ok {
		t.Errorf("spans of %q: %v, want %v", filter, spans, wantSpans)
	}
	typeQuery(t, ctx, "metrics.rmse < 0.8 AND tags.`mlflow.user` != 'bob'")
	wantSpans = []hlSpan{
		{"metrics.", "q-prefix"}, {"rmse", "q-key"}, {" ", ""}, {"<", "q-op"}, {" ", ""},
		{"0.8", "q-num"}, {" ", ""}, {"AND", "q-kw"}, {" ", ""}, {"tags.", "q-prefix"},
		{"`mlflow.user`", "q-key"}, {" ", ""}, {"!=", "q-op"}, {" ", ""}, {"'bob'", "q-str"},
	}
	if spans, ok := pollJS(t, ctx, hlSpansJS, func(s []hlSpan) bool {
		return slices.Equal(s, wantSpans)
	}); !ok {
		t.Errorf("spans of a two-clause filter: %v, want %v", spans, wantSpans)
	}

	typeQuery(t, ctx, filter)
	press(t, ctx, "Enter", kb.Enter)
	waitRows(t, ctx, "filtered by alpha", owlName)
	waitParam(t, ctx, "the filter in the URL", "q", filter)
	wantText(t, ctx, "#run-count", "1 of 2 runs match")

	step(t, ctx, "reload", chromedp.Reload())
	waitValue(t, ctx, "#query-input", filter)
	waitRows(t, ctx, "after the reload", owlName)
	wantText(t, ctx, "#run-count", "1 of 2 runs match")

	typeQuery(t, ctx, "metrics.rmse > 0.8")
	step(t, ctx, "click Search", chromedp.Click(chromedp.CSS("#query-run")))
	waitRows(t, ctx, "filtered by rmse", foxName)
	waitParam(t, ctx, "the second filter", "q", "metrics.rmse > 0.8")
	step(t, ctx, "back", chromedp.NavigateBack())
	waitParam(t, ctx, "back", "q", filter)
	waitValue(t, ctx, "#query-input", filter)
	waitRows(t, ctx, "back to the alpha filter", owlName)

	step(t, ctx, "clear the search", chromedp.Click(chromedp.CSS(".query-clear")))
	waitParam(t, ctx, "cleared", "q", "")
	waitRows(t, ctx, "cleared", foxName, owlName)
}

// TestSearchUICompletion types the start of keys and picks completions
// with the keyboard and the mouse.
func TestSearchUICompletion(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 900)
	openRuns(t, ctx, srv, foxName, owlName)

	const labelsJS = `[...document.querySelectorAll("#query-options .query-option .option-label")]
		.map(o => o.textContent)`
	metricKeys := []string{"metrics.r2", "metrics.rmse", "metrics.`train/loss`"}
	tests := []struct {
		name    string
		typed   string
		options []string // the list after typing
		keys    string   // pressed then
		want    string   // the box's text after the keys
	}{
		{"first option", "metrics.", metricKeys, kb.Enter, "metrics.r2 "},
		{"arrow down", "metrics.", metricKeys, kb.ArrowDown + kb.Enter, "metrics.rmse "},
		// Up from the first option wraps to the last.
		{"arrow up wraps", "metrics.", metricKeys, kb.ArrowUp + kb.Enter, "metrics.`train/loss` "},
		// A key that needs quoting is inserted quoted.
		{"part of a key", "metrics.tr", []string{"metrics.`train/loss`"}, kb.Tab,
			"metrics.`train/loss` "},
		{"attribute", "attributes.st", []string{"attributes.status", "attributes.start_time"},
			kb.ArrowDown + kb.Tab, "attributes.start_time "},
		// After AND, a bare word completes keys of every kind.
		{"after and", "params.alpha = '0.5' and l1", []string{"params.l1_ratio"}, kb.Enter,
			"params.alpha = '0.5' and params.l1_ratio "},
		{"escape", "params.", []string{"params.alpha", "params.l1_ratio"}, kb.Escape, "params."},
	}
	for _, tt := range tests {
		typeQuery(t, ctx, tt.typed)
		got, ok := pollJS(t, ctx, labelsJS, func(v []string) bool { return slices.Equal(v, tt.options) })
		if !ok {
			t.Errorf("%s: options after typing %q: %q, want %q", tt.name, tt.typed, got, tt.options)
			continue
		}
		waitJS(t, ctx, tt.name+": the list is announced",
			`document.querySelector("#query-input").getAttribute("aria-expanded") === "true"`)
		press(t, ctx, tt.name, tt.keys)
		waitValue(t, ctx, "#query-input", tt.want)
		waitJS(t, ctx, tt.name+": the list closes", `!document.querySelector("#query-options")`)
		if q := pageQuery(t, ctx); q.Has("q") {
			t.Errorf("%s: picking an option ran a search: %q", tt.name, q.Encode())
		}
	}

	// The active option follows the arrows, for screen readers too.
	typeQuery(t, ctx, "metrics.")
	wantText(t, ctx, "#query-options", "metrics.rmse")
	press(t, ctx, "arrow down twice", kb.ArrowDown+kb.ArrowDown)
	waitJS(t, ctx, "the third option is active", `(() => {
		const i = document.querySelector("#query-input");
		const o = document.querySelector("#query-option-2");
		return i.getAttribute("aria-activedescendant") === "query-option-2" &&
			o.getAttribute("aria-selected") === "true"; })()`)
	shoot(t, ctx, "search-completion.png")

	// With the mouse: a prefix opens the list of its keys at once.
	typeQuery(t, ctx, "par")
	step(t, ctx, "click the params. prefix",
		chromedp.Click(chromedp.CSS(`.query-option[data-insert="params."]`)))
	waitValue(t, ctx, "#query-input", "params.")
	got, ok := pollJS(t, ctx, labelsJS, func(v []string) bool {
		return slices.Equal(v, []string{"params.alpha", "params.l1_ratio"})
	})
	if !ok {
		t.Fatalf("options after the params. prefix: %q", got)
	}
	// go-app trims attribute values: data-insert lacks the trailing space.
	step(t, ctx, "click params.alpha",
		chromedp.Click(chromedp.CSS(`.query-option[data-insert="params.alpha"]`)))
	waitValue(t, ctx, "#query-input", "params.alpha ")

	// The caret is after the insertion: typing goes on from there.
	step(t, ctx, "finish the filter", chromedp.SendKeys(chromedp.CSS("#query-input"), "= '0.9'"))
	waitValue(t, ctx, "#query-input", "params.alpha = '0.9'")
	press(t, ctx, "Enter", kb.Enter)
	waitRows(t, ctx, "the completed filter", foxName)
	waitParam(t, ctx, "the completed filter", "q", "params.alpha = '0.9'")
}

// TestSearchUIQuickFilters clicks the state and time filters, alone and
// together: each replaces its own clause and keeps the others.
func TestSearchUIQuickFilters(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 900)
	openRuns(t, ctx, srv, foxName, owlName)

	state := func(s string) string { return `#state-filters button[data-status="` + s + `"]` }
	since := func(n int) string { return fmt.Sprintf("#time-filters button:nth-child(%d)", n) }
	all := since(4)
	tests := []quickFilterCase{
		{"failed", state("failed"), "attributes.status = 'FAILED'", 0, []string{foxName},
			[]string{state("failed"), all}},
		{"finished", state("finished"), "attributes.status = 'FINISHED'", 0, []string{owlName},
			[]string{state("finished"), all}},
		// Active is every run that is not deleted: no clause at all.
		{"active", state("active"), "", 0, []string{foxName, owlName},
			[]string{state("active"), all}},
		{"failed again", state("failed"), "attributes.status = 'FAILED'", 0, []string{foxName},
			[]string{state("failed"), all}},
		// The test tree's runs are from December 2024: none is that recent.
		{"failed in the last week", since(3),
			"attributes.status = 'FAILED' and attributes.start_time >= %d", 7 * 24 * time.Hour,
			nil, []string{state("failed"), since(3)}},
		{"the last hour instead", since(1),
			"attributes.status = 'FAILED' and attributes.start_time >= %d", time.Hour, nil,
			[]string{state("failed"), since(1)}},
		{"all time", all, "attributes.status = 'FAILED'", 0, []string{foxName},
			[]string{state("failed"), all}},
		{"active again", state("active"), "", 0, []string{foxName, owlName},
			[]string{state("active"), all}},
		{"the last day", since(2), "attributes.start_time >= %d", 24 * time.Hour, nil,
			[]string{state("active"), since(2)}},
		// The empty state's own way out.
		{"clear the search", "#clear-search", "", 0, []string{foxName, owlName},
			[]string{state("active"), all}},
	}
	for _, tt := range tests {
		clicked := time.Now()
		step(t, ctx, tt.name, chromedp.Click(chromedp.CSS(tt.click)))
		q := tt.waitFilter(t, ctx, clicked)
		if tt.rows == nil {
			// The table redraws at go-app's next frame: until then the
			// previous state's empty notice may still be there.
			time.Sleep(300 * time.Millisecond)
			waitEmpty(t, ctx, tt.name)
		}
		waitRows(t, ctx, tt.name, tt.rows...)
		waitValue(t, ctx, "#query-input", q)
		for _, sel := range tt.pressed {
			waitJS(t, ctx, tt.name+": "+sel+" pressed",
				fmt.Sprintf(`document.querySelector(%q).getAttribute("aria-pressed") === "true"`, sel))
		}
	}
}

// waitEmpty waits for the runs table's "no runs match" state.
func waitEmpty(t testing.TB, ctx context.Context, what string) {
	t.Helper()
	const js = `document.querySelector("#runs-scroll")?.innerText ?? ""`
	got, ok := pollJS(t, ctx, js, func(s string) bool {
		return strings.Contains(s, "No runs match this search.")
	})
	if !ok {
		t.Fatalf("%s: the runs table shows %q, want that no runs match (URL %q)",
			what, got, pageQuery(t, ctx).Encode())
	}
}

// quickFilterCase is a click on a quick filter and what it must lead to.
type quickFilterCase struct {
	name    string
	click   string
	q       string        // the URL's filter, with %d for a start time
	ago     time.Duration // how long before the click that start time is
	rows    []string
	pressed []string // buttons shown pressed
}

// waitFilter waits until the URL holds the filter the row wants and
// returns it.
func (tt quickFilterCase) waitFilter(t testing.TB, ctx context.Context, clicked time.Time) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		q := pageQuery(t, ctx).Get("q")
		if tt.matches(q, clicked) {
			return q
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: URL filter %q, want %q (%v before the click)", tt.name, q, tt.q, tt.ago)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// matches reports whether q is the filter the row wants, its start time
// within a minute of tt.ago before the click.
func (tt quickFilterCase) matches(q string, clicked time.Time) bool {
	if !strings.Contains(tt.q, "%d") {
		return q == tt.q
	}
	pattern := "^" + strings.Replace(regexp.QuoteMeta(tt.q), "%d", `(\d+)`, 1) + "$"
	m := regexp.MustCompile(pattern).FindStringSubmatch(q)
	if m == nil {
		return false
	}
	ms, _ := strconv.ParseInt(m[1], 10, 64)
	off := time.UnixMilli(ms).Sub(clicked.Add(-tt.ago))
	return off > -time.Minute && off < time.Minute
}

// ensurePanel opens the column chooser unless it is open.
func ensurePanel(t testing.TB, ctx context.Context) {
	t.Helper()
	const js = `!!document.querySelector("#column-panel")`
	open, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
	if err != nil {
		t.Fatal(err)
	}
	if !open {
		step(t, ctx, "open the column chooser", chromedp.Click(chromedp.CSS("#columns-button")))
	}
	step(t, ctx, "the column chooser", chromedp.WaitVisible(chromedp.CSS("#column-search")))
}

// TestSearchUIColumns finds columns in the column chooser and checks and
// unchecks them: the header follows, the URL holds the list, and the back
// button and the default button restore the columns before.
func TestSearchUIColumns(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 900)
	openRuns(t, ctx, srv, foxName, owlName)

	defaults := []string{"metrics.r2", "metrics.rmse", "metrics.train/loss", "params.alpha",
		"params.l1_ratio"}
	waitList(t, ctx, "the default columns", valueColsJS, defaults...)
	wantText(t, ctx, "#columns-button", "Columns · 5")
	if q := pageQuery(t, ctx); q.Has("cols") {
		t.Errorf("the default columns are in the URL: %q", q.Encode())
	}

	const foundJS = `[...document.querySelectorAll("#column-panel input[data-col]")]
		.map(i => i.dataset.col + (i.checked ? " on" : " off"))`
	tests := []struct {
		name   string
		search string   // typed into the chooser's search box
		found  []string // the check boxes then, with their state
		col    string   // the one clicked
		cols   []string // the columns after the click, in the URL and the header
	}{
		{"hide a param", "ratio", []string{"params.l1_ratio on"}, "params.l1_ratio",
			[]string{"metrics.r2", "metrics.rmse", "metrics.train/loss", "params.alpha"}},
		// A column shown again goes last in the URL; the header keeps the
		// groups in order.
		{"show it again", "RATIO", []string{"params.l1_ratio off"}, "params.l1_ratio",
			defaults},
		{"add a tag", "user", []string{"tags.mlflow.user off"}, "tags.mlflow.user",
			append(slices.Clone(defaults), "tags.mlflow.user")},
		{"hide a metric", "r", []string{"metrics.r2 on", "metrics.rmse on",
			"metrics.train/loss on", "params.l1_ratio on", "tags.mlflow.runName off",
			"tags.mlflow.source.git.commit off", "tags.mlflow.source.name off",
			"tags.mlflow.source.type off", "tags.mlflow.user on"}, "metrics.r2",
			[]string{"metrics.rmse", "metrics.train/loss", "params.alpha", "params.l1_ratio",
				"tags.mlflow.user"}},
	}
	urlCols := []string{""} // the URL's cols after each step; "" for none
	for _, tt := range tests {
		ensurePanel(t, ctx)
		step(t, ctx, tt.name+": search "+tt.search,
			chromedp.Evaluate[chromedp.Void](`(() => { const i = document.querySelector("#column-search");
				i.focus(); i.select(); })()`),
			chromedp.KeyEvent(kb.Backspace),
			chromedp.SendKeys(chromedp.CSS("#column-search"), tt.search))
		waitList(t, ctx, tt.name+": check boxes found", foundJS, tt.found...)
		step(t, ctx, tt.name+": click "+tt.col,
			chromedp.Click(chromedp.CSS(`#column-panel input[data-col="`+tt.col+`"]`)))
		waitList(t, ctx, tt.name+": header", valueColsJS, tt.cols...)
		cols := pageQuery(t, ctx).Get("cols")
		if !sameSet(splitList(cols), tt.cols) {
			t.Errorf("%s: URL cols %q, want the columns %q", tt.name, cols, tt.cols)
		}
		urlCols = append(urlCols, cols)
		wantText(t, ctx, "#columns-button", fmt.Sprintf("Columns · %d", len(tt.cols)))
	}
	wantText(t, ctx, "#runs-table", "bob", "alice") // the mlflow.user tag's values

	for i := len(tests) - 1; i >= 0; i-- {
		step(t, ctx, "back from "+tests[i].name, chromedp.NavigateBack())
		waitParam(t, ctx, "back from "+tests[i].name, "cols", urlCols[i])
		want := defaults
		if i > 0 {
			want = tests[i-1].cols
		}
		waitList(t, ctx, "back from "+tests[i].name+": header", valueColsJS, want...)
	}

	step(t, ctx, "forward", chromedp.NavigateForward())
	waitParam(t, ctx, "forward", "cols", urlCols[1])
	ensurePanel(t, ctx)
	step(t, ctx, "default columns", chromedp.Click(chromedp.CSS("#columns-default")))
	waitParam(t, ctx, "default columns", "cols", "")
	waitList(t, ctx, "default columns: header", valueColsJS, defaults...)
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestSearchUISort clicks column headers: each click puts the order in
// the URL and the rows in that order, and a reload and the back button
// keep it.
func TestSearchUISort(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 900)
	openRuns(t, ctx, srv, foxName, owlName)
	ariaSort := func(col string) string {
		return fmt.Sprintf(`document.querySelector('#runs-table th[data-col=%q]')
			.getAttribute("aria-sort")`, col)
	}
	waitJS(t, ctx, "newest first by default", ariaSort("attributes.start_time")+` === "descending"`)

	tests := []struct {
		name, col string
		sort      string // the URL's order_by entry after the click
		aria      string
		rows      []string
	}{
		{"rmse", "metrics.rmse", "metrics.rmse ASC", "ascending", []string{owlName, foxName}},
		{"rmse again", "metrics.rmse", "metrics.rmse DESC", "descending",
			[]string{foxName, owlName}},
		{"run name", "attributes.run_name", "attributes.run_name ASC", "ascending",
			[]string{foxName, owlName}},
		{"run name again", "attributes.run_name", "attributes.run_name DESC", "descending",
			[]string{owlName, foxName}},
		// Times start with the newest.
		{"created", "attributes.start_time", "attributes.start_time DESC", "descending",
			[]string{foxName, owlName}},
		{"created again", "attributes.start_time", "attributes.start_time ASC", "ascending",
			[]string{owlName, foxName}},
		{"a param", "params.alpha", "params.alpha ASC", "ascending", []string{owlName, foxName}},
		// brave-fox-7 logged no train/loss: MLflow puts missing values last
		// both ways. The key needs quoting in order_by.
		{"a metric one run lacks", "metrics.train/loss", "metrics.`train/loss` ASC", "ascending",
			[]string{owlName, foxName}},
		{"the same descending", "metrics.train/loss", "metrics.`train/loss` DESC", "descending",
			[]string{owlName, foxName}},
	}
	for _, tt := range tests {
		step(t, ctx, "sort by "+tt.name,
			chromedp.Click(chromedp.CSS(`#runs-table th[data-col="`+tt.col+`"] button.sort`)))
		waitParam(t, ctx, tt.name, "sort", tt.sort)
		waitRows(t, ctx, tt.name, tt.rows...)
		waitJS(t, ctx, tt.name+": aria-sort", ariaSort(tt.col)+` === "`+tt.aria+`"`)
	}
	const sortedJS = `[...document.querySelectorAll("#runs-table th[aria-sort]")]
		.filter(th => th.getAttribute("aria-sort") !== "none").length`
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](sortedJS)); err != nil || n != 1 {
		t.Errorf("%d headers say they are sorted (%v), want 1", n, err)
	}

	step(t, ctx, "reload", chromedp.Reload())
	waitRows(t, ctx, "after the reload", owlName, foxName)
	waitParam(t, ctx, "after the reload", "sort", "metrics.`train/loss` DESC")
	step(t, ctx, "back", chromedp.NavigateBack())
	waitParam(t, ctx, "back", "sort", "metrics.`train/loss` ASC")
	step(t, ctx, "back", chromedp.NavigateBack())
	waitParam(t, ctx, "back twice", "sort", "params.alpha ASC")
	waitRows(t, ctx, "back twice", owlName, foxName)
	waitJS(t, ctx, "back twice: aria-sort", ariaSort("params.alpha")+` === "ascending"`)
}

// Child runs the nested-runs test adds to a copy of the test tree.
const (
	calmRun  = "7d1e2f3a4b5c46d7e8f9a0b1c2d3e4f5"
	quietRun = "8e2f3a4b5c6d47e8f9a0b1c2d3e4f5a6"
	tinyRun  = "9f3a4b5c6d7e48f9a0b1c2d3e4f5a6b7"
)

// nestedTree copies the test tree and adds child runs as MLflow writes
// them for mlflow.start_run(nested=True): gentle-owl-42 gets two, and one
// of those a child of its own.
func nestedTree(t testing.TB) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "mlruns")
	if err := os.CopyFS(root, os.DirFS(testTree)); err != nil {
		t.Fatal(err)
	}
	exp := filepath.Join(root, wineExp)
	for _, c := range []struct {
		id, name, parent string
		start            int64
	}{
		{calmRun, "calm-cub-1", owlRun, 1733250310000},
		{quietRun, "quiet-cub-2", owlRun, 1733250320000},
		{tinyRun, "tiny-cub-3", calmRun, 1733250315000},
	} {
		addChildRun(t, exp, c.id, c.name, c.parent, c.start)
	}
	return root
}

// addChildRun writes run id into the experiment folder exp, made from
// gentle-owl-42's files: its meta.yaml with a new id, name and times, its
// params and tags, a run name and parent tag, and one rmse value.
func addChildRun(t testing.TB, exp, id, name, parent string, start int64) {
	t.Helper()
	owl, dir := filepath.Join(exp, owlRun), filepath.Join(exp, id)
	meta, err := os.ReadFile(filepath.Join(owl, "meta.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	meta = []byte(strings.NewReplacer(
		owlRun, id,
		"run_name: "+owlName, "run_name: "+name,
		"start_time: 1733250300000", fmt.Sprintf("start_time: %d", start),
		"end_time: 1733250372500", fmt.Sprintf("end_time: %d", start+5000),
	).Replace(string(meta)))
	for _, sub := range []string{"params", "tags"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(owl, sub))); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"meta.yaml":               string(meta),
		"tags/mlflow.runName":     name,
		"tags/mlflow.parentRunId": parent,
		"metrics/rmse":            fmt.Sprintf("%d 0.75 0\n", start+1000),
	}
	for p, content := range files {
		p = filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSearchUINested shows child runs under their parent: a toggle with
// the number of children opens them, indented one level deeper, sorted
// among themselves, and a child that matches a filter without its parent
// is a top-level row.
func TestSearchUINested(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", nestedTree(t))
	ctx := browsertest.New(t, 1360, 900)
	openRuns(t, ctx, srv, foxName, owlName)
	wantText(t, ctx, "#run-count", "5 runs")

	toggle := func(id string) string { return `tr[data-run-id="` + id + `"] .tree-toggle` }
	label := func(id string) string {
		return fmt.Sprintf(`(() => { const b = document.querySelector(%q);
			if (!b) return "none";
			return b.getAttribute("aria-expanded") + " " + b.getAttribute("aria-label"); })()`,
			toggle(id))
	}
	wantLabel := func(what, id, want string) {
		t.Helper()
		if got, ok := pollJS(t, ctx, label(id), func(s string) bool { return s == want }); !ok {
			t.Errorf("%s: toggle %q, want %q", what, got, want)
		}
	}
	wantLabel("collapsed", owlRun, "false Show 2 child runs of "+owlName)
	wantLabel("a run without children", foxRun, "none")
	wantText(t, ctx, `tr[data-run-id="`+owlRun+`"] .child-count`, "2")

	const indentsJS = `[...document.querySelectorAll("#runs-table .name-cell")]
		.map(c => c.style.paddingLeft)`
	tests := []struct {
		name    string
		click   string
		levels  []string // the rows' names and aria-level
		indents []string // the name cells' left padding
		parent  string   // gentle-owl-42's toggle
	}{
		{"open the parent", toggle(owlRun),
			[]string{foxName + " 1", owlName + " 1", "quiet-cub-2 2", "calm-cub-1 2"},
			[]string{"0px", "0px", "16px", "16px"}, "true Hide 2 child runs of " + owlName},
		{"open a child", toggle(calmRun), []string{foxName + " 1", owlName + " 1",
			"quiet-cub-2 2", "calm-cub-1 2", "tiny-cub-3 3"},
			[]string{"0px", "0px", "16px", "16px", "32px"}, "true Hide 2 child runs of " + owlName},
		// The children follow the sort too, each under its parent.
		{"sort by name", `#runs-table th[data-col="attributes.run_name"] button.sort`,
			[]string{foxName + " 1", owlName + " 1", "calm-cub-1 2", "tiny-cub-3 3",
				"quiet-cub-2 2"},
			[]string{"0px", "0px", "16px", "32px", "16px"}, "true Hide 2 child runs of " + owlName},
		{"close the parent", toggle(owlRun), []string{foxName + " 1", owlName + " 1"},
			[]string{"0px", "0px"}, "false Show 2 child runs of " + owlName},
	}
	for _, tt := range tests {
		step(t, ctx, tt.name, chromedp.Click(chromedp.CSS(tt.click)))
		waitList(t, ctx, tt.name, rowLevelsJS, tt.levels...)
		waitList(t, ctx, tt.name+": indents", indentsJS, tt.indents...)
		wantLabel(tt.name, owlRun, tt.parent)
	}

	typeQuery(t, ctx, "attributes.run_name = 'calm-cub-1'")
	press(t, ctx, "search for a child", kb.Enter)
	waitList(t, ctx, "a child alone", rowLevelsJS, "calm-cub-1 1")
	// Its own child does not match, so it has no toggle.
	wantLabel("a child alone", calmRun, "none")
}
