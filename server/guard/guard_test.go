package guard

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"mlscope/app/mlflow"
)

// newTestGuard wraps next in a guard with cfg on a loopback test server.
func newTestGuard(t *testing.T, cfg Config, next http.Handler) *httptest.Server {
	t.Helper()
	g, err := New(cfg, next)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(g)
	t.Cleanup(srv.Close)
	return srv
}

var ok = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	io.WriteString(w, "ok")
})

// TestChain checks the order of the checks and how refusals look, on a
// guard with every check on.
func TestChain(t *testing.T) {
	users, err := ParseUsers(strings.NewReader("alice:" + quickHash(t, "pw")))
	if err != nil {
		t.Fatal(err)
	}
	srv := newTestGuard(t, Config{Users: users, ReadOnly: true,
		AllowedOrigins: []string{"http://app.example"}}, ok)
	tests := []struct {
		name        string
		method      string
		path        string
		header      map[string]string
		auth        bool
		status      int
		contentType string // of the answer, "" for any
		wantBody    string
	}{
		{"health needs nothing", "GET", "/health", map[string]string{"Host": "evil.example"},
			false, 200, "", "ok"},
		{"host checked before auth", "GET", "/api/2.0/mlflow/runs/get",
			map[string]string{"Host": "evil.example"}, false, 403, "application/json", `"PERMISSION_DENIED"`},
		{"page refusal in plain text", "GET", "/", map[string]string{"Host": "evil.example"},
			false, 403, "text/plain; charset=utf-8", "DNS rebinding"},
		// browsers send preflights without credentials
		{"preflight before auth", "OPTIONS", "/api/2.0/mlflow/runs/create",
			map[string]string{"Origin": "http://app.example", "Access-Control-Request-Method": "POST"},
			false, 204, "", ""},
		{"no credentials", "GET", "/api/2.0/mlflow/runs/get", nil, false, 401,
			"application/json", `"UNAUTHENTICATED"`},
		{"page asks for a login", "GET", "/", nil, false, 401, "text/plain; charset=utf-8",
			"authentication required"},
		{"auth before read-only", "POST", "/api/2.0/mlflow/runs/create", nil, false, 401, "", ""},
		{"read-only", "POST", "/api/2.0/mlflow/runs/create", nil, true, 403, "application/json",
			"--read-only"},
		{"search is a read", "POST", "/ajax-api/2.0/mlflow/runs/search", nil, true, 200, "", "ok"},
		// a path that only cleans to a search is not a search
		{"dressed-up write", "POST", "/api/2.0/mlflow/runs/search/../create", nil, true, 403, "", ""},
		{"read", "GET", "/api/2.0/mlflow/runs/get", nil, true, 200, "", "ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, srv.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			if h := tt.header["Host"]; h != "" {
				req.Host = h
			}
			if tt.auth {
				req.SetBasicAuth("alice", "pw")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status || !strings.Contains(string(b), tt.wantBody) {
				t.Errorf("%s %s: %d %q, want %d with %q", tt.method, tt.path, resp.StatusCode, b,
					tt.status, tt.wantBody)
			}
			if ct := resp.Header.Get("Content-Type"); tt.contentType != "" && ct != tt.contentType {
				t.Errorf("Content-Type %q, want %q", ct, tt.contentType)
			}
			if resp.Header.Get("X-Content-Type-Options") != "nosniff" ||
				resp.Header.Get("X-Frame-Options") != "SAMEORIGIN" {
				t.Errorf("security headers missing: %v", resp.Header)
			}
			if (resp.StatusCode == 401) != (resp.Header.Get("WWW-Authenticate") != "") {
				t.Errorf("status %d with WWW-Authenticate %q", resp.StatusCode,
					resp.Header.Get("WWW-Authenticate"))
			}
		})
	}
}

// TestStalledBody checks that a client that stops sending its body is cut
// off after IOTimeout, and that the handler sees an MLflow error.
func TestStalledBody(t *testing.T) {
	got := make(chan error, 1)
	srv := newTestGuard(t, Config{IOTimeout: 300 * time.Millisecond},
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, err := io.ReadAll(r.Body)
			got <- err
		}))
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "PUT /api/2.0/mlflow-artifacts/artifacts/a/b HTTP/1.1\r\n"+
		"Host: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123456789")
	select {
	case err := <-got:
		var me *mlflow.Error
		if !errors.As(err, &me) || me.Code != mlflow.CodeBadRequest ||
			!strings.Contains(me.Message, "stalled") {
			t.Errorf("handler read error %v, want BAD_REQUEST 'stalled'", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("stalled body not cut off")
	}
}

// TestStalledReader checks that a download to a client that stops
// reading ends after IOTimeout, while a slow compute before the first
// write does not count.
func TestStalledReader(t *testing.T) {
	done := make(chan error, 1)
	srv := newTestGuard(t, Config{IOTimeout: 300 * time.Millisecond},
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(500 * time.Millisecond) // longer than IOTimeout: not a stall
			chunk := make([]byte, 64<<10)
			for {
				if _, err := w.Write(chunk); err != nil {
					done <- err
					return
				}
			}
		}))
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET /get-artifact HTTP/1.1\r\nHost: localhost\r\n\r\n")
	status, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || !strings.Contains(status, "200") {
		t.Fatalf("status line %q, %v: the compute time counted as a stall", status, err)
	}
	select {
	case err := <-done:
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Errorf("write ended with %v, want a deadline error", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("write to a stalled reader never ended")
	}
}
