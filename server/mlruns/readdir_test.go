package mlruns

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestReadDir: the listing equals os.ReadDir's, names and types, for
// folders small and large enough to take several reads of the kernel's
// entries.
func TestReadDir(t *testing.T) {
	tests := []struct {
		name  string
		files int
	}{
		{"empty", 0},
		{"a run's params", 10},
		{"many long names", 600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for i := range tt.files {
				name := fmt.Sprintf("%03d-%s", (i*7919)%1000, strings.Repeat("k", 40))
				if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.Mkdir(filepath.Join(dir, "nested"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("nested", filepath.Join(dir, ".link")); err != nil {
				t.Fatal(err)
			}
			got, err := readDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d entries, want %d", len(got), len(want))
			}
			for i, w := range want {
				g := got[i]
				if g.name != w.Name() || g.isDir != w.IsDir() || g.isRegular != w.Type().IsRegular() {
					t.Errorf("entry %d = %+v, want %s (dir %v, regular %v)", i, g, w.Name(),
						w.IsDir(), w.Type().IsRegular())
				}
			}
			if !slices.IsSortedFunc(got, func(a, b dirEntry) int { return strings.Compare(a.name, b.name) }) {
				t.Error("not sorted by name")
			}
		})
	}
}

func TestReadDirMissing(t *testing.T) {
	_, err := readDir(filepath.Join(t.TempDir(), "absent"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "absent") {
		t.Errorf("error %v, want one naming the missing folder", err)
	}
}
