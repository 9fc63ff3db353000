package web

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestAppJS checks the app.js the shell serves: mlscope's first requests
// come first, with their plan filled in; go-app's code follows, with
// mlscope's loader of the module in place of go-app's, once; and the
// answer is checked for a new version at every use.
func TestAppJS(t *testing.T) {
	a, err := newAssets(testFiles(t, ""), nil)
	if err != nil {
		t.Fatal(err)
	}
	shell, err := newShell(newPages(a, "test"), a)
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	shell.ServeHTTP(rec, httptest.NewRequest("GET", "/app.js", nil))
	body, _ := io.ReadAll(rec.Body)
	js := string(body)
	if rec.Code != 200 || rec.Header().Get("Cache-Control") != "no-cache" ||
		rec.Header().Get("ETag") == "" {
		t.Fatalf("GET /app.js: %d %v", rec.Code, rec.Header())
	}
	for _, tc := range []struct {
		what, part string
		want       int
	}{
		{"the loader", "async function fetchWithProgress(", 1},
		{"go-app's progress stream", "new ReadableStream(", 0},
		{"go-app's start of the module", "goappInitWebAssembly();", 1},
		{"the plan's marker", `"marker":"` + prefetchMarker + `"`, 1},
		{"the plan's table request", `"url":"/ajax-api/2.0/mlscope/runs/table"`, 1},
		{"an unfilled plan", "MLSCOPE_PREFETCH_PLAN", 0},
	} {
		if got := strings.Count(js, tc.part); got != tc.want {
			t.Errorf("%s: %q is %d times in app.js, want %d", tc.what, tc.part, got, tc.want)
		}
	}
	if !strings.HasPrefix(js, "// mlscope's first requests") {
		t.Errorf("app.js does not begin with the first requests:\n%.300s", js)
	}
	if strings.Index(js, "goappInitWebAssembly();") < strings.Index(js, "window.mlscopePrefetch") {
		t.Error("go-app starts the module before the first requests are sent")
	}
}
