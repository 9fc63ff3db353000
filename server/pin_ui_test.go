package main

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"mlscope/app/chart"
	"mlscope/server/internal/browsertest"
)

// headerColsJS lists the runs table's header cells by column, in order.
const headerColsJS = `[...document.querySelectorAll(
	"#runs-table thead tr:not(.groups) th[data-col]")].map(th => th.dataset.col)`

// TestPinSwatch checks the colour swatch of each run's name cell: the
// run's colour of the charts (chart.RunColor), drawn (issue 11).
func TestPinSwatch(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 900)
	openRuns(t, ctx, srv, foxName, owlName)

	for _, id := range []string{owlRun, foxRun} {
		want := chart.RunColor(id)
		js := fmt.Sprintf(`(() => { const s = document.querySelector(
			'tr.run-row[data-run-id="%s"] td.name .run-swatch');
			return s ? [s.dataset.color, getComputedStyle(s).backgroundColor] : []; })()`, id)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0] != want || got[1] != hexRGB(t, want) {
			t.Errorf("run %s: swatch [colour, drawn] %q, want [%s, %s]", id, got, want,
				hexRGB(t, want))
		}
	}
}

// hexRGB turns "#rrggbb" into CSS's computed "rgb(r, g, b)".
func hexRGB(t testing.TB, hex string) string {
	t.Helper()
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if len(hex) != 7 || err != nil {
		t.Fatalf("colour %q is not #rrggbb", hex)
	}
	return fmt.Sprintf("rgb(%d, %d, %d)", v>>16, v>>8&0xff, v&0xff)
}

// TestPinColumn pins a value column: it moves right after the run name,
// the pin goes into the URL (where a reload finds it), and the name and
// the pinned column stay in place when the table scrolls sideways;
// unpinning puts the column back.
func TestPinColumn(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 900, 800) // narrow, so that the table scrolls sideways
	openRuns(t, ctx, srv, foxName, owlName)

	before, _ := pollJS(t, ctx, headerColsJS, func(v []string) bool { return len(v) > 7 })
	col := before[len(before)-1] // the last column moves the farthest
	if col == "attributes.run_name" || len(before) < 8 {
		t.Fatalf("header columns %q: no value column to pin", before)
	}
	pin := fmt.Sprintf(`#runs-table th[data-col=%q] button.col-pin`, col)
	step(t, ctx, "pin "+col, chromedp.Click(chromedp.CSS(pin)))
	waitParam(t, ctx, "pinned", "pin", col)
	pinned := append([]string{before[0], col}, slices.DeleteFunc(slices.Clone(before[1:]),
		func(c string) bool { return c == col })...)
	waitList(t, ctx, "the pinned column after the name", headerColsJS, pinned...)

	step(t, ctx, "reload", chromedp.Reload())
	waitList(t, ctx, "still pinned after a reload", headerColsJS, pinned...)

	// Scrolled sideways, the name and the pinned column keep their place.
	lefts := fmt.Sprintf(`(() => {
		const box = document.querySelector("#runs-scroll");
		const row = box.querySelector('tr.run-row[data-run-id="%s"]');
		const at = (sel) => Math.round(row.querySelector(sel).getBoundingClientRect().left -
			box.getBoundingClientRect().left);
		return [at("td.name"), at("td.sticky:not(.name):not(.select)")]; })()`, owlRun)
	still, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](lefts))
	if err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "scroll sideways", chromedp.Evaluate[chromedp.Void](
		`document.querySelector("#runs-scroll").scrollLeft = 400`))
	moved, _ := pollJS(t, ctx, lefts, func(v []int) bool { return slices.Equal(v, still) })
	if !slices.Equal(moved, still) {
		t.Errorf("scrolled 400 px: name and pinned cells at %v, want %v", moved, still)
	}
	shoot(t, ctx, "pin-scrolled")

	step(t, ctx, "unpin "+col, chromedp.Click(chromedp.CSS(pin)))
	waitParam(t, ctx, "unpinned", "pin", "")
	waitList(t, ctx, "the column back in its place", headerColsJS, before...)
}

// TestPinResize drags header edges: a column widens by the distance
// dragged and does not get narrower than 60 px.
func TestPinResize(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 900)
	openRuns(t, ctx, srv, foxName, owlName)

	tests := []struct {
		name, col string
		dx        float64
		want      func(before int) int
	}{
		{"wider", "attributes.user_id", 80, func(w int) int { return w + 80 }},
		{"narrower", "attributes.status", -30, func(w int) int { return w - 30 }},
		{"not below the minimum", "attributes.start_time", -200, func(int) int { return 60 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := fmt.Sprintf(`#runs-table th[data-col=%q]`, tt.col)
			w0 := thWidth(t, ctx, th)
			handle, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(
				`(() => { const r = document.querySelector('%s .col-resize')
					.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`,
				th)))
			if err != nil || len(handle) != 2 {
				t.Fatalf("resize handle of %s: %v %v", tt.col, handle, err)
			}
			drag(t, ctx, handle[0], handle[1], tt.dx)
			want := tt.want(w0)
			got, _ := pollJS(t, ctx, fmt.Sprintf(`document.querySelector('%s').offsetWidth`, th),
				func(w int) bool { return math.Abs(float64(w-want)) <= 1 })
			if math.Abs(float64(got-want)) > 1 {
				t.Errorf("%s dragged %+.0f px from %d px: %d px wide, want %d", tt.col, tt.dx,
					w0, got, want)
			}
		})
	}
}

// TestResizeFromKeyboard: a column's resize handle is a focusable
// separator with a name; the arrows narrow and widen the column, by 10 px
// or, with Shift, 50 px.
func TestResizeFromKeyboard(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", testTree)
	ctx := browsertest.New(t, 1360, 900)
	openRuns(t, ctx, srv, foxName, owlName)

	th := `#runs-table th[data-col="attributes.user_id"]`
	handle := th + ` .col-resize`
	w0 := thWidth(t, ctx, th)
	name, _ := pollJS(t, ctx, `document.querySelector('`+handle+`')?.getAttribute("aria-label") ?? ""`,
		func(s string) bool { return s != "" })
	if !strings.HasPrefix(name, "Resize column ") {
		t.Errorf("handle named %q, want Resize column …", name)
	}
	step(t, ctx, "focus the handle", chromedp.Focus(chromedp.CSS(handle)))
	for _, tt := range []struct {
		keys  string
		shift bool
		want  int
	}{
		{kb.ArrowRight + kb.ArrowRight + kb.ArrowRight, false, w0 + 30},
		{kb.ArrowLeft, false, w0 + 20},
		{kb.ArrowRight, true, w0 + 70},
	} {
		var opts []chromedp.KeyOption
		if tt.shift {
			opts = append(opts, chromedp.KeyModifiers(chromedp.ModifierShift))
		}
		step(t, ctx, "arrows", chromedp.KeyEvent(tt.keys, opts...))
		got, _ := pollJS(t, ctx, `document.querySelector('`+th+`').offsetWidth`,
			func(w int) bool { return math.Abs(float64(w-tt.want)) <= 1 })
		if math.Abs(float64(got-tt.want)) > 1 {
			t.Errorf("after %q (shift %v): %d px wide, want %d", tt.keys, tt.shift, got, tt.want)
		}
	}
}

func thWidth(t testing.TB, ctx context.Context, sel string) int {
	t.Helper()
	w, ok := pollJS(t, ctx, fmt.Sprintf(`document.querySelector('%s')?.offsetWidth ?? 0`, sel),
		func(w int) bool { return w > 0 })
	if !ok {
		t.Fatalf("no header %s", sel)
	}
	return w
}

// drag presses the left button at x, y, moves dx in steps and lets go.
func drag(t testing.TB, ctx context.Context, x, y, dx float64) {
	t.Helper()
	acts := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(chromedp.MousePressed, x, y,
		chromedp.ButtonLeft, chromedp.ClickCount(1))}
	for i := 1; i <= 8; i++ {
		acts = append(acts, chromedp.MouseEvent(chromedp.MouseMoved, x+dx*float64(i)/8, y,
			chromedp.ButtonLeft))
	}
	acts = append(acts, chromedp.MouseEvent(chromedp.MouseReleased, x+dx, y,
		chromedp.ButtonLeft, chromedp.ClickCount(1)))
	step(t, ctx, fmt.Sprintf("drag %+.0f px", dx), acts...)
}
