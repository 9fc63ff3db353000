package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mlscope/server/guard"
)

// Tests of the controls in server/guard against the real server, one test
// per control.

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}}

// send makes one request and returns the answer with its body read.
func send(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// newRequest builds a request to the server; body, when not nil, is sent
// as JSON.
func (s *testServer) newRequest(t *testing.T, method, path string, body any) *http.Request {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}

// errorCode returns the error_code of an MLflow error envelope, or "".
func errorCode(b []byte) string {
	var e struct {
		Code string `json:"error_code"`
	}
	json.Unmarshal(b, &e)
	return e.Code
}

func TestHostHeader(t *testing.T) {
	def := startServer(t, "--backend-store-uri", testTree)
	named := startServer(t, "--backend-store-uri", testTree,
		"--allowed-hosts", "mlflow.example.com, ci.example.com:8443")
	port := def.URL[strings.LastIndexByte(def.URL, ':')+1:]
	tests := []struct {
		name   string
		srv    *testServer
		path   string
		host   string
		status int
	}{
		{"loopback address with port", def, "/api/2.0/mlflow/experiments/get?experiment_id=0",
			"127.0.0.1:" + port, 200},
		{"loopback address without port", def, "/api/2.0/mlflow/experiments/get?experiment_id=0",
			"127.0.0.1", 200},
		{"localhost with port", def, "/", "localhost:" + port, 200},
		{"localhost without port", def, "/", "localhost", 200},
		{"v6 loopback", def, "/", "[::1]:" + port, 200},
		{"foreign name on the API", def, "/api/2.0/mlflow/experiments/get?experiment_id=0",
			"evil.example:" + port, 403},
		{"foreign name on a page", def, "/", "evil.example", 403},
		{"foreign address on a specific listen address", def, "/", "10.0.0.9", 403},
		// load balancers probe with whatever Host they like
		{"health answers any host", def, "/health", "evil.example", 200},
		{"listed name any port", named, "/", "mlflow.example.com:1234", 200},
		{"listed name without port", named, "/", "mlflow.example.com", 200},
		{"listed name and port", named, "/", "ci.example.com:8443", 200},
		{"listed name, other port", named, "/", "ci.example.com:80", 403},
		{"loopback still allowed with a list", named, "/", "localhost:" + port, 200},
		{"unlisted name with a list", named, "/", "evil.example", 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.srv.newRequest(t, "GET", tt.path, nil)
			req.Host = tt.host
			resp, b := send(t, req)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s with Host %q: %d %.200q, want %d", tt.path, tt.host,
					resp.StatusCode, b, tt.status)
			}
			if tt.status != 403 {
				return
			}
			if !strings.Contains(string(b), "--allowed-hosts") {
				t.Errorf("refusal %q does not say how to allow the host", b)
			}
			if strings.HasPrefix(tt.path, "/api/") && errorCode(b) != "PERMISSION_DENIED" {
				t.Errorf("API refusal %q is not MLflow's PERMISSION_DENIED envelope", b)
			}
		})
	}
}

func TestCrossOrigin(t *testing.T) {
	def := newWriteFixture(t)
	allowed := startServer(t, "--backend-store-uri", filepath.Join(t.TempDir(), "mlruns"),
		"--cors-allowed-origins", "http://app.example:3000")
	anyOrigin := startServer(t, "--backend-store-uri", filepath.Join(t.TempDir(), "mlruns"),
		"--cors-allowed-origins", "*")
	create := "/api/2.0/mlflow/experiments/create"
	tests := []struct {
		name      string
		srv       *testServer
		method    string
		path      string
		origin    string
		preflight bool
		status    int
		acao      string // Access-Control-Allow-Origin wanted ("" none)
	}{
		{"foreign write", def.srv, "POST", create, "http://evil.example", false, 403, ""},
		{"null-origin write", def.srv, "POST", create, "null", false, 403, ""},
		// browsers send Origin on same-origin POSTs too: the UI's own writes
		{"same-origin write", def.srv, "POST", create, def.srv.URL, false, 200, ""},
		{"write without Origin (API clients)", def.srv, "POST", create, "", false, 200, ""},
		{"foreign read gets no CORS headers", def.srv, "GET",
			"/api/2.0/mlflow/experiments/get?experiment_id=0", "http://evil.example", false, 200, ""},
		{"foreign preflight", def.srv, "OPTIONS", create, "http://evil.example", true, 403, ""},
		{"allowed write", allowed, "POST", create, "http://app.example:3000", false, 200,
			"http://app.example:3000"},
		{"allowed read", allowed, "GET", "/api/2.0/mlflow/experiments/get?experiment_id=0",
			"http://app.example:3000", false, 200, "http://app.example:3000"},
		{"allowed preflight", allowed, "OPTIONS", create, "http://app.example:3000", true, 204,
			"http://app.example:3000"},
		{"other port of the allowed host", allowed, "POST", create, "http://app.example:4000",
			false, 403, ""},
		{"wildcard write", anyOrigin, "POST", create, "http://anything.example", false, 200, "*"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body any
			if tt.method == "POST" {
				body = map[string]any{"name": "cors-" + string(rune('a'+i))}
			}
			req := tt.srv.newRequest(t, tt.method, tt.path, body)
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			if tt.preflight {
				req.Header.Set("Access-Control-Request-Method", "POST")
				req.Header.Set("Access-Control-Request-Headers", "content-type, authorization")
			}
			resp, b := send(t, req)
			if resp.StatusCode != tt.status {
				t.Fatalf("%s %s from %q: %d %.200q, want %d", tt.method, tt.path, tt.origin,
					resp.StatusCode, b, tt.status)
			}
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != tt.acao {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, tt.acao)
			}
			if tt.status == 403 && (errorCode(b) != "PERMISSION_DENIED" ||
				!strings.Contains(string(b), "--cors-allowed-origins")) {
				t.Errorf("refusal %q: want PERMISSION_DENIED naming --cors-allowed-origins", b)
			}
			if tt.preflight && tt.status == 204 {
				h := resp.Header
				if !strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") ||
					!strings.Contains(h.Get("Access-Control-Allow-Headers"), "content-type") ||
					h.Get("Access-Control-Allow-Credentials") != "true" {
					t.Errorf("preflight answer lacks CORS headers: %v", h)
				}
			}
		})
	}
}

func TestReadOnly(t *testing.T) {
	dir := t.TempDir()
	f := newWriteFixture(t) // a tree with an experiment and a run, written by a writable server
	ro := startServer(t, "--backend-store-uri", f.root, "--read-only",
		"--artifacts-destination", filepath.Join(dir, "mlartifacts"))
	search := map[string]any{"experiment_ids": []string{f.exp}}
	tests := []struct {
		name   string
		method string
		path   string
		body   any
		status int
	}{
		{"get experiment", "GET", "/api/2.0/mlflow/experiments/get?experiment_id=" + f.exp, nil, 200},
		{"get run", "GET", "/api/2.0/mlflow/runs/get?run_id=" + f.run, nil, 200},
		{"search runs (a POST that reads)", "POST", "/api/2.0/mlflow/runs/search", search, 200},
		{"search experiments (a POST that reads)", "POST", "/ajax-api/2.0/mlflow/experiments/search",
			map[string]any{}, 200},
		{"page", "GET", "/", nil, 200},
		{"create experiment", "POST", "/api/2.0/mlflow/experiments/create",
			map[string]any{"name": "nope"}, 403},
		{"log metric", "POST", "/api/2.0/mlflow/runs/log-metric", map[string]any{"run_id": f.run,
			"key": "m", "value": 1, "timestamp": 1}, 403},
		{"delete run", "POST", "/ajax-api/2.0/mlflow/runs/delete", map[string]any{"run_id": f.run}, 403},
		{"upload artifact", "PUT", "/api/2.0/mlflow-artifacts/artifacts/x/y.txt", "data", 403},
		{"delete artifact", "DELETE", "/api/2.0/mlflow-artifacts/artifacts/x/y.txt", nil, 403},
		{"patch", "PATCH", "/api/2.0/mlflow/logged-models/m-1", map[string]any{}, 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := send(t, ro.newRequest(t, tt.method, tt.path, tt.body))
			if resp.StatusCode != tt.status {
				t.Fatalf("%s %s: %d %.200q, want %d", tt.method, tt.path, resp.StatusCode, b, tt.status)
			}
			if tt.status == 403 && (errorCode(b) != "PERMISSION_DENIED" ||
				!strings.Contains(string(b), "read-only")) {
				t.Errorf("refusal %q: want PERMISSION_DENIED saying read-only", b)
			}
		})
	}
	var out map[string]any
	if ro.call(t, "GET", "/api/2.0/mlflow/experiments/get-by-name?experiment_name=nope", nil, &out) != 404 {
		t.Errorf("read-only server created an experiment: %v", out)
	}
}

func TestBasicAuth(t *testing.T) {
	dir := t.TempDir()
	line := func(user, password string) string {
		var out bytes.Buffer
		if err := runHashPassword([]string{user}, strings.NewReader(password+"\n"), &out,
			io.Discard); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	authFile := filepath.Join(dir, "users.txt")
	content := "# test users\n" + line("alice", "wonderland") + line("bob", "builder")
	if err := os.WriteFile(authFile, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, "--backend-store-uri", testTree, "--auth-file", authFile)
	get := "/api/2.0/mlflow/experiments/get?experiment_id=0"
	tests := []struct {
		name           string
		path           string
		user, password string // no Authorization header when user is ""
		status         int
	}{
		{"no credentials", get, "", "", 401},
		{"wrong password", get, "alice", "looking glass", 401},
		{"unknown user", get, "carol", "wonderland", 401},
		{"another user's password", get, "bob", "wonderland", 401},
		{"right password", get, "alice", "wonderland", 200},
		// the second time comes from the memory of verified credentials
		{"right password again", get, "alice", "wonderland", 200},
		{"second user", get, "bob", "builder", 200},
		{"wrong password after a right one", get, "alice", "wonderland!", 401},
		{"health stays open", "/health", "", "", 200},
		{"version is protected", "/version", "", "", 401},
		{"pages are protected", "/", "", "", 401},
		{"pages with credentials", "/", "alice", "wonderland", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := srv.newRequest(t, "GET", tt.path, nil)
			if tt.user != "" {
				req.SetBasicAuth(tt.user, tt.password)
			}
			resp, b := send(t, req)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s as %q: %d %.200q, want %d", tt.path, tt.user, resp.StatusCode, b,
					tt.status)
			}
			if tt.status != 401 {
				return
			}
			if got := resp.Header.Get("WWW-Authenticate"); got != `Basic realm="mlscope"` {
				t.Errorf("WWW-Authenticate %q", got)
			}
			if strings.HasPrefix(tt.path, "/api/") && errorCode(b) != "UNAUTHENTICATED" {
				t.Errorf("body %q is not MLflow's UNAUTHENTICATED envelope", b)
			}
			if tt.user == "" && strings.HasPrefix(tt.path, "/api/") &&
				!strings.Contains(string(b), "MLFLOW_TRACKING_USERNAME") {
				t.Errorf("body %q does not say how MLflow clients log in", b)
			}
		})
	}
	if strings.Contains(srv.Log.String(), "wonderland") {
		t.Error("a password reached the log")
	}
}

func TestAuthFileErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "users.txt")
	os.WriteFile(bad, []byte("alice:wonderland\n"), 0o600)
	for name, args := range map[string][]string{
		"plain-text password": {"--auth-file", bad},
		"missing file":        {"--auth-file", bad + ".nope"},
		"bad host":            {"--allowed-hosts", "ex ample.com"},
		"bad origin":          {"--cors-allowed-origins", "app.example.com"},
		"bad upload size":     {"--max-upload-size", "lots"},
	} {
		t.Run(name, func(t *testing.T) {
			args = append([]string{"server", "--port", "0", "--backend-store-uri", testTree}, args...)
			// A server that starts in spite of the error stops after a while.
			ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
			defer cancel()
			if err := run(ctx, args, io.Discard, io.Discard, nil); err == nil {
				t.Errorf("mlscope %q started, want an error", args)
			}
		})
	}
}

func TestHashPasswordCommand(t *testing.T) {
	var out bytes.Buffer
	if err := runHashPassword([]string{"alice"}, strings.NewReader("s3cret\r\nignored\n"), &out,
		io.Discard); err != nil {
		t.Fatal(err)
	}
	users, err := guard.ParseUsers(&out)
	if err != nil || users.Len() != 1 {
		t.Fatalf("the printed line %q does not parse: %v", out.String(), err)
	}
	for name, tc := range map[string]struct {
		args  []string
		stdin string
	}{
		"no name":        {nil, "pw\n"},
		"colon in name":  {[]string{"a:b"}, "pw\n"},
		"empty password": {[]string{"alice"}, "\n"},
		"no input":       {[]string{"alice"}, ""},
	} {
		if err := runHashPassword(tc.args, strings.NewReader(tc.stdin), io.Discard,
			io.Discard); err == nil {
			t.Errorf("%s: hash-password %q succeeded", name, tc.args)
		}
	}
}
