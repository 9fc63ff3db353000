package storefmt

import (
	"bytes"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"mlscope/app/mlflow"
)

func TestScanColumns(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		wantSteps []int64
		wantBad   []int
		consumed  int
	}{
		{"clean", "1 0.5 0\n2 0.4 1\n", []int64{0, 1}, nil, 16},
		// A last line without its newline is left for the next scan.
		{"partial last line", "1 0.5 0\n2 0.4", []int64{0}, nil, 8},
		{"malformed line", "1 0.5 0\nx\n3 0.3 2\n", []int64{0, 2}, []int{2}, 18},
		{"dataset line", "1 0.5 0\n2 0.4 1 eval d1\n", []int64{0, 1}, nil, 24},
		{"long line", strings.Repeat("9", 70000) + "\n1 2 3\n", []int64{3}, []int{1}, 70007},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Columns{Key: "k"}
			n, bad, err := ScanColumns(strings.NewReader(tt.file), &c)
			var lines []int
			for _, b := range bad {
				lines = append(lines, b.Line)
			}
			if err != nil || n != int64(tt.consumed) || !equal(c.Steps, tt.wantSteps) ||
				!equal(lines, tt.wantBad) {
				t.Fatalf("ScanColumns(%.40q) = steps %v, bad %v, consumed %d, %v; want %v, %v, %d",
					tt.file, c.Steps, lines, n, err, tt.wantSteps, tt.wantBad, tt.consumed)
			}
		})
	}
}

// TestColumnsDatasets checks that values keep their datasets, including
// values logged without one before and after.
func TestColumnsDatasets(t *testing.T) {
	c := Columns{Key: "k"}
	file := "1 0.5 0\n2 0.4 1 eval d1\n3 0.3 2\n4 0.2 3 eval d1\n5 0.1 4 test d2\n"
	if _, _, err := ScanColumns(strings.NewReader(file), &c); err != nil {
		t.Fatal(err)
	}
	want, _, _ := ParseHistory(strings.NewReader(file), "k")
	got := c.Metrics()
	if len(got) != len(want) {
		t.Fatalf("got %d values, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("value %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestColumnsExtend checks that a copy taken before an append keeps its
// values while the original grows, as the history cache relies on.
func TestColumnsExtend(t *testing.T) {
	c := Columns{Key: "k"}
	c.Grow(10)
	c.Append(mlflow.Metric{Step: 1, Value: 1})
	snap := c
	c.Append(mlflow.Metric{Step: 2, Value: 2})
	if snap.Len() != 1 || c.Len() != 2 || snap.Steps[0] != 1 || c.Steps[1] != 2 {
		t.Fatalf("snapshot %v, original %v", snap.Steps, c.Steps)
	}
}

// FuzzMetricLine checks that the fast path reads every line exactly as
// the general reader does.
func FuzzMetricLine(f *testing.F) {
	for _, s := range []string{"1 0.5 0\n", "1 nan", "1 2 3 a b", "+1 -2 -0\r\n", " 1 2 3",
		"1 1e400 2", "1 0x1p-2 3", "99999999999999999999 1 2", "1 2 3 ", "1 inf\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		fast, ferr := ParseMetricLine("k", line)
		slow, serr := parseLineFields("k", line)
		if (ferr == nil) != (serr == nil) || ferr == nil && !sameMetric(fast, slow) ||
			!reflect.DeepEqual(fast.MetricScope, slow.MetricScope) {
			t.Fatalf("%q: fast %+v, %v; general %+v, %v", line, fast, ferr, slow, serr)
		}
	})
}

func TestScanLineAllocs(t *testing.T) {
	line := []byte("1733250310000 0.8414709848078965 123456\n")
	n := testing.AllocsPerRun(100, func() {
		if _, _, _, ok := scanLine(line); !ok {
			t.Fatal("not read")
		}
	})
	if n != 0 {
		t.Errorf("scanLine allocates %v times per line, want 0", n)
	}
}

// millionLines is a 1,000,000-line metric file as MLflow writes it.
func millionLines(tb testing.TB) []byte {
	tb.Helper()
	var b bytes.Buffer
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 1_000_000 {
		v := 0.3 + 1.5*math.Exp(-float64(i)/3e5) + 0.04*r.NormFloat64()
		b.WriteString(strconv.FormatInt(1733250310000+int64(i)*10, 10))
		b.WriteByte(' ')
		b.WriteString(mlflow.PythonString(v))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(i))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// BenchmarkParseHistory1M reads a 1,000,000-line metric file into columns,
// as the server's history cache does on a miss.
func BenchmarkParseHistory1M(b *testing.B) {
	file := millionLines(b)
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	for b.Loop() {
		c := Columns{Key: "loss"}
		c.Grow(len(file) / 30)
		if _, bad, err := ScanColumns(bytes.NewReader(file), &c); err != nil || len(bad) > 0 ||
			c.Len() != 1_000_000 {
			b.Fatalf("%d values, %d bad lines, %v", c.Len(), len(bad), err)
		}
	}
}

// BenchmarkParseHistory1MMetrics reads the same file as MLflow's entities.
func BenchmarkParseHistory1MMetrics(b *testing.B) {
	file := millionLines(b)
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	for b.Loop() {
		if pts, _, _ := ParseHistory(bytes.NewReader(file), "loss"); len(pts) != 1_000_000 {
			b.Fatalf("%d values", len(pts))
		}
	}
}
