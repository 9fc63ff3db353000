package main

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Accessibility checks in the browser (issue 11): text contrast in both
// themes, 400 % zoom and phone widths, and an accessible name on every
// control (a11y_names_test.go).

// contrastJS measures the text of the elements a selector matches (up to
// three that are drawn and hold text of their own, disabled controls left
// out, as WCAG leaves them): the colour of the text, the background
// under it (the element's and its ancestors' background colours and
// gradient layers, blended), and WCAG's contrast ratio of the two. It is
// called with the selector.
const contrastJS = `function(sel) {
	const rgba = s => {
		const m = /rgba?\(([^)]*)\)/.exec(s || "");
		if (!m) return null;
		const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
		return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
	};
	const over = (top, bot) => {
		const a = top.a + bot.a * (1 - top.a);
		const mix = k => (top[k] * top.a + bot[k] * bot.a * (1 - top.a)) / a;
		return {r: mix("r"), g: mix("g"), b: mix("b"), a};
	};
	const background = el => {
		const layers = [];
		for (let e = el; e && layers.every(l => l.a < 1); e = e.parentElement) {
			const cs = getComputedStyle(e);
			const img = cs.backgroundImage.startsWith("linear-gradient") ?
				rgba(cs.backgroundImage) : null;
			if (img && img.a > 0) layers.push(img);
			const c = rgba(cs.backgroundColor);
			if (c && c.a > 0) layers.push(c);
		}
		let acc = {r: 255, g: 255, b: 255, a: 1};
		for (let i = layers.length - 1; i >= 0; i--) acc = over(layers[i], acc);
		return acc;
	};
	const lum = c => {
		const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
		return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
	};
	const ownText = el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
	const out = [];
	for (const el of document.querySelectorAll(sel)) {
		const r = el.getBoundingClientRect();
		if (out.length >= 3 || !ownText(el) || el.disabled || !r.width || !r.height) continue;
		const cs = getComputedStyle(el);
		let opacity = 1;
		for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
		const bg = background(el);
		const text = rgba(cs.color);
		text.a *= opacity;
		const fg = over(text, bg);
		const l1 = lum(fg), l2 = lum(bg);
		const size = parseFloat(cs.fontSize), weight = Number(cs.fontWeight);
		const fmt = c => "rgb(" + [c.r, c.g, c.b].map(Math.round).join(", ") + ")";
		out.push({text: el.textContent.trim().slice(0, 30), fg: fmt(fg), bg: fmt(bg),
			ratio: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05),
			large: size >= 24 || (size >= 18.66 && weight >= 700)});
	}
	return out;
}`

// textContrast is one element's measure from contrastJS.
type textContrast struct {
	Text  string  `json:"text"`
	FG    string  `json:"fg"`
	BG    string  `json:"bg"`
	Ratio float64 `json:"ratio"`
	Large bool    `json:"large"`
}

// contrastPages are the pages measured and, on each, selectors of the
// kinds of text the issue names: table cells, headers, muted text, links,
// buttons, badges and chips. Each must match drawn text, so that a check
// cannot pass by finding nothing.
var contrastPages = []struct {
	name, path, ready string
	sels              []string
}{
	{"home", "/", "#experiment-list", []string{
		".sidebar-title", "#experiment-list .exp-item", ".brand span", "#main h1",
		"#main p", "#main .muted",
	}},
	{"runs table", "/experiments/" + wineExp + "?q=metrics.rmse+%3E+0&sel=" + foxRun +
		"&pinruns=" + owlRun, "#runs-table tr.pinned-run", []string{
		"#runs-table tbody td.name a", "#runs-table tbody td.time",
		"#runs-table tbody td.num", "#runs-table tbody .status",
		"#runs-table thead th button.sort", "#runs-table thead tr.groups th.group",
		"#runs-table thead tr.pinned-run td.name a", "#runs-table thead tr.pinned-run td.num",
		"#run-count", ".crumbs a", ".crumbs span", "dt", "dd code",
		".segmented button[aria-pressed=true]", ".segmented button[aria-pressed=false]",
		".button.primary", ".runs-toolbar .button, .runs-toolbar select", ".link-button",
		".button.danger", ".q-key", ".q-op", ".q-num", ".quick-filters button[aria-pressed=false]",
		"#experiment-list .exp-item.selected",
	}},
	{"grouped", "/experiments/" + wineExp + "?group=params.alpha", "#runs-table tr.group-row",
		[]string{"tr.group-row .group-value", "tr.group-row .group-count",
			"tr.group-row td.group-agg", ".group-by-label"}},
	{"run", "/experiments/" + wineExp + "/runs/" + owlRun, "#run-overview", []string{
		"#main h1", "#main .badge, #main .chip, #main .status", "#main .muted",
		"#main a", "#main th, #main td",
	}},
}

// TestContrastUI measures the contrast of the text the app draws, in the
// light and the dark theme: WCAG AA's 4.5:1, 3:1 for large text.
func TestContrastUI(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	for _, theme := range []string{"light", "dark"} {
		t.Run(theme, func(t *testing.T) {
			ctx := newBrowser(t, 1360, 900, false)
			media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{
				{Name: "prefers-color-scheme", Value: theme}}}
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, media); err != nil {
				t.Fatalf("emulate the %s theme: %v", theme, err)
			}
			for _, p := range contrastPages {
				step(t, ctx, "open "+p.name, chromedp.Navigate(srv.URL+p.path))
				waitJS(t, ctx, p.name+" drawn", fmt.Sprintf(`!!document.querySelector(%q) &&
					!!document.querySelector("#experiment-list a")`, p.ready))
				for _, sel := range p.sels {
					got, _ := pollJS(t, ctx, fmt.Sprintf(`(%s)(%q)`, contrastJS, sel),
						func(v []textContrast) bool { return len(v) > 0 })
					if len(got) == 0 {
						t.Errorf("%s: no text drawn for %s", p.name, sel)
					}
					for _, c := range got {
						want := 4.5
						if c.Large {
							want = 3
						}
						if c.Ratio < want {
							t.Errorf("%s: %s %q: %s on %s is %.2f:1, want %.1f:1", p.name, sel,
								c.Text, c.FG, c.BG, c.Ratio, want)
						}
					}
				}
			}
		})
	}
}
