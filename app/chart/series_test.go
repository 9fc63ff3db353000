package chart

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"mlscope/app/mlflow"
)

func TestFromMetrics(t *testing.T) {
	// Logged out of step order, with a retried step 1.
	ms := []mlflow.Metric{
		{Key: "loss", Value: 0.5, Timestamp: 3000, Step: 2},
		{Key: "loss", Value: 0.9, Timestamp: 1000, Step: 0},
		{Key: "loss", Value: 0.8, Timestamp: 4000, Step: 1},
		{Key: "loss", Value: 0.7, Timestamp: 2000, Step: 1},
	}
	tests := []struct {
		mode XMode
		want string // X:Y pairs in order
	}{
		{XStep, "0:0.9 1:0.7 1:0.8 2:0.5"},
		{XWallTime, "1000:0.9 2000:0.7 3000:0.5 4000:0.8"},
		{XRelative, "0:0.9 1000:0.7 2000:0.5 3000:0.8"},
	}
	for _, tt := range tests {
		t.Run(tt.mode.String(), func(t *testing.T) {
			s := FromMetrics("loss", ms, tt.mode)
			got := ""
			for i, p := range s.Points {
				if i > 0 {
					got += " "
				}
				got += fmt.Sprintf("%v:%v", p.X, p.Y)
			}
			if got != tt.want || s.Name != "loss" || s.Start != 1000 {
				t.Fatalf("FromMetrics(%v) = %q (%s from %d), want %q from 1000",
					tt.mode, got, s.Name, s.Start, tt.want)
			}
			for i, p := range s.Points {
				m := findMetric(ms, s.Steps[i], s.Times[i])
				if float64(m.Value) != p.Y {
					t.Errorf("point %d (step %d, time %d) has value %v, want %v",
						i, s.Steps[i], s.Times[i], p.Y, m.Value)
				}
			}
		})
	}
	if s := FromMetrics("none", nil, XRelative); len(s.Points) != 0 {
		t.Errorf("FromMetrics(nil) = %v, want no points", s.Points)
	}
}

func findMetric(ms []mlflow.Metric, step, ts int64) mlflow.Metric {
	for _, m := range ms {
		if m.Step == step && m.Timestamp == ts {
			return m
		}
	}
	return mlflow.Metric{}
}

func TestXModeString(t *testing.T) {
	for _, m := range []XMode{XStep, XWallTime, XRelative} {
		if got := ParseXMode(m.String()); got != m {
			t.Errorf("ParseXMode(%q) = %v, want %v", m.String(), got, m)
		}
	}
	if got := ParseXMode("bogus"); got != XStep {
		t.Errorf("ParseXMode(bogus) = %v, want step", got)
	}
}

func TestNearest(t *testing.T) {
	pts := []Point{{0, 1}, {2, 1}, {2, 3}, {5, 1}}
	tests := []struct {
		x    float64
		want int
	}{
		{-3, 0}, {0.9, 0}, {1, 0}, // a tie goes to the earlier point
		{1.5, 1}, {2, 1}, {3.4, 1}, {3.6, 3}, {9, 3},
	}
	for _, tt := range tests {
		if got := Nearest(pts, tt.x); got != tt.want {
			t.Errorf("Nearest(%v) = %d, want %d", tt.x, got, tt.want)
		}
	}
	if got := Nearest(nil, 1); got != -1 {
		t.Errorf("Nearest(nil) = %d, want -1", got)
	}
}

func TestAgainstMetric(t *testing.T) {
	m := func(step, ts int64, v float64) mlflow.Metric {
		return mlflow.Metric{Step: step, Timestamp: ts, Value: mlflow.Float(v)}
	}
	ys := []mlflow.Metric{m(0, 10, 1.0), m(1, 20, 0.8), m(2, 30, 0.5), m(3, 40, 0.4),
		m(2, 35, 0.45)} // step 2 logged twice: the later value counts
	xs := []mlflow.Metric{m(0, 11, 0.3), m(2, 31, 0.1), m(1, 21, 0.2), m(4, 50, 0.9),
		m(3, 41, math.NaN())} // no x at step 3 that can be drawn; no y at step 4
	s := AgainstMetric("loss", ys, xs)
	want := []Point{{0.1, 0.45}, {0.2, 0.8}, {0.3, 1.0}}
	if !slices.Equal(s.Points, want) {
		t.Errorf("points %v, want %v", s.Points, want)
	}
	if !slices.Equal(s.Steps, []int64{2, 1, 0}) || !slices.Equal(s.Times, []int64{35, 20, 10}) {
		t.Errorf("steps %v, times %v", s.Steps, s.Times)
	}
	if s.Start != 10 || XMetric.String() != "metric" || ParseXMode("metric") != XMetric {
		t.Errorf("start %d, mode %v", s.Start, XMetric)
	}
}
