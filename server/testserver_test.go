package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer collects the server's log while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testServer is a real mlscope server on a free loopback port.
type testServer struct {
	URL string
	Log *syncBuffer
}

// startServer runs `mlscope server` with the arguments on 127.0.0.1 and a
// free port, and stops it when the test ends.
func startServer(t testing.TB, args ...string) *testServer {
	t.Helper()
	srv, _ := startCommand(t, "server", args...)
	return srv
}

// startCommand runs an mlscope command that serves (server or ui) with the
// arguments on 127.0.0.1 and a free port. stop shuts the server down and
// waits for it; it may be called more than once, and runs when the test
// ends.
func startCommand(t testing.TB, command string, args ...string) (srv *testServer, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log := &syncBuffer{}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	args = append([]string{command, "--host", "127.0.0.1", "--port", "0",
		"--index-cache", t.TempDir()}, args...)
	go func() { done <- run(ctx, args, io.Discard, log, ready) }()
	select {
	case addr := <-ready:
		var once sync.Once
		stop = func() {
			once.Do(func() {
				cancel()
				if err := <-done; err != nil {
					t.Errorf("server stopped with %v", err)
				}
			})
		}
		t.Cleanup(stop)
		return &testServer{URL: "http://" + addr, Log: log}, stop
	case err := <-done:
		cancel()
		t.Fatalf("server did not start: %v\n%s", err, log)
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatalf("server did not start in 10 s\n%s", log)
	}
	return nil, nil
}

// call sends a request to the API and decodes a JSON answer into out (when
// not nil). It returns the HTTP status.
func (s *testServer) call(t testing.TB, method, path string, body any, out any) int {
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
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: status %d, body %.300q: %v", method, path, resp.StatusCode, b, err)
		}
	}
	return resp.StatusCode
}

func (s *testServer) logHas(substr string) bool { return strings.Contains(s.Log.String(), substr) }
