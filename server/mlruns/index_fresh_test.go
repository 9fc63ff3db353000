package mlruns

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
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

// diskRun reads a run the plain way, file by file with the store's generic
// readers (readKeyed, whole metric histories), to check the one-pass read
// against.
func diskRun(s *Store, d runDir, e *runEntry) mlflow.Run {
	r := mlflow.Run{Info: e.run.Info, Inputs: s.readInputs(d), Outputs: s.readOutputs(d)}
	r.Data.Params = s.readKeyed(filepath.Join(d.path, "params"))
	r.Data.Tags = s.readKeyed(filepath.Join(d.path, "tags"))
	s.walkKeys(filepath.Join(d.path, "metrics"), func(key, path string) {
		b, err := os.ReadFile(path)
		if err != nil {
			return
		}
		points, _, _ := storefmt.ParseHistory(bytes.NewReader(b), key)
		if m, ok := storefmt.Latest(points); ok {
			r.Data.Metrics = append(r.Data.Metrics, m)
		}
	})
	sort.Slice(r.Data.Metrics, func(i, j int) bool { return r.Data.Metrics[i].Key < r.Data.Metrics[j].Key })
	return r
}

// TestFreshReadMatchesDisk: the first scan's one-pass read of a run gives
// the data that the plain disk readers give, and the stamps that a later
// stat pass computes, so that the rescan after the first scan re-reads
// nothing. Every run of the test tree and of the real trees is checked.
func TestFreshReadMatchesDisk(t *testing.T) {
	trees := []string{copyTree(t)}
	if _, err := os.Stat("../../../shared"); err == nil || os.Getenv("CI") != "" {
		trees = append(trees, sharedTrees(t)...)
	}
	runs := 0
	var p packer // one for all, as a scan's worker packs many runs
	for _, root := range trees {
		s, _ := openLogged(t, root)
		dirs, err := s.experimentDirs(mlflow.ViewAll)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range dirs {
			for _, rd := range s.runDirs(d) {
				e := s.readRunEntry(rd, true)
				_, metaErr := os.Stat(filepath.Join(rd.path, metaFile))
				if (e == nil) != (metaErr != nil) {
					t.Errorf("%s: read %v, meta.yaml error %v", rd.path, e != nil, metaErr)
				}
				if e == nil {
					continue
				}
				runs++
				if disk := diskRun(s, rd, e); !reflect.DeepEqual(disk, e.run.Run) {
					t.Errorf("%s:\n fresh %+v\n disk  %+v", rd.path, e.run.Run, disk)
				}
				if st, _, _ := s.statRun(rd); st != e.stamp {
					t.Errorf("%s: fresh stamp %+v, stat pass %+v", rd.path, e.stamp, st)
				}
				if again := s.loadRun(rd, e); again != e {
					t.Errorf("%s: an unchanged run was read again", rd.path)
				}
				if packed := p.pack(e); !reflect.DeepEqual(packed, e) {
					t.Errorf("%s: packed %+v\n unpacked %+v", rd.path, packed, e)
				} else if again := s.loadRun(rd, packed); again != packed {
					t.Errorf("%s: an unchanged packed run was read again", rd.path)
				}
			}
		}
	}
	if runs < 3 {
		t.Fatalf("only %d runs checked", runs)
	}
	t.Logf("%d runs in %d trees", runs, len(trees))
}
