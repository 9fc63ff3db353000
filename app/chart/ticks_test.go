package chart

import (
	"strings"
	"testing"
)

// labels joins the labels of ticks with spaces.
func labels(ts []Tick) string {
	var parts []string
	for _, t := range ts {
		parts = append(parts, t.Label)
	}
	return strings.Join(parts, " ")
}

func TestNiceStep(t *testing.T) {
	tests := []struct {
		span float64
		n    int
		want float64
	}{
		{1, 5, 0.2},
		{10, 5, 2},
		{100, 4, 20}, // 25 rounds to 2×10
		{7, 2, 5},    // 3.5 rounds up to 5
		{0.003, 3, 0.001},
		{1e9, 5, 2e8},
		{9, 1, 10},
		{0, 5, 0},
		{-1, 5, 0},
		{1, 0, 0},
	}
	for _, tt := range tests {
		if got := NiceStep(tt.span, tt.n); !near(got, tt.want) {
			t.Errorf("NiceStep(%v, %d) = %v, want %v", tt.span, tt.n, got, tt.want)
		}
	}
}

func TestLinearTicks(t *testing.T) {
	tests := []struct {
		name   string
		lo, hi float64
		n      int
		want   string
	}{
		{"unit", 0, 1, 5, "0 0.2 0.4 0.6 0.8 1"},
		{"around zero", -1.1, 1.1, 4, "-1 -0.5 0 0.5 1"},
		{"offset", 0.37, 0.93, 3, "0.4 0.6 0.8"},
		{"large", 0, 3e6, 3, "0 1e+06 2e+06 3e+06"},
		{"small", 1e-5, 5e-5, 4, "1e-05 2e-05 3e-05 4e-05 5e-05"},
		{"big integers", 1200, 1800, 3, "1200 1400 1600 1800"},
		{"one value", 2.5, 2.5, 5, "2.5"},
		{"nothing", 1, 0, 5, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := labels(LinearTicks(tt.lo, tt.hi, tt.n)); got != tt.want {
				t.Fatalf("LinearTicks(%v, %v, %d) = %q, want %q", tt.lo, tt.hi, tt.n, got, tt.want)
			}
		})
	}
}

func TestLogTicks(t *testing.T) {
	tests := []struct {
		name   string
		lo, hi float64
		n      int
		want   string
	}{
		{"decades", 0.5, 2000, 6, "1 10 100 1000"},
		{"with 2 and 5", 0.9, 120, 8, "1 2 5 10 20 50 100"},
		{"few ticks asked", 0.9, 120, 4, "1 10 100"},
		{"one power inside", 2, 30, 5, "2 5 10 20"},
		{"every other decade", 1e-6, 1e6, 6, "1e-06 0.0001 0.01 1 100 10000 1e+06"},
		{"tiny", 1e-9, 1e-7, 2, "1e-09 1e-08 1e-07"},
		// Less than a decade: linear ticks, placed on the log scale.
		{"within a decade", 2, 8, 3, "2 4 6 8"},
		{"not positive", 0, 10, 4, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := labels(LogTicks(tt.lo, tt.hi, tt.n)); got != tt.want {
				t.Fatalf("LogTicks(%v, %v, %d) = %q, want %q", tt.lo, tt.hi, tt.n, got, tt.want)
			}
		})
	}
}

func TestFormatTick(t *testing.T) {
	tests := []struct {
		v, step float64
		want    string
	}{
		{0, 0.1, "0"},
		{0.30000000000000004, 0.1, "0.3"},
		{1.25, 0.25, "1.25"},
		{-2, 0.5, "-2"},
		{150, 50, "150"},
		{2.5e6, 5e5, "2.5e+06"},
		{1.23456e7, 1e3, "1.2346e+07"},
		{3e-5, 1e-5, "3e-05"},
		{0.1234567, 0, "0.1235"},
	}
	for _, tt := range tests {
		if got := FormatTick(tt.v, tt.step); got != tt.want {
			t.Errorf("FormatTick(%v, %v) = %q, want %q", tt.v, tt.step, got, tt.want)
		}
	}
}

func TestFormatLogTick(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{1, "1"}, {0.001, "0.001"}, {20000, "20000"}, {1e5, "1e+05"}, {2e-7, "2e-07"},
	}
	for _, tt := range tests {
		if got := FormatLogTick(tt.v); got != tt.want {
			t.Errorf("FormatLogTick(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
