package ui

import (
	"fmt"
	"testing"

	"mlscope/app/chart"
	"mlscope/app/mlflow"
)

// steps lists the steps of values, for comparing.
func steps(ms []mlflow.Metric) string { return fmt.Sprint(stepsOf(ms)) }

func stepsOf(ms []mlflow.Metric) []int64 {
	out := make([]int64, len(ms))
	for i, m := range ms {
		out[i] = m.Step
	}
	return out
}

func values(ss ...int64) []mlflow.Metric {
	out := make([]mlflow.Metric, len(ss))
	for i, s := range ss {
		out[i] = mlflow.Metric{Step: s, Timestamp: 1000 + s}
	}
	return out
}

func TestWithDetail(t *testing.T) {
	overview := values(0, 10, 20, 30, 40)
	tests := []struct {
		name   string
		detail []mlflow.Metric
		r      stepRange
		want   string
	}{
		{"no detail", nil, stepRange{}, "[0 10 20 30 40]"},
		{"inside", values(10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20), stepRange{10, 20, true},
			"[0 10 11 12 13 14 15 16 17 18 19 20 30 40]"},
		{"to the end", values(35, 40), stepRange{35, 40, true}, "[0 10 20 30 35 40]"},
		// A range with no values empties that part.
		{"empty range", nil, stepRange{5, 35, true}, "[0 40]"},
	}
	for _, tt := range tests {
		if got := steps(withDetail(overview, tt.detail, tt.r)); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestAppendLive(t *testing.T) {
	held := values(0, 1, 2)
	tests := []struct {
		name   string
		pushed []mlflow.Metric
		want   string
	}{
		{"new values", values(3, 4), "[0 1 2 3 4]"},
		// The stream may repeat values the chart loaded after it opened.
		{"overlap", values(2, 3), "[0 1 2 3]"},
		{"nothing new", values(1), "[0 1 2]"},
	}
	for _, tt := range tests {
		if got := steps(appendLive(held, tt.pushed)); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
	if steps(held) != "[0 1 2]" {
		t.Errorf("appendLive changed its input: %s", steps(held))
	}
}

func TestZoomSteps(t *testing.T) {
	s := chart.FromMetrics("a", values(0, 10, 20, 30, 40), chart.XStep)
	tests := []struct {
		name   string
		lo, hi float64
		want   stepRange
	}{
		{"between values", 12, 28, stepRange{10, 30, true}},
		{"on values", 10, 30, stepRange{10, 30, true}},
		{"past the end", 35, 90, stepRange{30, 40, true}},
	}
	for _, tt := range tests {
		got, ok := zoomSteps([]chart.Series{s}, tt.lo, tt.hi)
		if !ok || got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
	if _, ok := zoomSteps(nil, 0, 1); ok {
		t.Error("no series gave a range")
	}
}
