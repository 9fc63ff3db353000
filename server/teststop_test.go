package main

import (
	"context"
	"io"
	"net/url"
	"sync"
	"testing"
	"time"
)

// startStoppable is startServer for tests that stop the server before
// the test ends, and may start another on the same port (pass "--port"
// with it: the last flag wins). stop shuts the server down and waits for
// it; it may be called more than once, and runs when the test ends.
func startStoppable(t testing.TB, args ...string) (srv *testServer, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	log := &syncBuffer{}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	args = append([]string{"server", "--host", "127.0.0.1", "--port", "0",
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

// port is the port of a test server's URL.
func (s *testServer) port(t testing.TB) string {
	t.Helper()
	u, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Port()
}
