package storefmt

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"mlscope/app/mlflow"
)

func TestParseMetricLine(t *testing.T) {
	tests := []struct {
		name    string
		line    string
		want    mlflow.Metric
		wantErr string
	}{
		{"three fields", "1721450907221 0.25 3", mlflow.Metric{Timestamp: 1721450907221, Value: 0.25, Step: 3}, ""},
		{"oldest two fields", "1600000000000 1.5", mlflow.Metric{Timestamp: 1600000000000, Value: 1.5}, ""},
		{"windows line end", "1 2 3\r\n", mlflow.Metric{Timestamp: 1, Value: 2, Step: 3}, ""},
		{"negative step", "1 2 -4", mlflow.Metric{Timestamp: 1, Value: 2, Step: -4}, ""},
		{"python exponent", "1 1e-05 0", mlflow.Metric{Timestamp: 1, Value: 1e-05}, ""},
		// MLflow 3 ties a value to a dataset with two more fields.
		{"dataset fields", "1 0.5 7 eval abc123", mlflow.Metric{Timestamp: 1, Value: 0.5, Step: 7,
			MetricScope: &mlflow.MetricScope{DatasetName: "eval", DatasetDigest: "abc123"}}, ""},
		{"four fields", "1 2 3 4", mlflow.Metric{}, "4 fields"},
		{"blank", "", mlflow.Metric{}, "1 fields"},
		{"double space", "1  2 3", mlflow.Metric{}, "4 fields"},
		{"float timestamp", "1.7e12 2 3", mlflow.Metric{}, "timestamp"},
		{"float step", "1 2 5.0", mlflow.Metric{}, "step"},
		{"word value", "1 abc 3", mlflow.Metric{}, "not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMetricLine("k", tt.line)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseMetricLine(%q) error = %v, want one containing %q", tt.line, err, tt.wantErr)
				}
				return
			}
			tt.want.Key = "k"
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ParseMetricLine(%q) = %+v, %v; want %+v", tt.line, got, err, tt.want)
			}
		})
	}
}

func TestParseMetricLineNonFinite(t *testing.T) {
	for line, want := range map[string]float64{
		"1 nan 0": math.NaN(), "1 inf 0": math.Inf(1), "1 -inf 0": math.Inf(-1), "1 1e400 0": math.Inf(1),
	} {
		m, err := ParseMetricLine("k", line)
		v := float64(m.Value)
		if err != nil || !(v == want || math.IsNaN(v) && math.IsNaN(want)) {
			t.Errorf("ParseMetricLine(%q) = %v, %v; want %v", line, v, err, want)
		}
	}
}

func TestParseHistory(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		wantSteps []int64
		wantBad   []int // line numbers
	}{
		{"clean", "1 0.5 0\n2 0.4 1\n3 0.3 2\n", []int64{0, 1, 2}, nil},
		{"empty file", "", nil, nil},
		// A crash in the middle of an append leaves a line without newline.
		{"truncated last line", "1 0.5 0\n2 0.4", []int64{0}, []int{2}},
		{"malformed middle line", "1 0.5 0\ngarbage\n3 0.3 2\n", []int64{0, 2}, []int{2}},
		{"blank line", "1 0.5 0\n\n3 0.3 2\n", []int64{0, 2}, []int{2}},
		{"long line", "1 0.5 0\n" + strings.Repeat("9", 40000) + "\n3 0.3 2\n", []int64{0, 2}, []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pts, bad, err := ParseHistory(strings.NewReader(tt.file), "loss")
			if err != nil {
				t.Fatal(err)
			}
			var steps []int64
			for _, p := range pts {
				steps = append(steps, p.Step)
			}
			var lines []int
			for _, b := range bad {
				lines = append(lines, b.Line)
			}
			if !equal(steps, tt.wantSteps) || !equal(lines, tt.wantBad) {
				t.Fatalf("ParseHistory(%q): steps %v bad %v; want %v and %v", tt.file, steps, lines, tt.wantSteps, tt.wantBad)
			}
		})
	}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestLatest(t *testing.T) {
	pts := []mlflow.Metric{
		{Step: 2, Timestamp: 10, Value: 1},
		{Step: 5, Timestamp: 1, Value: 3}, // highest step wins although logged earlier
		{Step: 1, Timestamp: 99, Value: 9},
	}
	m, ok := Latest(pts)
	if !ok || m.Step != 5 {
		t.Fatalf("Latest = %+v, %v; want step 5", m, ok)
	}
	if _, ok := Latest(nil); ok {
		t.Fatal("Latest(nil) reported a value")
	}
}

func FuzzParseHistory(f *testing.F) {
	for _, s := range []string{"1 0.5 0\n", "1 nan\n", "1 2 3 a b\n", "x\n\n", "1 2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pts, bad, err := ParseHistory(strings.NewReader(s), "k")
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(s, "\n") + 1
		if len(pts)+len(bad) > lines {
			t.Fatalf("%d points and %d bad lines from %d lines", len(pts), len(bad), lines)
		}
		for _, p := range pts {
			if got := FormatMetricLine(p); p.MetricScope == nil {
				back, err := ParseMetricLine("k", got)
				if err != nil || !sameMetric(back, p) {
					t.Fatalf("round trip %+v -> %q -> %+v, %v", p, got, back, err)
				}
			}
		}
	})
}

func sameMetric(a, b mlflow.Metric) bool {
	av, bv := float64(a.Value), float64(b.Value)
	return a.Key == b.Key && a.Timestamp == b.Timestamp && a.Step == b.Step &&
		(av == bv || math.IsNaN(av) && math.IsNaN(bv)) &&
		reflect.DeepEqual(a.MetricScope, b.MetricScope)
}
