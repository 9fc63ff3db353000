package mlruns

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestHistoryCache follows one metric file through the changes a history
// goes through: appends, a line written in two parts, a rewrite.
func TestHistoryCache(t *testing.T) {
	root := copyTree(t)
	s, log := openLogged(t, root)
	p := filepath.Join(root, wineExp, owlRun, "metrics", "train", "loss")
	steps := func() string {
		t.Helper()
		c, err := s.MetricColumns(owlRun, "train/loss")
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, st := range c.Steps {
			b.WriteString(itoa(st) + " ")
		}
		return strings.TrimSpace(b.String())
	}
	appendTo := func(text string) {
		t.Helper()
		f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString(text); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	tests := []struct {
		name   string
		change func()
		want   string
	}{
		{"first read", func() {}, "0 1 2"},
		{"cached", func() {}, "0 1 2"},
		{"appended", func() { appendTo("1733250340000 0.5 3\n") }, "0 1 2 3"},
		// Half a line is what a reader sees while a client is appending.
		{"half a line", func() { appendTo("1733250341000 0.4") }, "0 1 2 3"},
		{"rest of the line", func() { appendTo(" 4\n") }, "0 1 2 3 4"},
		{"rewritten shorter", func() { write(t, p, "1 1.0 7\n") }, "7"},
	}
	for _, tt := range tests {
		tt.change()
		// A new modification time, even on file systems with coarse ones.
		now := time.Now().Add(time.Duration(len(tt.name)) * time.Second)
		os.Chtimes(p, now, now)
		if got := steps(); got != tt.want {
			t.Errorf("%s: steps %q, want %q", tt.name, got, tt.want)
		}
	}
	if !strings.Contains(log.String(), "truncated last line") {
		t.Errorf("the half line was not reported:\n%s", log)
	}
}

// TestHistoryCacheBudget checks that the cache stays within its budget
// and still answers for the histories it let go.
func TestHistoryCacheBudget(t *testing.T) {
	root := copyTree(t)
	s, _ := openLogged(t, root)
	s.hist = newHistoryCache(400) // bytes: room for two short histories
	for range 3 {
		for _, key := range []string{"rmse", "r2", "train/loss"} {
			c, err := s.MetricColumns(owlRun, key)
			if err != nil || c.Len() == 0 {
				t.Fatalf("%s: %d values, %v", key, c.Len(), err)
			}
		}
	}
	if s.hist.used > s.hist.max || s.hist.lru.Len() > 2 {
		t.Errorf("cache holds %d entries, %d bytes, over its budget of %d",
			s.hist.lru.Len(), s.hist.used, s.hist.max)
	}
}

// TestHistoryCacheConcurrent reads and extends one history from many
// goroutines at once; run it with -race.
func TestHistoryCacheConcurrent(t *testing.T) {
	root := copyTree(t)
	s, _ := openLogged(t, root)
	p := filepath.Join(root, wineExp, owlRun, "metrics", "rmse")
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 50 {
				c, err := s.MetricColumns(owlRun, "rmse")
				if err != nil {
					t.Error(err)
					return
				}
				for j := range c.Len() {
					_ = c.Metric(j)
				}
				if g == 0 && i%5 == 0 {
					f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
					f.WriteString("1733250400000 0.5 " + itoa(int64(100+i)) + "\n")
					f.Close()
				}
			}
		})
	}
	wg.Wait()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
