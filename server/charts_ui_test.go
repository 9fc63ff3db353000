package main

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"mlscope/app/mlflow"
	"mlscope/server/internal/browsertest"
)

// longMetric is the key of the history chartTree adds to gentle-owl-42.
const (
	longMetric = "val/loss"
	longPoints = 2000
)

// chartTree copies the test tree into a temporary folder and gives
// gentle-owl-42 a long val/loss history in MLflow's metric file format,
// with a run of NaN values and one +Inf. The shared tree stays as other
// tests count on it.
func chartTree(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "mlruns")
	if err := os.CopyFS(dir, os.DirFS(testTree)); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	const start = 1733250310000
	noise := rand.New(rand.NewPCG(1, 2))
	for i := range longPoints {
		v := 0.3 + 1.5*math.Exp(-float64(i)/300) + 0.05*math.Sin(float64(i)/7) +
			0.04*noise.NormFloat64()
		switch {
		case i >= 700 && i < 703:
			v = math.NaN()
		case i == 1500:
			v = math.Inf(1)
		}
		fmt.Fprintf(&b, "%d %s %d\n", start+int64(i)*1500, mlflow.PythonString(v), i)
	}
	p := filepath.Join(dir, wineExp, owlRun, "metrics", "val", "loss")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// attrs are the data- attributes of a chart canvas.
type attrs = map[string]string

// drawn accepts any drawn chart.
func drawn(attrs) bool { return true }

// canvasAttrs are the data- attributes of a metric's chart canvas, keyed
// as the DOM's dataset spells them (data-y-min is yMin); empty until the
// chart is drawn.
func canvasAttrs(t *testing.T, ctx context.Context, key string) attrs {
	t.Helper()
	js := fmt.Sprintf(`(() => {
		const c = document.querySelector('.chart-card[data-key=%q] canvas');
		return c && c.dataset.series ? {...c.dataset} : {};
	})()`, key)
	m, err := chromedp.Run(ctx, chromedp.Evaluate[attrs](js))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// waitChart polls a chart's attributes until ok accepts them.
func waitChart(t *testing.T, ctx context.Context, key, what string, ok func(attrs) bool) attrs {
	t.Helper()
	var a attrs
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); {
		if a = canvasAttrs(t, ctx, key); len(a) > 0 && ok(a) {
			return a
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("chart %s: %s; its attributes are %v", key, what, a)
	return nil
}

func num(t *testing.T, a attrs, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(a[name], 64)
	if err != nil {
		t.Fatalf("attribute %s = %q is not a number", name, a[name])
	}
	return v
}

// scrollTo brings the element into the middle of the viewport.
func scrollTo(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	js := fmt.Sprintf(`document.querySelector(%q).scrollIntoView({block: "center"})`, sel)
	step(t, ctx, "scroll to "+sel, chromedp.Evaluate[chromedp.Void](js))
}

// shootPage saves a full-page screenshot from the top of the page, where
// sticky table headers sit in place.
func shootPage(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	step(t, ctx, "scroll to the top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	shoot(t, ctx, name)
}

// setSmoothing moves the smoothing slider as a user would, with an input
// event.
func setSmoothing(v string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const s = document.querySelector("#chart-smoothing");
		s.value = %q; s.dispatchEvent(new Event("input", {bubbles: true})); })()`, v))
}

// canvasBox is a chart canvas's position in the viewport.
func canvasBox(t *testing.T, ctx context.Context, key string) (x, y, w, h float64) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const r = document.querySelector('.chart-card[data-key=%q] canvas')
		.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`, key)
	r, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](js))
	if err != nil || len(r) != 4 {
		t.Fatalf("box of the %s canvas: %v, %v", key, r, err)
	}
	return r[0], r[1], r[2], r[3]
}

// shootCard saves a screenshot of one chart card, without the resizing a
// full-page screenshot does, which would end the hover.
func shootCard(t *testing.T, ctx context.Context, key, name string) {
	t.Helper()
	dir := os.Getenv(shotsEnv)
	if dir == "" {
		return
	}
	sel := fmt.Sprintf(`.chart-card[data-key=%q]`, key)
	b, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
	}
}

// TestRunCharts opens gentle-owl-42's charts and checks what they draw:
// the groups, the axis ranges, and that the log scale, smoothing, zoom
// and the x-axis modes change the drawing.
func TestRunCharts(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", chartTree(t))
	ctx := browsertest.New(t, 1360, 900)
	step(t, ctx, "open the run", chromedp.Navigate(srv.URL+"/experiments/"+wineExp+"/runs/"+owlRun))
	wantText(t, ctx, "#charts", "rmse", "r2", "train/loss", longMetric)
	scrollTo(t, ctx, "#charts")

	groups, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll(
		"#charts .chart-group")].map(g => g.dataset.group + ":" + [...g.querySelectorAll(
		".chart-card")].map(c => c.dataset.key).join(",")).join(" ")`))
	if want := ":r2,rmse train:train/loss val:val/loss"; err != nil || groups != want {
		t.Errorf("chart groups = %q, %v; want %q", groups, err, want)
	}

	// train/loss was logged at steps 0, 1, 2 with 1.2, 0.9 and 0.55.
	loss := waitChart(t, ctx, "train/loss", "drawn", drawn)
	if loss["series"] != "1" || loss["lines"] != "1" || loss["total"] != "3" ||
		loss["xMin"] != "0" || loss["xMax"] != "2" || loss["yScale"] != "linear" {
		t.Errorf("train/loss chart: %v", loss)
	}
	lo, hi := num(t, loss, "yMin"), num(t, loss, "yMax")
	if lo >= 0.55 || lo < 0.5 || hi <= 1.2 || hi > 1.25 {
		t.Errorf("train/loss y range [%v, %v], want just around [0.55, 1.2]", lo, hi)
	}
	long := waitChart(t, ctx, longMetric, "drawn", drawn)
	if long["total"] != strconv.Itoa(longPoints) || num(t, long, "drawn") > 1000 ||
		long["xMax"] != "1999" {
		t.Errorf("%s chart: %v, want %d values downsampled to the width", longMetric, long, longPoints)
	}
	wantText(t, ctx, `.chart-card[data-key="val/loss"] .chart-notes`, "3 NaN and 1 +Inf")
	wantText(t, ctx, `.chart-card[data-key="val/loss"] .chart-count`, "2,000 values")
	shootPage(t, ctx, "run-charts.png")

	t.Run("log scale", func(t *testing.T) {
		step(t, ctx, "choose log", chromedp.Click(chromedp.CSS("#chart-y-log")))
		waitChart(t, ctx, "train/loss", "log scale", func(a attrs) bool {
			return a["yScale"] == "log" && a["digest"] != loss["digest"]
		})
		step(t, ctx, "back to linear", chromedp.Click(chromedp.CSS("#chart-y-linear")))
		waitChart(t, ctx, "train/loss", "linear again", func(a attrs) bool {
			return a["yScale"] == "linear" && a["digest"] == loss["digest"]
		})
	})

	t.Run("smoothing", func(t *testing.T) {
		step(t, ctx, "smooth", setSmoothing("0.8"))
		waitChart(t, ctx, longMetric, "smoothed line over the raw one", func(a attrs) bool {
			return a["lines"] == "2" && a["smoothing"] == "0.8" && a["digest"] != long["digest"]
		})
		shootPage(t, ctx, "run-charts-smoothed.png")
		step(t, ctx, "no smoothing", setSmoothing("0"))
		waitChart(t, ctx, longMetric, "one line again", func(a attrs) bool {
			return a["lines"] == "1" && a["digest"] == long["digest"]
		})
	})

	t.Run("hover and zoom", func(t *testing.T) {
		scrollTo(t, ctx, `.chart-card[data-key="val/loss"]`)
		x, y, w, h := canvasBox(t, ctx, longMetric)
		// at sends a mouse event at a fraction of the canvas's width.
		type mouseEvent = input.DispatchMouseEventType
		at := func(typ mouseEvent, fx float64,
			opts ...chromedp.MouseOption) chromedp.Action[chromedp.Void] {
			return chromedp.MouseEvent(typ, x+w*fx, y+h/2, opts...)
		}
		step(t, ctx, "hover", at(input.DispatchMouseEventTypeMouseMoved, 0.5))
		wantText(t, ctx, `.chart-card[data-key="val/loss"] .chart-readout`,
			"step", "value", "since start")
		left := chromedp.ButtonLeft
		step(t, ctx, "drag across",
			at(input.DispatchMouseEventTypeMousePressed, 0.3, left),
			at(input.DispatchMouseEventTypeMouseMoved, 0.45, left),
			at(input.DispatchMouseEventTypeMouseMoved, 0.6, left),
			at(input.DispatchMouseEventTypeMouseReleased, 0.6, left))
		zoomed := waitChart(t, ctx, longMetric, "zoomed", func(a attrs) bool {
			return num(t, a, "xMin") > 300 && num(t, a, "xMax") < 1400
		})
		if n := num(t, zoomed, "total"); n >= longPoints || n < 100 {
			t.Errorf("zoomed chart holds %v values, want a slice of the %d", n, longPoints)
		}
		wantText(t, ctx, `.chart-card[data-key="val/loss"] .chart-legend`, "Reset zoom")
		step(t, ctx, "hover the zoomed chart", at(input.DispatchMouseEventTypeMouseMoved, 0.55))
		step(t, ctx, "see the crosshair", chromedp.WaitVisible(chromedp.CSS(".chart-crosshair")))
		shootCard(t, ctx, longMetric, "run-charts-hover.png")
		step(t, ctx, "double-click", chromedp.MouseClickXY(x+w/2, y+h/2, chromedp.ClickCount(2)))
		waitChart(t, ctx, longMetric, "zoomed out", func(a attrs) bool {
			return a["xMin"] == "0" && a["xMax"] == "1999"
		})
	})

	t.Run("x modes", func(t *testing.T) {
		step(t, ctx, "relative time", chromedp.Click(chromedp.CSS("#chart-x-relative")))
		// 1999 intervals of 1.5 s, in milliseconds.
		waitChart(t, ctx, longMetric, "relative time", func(a attrs) bool {
			return a["xMode"] == "relative" && a["xMin"] == "0" && num(t, a, "xMax") == 2998500
		})
		step(t, ctx, "wall time", chromedp.Click(chromedp.CSS("#chart-x-wall")))
		waitChart(t, ctx, "train/loss", "wall time", func(a attrs) bool {
			return a["xMode"] == "wall" && num(t, a, "xMin") == 1733250310000 &&
				num(t, a, "xMax") == 1733250330000
		})
		step(t, ctx, "steps again", chromedp.Click(chromedp.CSS("#chart-x-step")))
		waitChart(t, ctx, longMetric, "steps", func(a attrs) bool { return a["xMode"] == "step" })
	})

	t.Run("x by another metric and a fixed y range", func(t *testing.T) {
		set := func(sel, v, event string) chromedp.Action[chromedp.Void] {
			return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
				const e = document.querySelector(%q);
				e.value = %q; e.dispatchEvent(new Event(%q, {bubbles: true})); })()`, sel, v, event))
		}
		step(t, ctx, "x by a metric", chromedp.Click(chromedp.CSS("#chart-x-metric")),
			chromedp.WaitVisible(chromedp.CSS("#chart-x-key")), set("#chart-x-key", "rmse", "change"))
		// train/loss against rmse: rmse went 0.8, 0.74, 0.7071 over the same steps.
		waitChart(t, ctx, "train/loss", "x by rmse", func(a attrs) bool {
			return a["xMode"] == "metric" && num(t, a, "xMin") == 0.7071 && num(t, a, "xMax") == 0.8
		})
		step(t, ctx, "a fixed y range", set("#chart-y-min", "0", "change"),
			set("#chart-y-max", "5", "change"))
		waitChart(t, ctx, "train/loss", "y from 0 to 5", func(a attrs) bool {
			return num(t, a, "yMin") == 0 && num(t, a, "yMax") == 5
		})
		step(t, ctx, "back to steps and the data's range", set("#chart-y-min", "", "change"),
			chromedp.Click(chromedp.CSS("#chart-x-step")))
		waitChart(t, ctx, "train/loss", "steps, own range", func(a attrs) bool {
			return a["xMode"] == "step" && num(t, a, "yMin") > 0
		})
	})

	t.Run("outliers", func(t *testing.T) {
		// val/loss starts near 1.8 and settles near 0.3: its 95th
		// percentile is far below its first values.
		step(t, ctx, "ignore outliers", chromedp.Click(chromedp.CSS("#chart-outliers")))
		waitChart(t, ctx, longMetric, "a lower y top", func(a attrs) bool {
			return a["outliers"] == "true" && num(t, a, "yMax") < 1.5
		})
		step(t, ctx, "keep outliers", chromedp.Click(chromedp.CSS("#chart-outliers")))
		waitChart(t, ctx, longMetric, "the full range", func(a attrs) bool {
			return a["outliers"] == "false" && num(t, a, "yMax") > 1.7
		})
	})
}

// TestRunChartsPhone checks on a phone-sized screen that charts below the
// fold wait to be scrolled to, then draw at the narrow width.
func TestRunChartsPhone(t *testing.T) {
	needWASM(t)
	srv := startServer(t, "--backend-store-uri", chartTree(t))
	ctx := browsertest.New(t, 500, 844)
	// Chromium's windows are at least 500 px wide; a phone is narrower.
	step(t, ctx, "phone screen", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	step(t, ctx, "open the run", chromedp.Navigate(srv.URL+"/experiments/"+wineExp+"/runs/"+owlRun))
	wantText(t, ctx, "#charts", longMetric)
	time.Sleep(500 * time.Millisecond) // time to load, were it not lazy
	if a := canvasAttrs(t, ctx, longMetric); len(a) != 0 {
		t.Errorf("the last chart was drawn before it was scrolled to: %v", a)
	}
	scrollTo(t, ctx, `.chart-card[data-key="val/loss"]`)
	a := waitChart(t, ctx, longMetric, "drawn once scrolled to", drawn)
	if _, _, w, _ := canvasBox(t, ctx, longMetric); w > 390 || num(t, a, "drawn") > w {
		t.Errorf("phone chart is %v px wide with %s points drawn", w, a["drawn"])
	}
	scrollTo(t, ctx, "#charts")
	for _, key := range []string{"r2", "rmse", "train/loss"} {
		waitChart(t, ctx, key, "drawn once scrolled to", drawn)
	}
	shootPage(t, ctx, "run-charts-phone.png")

	// The canvas takes its colours from the page's theme.
	dark := emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, dark); err != nil {
		t.Fatalf("emulate the dark theme: %v", err)
	}
	step(t, ctx, "reload in the dark", chromedp.Reload())
	wantText(t, ctx, "#charts", longMetric)
	scrollTo(t, ctx, "#charts")
	waitChart(t, ctx, "train/loss", "drawn in the dark", drawn)
	shootPage(t, ctx, "run-charts-phone-dark.png")
}
