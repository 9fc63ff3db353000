package api

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mlscope/server/mlruns"
)

// liveTree is a copy of the test tree where gentle-owl-42 is running.
func liveTree(t *testing.T) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "mlruns")
	if err := os.CopyFS(root, os.DirFS("../testdata/mlruns")); err != nil {
		t.Fatal(err)
	}
	setStatus(t, root, "1")
	return root
}

// setStatus rewrites gentle-owl-42's status number in its meta.yaml.
func setStatus(t *testing.T, root, status string) {
	t.Helper()
	p := filepath.Join(root, bulkExp, bulkOwl, "meta.yaml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "status: ") {
			lines[i] = "status: " + status
		}
	}
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// events reads a stream's events as "event data" lines.
func events(t *testing.T, body *bufio.Reader) <-chan string {
	out := make(chan string, 16)
	go func() {
		defer close(out)
		event := ""
		for {
			line, err := body.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				out <- event + " " + strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return out
}

func next(t *testing.T, ch <-chan string) string {
	t.Helper()
	select {
	case e, ok := <-ch:
		if !ok {
			t.Fatal("the stream ended early")
		}
		return e
	case <-time.After(5 * time.Second):
		t.Fatal("no event in 5 s")
	}
	return ""
}

// TestLive follows a running run: appended values arrive, a new metric
// arrives, and the stream ends when the run finishes.
func TestLive(t *testing.T) {
	root := liveTree(t)
	store, err := mlruns.Open(root, mlruns.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(store, Options{}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET",
		srv.URL+"/ajax-api/2.0/mlscope/live?run_ids="+bulkOwl+"&run_ids="+bulkFox, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "text/event-stream" {
		t.Fatalf("status %d, content type %q", resp.StatusCode, ct)
	}
	ch := events(t, bufio.NewReader(resp.Body))
	// brave-fox-7 has ended: it is reported at once.
	if e := next(t, ch); !strings.HasPrefix(e, `status {"run_id":"`+bulkFox+`","status":"FAILED"}`) {
		t.Errorf("first event %q, want brave-fox-7's status", e)
	}

	appendLine := func(key, line string) {
		p := filepath.Join(root, bulkExp, bulkOwl, "metrics", key)
		os.MkdirAll(filepath.Dir(p), 0o755)
		f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(line)
		f.Close()
	}
	appendLine("train/loss", "1733250340000 0.4 3\n1733250341000 nan 4\n")
	want := `metrics {"run_id":"` + bulkOwl + `","key":"train/loss","steps":[3,4],` +
		`"timestamps":[1733250340000,1733250341000],"values":[0.4,"NaN"]}`
	if e := next(t, ch); e != want {
		t.Errorf("after an append: %s\nwant %s", e, want)
	}
	appendLine("val/acc", "1733250342000 0.9 0\n")
	if e := next(t, ch); !strings.Contains(e, `"key":"val/acc","steps":[0]`) {
		t.Errorf("after a new metric: %s", e)
	}
	setStatus(t, root, "3")
	if e := next(t, ch); !strings.Contains(e, `"status":"FINISHED"`) {
		t.Errorf("after the run finished: %s", e)
	}
	if e := next(t, ch); e != "end {}" {
		t.Errorf("last event %q, want end", e)
	}
}

func TestLiveErrors(t *testing.T) {
	s := bulkServer(t, nil)
	for _, tt := range []struct {
		name, query string
		status      int
	}{
		{"no runs", "", 400},
		{"unknown run", "run_ids=" + strings.Repeat("ab", 16), 404},
		{"malformed run id", "run_ids=..%2F0", 400},
	} {
		r := httptest.NewRequest("GET", "/ajax-api/2.0/mlscope/live?"+tt.query, nil)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != tt.status {
			t.Errorf("%s: status %d, want %d: %s", tt.name, w.Code, tt.status, w.Body)
		}
	}
}
