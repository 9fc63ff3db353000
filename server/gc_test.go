package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
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

// gcCommand runs `mlscope gc` on a tree and its artifacts destination and
// returns what it wrote to stdout and to stderr.
func gcCommand(root, dest string, args ...string) (stdout, stderr string, err error) {
	var out, errb bytes.Buffer
	args = append([]string{"gc", "--backend-store-uri", root, "--artifacts-destination", dest},
		args...)
	err = run(context.Background(), args, &out, &errb, nil)
	return out.String(), errb.String(), err
}

// gcSummary matches the last line of gc; gcProgress its progress line on
// stderr, which a carriage return redraws while runs are removed.
var (
	gcSummary  = regexp.MustCompile(`^removed (\d+) runs and (\d+) experiments for good\n$`)
	gcProgress = regexp.MustCompile(`^(?:\rremoved \d+ of (\d+) runs)+\n$`)
)

// TestGCExperimentIDs removes chosen deleted experiments with
// --experiment-ids and checks the progress line. The rows run in order on
// one tree. The fixture's deleted run of an active experiment is left
// unchecked: mlflow gc removes it too (without --run-ids its run list is
// every deleted run), mlscope keeps it.
func TestGCExperimentIDs(t *testing.T) {
	f := newWriteFixture(t)
	dir := filepath.Dir(f.root)
	dest := filepath.Join(dir, "mlartifacts")
	other := f.createExperiment(t, "gone too")
	f.createRun(t, other)
	f.post(t, "experiments/delete", map[string]any{"experiment_id": other}, 200)
	// An artifact of the deleted experiment's run, stored through the proxy.
	arts := f.deadExp + "/" + f.deadExpRun + "/artifacts"
	put := "/api/2.0/mlflow-artifacts/artifacts/" + arts + "/a.txt"
	if st := f.srv.call(t, "PUT", put, "x", nil); st != 200 {
		t.Fatalf("PUT artifact: %d", st)
	}
	trashed := func(id string) string { return filepath.Join(f.root, ".trash", id) }
	active := filepath.Join(f.root, f.exp, f.run)

	tests := []struct {
		name    string
		ids     string
		err     string   // part of the error; "" for success
		exps    int      // experiments removed
		gone    []string // paths removed by this row
		present []string // paths still there after it
	}{
		{"active experiment", f.exp, "deleted", 0, nil, []string{trashed(f.deadExp), trashed(other), active}},
		{"unknown experiment", "123456789", "deleted", 0, nil, []string{trashed(f.deadExp), trashed(other)}},
		// Every id is checked before anything is removed.
		{"one of the list active", other + "," + f.exp, "deleted", 0, nil, []string{trashed(other)}},
		{"one deleted experiment", f.deadExp, "", 1,
			[]string{trashed(f.deadExp), filepath.Join(dest, filepath.FromSlash(arts))},
			[]string{trashed(other), active}},
		{"list with spaces", " " + other + " ,", "", 1, []string{trashed(other)}, []string{active}},
		{"removed already", other, "deleted", 0, nil, []string{active}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, err := gcCommand(f.root, dest, "--experiment-ids", tt.ids)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || stdout != "" {
					t.Errorf("gc --experiment-ids %q: %v, stdout %q; want an error containing %q",
						tt.ids, err, stdout, tt.err)
				}
			} else {
				checkGCOutput(t, stdout, stderr, err, tt.exps)
			}
			for _, p := range tt.gone {
				if _, err := os.Stat(p); !os.IsNotExist(err) {
					t.Errorf("%s survived gc (%v)", p, err)
				}
			}
			for _, p := range tt.present {
				if _, err := os.Stat(p); err != nil {
					t.Errorf("%s was removed: %v", p, err)
				}
			}
		})
	}
}

// checkGCOutput checks a successful gc's output: the summary on stdout,
// and on stderr a progress line counting to the runs removed, or nothing
// when none were.
func checkGCOutput(t *testing.T, stdout, stderr string, err error, exps int) {
	t.Helper()
	m := gcSummary.FindStringSubmatch(stdout)
	if err != nil || m == nil || m[2] != strconv.Itoa(exps) {
		t.Fatalf("gc: %v, stdout %q; want a summary with %d experiments", err, stdout, exps)
	}
	runs := m[1]
	if runs == "0" {
		if stderr != "" {
			t.Errorf("gc removed no runs but wrote %q to stderr", stderr)
		}
		return
	}
	p := gcProgress.FindStringSubmatch(stderr)
	if p == nil || p[1] != runs || !strings.HasSuffix(stderr, "\rremoved "+runs+" of "+runs+" runs\n") {
		t.Errorf("gc removed %s runs; progress on stderr %q, want it to end with %q",
			runs, stderr, `\rremoved `+runs+" of "+runs+" runs\n")
	}
}

// TestGCProgress checks the progress line of a gc that removes runs of
// active experiments, and its absence when there is nothing to remove.
func TestGCProgress(t *testing.T) {
	f := newWriteFixture(t)
	dest := filepath.Join(filepath.Dir(f.root), "mlartifacts")
	for i := 0; i < 3; i++ {
		run := f.createRun(t, f.exp)
		f.post(t, "runs/delete", map[string]any{"run_id": run}, 200)
	}
	// The fixture's deleted run, three more and the deleted experiment's run.
	stdout, stderr, err := gcCommand(f.root, dest)
	checkGCOutput(t, stdout, stderr, err, 1)
	if !strings.HasPrefix(stdout, "removed 5 runs") {
		t.Errorf("gc: stdout %q, want 5 runs removed", stdout)
	}
	stdout, stderr, err = gcCommand(f.root, dest)
	checkGCOutput(t, stdout, stderr, err, 0)
	if stdout != "removed 0 runs and 0 experiments for good\n" {
		t.Errorf("second gc: stdout %q, want nothing removed", stdout)
	}
}
