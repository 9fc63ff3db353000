package mlruns

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mlscope/app/storefmt"
)

// TestAppendAfterTornLine appends a metric line to files in the states a
// crash can leave them in: a line torn by a kill or a full disk must not
// swallow the next line written, which the server acknowledges.
func TestAppendAfterTornLine(t *testing.T) {
	tests := []struct {
		name    string
		exists  bool
		before  string
		want    string
		badWant int // lines the reader skips afterwards
	}{
		{"no file", false, "", "200 2.0 2\n", 0},
		{"empty file", true, "", "200 2.0 2\n", 0},
		{"whole lines", true, "100 1.0 1\n", "100 1.0 1\n200 2.0 2\n", 0},
		// The torn line stays, marked so that no reader takes it for data.
		{"torn value", true, "100 1.0 1\n150 1.", "100 1.0 1\n150 1." + tornMark + "200 2.0 2\n", 1},
		{"torn step", true, "150 1.5 1", "150 1.5 1" + tornMark + "200 2.0 2\n", 1},
		{"torn after a space", true, "150 ", "150 " + tornMark + "200 2.0 2\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "loss")
			if tt.exists {
				write(t, p, tt.before)
			}
			if err := appendFile(p, []byte("200 2.0 2\n")); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("file holds %q, want %q", b, tt.want)
			}
			points, bad, err := storefmt.ParseHistory(strings.NewReader(string(b)), "loss")
			if err != nil || len(bad) != tt.badWant || len(points) == 0 ||
				points[len(points)-1].Step != 2 {
				t.Errorf("reader got %v, skipped %v, %v; want the appended point and %d skipped",
					points, bad, err, tt.badWant)
			}
		})
	}
}
