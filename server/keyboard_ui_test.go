package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"mlscope/server/internal/browsertest"
)

// typeKeys types keys into the page as a keyboard does: for each, a raw
// key down, then the character it types, then the key up. (KeyEvent's
// key down carries the key's text, so that a key whose keydown a page
// cancels still types its character, which a keyboard's does not.)
func typeKeys(t testing.TB, ctx context.Context, keys string, opts ...chromedp.KeyOption) {
	t.Helper()
	for _, r := range keys {
		for _, ev := range kb.Encode(r) {
			for _, o := range opts {
				o(ev)
			}
			switch {
			case ev.Type == kb.KeyDown:
				ev.Type = input.DispatchKeyEventTypeRawKeyDown
			case ev.Type == kb.KeyChar && ev.Modifiers&^int64(chromedp.ModifierShift) != 0:
				continue // a shortcut types nothing
			}
			if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, *ev); err != nil {
				t.Fatalf("press %q: %v", keys, err)
			}
		}
	}
}

// focusedElement is the id of the element that has the focus, "" for none.
func focusedElement(t testing.TB, ctx context.Context) string {
	t.Helper()
	id, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`document.activeElement ? document.activeElement.id : ""`))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// waitKeyFocus waits until the element with the id has the focus.
func waitKeyFocus(t testing.TB, ctx context.Context, id string) {
	t.Helper()
	waitJS(t, ctx, "focus on #"+id, fmt.Sprintf(
		`!!document.activeElement && document.activeElement.id === %q`, id))
}

// waitKeyPath waits until the page's path (and query) ends with want.
func waitKeyPath(t testing.TB, ctx context.Context, want string) {
	t.Helper()
	waitJS(t, ctx, "at "+want, fmt.Sprintf(
		`(location.pathname + location.search).endsWith(%q)`, want))
}

// currentRowRun is the run the runs table's current row shows, "" for none.
func currentRowRun(t testing.TB, ctx context.Context) string {
	t.Helper()
	id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const r = document.querySelector("tr.run-row.current");
		return r ? r.dataset.runId : ""; })()`))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// keyRowIDs are the runs of the table's rows, in order.
func keyRowIDs(t testing.TB, ctx context.Context) []string {
	t.Helper()
	ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("#runs-table tr.run-row")].map(r => r.dataset.runId)`))
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// watchCrash fails the test when the page throws: a Go panic in the
// WebAssembly app ends it, and the keys after it would test nothing.
func watchCrash(t testing.TB, ctx context.Context) {
	t.Helper()
	var mu sync.Mutex
	var thrown []string
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			mu.Lock()
			thrown = append(thrown, e.ExceptionDetails.Text)
			mu.Unlock()
		case *runtime.EventConsoleAPICalled:
			for _, a := range e.Args {
				if strings.Contains(string(a.Value), "panic:") {
					t.Logf("console: %s", a.Value)
				}
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		if len(thrown) > 0 {
			t.Errorf("the page threw: %q", thrown)
		}
	})
}

// TestKeyboardPath goes from the home page to a comparison of two runs
// and back with the keyboard alone: the command palette finds the
// experiment, j moves through the runs, x selects them, c compares, Esc
// goes up a level, Enter opens a run, the palette runs an action, ? lists
// the shortcuts, / focuses the search, and on the home page the arrows go
// through the sidebar's experiments.
func TestKeyboardPath(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 860)

	watchCrash(t, ctx)
	step(t, ctx, "open home", chromedp.Navigate(srv.URL+"/"))
	wantText(t, ctx, "#experiment-list", "wine-quality")

	// The palette: a modal dialog whose input has the focus and a label,
	// and whose list follows the typing.
	typeKeys(t, ctx, "k", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	waitKeyFocus(t, ctx, "palette-input")
	waitJS(t, ctx, "palette is a labelled modal dialog", `(() => {
		const d = document.querySelector("#palette"), i = document.querySelector("#palette-input");
		return d.getAttribute("role") === "dialog" && d.getAttribute("aria-modal") === "true" &&
			i.labels.length === 1 && i.labels[0].textContent.length > 0 &&
			document.querySelector("#palette-list").getAttribute("role") === "listbox"; })()`)
	wantText(t, ctx, "#palette-list", "Keyboard shortcuts")
	typeKeys(t, ctx, "wine")
	expPath := "/experiments/" + wineExp
	waitJS(t, ctx, "wine-quality is the active match", fmt.Sprintf(`(() => {
		const i = document.querySelector("#palette-input");
		const o = document.getElementById(i.getAttribute("aria-activedescendant"));
		return !!o && o.getAttribute("role") === "option" &&
			o.getAttribute("aria-selected") === "true" && o.dataset.target === %q; })()`, expPath))
	list := wantText(t, ctx, "#palette-list", "wine-quality")
	if strings.Contains(list, "Default") {
		t.Errorf("the palette lists Default for %q:\n%s", "wine", list)
	}
	typeKeys(t, ctx, kb.Enter)
	waitKeyPath(t, ctx, expPath)
	wantText(t, ctx, "#experiment-name", "wine-quality")
	waitJS(t, ctx, "the palette closed", `!document.querySelector("#palette")`)
	wantText(t, ctx, "#runs-table", "gentle-owl-42", "brave-fox-7")
	rows := keyRowIDs(t, ctx)
	if len(rows) < 2 {
		t.Fatalf("runs table rows: %v, want two or more", rows)
	}

	// j, x, j, x, c: select the first two runs and compare them.
	typeKeys(t, ctx, "j")
	waitJS(t, ctx, "first row current", fmt.Sprintf(
		`!!document.querySelector('tr.run-row.current[data-run-id=%q]')`, rows[0]))
	if id := focusedElement(t, ctx); id != "runs-scroll" {
		t.Errorf("after j the focus is on %q, want the table (runs-scroll)", id)
	}
	typeKeys(t, ctx, "x")
	waitJS(t, ctx, "first row selected", fmt.Sprintf(
		`!!document.querySelector('tr.run-row.selected[data-run-id=%q]')`, rows[0]))
	wantText(t, ctx, "#selection-count", "1 run selected")
	typeKeys(t, ctx, "j")
	waitJS(t, ctx, "second row current", fmt.Sprintf(
		`!!document.querySelector('tr.run-row.current[data-run-id=%q]')`, rows[1]))
	typeKeys(t, ctx, "x")
	wantText(t, ctx, "#compare-selected", "Compare 2 runs")
	typeKeys(t, ctx, "c")
	wantText(t, ctx, "#compare-title", "Comparing 2 runs")
	waitKeyPath(t, ctx, "/compare-runs?runs="+rows[0]+","+rows[1])

	// Esc goes up: the compare view to its experiment.
	typeKeys(t, ctx, kb.Escape)
	waitKeyPath(t, ctx, expPath)
	wantText(t, ctx, "#runs-table", "gentle-owl-42")

	// With no current row, the arrow starts at the first; Enter opens it,
	// Esc comes back.
	typeKeys(t, ctx, kb.ArrowDown)
	waitJS(t, ctx, "a current row", `!!document.querySelector("tr.run-row.current")`)
	first := currentRowRun(t, ctx)
	typeKeys(t, ctx, kb.Enter)
	waitKeyPath(t, ctx, expPath+"/runs/"+first)
	wantText(t, ctx, "#run-overview", first)
	typeKeys(t, ctx, kb.Escape)
	waitKeyPath(t, ctx, expPath)
	wantText(t, ctx, "#runs-table", "gentle-owl-42")

	// c with fewer than two runs selected says why it does nothing.
	typeKeys(t, ctx, "c")
	wantText(t, ctx, "#kbd-note", "Select two runs or more")

	// The palette's actions: the shortcut list.
	typeKeys(t, ctx, "k", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	waitKeyFocus(t, ctx, "palette-input")
	typeKeys(t, ctx, "shortcuts")
	waitJS(t, ctx, "the action is active", `document.querySelector(
		"#palette-list [aria-selected=true]").dataset.target === "shortcuts"`)
	typeKeys(t, ctx, kb.Enter)
	wantText(t, ctx, "#shortcuts", "Keyboard shortcuts")
	typeKeys(t, ctx, kb.Escape)
	waitJS(t, ctx, "the shortcut list closed", `!document.querySelector("#shortcuts")`)

	// And a new experiment: its dialog opens, ready for a name.
	typeKeys(t, ctx, "k", chromedp.KeyModifiers(chromedp.ModifierCtrl))
	waitKeyFocus(t, ctx, "palette-input")
	typeKeys(t, ctx, "new exp")
	waitJS(t, ctx, "the action is active", `document.querySelector(
		"#palette-list [aria-selected=true]").dataset.target === "new-experiment"`)
	typeKeys(t, ctx, kb.Enter)
	waitKeyFocus(t, ctx, "new-experiment-name")
	// That dialog is the sidebar's own: Esc leaves its field, Tab reaches Cancel.
	typeKeys(t, ctx, kb.Tab+kb.Tab+kb.Tab)
	waitJS(t, ctx, "on Cancel", `document.activeElement.textContent === "Cancel"`)
	typeKeys(t, ctx, kb.Enter)
	waitJS(t, ctx, "the dialog closed", `!document.querySelector("#new-experiment-dialog")`)

	// ? lists the shortcuts in a modal dialog that keeps the focus, and
	// Esc gives the focus back.
	typeKeys(t, ctx, "j")
	waitKeyFocus(t, ctx, "runs-scroll")
	typeKeys(t, ctx, "?")
	wantText(t, ctx, "#shortcuts", "Keyboard shortcuts", "Command palette", "Compare the selected")
	waitKeyFocus(t, ctx, "shortcuts-close")
	typeKeys(t, ctx, kb.Tab)
	if id := focusedElement(t, ctx); id != "shortcuts-close" {
		t.Errorf("Tab left the shortcut list for %q", id)
	}
	typeKeys(t, ctx, kb.Escape)
	waitJS(t, ctx, "the shortcut list closed", `!document.querySelector("#shortcuts")`)
	waitKeyFocus(t, ctx, "runs-scroll")
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.HasSuffix(loc, expPath) {
		t.Errorf("closing the shortcut list moved the page to %s", loc)
	}

	// / focuses the search; letters typed there are text, not shortcuts,
	// and Esc leaves it, then goes home.
	typeKeys(t, ctx, "/")
	waitKeyFocus(t, ctx, "query-input")
	typeKeys(t, ctx, "xjc")
	waitJS(t, ctx, "typed into the search",
		`document.querySelector("#query-input").value.length === 3`)
	if v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](
		`document.querySelector("#query-input").value`)); v != "xjc" {
		t.Errorf("the search holds %q, want %q", v, "xjc")
	}
	if cur := currentRowRun(t, ctx); cur != first {
		t.Errorf("typing j in the search moved the current row to %q", cur)
	}
	typeKeys(t, ctx, kb.Escape)
	waitJS(t, ctx, "left the search", `document.activeElement.id !== "query-input"`)
	typeKeys(t, ctx, kb.Escape)
	waitKeyPath(t, ctx, "/")
	wantText(t, ctx, "h1", "Experiments")

	// On the home page the arrows go through the sidebar's experiments,
	// and Enter opens the focused one.
	focusedExp := `document.activeElement.dataset.experimentId === %q`
	typeKeys(t, ctx, kb.ArrowDown)
	waitJS(t, ctx, "Default has the focus", fmt.Sprintf(focusedExp, "0"))
	typeKeys(t, ctx, "j")
	waitJS(t, ctx, "wine-quality has the focus", fmt.Sprintf(focusedExp, wineExp))
	typeKeys(t, ctx, kb.ArrowUp)
	waitJS(t, ctx, "Default again", fmt.Sprintf(focusedExp, "0"))
	typeKeys(t, ctx, kb.ArrowDown)
	waitJS(t, ctx, "wine-quality again", fmt.Sprintf(focusedExp, wineExp))
	typeKeys(t, ctx, kb.Enter)
	waitKeyPath(t, ctx, expPath)
	wantText(t, ctx, "#experiment-name", "wine-quality")
}

// shootScreen saves what the screen shows, for a dialog over the page;
// shoot's whole-page picture would draw the fixed backdrop over the
// first screen only.
func shootScreen(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv(shotsEnv)
	if dir == "" {
		return
	}
	b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
	}
}

// TestKeyboardScreens shows the palette, the shortcut list and the
// current row on a desktop and a phone screen and in the dark theme, checks that the dialogs
// fit it, and with MLSCOPE_SCREENSHOTS set saves pictures of them. The
// phone's width is emulated: headless Chromium keeps windows at least
// 500 px wide.
func TestKeyboardScreens(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	fits := func(sel string) string {
		return fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect();
			return r.left >= 0 && r.right <= innerWidth && r.top >= 0 &&
				r.bottom <= innerHeight; })()`, sel)
	}
	for _, size := range []struct {
		name   string
		w, h   int64
		suffix string
		dark   bool
	}{
		{"desktop", 1360, 860, "", false},
		{"phone", 390, 844, "-phone", false},
		{"dark", 1360, 860, "-dark", true},
	} {
		t.Run(size.name, func(t *testing.T) {
			ctx := browsertest.New(t, int(size.w), int(size.h))
			watchCrash(t, ctx)
			if size.w < 500 {
				_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride,
					emulation.SetDeviceMetricsOverrideParams{Width: size.w, Height: size.h,
						DeviceScaleFactor: 1, Mobile: true})
				if err != nil {
					t.Fatalf("emulate a phone: %v", err)
				}
			}
			if size.dark {
				dark := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{
					{Name: "prefers-color-scheme", Value: "dark"}}}
				if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, dark); err != nil {
					t.Fatalf("emulate the dark theme: %v", err)
				}
			}
			step(t, ctx, "open the experiment", chromedp.Navigate(srv.URL+"/experiments/"+wineExp))
			wantText(t, ctx, "#runs-table", "gentle-owl-42")

			typeKeys(t, ctx, "jj")
			waitJS(t, ctx, "second row current", `(() => {
				const r = document.querySelectorAll("#runs-table tr.run-row");
				return r.length > 1 && r[1].classList.contains("current"); })()`)
			shootScreen(t, ctx, "keyboard-current-row"+size.suffix+".png")

			typeKeys(t, ctx, "k", chromedp.KeyModifiers(chromedp.ModifierCtrl))
			waitKeyFocus(t, ctx, "palette-input")
			typeKeys(t, ctx, "e")
			wantText(t, ctx, "#palette-list", "wine-quality", "gentle-owl-42", "New experiment")
			typeKeys(t, ctx, kb.ArrowDown)
			waitJS(t, ctx, "second option active", `document.querySelector(
				"#palette-input").getAttribute("aria-activedescendant") === "palette-option-1"`)
			waitJS(t, ctx, "the palette fits the screen", fits("#palette"))
			shootScreen(t, ctx, "command-palette"+size.suffix+".png")
			typeKeys(t, ctx, kb.Escape)
			waitJS(t, ctx, "palette closed", `!document.querySelector("#palette")`)
			waitKeyFocus(t, ctx, "runs-scroll") // given back

			typeKeys(t, ctx, "?")
			waitKeyFocus(t, ctx, "shortcuts-close")
			waitJS(t, ctx, "the shortcut list fits the screen", fits("#shortcuts"))
			shootScreen(t, ctx, "shortcuts"+size.suffix+".png")
		})
	}
}
