package mlruns

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"mlscope/app/mlflow"
)

func startIndexed(t *testing.T, root, cache string) *Store {
	t.Helper()
	s, _ := openLogged(t, root)
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	stopped := s.StartIndex(ctx, IndexOptions{CacheDir: cache}, ready)
	t.Cleanup(func() {
		cancel()
		<-stopped
	})
	<-ready
	return s
}

// TestIndexMatchesDisk: the index answers exactly what reading the disk
// answers.
func TestIndexMatchesDisk(t *testing.T) {
	root := copyTree(t)
	disk, _ := openLogged(t, root)
	idx := startIndexed(t, root, "")
	for _, view := range []mlflow.ViewType{mlflow.ViewActiveOnly, mlflow.ViewDeletedOnly, mlflow.ViewAll} {
		a, _ := disk.Runs([]string{wineExp}, view)
		b, _ := idx.Runs([]string{wineExp}, view)
		if len(a) != len(b) {
			t.Fatalf("view %d: disk %d runs, index %d", view, len(a), len(b))
		}
		byID := map[string]*Run{}
		for _, r := range b {
			byID[r.Info.RunID] = r
		}
		for _, r := range a {
			got := byID[r.Info.RunID]
			if got == nil || len(got.Data.Metrics) != len(r.Data.Metrics) ||
				len(got.Data.Params) != len(r.Data.Params) || len(got.Data.Tags) != len(r.Data.Tags) ||
				got.Info != r.Info {
				t.Errorf("run %s: index %+v, disk %+v", r.Info.RunID, got, r)
			}
		}
	}
	ea, _ := disk.Experiments(mlflow.ViewAll)
	eb, _ := idx.Experiments(mlflow.ViewAll)
	if len(ea) != len(eb) {
		t.Errorf("experiments: disk %d, index %d", len(ea), len(eb))
	}
}

// TestPersistedIndex restarts on a saved index after files changed while
// the server was down: the new values are served after the check.
func TestPersistedIndex(t *testing.T) {
	root := copyTree(t)
	cache := t.TempDir()
	func() {
		s, _ := openLogged(t, root)
		ctx, cancel := context.WithCancel(context.Background())
		ready := make(chan struct{})
		stopped := s.StartIndex(ctx, IndexOptions{CacheDir: cache}, ready)
		<-ready
		cancel()
		<-stopped
	}()
	files, _ := filepath.Glob(filepath.Join(cache, "index-*.gob"))
	if len(files) != 1 {
		t.Fatalf("cache files: %v", files)
	}
	// Changed while nothing ran: one metric appended, one param rewritten.
	rmse := filepath.Join(root, wineExp, owlRun, "metrics", "rmse")
	f, _ := os.OpenFile(rmse, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("1733250340000 0.6 3\n")
	f.Close()
	write(t, filepath.Join(root, wineExp, foxRun, "params", "alpha"), "0.95")

	s, _ := openLogged(t, root)
	n, err := s.idx.load(files[0])
	if err != nil || n != 3 {
		t.Fatalf("load: %d runs, %v", n, err)
	}
	if err := s.idx.rescan(nil); err != nil {
		t.Fatal(err)
	}
	owl, _ := s.Run(owlRun)
	if m, _ := owl.Metric("rmse"); m.Step != 3 || m.Value != 0.6 {
		t.Errorf("rmse after restart: %+v", m)
	}
	fox, _ := s.Run(foxRun)
	if v, _ := fox.Param("alpha"); v != "0.95" {
		t.Errorf("alpha after restart: %q", v)
	}
}

// TestFollowMetricAppends: appends are read from where the last read
// stopped, and a file that shrank is read again whole.
func TestFollowMetricAppends(t *testing.T) {
	root := copyTree(t)
	s := startIndexed(t, root, "")
	loss := filepath.Join(root, wineExp, owlRun, "metrics", "train", "loss")
	check := func(step int64, v float64) {
		t.Helper()
		s.idx.refreshRun(owlRun)
		r, _ := s.Run(owlRun)
		if m, _ := r.Metric("train/loss"); m.Step != step || float64(m.Value) != v {
			t.Errorf("train/loss = %+v, want step %d value %v", m, step, v)
		}
	}
	f, _ := os.OpenFile(loss, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("1733250340000 0.4 3\n1733250350000 0.3")
	f.Close()
	check(3, 0.4) // the line without newline is not read yet
	f, _ = os.OpenFile(loss, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(" 4\n")
	f.Close()
	check(4, 0.3)
	write(t, loss, "1 9 0\n")
	check(0, 9)
}

func TestRescanWait(t *testing.T) {
	tests := []struct {
		name        string
		least, took time.Duration
		want        time.Duration
	}{
		{"small tree", time.Minute, 200 * time.Millisecond, time.Minute},
		{"large tree", time.Minute, 10 * time.Second, 200 * time.Second},
		{"short period for tests", 50 * time.Millisecond, time.Millisecond, 50 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rescanWait(tt.least, tt.took); got != tt.want {
				t.Errorf("rescanWait(%v, %v) = %v, want %v", tt.least, tt.took, got, tt.want)
			}
		})
	}
}

// TestRescanKeepsConcurrentWrites: a write the index took in while a
// rescan was reading the tree is not undone by the rescan's older reading.
func TestRescanKeepsConcurrentWrites(t *testing.T) {
	s := startIndexed(t, copyTree(t), "")
	write := func(v string) {
		if err := s.LogBatch(owlRun, nil, nil, []mlflow.Tag{{Key: "round", Value: v}}); err != nil {
			t.Error(err)
		}
	}
	write("before")
	setHook := func(f func()) {
		s.idx.scanMu.Lock()
		s.idx.afterRead = f
		s.idx.scanMu.Unlock()
	}
	setHook(func() { write("during") })
	err := s.idx.rescan(nil)
	setHook(nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Run(owlRun)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := r.Tag("round"); got != "during" {
		t.Fatalf("after the rescan the index holds tag round=%q, want \"during\"", got)
	}
}
