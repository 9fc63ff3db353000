package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// rawStatus sends a request head with the given Content-Length and at
// most 64 KiB of the body, and returns the status and body of the answer:
// a server that checks the announced length answers without the rest.
// (net/http reads a small unread body away before answering, so small
// bodies are sent whole.)
func rawStatus(t *testing.T, srv *testServer, method, path string, length int64) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"+
		"Content-Length: %d\r\n\r\n%s", method, path, length,
		strings.Repeat(" ", int(min(length, 64<<10))))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%s %s with Content-Length %d: %v", method, path, length, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// streamed sends size bytes of body without a Content-Length (chunked).
func streamed(t *testing.T, srv *testServer, method, path string, size int) (int, string) {
	t.Helper()
	pr, pw := io.Pipe()
	go func() {
		chunk := []byte(strings.Repeat(" ", 64<<10))
		for left := size; left > 0; left -= len(chunk) {
			if _, err := pw.Write(chunk[:min(left, len(chunk))]); err != nil {
				return // the server answered early and stopped reading
			}
		}
		pw.Close()
	}()
	req, err := http.NewRequest(method, srv.URL+path, pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, b := send(t, req)
	pr.CloseWithError(io.ErrClosedPipe)
	return resp.StatusCode, string(b)
}

func TestBodyLimits(t *testing.T) {
	f := newWriteFixture(t)
	small := startServer(t, "--backend-store-uri", filepath.Join(t.TempDir(), "mlruns"),
		"--artifacts-destination", filepath.Join(t.TempDir(), "mlartifacts"),
		"--max-upload-size", "1K")
	create := "/api/2.0/mlflow/experiments/create"
	upload := "/api/2.0/mlflow-artifacts/artifacts/0/r/artifacts/big.bin"
	tests := []struct {
		name     string
		srv      *testServer
		method   string
		path     string
		size     int64
		announce bool // send a Content-Length (checked before reading)
		status   int
		msg      string
	}{
		{"announced JSON over 16 MiB", f.srv, "POST", create, 16<<20 + 1, true, 413,
			"larger than the limit of 16 MiB"},
		{"streamed JSON over 16 MiB", f.srv, "POST", create, 17 << 20, false, 400,
			"larger than the limit of 16 MiB"},
		{"announced upload over the limit", small, "PUT", upload, 1025, true, 413,
			"larger than the limit of 1 KiB"},
		{"streamed upload over the limit", small, "PUT", upload, 4 << 10, false, 400,
			"larger than the limit of 1 KiB"},
		{"upload at the limit", small, "PUT", upload, 1 << 10, false, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var status int
			var body string
			if tt.announce {
				status, body = rawStatus(t, tt.srv, tt.method, tt.path, tt.size)
			} else {
				status, body = streamed(t, tt.srv, tt.method, tt.path, int(tt.size))
			}
			if status != tt.status || !strings.Contains(body, tt.msg) {
				t.Errorf("%s %s of %d bytes: %d %.300q, want %d with %q", tt.method, tt.path,
					tt.size, status, body, tt.status, tt.msg)
			}
			if tt.status != 200 && errorCode([]byte(body)) != "BAD_REQUEST" {
				t.Errorf("refusal %q is not MLflow's envelope", body)
			}
		})
	}
	if strings.Contains(small.Log.String(), "level=ERROR") {
		t.Errorf("a refused body was logged as a server error:\n%s", small.Log)
	}
}

// TestHeavyRequestLimit holds the only heavy slot with an upload that is
// still arriving, and checks that another heavy request is refused with
// 503 while light ones go on, and that the slot frees when the upload ends.
func TestHeavyRequestLimit(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "mlartifacts")
	srv := startServer(t, "--backend-store-uri", filepath.Join(t.TempDir(), "mlruns"),
		"--artifacts-destination", dest, "--max-heavy-requests", "1")

	pr, pw := io.Pipe()
	req, err := http.NewRequest("PUT", srv.URL+"/api/2.0/mlflow-artifacts/artifacts/held/big.bin", pr)
	if err != nil {
		t.Fatal(err)
	}
	uploaded := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			uploaded <- 0
			return
		}
		resp.Body.Close()
		uploaded <- resp.StatusCode
	}()
	pw.Write([]byte("first part "))
	waitFor(t, "the upload to start", func() bool {
		m, _ := filepath.Glob(filepath.Join(dest, "held", ".big.bin.upload-*"))
		return len(m) > 0
	})

	search := map[string]any{"experiment_ids": []string{"0"}}
	resp, b := send(t, srv.newRequest(t, "POST", "/api/2.0/mlflow/runs/search", search))
	if resp.StatusCode != 503 || errorCode(b) != "TEMPORARILY_UNAVAILABLE" ||
		resp.Header.Get("Retry-After") == "" || !strings.Contains(string(b), "--max-heavy-requests") {
		t.Errorf("heavy request while the slot is taken: %d %s (Retry-After %q), want 503 "+
			"TEMPORARILY_UNAVAILABLE", resp.StatusCode, b, resp.Header.Get("Retry-After"))
	}
	var exp map[string]any
	if got := srv.call(t, "GET", "/api/2.0/mlflow/experiments/get?experiment_id=0", nil, &exp); got != 200 {
		t.Errorf("light request while the slot is taken: %d %v", got, exp)
	}

	pw.Write([]byte("last part"))
	pw.Close()
	if got := <-uploaded; got != 200 {
		t.Fatalf("the held upload ended with %d", got)
	}
	if b, err := os.ReadFile(filepath.Join(dest, "held", "big.bin")); string(b) != "first part last part" {
		t.Errorf("uploaded %q, %v", b, err)
	}
	var out map[string]any
	if got := srv.call(t, "POST", "/api/2.0/mlflow/runs/search", search, &out); got != 200 {
		t.Errorf("heavy request after the slot freed: %d %v", got, out)
	}
}

// waitFor polls cond for up to ten seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
