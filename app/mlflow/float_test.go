package mlflow

import (
	"encoding/json"
	"math"
	"testing"
)

func TestFloatJSON(t *testing.T) {
	tests := []struct {
		name string
		in   float64
		want string
	}{
		{"plain", 0.25, `0.25`},
		{"integer", 3, `3`},
		{"tiny", 1e-05, `1e-05`},
		{"nan", math.NaN(), `"NaN"`},
		{"inf", math.Inf(1), `"Infinity"`},
		{"minus inf", math.Inf(-1), `"-Infinity"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(Float(tt.in))
			if err != nil || string(b) != tt.want {
				t.Fatalf("Marshal(%v) = %s, %v; want %s", tt.in, b, err, tt.want)
			}
			var back Float
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("Unmarshal(%s): %v", b, err)
			}
			if !(float64(back) == tt.in || math.IsNaN(tt.in) && math.IsNaN(float64(back))) {
				t.Fatalf("round trip of %v gave %v", tt.in, back)
			}
		})
	}
}

func TestFloatUnmarshalRefuses(t *testing.T) {
	for _, in := range []string{`true`, `null`, `"abc"`, `""`, `"nan"`, `[1]`} {
		var f Float
		if err := json.Unmarshal([]byte(in), &f); err == nil {
			t.Errorf("Unmarshal(%s) = %v, want an error", in, f)
		}
	}
	var f Float
	if err := json.Unmarshal([]byte(`"1.5"`), &f); err != nil || f != 1.5 {
		t.Errorf(`Unmarshal("1.5") = %v, %v; want 1.5`, f, err)
	}
}

func TestPythonString(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0.25, "0.25"},
		{3, "3.0"},
		{-2, "-2.0"},
		{1e-05, "1e-05"},
		{0.0001, "0.0001"},
		{1.2345678901234568e+17, "1.2345678901234568e+17"},
		{1e16, "1e+16"},
		{123456789012345.0, "123456789012345.0"},
		{math.NaN(), "nan"},
		{math.Inf(1), "inf"},
		{math.Inf(-1), "-inf"},
		{0, "0.0"},
		{0.30000000000000004, "0.30000000000000004"},
	}
	for _, tt := range tests {
		if got := PythonString(tt.in); got != tt.want {
			t.Errorf("PythonString(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMetricLater(t *testing.T) {
	a := Metric{Step: 1, Timestamp: 5, Value: 1}
	tests := []struct {
		name string
		b    Metric
		want bool // b.Later(a)
	}{
		{"greater step wins", Metric{Step: 2, Timestamp: 1, Value: 0}, true},
		{"same step, later time", Metric{Step: 1, Timestamp: 6, Value: 0}, true},
		{"same step and time, larger value", Metric{Step: 1, Timestamp: 5, Value: 2}, true},
		{"equal", a, false},
		{"smaller step", Metric{Step: 0, Timestamp: 9, Value: 9}, false},
		// NaN never compares greater, as in Python's max over tuples.
		{"nan value", Metric{Step: 1, Timestamp: 5, Value: Float(math.NaN())}, false},
	}
	for _, tt := range tests {
		if got := tt.b.Later(a); got != tt.want {
			t.Errorf("%s: Later = %v, want %v", tt.name, got, tt.want)
		}
	}
}
