package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseOlderThan(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"2d8h5m20s", 56*time.Hour + 5*time.Minute + 20*time.Second, true},
		{"1h", time.Hour, true},
		{"30s", 30 * time.Second, true},
		{"", 0, false},
		{"1w", 0, false},
		{"h1", 0, false},
	}
	for _, tt := range tests {
		got, err := parseOlderThan(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseOlderThan(%q) = %v, %v; want %v ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// TestGC deletes runs and an experiment through the API, then runs
// `mlscope gc` as a user would and checks what is gone from disk.
func TestGC(t *testing.T) {
	f := newWriteFixture(t)
	dir := filepath.Dir(f.root)
	keep := f.createRun(t, f.exp)
	// An artifact of the deleted run, stored through the proxy.
	put := "/api/2.0/mlflow-artifacts/artifacts/" + f.exp + "/" + f.deadRun + "/artifacts/a.txt"
	if st := f.srv.call(t, "PUT", put, "x", nil); st != 200 {
		t.Fatalf("PUT artifact: %d", st)
	}
	artDir := filepath.Join(dir, "mlartifacts", f.exp, f.deadRun, "artifacts")
	if _, err := os.Stat(artDir); err != nil {
		t.Fatal(err)
	}
	gc := func(args ...string) (string, error) {
		var out, errb bytes.Buffer
		args = append([]string{"gc", "--backend-store-uri", f.root,
			"--artifacts-destination", filepath.Join(dir, "mlartifacts")}, args...)
		err := run(context.Background(), args, &out, &errb, nil)
		return out.String() + errb.String(), err
	}
	if out, err := gc("--run-ids", keep); err == nil || !strings.Contains(err.Error(), "deleted") {
		t.Errorf("gc of an active run: %v %s", err, out)
	}
	if out, err := gc("--older-than", "1d"); err != nil || !strings.Contains(out, "removed 0 runs") {
		t.Errorf("gc --older-than 1d removed something recent: %v %s", err, out)
	}
	out, err := gc()
	if err != nil || !strings.Contains(out, "removed 2 runs and 1 experiments") {
		t.Fatalf("gc: %v %s", err, out)
	}
	for _, gone := range []string{filepath.Join(f.root, f.exp, f.deadRun),
		filepath.Join(f.root, ".trash", f.deadExp), artDir} {
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Errorf("%s survived gc (%v)", gone, err)
		}
	}
	for _, kept := range []string{filepath.Join(f.root, f.exp, f.run), filepath.Join(f.root, f.exp, keep)} {
		if _, err := os.Stat(kept); err != nil {
			t.Errorf("%s was removed: %v", kept, err)
		}
	}
}
