package ui

import (
	"math"
	"testing"
	"time"
)

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0.70710678, "0.70711"},
		{3, "3"},
		{1234.5678, "1234.6"},
		{1e-5, "1.000e-05"},
		{2.5e7, "25000000"},
		{2.5e7 + 0.5, "2.500e+07"},
		{math.NaN(), "NaN"},
		{math.Inf(-1), "-∞"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.in); got != tt.want {
			t.Errorf("formatNumber(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{850 * time.Millisecond, "850 ms"},
		{3200 * time.Millisecond, "3.2 s"},
		{72 * time.Second, "1 min 12 s"},
		{72 * time.Minute, "1 h 12 min"},
		{50 * time.Hour, "2 d 2 h"},
		{-time.Second, "-"},
	}
	for _, tt := range tests {
		if got := formatDuration(tt.in); got != tt.want {
			t.Errorf("formatDuration(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatAgo(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		ago  time.Duration
		want string
	}{
		{10 * time.Second, "just now"},
		{5 * time.Minute, "5 min ago"},
		{3 * time.Hour, "3 h ago"},
		{49 * time.Hour, "2 d ago"},
		{90 * 24 * time.Hour, "2026-09-04"},
	}
	for _, tt := range tests {
		if got := formatAgo(now.Add(-tt.ago), now); got != tt.want {
			t.Errorf("formatAgo(-%v) = %q, want %q", tt.ago, got, tt.want)
		}
	}
}

func TestParsePlace(t *testing.T) {
	tests := []struct {
		path string
		want place
	}{
		{"/", place{kind: "home"}},
		{"/experiments/12", place{kind: "experiment", experimentID: "12"}},
		{"/experiments/12/runs/abc", place{kind: "run", experimentID: "12", runID: "abc"}},
		{"/experiments/12/", place{kind: "experiment", experimentID: "12"}},
		{"/nope", place{kind: "notfound"}},
		{"/compare-runs", place{kind: "compare"}},
		{"/compare-experiments", place{kind: "experiment", several: true}},
		{"/compare-experiments/s", place{kind: "experiment", several: true}},
	}
	for _, tt := range tests {
		if got := parsePlace(tt.path); got != tt.want {
			t.Errorf("parsePlace(%q) = %+v, want %+v", tt.path, got, tt.want)
		}
	}
	for frag, want := range map[string]string{
		"/experiments/1/runs/abc": "/experiments/1/runs/abc",
		"/experiments/1":          "/experiments/1",
		"section-2":               "",
		"/models":                 "/models",
		// mlflow ui's compare links hold JSON lists.
		`/compare-runs?runs=["a1","b2"]&experiments=["3"]`: "/compare-runs?runs=a1,b2",
		`/compare-experiments/s?experiments=["1","22"]`:    "/compare-experiments?experiments=1,22",
	} {
		if got := legacyTarget(frag); got != want {
			t.Errorf("legacyTarget(%q) = %q, want %q", frag, got, want)
		}
	}
}
