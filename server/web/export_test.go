package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"strings"
	"testing"

	"mlscope/app/ui"
)

// TestExportShell checks that the export's shell has no address from the
// site's root: it must work under any sub-path.
func TestExportShell(t *testing.T) {
	sh, err := NewExportShell("test")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "app.js", "app-worker.js", "manifest.webmanifest",
		"web/app.wasm", "web/app.css"} {
		if len(sh.Files[name]) == 0 {
			t.Errorf("the shell lacks %s", name)
		}
	}
	page := string(sh.Files["index.html"])
	for _, bad := range []string{`href="/web/`, `src="/web/`, `src="/app.js"`, `src="/wasm_exec.js"`,
		`href="/manifest.webmanifest"`, "og:url", "127.0.0.1"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %s", bad)
		}
	}
	// Pre-rendered as the export shows it: nothing to write, no server's
	// connection bar, links relative to the page's <base>.
	for _, bad := range []string{`id="new-experiment"`, "Show deleted", `id="conn-state"`,
		`id="offline-menu"`, `href="/"`, `href="/models"`} {
		if strings.Contains(page, bad) {
			t.Errorf("the pre-rendered page holds %s", bad)
		}
	}
	for _, want := range []string{`id="export-note"`, `href="./"`, `href="./models"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the pre-rendered page lacks %s", want)
		}
	}
	if v, ok := os.LookupEnv(ui.ExportEnv); ok {
		t.Errorf("%s=%q is left in the environment for the server's pages", ui.ExportEnv, v)
	}
	for _, bad := range []string{`"/app-worker.js"`, `"/web/app.wasm`} {
		if strings.Contains(string(sh.Files["app.js"]), bad) {
			t.Errorf("app.js holds %s", bad)
		}
	}
	// The module is there gzipped, and the page asks for that copy.
	zr, err := gzip.NewReader(bytes.NewReader(sh.Files[ExportGzipWASM]))
	if err != nil {
		t.Fatalf("%s: %v", ExportGzipWASM, err)
	}
	if plain, err := io.ReadAll(zr); err != nil || !bytes.Equal(plain, sh.Files[ExportPlainWASM]) {
		t.Errorf("%s does not unpack to %s (%v)", ExportGzipWASM, ExportPlainWASM, err)
	}
	if !strings.Contains(string(sh.Files["app.js"]), `mlscopeFetchWASM("web/app.wasm?v=`) {
		t.Error("app.js does not load the module through mlscopeFetchWASM")
	}
	if !strings.Contains(string(sh.Files["app-worker.js"]), ExportIDMarker) {
		t.Error("the worker lacks the export id's placeholder")
	}
	tests := []struct {
		depth int
		want  string
		base  string
	}{{0, "mlscopeDepth=0;", `<base href="./">`}, {2, "mlscopeDepth=2;", `<base href="../../">`},
		{4, "mlscopeDepth=4;", `<base href="../../../../">`}}
	for _, tt := range tests {
		p := string(sh.Page(tt.depth))
		if !strings.Contains(p, tt.want) || !strings.Contains(p, tt.base) {
			t.Errorf("page at depth %d lacks %s or %s", tt.depth, tt.want, tt.base)
		}
	}
}
