package storefmt

import (
	"bytes"
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
		tb := ScanLatestBytes([]byte(tt.in), "k")
		if tb.Found != tt.found || tb.Latest.Step != tt.step ||
			tb.Consumed != tt.consumed || len(tb.Bad) != tt.bad {
			t.Errorf("%s, from bytes: %+v", tt.name, tb)
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

// FuzzScanLatestBytes checks that a scan of bytes in memory learns what a
// scan through a reader learns.
func FuzzScanLatestBytes(f *testing.F) {
	for _, s := range []string{"1 0.5 0\n2 0.4 1\n", "x\n1 nan 3\n2 -inf", "1 1 1 d x\r\n",
		strings.Repeat("7", 33000) + "\n1 2 3\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ScanLatest(bytes.NewReader(b), "k")
		if err != nil {
			t.Fatal(err)
		}
		m := ScanLatestBytes(b, "k")
		same := r.Found == m.Found && r.Consumed == m.Consumed && len(r.Bad) == len(m.Bad) &&
			sameMetric(r.Latest, m.Latest)
		if !same {
			t.Fatalf("reader %+v, bytes %+v", r, m)
		}
	})
}
