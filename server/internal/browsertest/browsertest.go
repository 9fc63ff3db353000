// Package browsertest starts headless Chromium for browser tests through
// chromedp, with the flags this project's machines need (run as root,
// closed network), and offers waiting helpers for go-app pages, which
// render after their WebAssembly has loaded.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds the browser: $CHROMIUM, or Debian's chromium.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// required reports whether a missing browser must fail the test rather than
// skip it: in CI, where .ci/run installs Chromium, it must be there.
func required() bool {
	return os.Getenv("CI") != "" || os.Getenv("MLSCOPE_REQUIRE_BROWSER") != ""
}

// New starts a headless Chromium with a window of the given size and
// returns a context to run chromedp actions in, for 90 s at most. The
// browser closes when the test ends. Without Chromium the test is skipped
// (failed in CI).
func New(t testing.TB, width, height int) context.Context {
	t.Helper()
	return NewFor(t, width, height, 90*time.Second)
}

// NewFor is New with the context's time limit, for benchmarks that take
// longer.
func NewFor(t testing.TB, width, height int, limit time.Duration) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if required() {
			t.Fatal("Chromium is not installed; .ci/run installs it (apt-get install chromium)")
		}
		t.Skip("skipped: Chromium is not installed (apt-get install chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	// Start the browser now, so that a failure to launch is reported here.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium (%s): %v", path, err)
	}
	return ctx
}

// WaitText waits until the text of the first element matching the CSS
// selector contains want, and returns that text.
func WaitText(ctx context.Context, sel, want string) (string, error) {
	deadline := time.Now().Add(20 * time.Second)
	last := ""
	for time.Now().Before(deadline) {
		js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? e.innerText : ""; })()`, sel)
		text, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			return "", err
		}
		if last = text; strings.Contains(text, want) {
			return text, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return last, fmt.Errorf("%s: text %q does not contain %q after 20 s", sel, trim(last), want)
}

func trim(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// Screenshot saves a PNG of the whole page.
func Screenshot(ctx context.Context, path string) error {
	b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
