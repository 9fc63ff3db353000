package mlruns

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mlscope/app/mlflow"
)

const (
	wineExp = "284915716337362101"
	owlRun  = "6c1f0d2b9e8a4f5d8c7b6a5e4d3c2b1a"
	foxRun  = "0a9b8c7d6e5f40312a3b4c5d6e7f8091"
)

// copyTree copies the test tree into a temporary folder the test may damage.
func copyTree(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "mlruns")
	if err := os.CopyFS(dst, os.DirFS("../testdata/mlruns")); err != nil {
		t.Fatal(err)
	}
	return dst
}

func openLogged(t *testing.T, root string) (*Store, *bytes.Buffer) {
	t.Helper()
	var log bytes.Buffer
	s, err := Open(root, Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return s, &log
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDamagedTrees damages one file at a time: each damaged file is skipped
// with a warning naming it, and the rest of the tree is still served.
func TestDamagedTrees(t *testing.T) {
	tests := []struct {
		name      string
		damage    func(t *testing.T, root string) string // returns the path to be named
		wantRuns  int                                    // active runs of wineExp afterwards
		checkRuns func(t *testing.T, runs []*Run)
	}{
		{"empty run meta.yaml", func(t *testing.T, root string) string {
			p := filepath.Join(root, wineExp, foxRun, "meta.yaml")
			write(t, p, "")
			return p
		}, 1, nil},
		{"truncated run meta.yaml", func(t *testing.T, root string) string {
			p := filepath.Join(root, wineExp, foxRun, "meta.yaml")
			write(t, p, "artifact_uri: 'file:///x\nend_ti")
			return p
		}, 1, nil},
		{"cut-off metric line", func(t *testing.T, root string) string {
			p := filepath.Join(root, wineExp, owlRun, "metrics", "rmse")
			write(t, p, "1733250310000 0.8 0\n1733250320000 0.74 1\n1733250330000 0.6")
			return p
		}, 2, func(t *testing.T, runs []*Run) {
			if m, ok := runOf(runs, owlRun).Metric("rmse"); !ok || m.Value != 0.74 {
				t.Errorf("rmse after a cut-off line = %+v, want 0.74 from the last whole line", m)
			}
		}},
		{"stray file in params", func(t *testing.T, root string) string {
			p := filepath.Join(root, wineExp, owlRun, "params", ".DS_Store")
			write(t, p, "\x00\x01")
			return p
		}, 2, func(t *testing.T, runs []*Run) {
			if n := len(runOf(runs, owlRun).Data.Params); n != 2 {
				t.Errorf("%d params, want 2", n)
			}
		}},
		{"run naming another experiment", func(t *testing.T, root string) string {
			p := filepath.Join(root, wineExp, foxRun, "meta.yaml")
			b, _ := os.ReadFile(p)
			write(t, p, strings.Replace(string(b), "experiment_id: '"+wineExp+"'", "experiment_id: '7'", 1))
			return p
		}, 1, nil},
		{"experiment folder without meta.yaml", func(t *testing.T, root string) string {
			p := filepath.Join(root, "42")
			write(t, filepath.Join(p, "abc", "artifacts", "x.txt"), "x")
			age(t, p) // a folder just made is an experiment being created
			return p
		}, 2, nil},
		{"windows line ends", func(t *testing.T, root string) string {
			p := filepath.Join(root, wineExp, owlRun, "metrics", "rmse")
			write(t, p, "1 0.8 0\r\n2 0.5 1\r\n")
			return ""
		}, 2, func(t *testing.T, runs []*Run) {
			if m, _ := runOf(runs, owlRun).Metric("rmse"); m.Value != 0.5 || m.Step != 1 {
				t.Errorf("rmse with CRLF = %+v", m)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copyTree(t)
			named := tt.damage(t, root)
			// A folder that is not an experiment id sits at the root of many
			// trees (Jupyter); it must never break listing.
			write(t, filepath.Join(root, ".ipynb_checkpoints", "x"), "x")
			s, log := openLogged(t, root)
			exps, err := s.Experiments(mlflow.ViewActiveOnly)
			if err != nil || len(exps) != 2 {
				t.Fatalf("experiments: %d, %v", len(exps), err)
			}
			runs, err := s.Runs([]string{wineExp}, mlflow.ViewActiveOnly)
			if err != nil || len(runs) != tt.wantRuns {
				t.Fatalf("runs: %d, %v; want %d", len(runs), err, tt.wantRuns)
			}
			if tt.checkRuns != nil {
				tt.checkRuns(t, runs)
			}
			if named != "" && !strings.Contains(log.String(), named) {
				t.Errorf("log does not name %s:\n%s", named, log)
			}
			// Reading again does not repeat the warning.
			before := strings.Count(log.String(), "\n")
			s.Runs([]string{wineExp}, mlflow.ViewActiveOnly)
			s.Experiments(mlflow.ViewActiveOnly)
			if after := strings.Count(log.String(), "\n"); after != before {
				t.Errorf("warnings repeated on a second read:\n%s", log)
			}
		})
	}
}

func runOf(runs []*Run, id string) *Run {
	for _, r := range runs {
		if r.Info.RunID == id {
			return r
		}
	}
	return &Run{}
}

func TestOpenCreatesTree(t *testing.T) {
	root := filepath.Join(t.TempDir(), "new", "mlruns")
	s, _ := openLogged(t, root)
	e, err := s.Experiment("0")
	if err != nil || e.Name != "Default" || e.LifecycleStage != "active" ||
		!strings.HasPrefix(e.ArtifactLocation, "file:///") {
		t.Fatalf("default experiment: %+v, %v", e, err)
	}
	if _, err := os.Stat(filepath.Join(root, ".trash")); err != nil {
		t.Errorf(".trash not created: %v", err)
	}
	file := filepath.Join(t.TempDir(), "f")
	write(t, file, "x")
	if _, err := Open(file, Options{}); err == nil {
		t.Errorf("Open of a plain file succeeded")
	}
}

func TestDeletedViews(t *testing.T) {
	s, _ := openLogged(t, "../testdata/mlruns")
	for view, want := range map[mlflow.ViewType]int{
		mlflow.ViewActiveOnly: 2, mlflow.ViewDeletedOnly: 1, mlflow.ViewAll: 3,
	} {
		runs, _ := s.Runs([]string{wineExp}, view)
		if len(runs) != want {
			t.Errorf("view %d: %d runs, want %d", view, len(runs), want)
		}
	}
	exps, _ := s.Experiments(mlflow.ViewDeletedOnly)
	if len(exps) != 1 || exps[0].Name != "retired-baselines" || exps[0].LifecycleStage != "deleted" {
		t.Errorf("deleted experiments: %+v", exps)
	}
}

func TestArtifactSymlinkEscape(t *testing.T) {
	root := copyTree(t)
	secret := filepath.Join(t.TempDir(), "secret.txt")
	write(t, secret, "do not serve")
	link := filepath.Join(root, wineExp, owlRun, "artifacts", "leak.txt")
	if err := os.Symlink(secret, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	s, _ := openLogged(t, root)
	if f, _, err := s.OpenArtifact(owlRun, "leak.txt"); err == nil {
		f.Close()
		t.Fatal("a symbolic link out of the artifact folder was opened")
	}
	f, _, err := s.OpenArtifact(owlRun, "model/MLmodel")
	if err != nil {
		t.Fatalf("plain artifact: %v", err)
	}
	f.Close()
}

// age dates a file or folder an hour back, past the grace the store gives
// writes in progress.
func age(t *testing.T, path string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
}
