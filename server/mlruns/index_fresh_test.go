package mlruns

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"mlscope/app/mlflow"
)

// sharedTrees returns the mlruns folders of the shared fixtures (written by
// real MLflow), or skips when they are absent: they sit beside the clone
// in CI only.
func sharedTrees(t *testing.T) []string {
	t.Helper()
	const dir = "../../../shared/fixtures/mlruns-real"
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s not found: CI lays the shared fixtures beside the clone", dir)
		}
		t.Skipf("skipped: %s not found (the shared fixtures sit beside the clone in CI only)", dir)
	}
	trees, _ := filepath.Glob(filepath.Join(dir, "*", "mlruns"))
	more, _ := filepath.Glob(filepath.Join(dir, "*", "*", "mlruns"))
	return append(trees, more...)
}

// TestFreshReadMatchesDisk: the first scan's one-pass read of a run gives
// the run that the plain disk reader gives, and the stamps that a later
// stat pass computes, so that the rescan after the first scan re-reads
// nothing. Every run of the test tree and of the real trees is checked.
func TestFreshReadMatchesDisk(t *testing.T) {
	trees := []string{copyTree(t)}
	if _, err := os.Stat("../../../shared"); err == nil || os.Getenv("CI") != "" {
		trees = append(trees, sharedTrees(t)...)
	}
	runs := 0
	for _, root := range trees {
		s, _ := openLogged(t, root)
		dirs, err := s.experimentDirs(mlflow.ViewAll)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range dirs {
			for _, rd := range s.runDirs(d) {
				disk := s.readRun(rd)
				e := s.readRunEntry(rd)
				if (disk == nil) != (e == nil) {
					t.Errorf("%s: disk read %v, fresh read %v", rd.path, disk != nil, e != nil)
					continue
				}
				if disk == nil {
					continue
				}
				runs++
				if !reflect.DeepEqual(disk.Run, e.run.Run) {
					t.Errorf("%s:\n fresh %+v\n disk  %+v", rd.path, e.run.Run, disk.Run)
				}
				if st, _, _ := s.statRun(rd); st != e.stamp {
					t.Errorf("%s: fresh stamp %+v, stat pass %+v", rd.path, e.stamp, st)
				}
				if again := s.loadRun(rd, e); again != e {
					t.Errorf("%s: an unchanged run was read again", rd.path)
				}
			}
		}
	}
	if runs < 3 {
		t.Fatalf("only %d runs checked", runs)
	}
	t.Logf("%d runs in %d trees", runs, len(trees))
}
