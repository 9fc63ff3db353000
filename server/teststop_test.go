package main

import (
	"net/url"
	"testing"
)

// startStoppable is startServer for tests that stop the server before
// the test ends, and may start another on the same port (pass "--port"
// with it: the last flag wins).
func startStoppable(t testing.TB, args ...string) (srv *testServer, stop func()) {
	t.Helper()
	return startCommand(t, "server", args...)
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
