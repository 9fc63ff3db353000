package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestGracefulShutdown stops the server (what SIGINT and SIGTERM do in
// main: the context ends) while an upload is still arriving, and checks
// that the server stops accepting at once, lets the upload finish and
// store its file, logs, and returns without error.
func TestGracefulShutdown(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "mlartifacts")
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	log := &syncBuffer{}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	args := []string{"server", "--host", "127.0.0.1", "--port", "0",
		"--backend-store-uri", filepath.Join(dir, "mlruns"), "--artifacts-destination", dest}
	go func() { done <- run(ctx, args, io.Discard, log, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("server did not start: %v\n%s", err, log)
	case <-time.After(10 * time.Second):
		t.Fatalf("server did not start in 10 s\n%s", log)
	}

	pr, pw := io.Pipe()
	req, err := http.NewRequest("PUT", "http://"+addr+"/api/2.0/mlflow-artifacts/artifacts/slow/model.bin", pr)
	if err != nil {
		t.Fatal(err)
	}
	uploaded := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("upload in flight failed: %v", err)
			uploaded <- 0
			return
		}
		resp.Body.Close()
		uploaded <- resp.StatusCode
	}()
	pw.Write([]byte("weights, part one; "))
	waitFor(t, "the upload to start", func() bool {
		m, _ := filepath.Glob(filepath.Join(dest, "slow", ".model.bin.upload-*"))
		return len(m) > 0
	})

	stop()
	waitFor(t, "the server to stop accepting", func() bool {
		c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
		if err == nil {
			c.Close()
		}
		return err != nil
	})
	select {
	case err := <-done:
		t.Fatalf("server returned (%v) with a request in flight", err)
	case <-time.After(200 * time.Millisecond):
	}

	pw.Write([]byte("part two"))
	pw.Close()
	if got := <-uploaded; got != 200 {
		t.Fatalf("upload in flight ended with %d\n%s", got, log)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("server stopped with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not return after its last request")
	}
	if b, err := os.ReadFile(filepath.Join(dest, "slow", "model.bin")); string(b) != "weights, part one; part two" {
		t.Errorf("stored %q, %v", b, err)
	}
	for _, want := range []string{"shutting down", "mlscope stopped"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}
