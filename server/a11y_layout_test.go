package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"mlscope/server/internal/browsertest"
)

// newBrowser is browsertest.New with the viewport set to w×h CSS px,
// which may be narrower than the 500 px headless Chromium keeps windows
// at; mobile emulates a phone (touch, the mobile viewport).
func newBrowser(t *testing.T, w, h int64, mobile bool) context.Context {
	t.Helper()
	ctx := browsertest.New(t, int(max(w, 500)), int(h))
	watchCrash(t, ctx)
	_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride,
		emulation.SetDeviceMetricsOverrideParams{Width: w, Height: h, DeviceScaleFactor: 1,
			Mobile: mobile})
	if err != nil {
		t.Fatalf("emulate a %d×%d screen: %v", w, h, err)
	}
	return ctx
}

// pageScrollJS reports how far the page itself scrolls sideways: what
// is wider than the window, less the table's own scroll box, which may.
const pageScrollJS = `document.documentElement.scrollWidth - innerWidth`

// reachJS tells whether the element sel, scrolled into view, lies whole
// within the window's width and is big enough to point at (24 px).
const reachJS = `(sel) => {
	const e = document.querySelector(sel);
	if (!e) return "missing";
	e.scrollIntoView({block: "center", inline: "nearest"});
	const r = e.getBoundingClientRect();
	if (r.left < -1 || r.right > innerWidth + 1) return "outside [" + r.left + ", " + r.right + "]";
	if (r.width < 16 || r.height < 16) return "too small " + r.width + "×" + r.height;
	return "";
}`

// TestNarrowScreensUI opens the main pages at 400 % zoom (a 1280 px wide
// window shows 320 CSS px) and on a phone: the page never scrolls
// sideways, only the runs table's own box does, and the main controls are
// on screen and big enough to use.
func TestNarrowScreensUI(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	controls := []string{"#query-input", ".column-chooser > .button", "#group-by",
		"#view-trash", "#tab-charts", "#runs-scroll", "#download-csv",
		"#runs-table tbody td.name a", ".sidebar-filter"}
	for _, screen := range []struct {
		name   string
		w, h   int64
		mobile bool
	}{
		{"zoom 400%", 320, 800, false},
		{"phone", 390, 844, true},
	} {
		t.Run(screen.name, func(t *testing.T) {
			ctx := newBrowser(t, screen.w, screen.h, screen.mobile)
			pages := []struct{ path, ready string }{
				{"/", "#experiment-list"},
				{"/experiments/" + wineExp + "?pinruns=" + owlRun, "#runs-table tr.pinned-run"},
				{"/experiments/" + wineExp + "?group=params.alpha", "#runs-table tr.group-row"},
				{"/experiments/" + wineExp + "/runs/" + owlRun, "#run-overview"},
			}
			for _, p := range pages {
				step(t, ctx, "open "+p.path, chromedp.Navigate(srv.URL+p.path))
				waitJS(t, ctx, p.path+" drawn", fmt.Sprintf(`!!document.querySelector(%q)`,
					p.ready))
				if over, _ := pollJS(t, ctx, pageScrollJS, func(v int) bool { return v <= 0 }); over > 0 {
					t.Errorf("%s: the page scrolls %d px sideways", p.path, over)
				}
			}
			step(t, ctx, "open the runs", chromedp.Navigate(srv.URL+"/experiments/"+wineExp))
			waitRows(t, ctx, "the runs", foxName, owlName)
			for _, sel := range controls {
				why, err := chromedp.Run(ctx, chromedp.Evaluate[string](
					fmt.Sprintf(`(%s)(%q)`, reachJS, sel)))
				if err != nil {
					t.Fatal(err)
				}
				if why != "" {
					t.Errorf("%s: %s", sel, why)
				}
			}
			wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
				const b = document.querySelector("#runs-scroll");
				return b.scrollWidth > b.clientWidth; })()`))
			if err != nil || !wide {
				t.Errorf("the runs table does not scroll in its own box (%v)", err)
			}
			// Every cell can be scrolled to and seen: none hides under
			// the columns that stick on wider screens.
			covered, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
				const box = document.querySelector("#runs-scroll");
				const td = box.querySelector("tbody tr.run-row td:nth-last-child(3)");
				td.scrollIntoView({block: "center", inline: "center"});
				const r = td.getBoundingClientRect();
				const at = document.elementFromPoint(r.left + 10, r.top + r.height / 2);
				return td.contains(at) ? "" : (at ? at.outerHTML.slice(0, 80) : "nothing"); })()`))
			if err != nil || covered != "" {
				t.Errorf("a cell scrolled into view is covered by %s (%v)", covered, err)
			}
			suffix := map[bool]string{true: "-phone", false: "-zoom400"}[screen.mobile]
			shoot(t, ctx, "runs-table"+suffix+".png")
		})
	}
}
