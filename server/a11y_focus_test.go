package main

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusRingJS describes the focused element and whether a focus ring is
// drawn around it: an outline, or a box shadow the theme draws instead.
const focusRingJS = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body) return {what: "", ring: false};
	const cs = getComputedStyle(e);
	const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 1;
	const shadow = cs.boxShadow !== "none";
	const what = e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
		(e.className && typeof e.className === "string" ? "." + e.className.split(" ")[0] : "") +
		" " + (e.getAttribute("aria-label") || e.textContent.trim().slice(0, 20));
	return {what, ring: (outline || shadow) && e.matches(":focus-visible")};
})()`

// focusRing is focusRingJS's answer.
type focusRing struct {
	What string `json:"what"`
	Ring bool   `json:"ring"`
}

// TestFocusVisibleUI tabs through the runs table page, with a selection,
// a pinned run and groups, and checks that every element the focus lands
// on shows a focus ring.
func TestFocusVisibleUI(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := newBrowser(t, 1360, 900, false)
	for _, path := range []string{
		"/experiments/" + wineExp + "?sel=" + foxRun + "&pinruns=" + owlRun,
		"/experiments/" + wineExp + "?group=params.alpha",
	} {
		step(t, ctx, "open "+path, chromedp.Navigate(srv.URL+path))
		waitJS(t, ctx, "table drawn", `!!document.querySelector("#runs-table tbody tr td a, `+
			`#runs-table tr.group-row") && !!document.querySelector("#experiment-list a")`)
		seen := map[string]bool{}
		for i := range 60 {
			typeKeys(t, ctx, kb.Tab)
			got, err := chromedp.Run(ctx, chromedp.Evaluate[focusRing](focusRingJS))
			if err != nil {
				t.Fatal(err)
			}
			if got.What == "" {
				continue
			}
			seen[got.What] = true
			if !got.Ring {
				t.Errorf("%s: Tab %d: no focus ring on %s", path, i+1, got.What)
			}
		}
		if len(seen) < 20 {
			t.Errorf("%s: the focus reached only %d elements: %v", path, len(seen), seen)
		}
	}
}
