package web

import (
	"strings"
	"testing"
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
	for _, bad := range []string{`"/app-worker.js"`, `"/web/app.wasm`} {
		if strings.Contains(string(sh.Files["app.js"]), bad) {
			t.Errorf("app.js holds %s", bad)
		}
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
