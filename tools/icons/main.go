// Command icons draws mlscope's PNG app icons from its design,
// static/web/icon.svg, by rendering the SVG in headless Chromium (the
// browser the tests use), so that the PNGs match the SVG exactly:
//
//	icon-192.png           192 px, the page's and the manifest's icon
//	icon-512.png           512 px, for install screens and splash screens
//	icon-maskable-512.png  512 px on a full-bleed background, the design
//	                       inside the central 80 % that an OS may crop to
//	                       a circle or a squircle
//
// The PNGs are committed; run this again after changing icon.svg:
//
//	go run ./tools/icons
package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

const dir = "static/web"

// background fills the maskable icon's edges: the colour of the design's
// rounded square, so that any crop looks like the icon.
const background = "#0b6bcb"

type icon struct {
	name     string
	size     int
	maskable bool
}

var icons = []icon{
	{"icon-192.png", 192, false},
	{"icon-512.png", 512, false},
	{"icon-maskable-512.png", 512, true},
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "icons:", err)
		os.Exit(1)
	}
}

func run() error {
	svg, err := os.ReadFile(filepath.Join(dir, "icon.svg"))
	if err != nil {
		return err
	}
	ctx, stop, err := browser()
	if err != nil {
		return err
	}
	defer stop()
	for _, ic := range icons {
		b, err := render(ctx, svg, ic)
		if err != nil {
			return fmt.Errorf("draw %s: %w", ic.name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, ic.name), b, 0o644); err != nil {
			return err
		}
		fmt.Printf("%s: %d bytes\n", ic.name, len(b))
	}
	return nil
}

func browser() (context.Context, func(), error) {
	path := os.Getenv("CHROMIUM")
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path != "" {
			break
		}
		path, _ = exec.LookPath(name)
	}
	if path == "" {
		return nil, nil, fmt.Errorf("no Chromium found; set CHROMIUM")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	stop := func() { cancelTimeout(); cancelCtx(); cancelAlloc() }
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("start Chromium (%s): %w", path, err)
	}
	return ctx, stop, nil
}

// render draws the SVG on a canvas of the icon's size and returns the PNG.
func render(ctx context.Context, svg []byte, ic icon) ([]byte, error) {
	scale := 1.0
	if ic.maskable {
		scale = 0.8
	}
	js := fmt.Sprintf(`(async () => {
		const img = new Image();
		img.src = "data:image/svg+xml;base64,%s";
		await img.decode();
		const n = %d, s = n * %g, c = document.createElement("canvas");
		c.width = c.height = n;
		const g = c.getContext("2d");
		if (%t) { g.fillStyle = %q; g.fillRect(0, 0, n, n); }
		g.drawImage(img, (n - s) / 2, (n - s) / 2, s, s);
		return c.toDataURL("image/png");
	})()`, base64.StdEncoding.EncodeToString(svg), ic.size, scale, ic.maskable, background)
	url, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	data, ok := strings.CutPrefix(url, "data:image/png;base64,")
	if !ok {
		return nil, fmt.Errorf("canvas gave %.40q", url)
	}
	return base64.StdEncoding.DecodeString(data)
}
