package main

import (
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestServerCommandForms starts the server as `mlscope ui` and with a
// file: URI for the tree, as people copy them from mlflow's commands, and
// checks that each serves the test tree.
func TestServerCommandForms(t *testing.T) {
	abs, err := filepath.Abs(testTree)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"ui with a path", []string{"ui", "--backend-store-uri", testTree}},
		{"server with file:///", []string{"server", "--backend-store-uri", "file://" + abs}},
		{"ui with file:", []string{"ui", "--backend-store-uri", "file:" + abs}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := startCommand(t, tt.args[0], tt.args[1:]...)
			resp, err := http.Get(srv.URL + "/api/2.0/mlflow/experiments/search?max_results=10")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 || !strings.Contains(string(body), `"wine-quality"`) {
				t.Errorf("status %d: %s", resp.StatusCode, body)
			}
		})
	}
}
