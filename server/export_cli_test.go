package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mlscope/app/exportfmt"
)

// TestExportBadInput runs mlscope export with faulty command lines: each
// fails with a message naming what is wrong, and writes nothing.
func TestExportBadInput(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "full")
	mustWriteFile(t, filepath.Join(dir, "file"), "x")
	if err := os.MkdirAll(full, 0o755); err != nil {
		t.Fatal(err)
	}
	mustWriteFile(t, filepath.Join(full, "notes.txt"), "mine")
	out := filepath.Join(dir, "site")
	tests := []struct {
		name  string
		args  []string
		usage bool // exit status 2
		want  string
	}{
		{"no --out", []string{"--backend-store-uri", testTree}, true, "--out is required"},
		{"missing tree", []string{"--backend-store-uri", filepath.Join(dir, "nope"), "--out", out},
			false, "no such folder"},
		{"bad artifacts mode", []string{"--backend-store-uri", testTree, "--out", out,
			"--with-artifacts", "some"}, true, `--with-artifacts "some": use none, small or all`},
		{"bad page size", []string{"--backend-store-uri", testTree, "--out", out,
			"--runs-per-page", "0"}, true, "--runs-per-page 0"},
		{"not a number", []string{"--backend-store-uri", testTree, "--out", out,
			"--runs-per-page", "many"}, true, "runs-per-page"},
		{"unknown experiment", []string{"--backend-store-uri", testTree, "--out", out,
			"--experiment-ids", wineExp + ",424242"}, false, `no experiment "424242"`},
		{"deleted experiment", []string{"--backend-store-uri", testTree, "--out", out,
			"--experiment-ids", "517233401976153320"}, false, "is deleted"},
		{"no ids in the list", []string{"--backend-store-uri", testTree, "--out", out,
			"--experiment-ids", ", ,"}, true, "names no experiment"},
		{"out is a file", []string{"--backend-store-uri", testTree, "--out",
			filepath.Join(dir, "file")}, false, "--out"},
		{"out holds other files", []string{"--backend-store-uri", testTree, "--out", full},
			false, "is not empty and holds no earlier export"},
		{"stray argument", []string{"--backend-store-uri", testTree, "--out", out, "extra"},
			true, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), append([]string{"export"}, tt.args...), &stdout,
				&stderr, nil)
			if err == nil {
				t.Fatalf("no error; stdout %q", stdout.String())
			}
			if _, isUsage := err.(usageError); isUsage != tt.usage {
				t.Errorf("usage error %v, want %v: %v", isUsage, tt.usage, err)
			}
			if msg := err.Error() + stderr.String(); !strings.Contains(msg, tt.want) {
				t.Errorf("error %q, want it to say %q", msg, tt.want)
			}
			if _, err := os.Stat(filepath.Join(out, exportfmt.ManifestPath)); err == nil {
				t.Errorf("a faulty command wrote an export")
			}
		})
	}
}

// TestExportOptions exports one experiment with no artifacts and one run
// per page, then again over the first export: the manifest says what is
// in it, model files are there and other artifacts are not.
func TestExportOptions(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	for range 2 { // the second run replaces the first export
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{"export", "--backend-store-uri", testTree,
			"--out", out, "--experiment-ids", wineExp, "--runs-per-page", "1",
			"--with-artifacts", "none"}, &stdout, &stderr, nil)
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr.String())
		}
		for _, w := range []string{"exported 2 runs in 1 experiments", "files", "MiB", " s\n"} {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("summary %q lacks %q", stdout.String(), w)
			}
		}
		// Not a terminal: plain progress lines, no bar.
		if got := stderr.String(); !strings.Contains(got, "exported 2 of 2 runs") ||
			strings.Contains(got, "\r") {
			t.Errorf("progress on a pipe: %q", got)
		}
	}
	var m exportfmt.Manifest
	b, err := os.ReadFile(filepath.Join(out, exportfmt.ManifestPath))
	if err != nil || json.Unmarshal(b, &m) != nil {
		t.Fatalf("manifest: %v", err)
	}
	if len(m.Experiments) != 1 || m.Experiments[0].ID != wineExp || m.Experiments[0].Runs != 2 ||
		m.Experiments[0].Pages != 2 || m.Artifacts != "none" || m.RunsPerPage != 1 {
		t.Errorf("manifest: %+v", m)
	}
	for _, tt := range []struct {
		path string
		want bool
	}{
		{exportfmt.ArtifactFilePath(owlRun, "model/MLmodel"), true},
		{exportfmt.ArtifactFilePath(owlRun, "model/requirements.txt"), true},
		{exportfmt.ArtifactFilePath(owlRun, "notes.txt"), false},
		{exportfmt.ArtifactListPath(owlRun, "model"), true},
		{exportfmt.RunsPagePath(wineExp, 1), true},
		{exportfmt.ExperimentPath("0"), false},
		{exportfmt.HistoryPath(owlRun, "train/loss"), true},
		{"experiments/" + wineExp + "/runs/" + owlRun + "/index.html", true},
	} {
		_, err := os.Stat(filepath.Join(out, filepath.FromSlash(tt.path)))
		if got := err == nil; got != tt.want {
			t.Errorf("%s exists: %v, want %v", tt.path, got, tt.want)
		}
	}
	listed := strings.Join(m.Files, "\n")
	for _, w := range []string{"web/app.wasm", "app.js", exportfmt.RunPath(owlRun)} {
		if !strings.Contains(listed, w) {
			t.Errorf("the manifest's files lack %s", w)
		}
	}
}

// TestExportProgress checks the two progress forms: a bar that rewrites
// itself on a terminal, and plain lines (the first, every tenth of the
// runs, the last) for logs.
func TestExportProgress(t *testing.T) {
	var bar bytes.Buffer
	p := progressBar(&bar)
	for i := 1; i <= 4; i++ {
		p(i, 4)
	}
	if got := bar.String(); !strings.HasPrefix(got, "\r[#######") ||
		!strings.HasSuffix(got, "\r["+strings.Repeat("#", 30)+"] 4/4 runs") {
		t.Errorf("bar %q", got)
	}
	var log bytes.Buffer
	l := progressLog(&log)
	for i := 1; i <= 100; i++ {
		l(i, 100)
	}
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != 11 || lines[0] != "exported 1 of 100 runs" ||
		lines[10] != "exported 100 of 100 runs" || strings.Contains(log.String(), "\r") {
		t.Errorf("%d lines: %q", len(lines), log.String())
	}
}

// TestExportArtifactModes exports a tree whose run holds a small and a
// large artifact with each --with-artifacts mode: model files always,
// the small file from "small" on, the large one with "all" only.
func TestExportArtifactModes(t *testing.T) {
	tree := filepath.Join(t.TempDir(), "mlruns")
	if err := os.CopyFS(tree, os.DirFS(testTree)); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("0123456789abcdef", (2<<20)/16) // 2 MiB, over the small limit
	mustWriteFile(t, filepath.Join(tree, wineExp, owlRun, "artifacts", "big.txt"), big)
	files := []string{"model/MLmodel", "notes.txt", "big.txt"}
	tests := []struct {
		mode string
		want []bool // per file
	}{
		{"none", []bool{true, false, false}},
		{"small", []bool{true, true, false}},
		{"all", []bool{true, true, true}},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "site")
			var stdout, stderr bytes.Buffer
			if err := run(context.Background(), []string{"export", "--backend-store-uri", tree,
				"--out", out, "--with-artifacts", tt.mode}, &stdout, &stderr, nil); err != nil {
				t.Fatalf("%v\n%s", err, stderr.String())
			}
			for i, f := range files {
				p := filepath.Join(out, filepath.FromSlash(exportfmt.ArtifactFilePath(owlRun, f)))
				_, err := os.Stat(p)
				if got := err == nil; got != tt.want[i] {
					t.Errorf("%s copied: %v, want %v", f, got, tt.want[i])
				}
			}
			// Listings are there in every mode.
			b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(
				exportfmt.ArtifactListPath(owlRun, ""))))
			if err != nil || !strings.Contains(string(b), `"big.txt"`) {
				t.Errorf("root listing %s (%v) lacks big.txt", b, err)
			}
		})
	}
}
