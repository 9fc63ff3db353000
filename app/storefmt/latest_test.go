package storefmt

import (
	"strings"
	"testing"
)

func TestScanLatest(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		found    bool
		step     int64
		consumed int64
		bad      int
	}{
		{"whole lines", "1 0.5 0\n2 0.4 1\n", true, 1, 16, 0},
		{"partial last line is left", "1 0.5 0\n2 0.4", true, 0, 8, 0},
		{"bad line", "x\n1 0.5 3\n", true, 3, 10, 1},
		{"empty", "", false, 0, 0, 0},
		{"long line", strings.Repeat("9", 40000) + "\n1 1 1\n", true, 1, 40007, 1},
	}
	for _, tt := range tests {
		ts, err := ScanLatest(strings.NewReader(tt.in), "k")
		if err != nil || ts.Found != tt.found || ts.Latest.Step != tt.step ||
			ts.Consumed != tt.consumed || len(ts.Bad) != tt.bad {
			t.Errorf("%s: %+v, %v", tt.name, ts, err)
		}
	}
	// Reading a file in two parts gives what one read gives.
	full := "1 0.5 0\n2 0.4 5\n3 0.3 2\n"
	a, _ := ScanLatest(strings.NewReader(full[:11]), "k")
	b, _ := ScanLatest(strings.NewReader(full[a.Consumed:]), "k")
	if a.Consumed != 8 || !b.Found || b.Latest.Step != 5 {
		t.Errorf("split scan: %+v then %+v", a, b)
	}
}
