package chart

import (
	"math"
	"testing"
)

func TestSmooth(t *testing.T) {
	tests := []struct {
		name   string
		in     []float64
		weight float64
		want   []float64
	}{
		{"no smoothing", []float64{1, 5, 2}, 0, []float64{1, 5, 2}},
		{"negative weight is none", []float64{1, 5, 2}, -1, []float64{1, 5, 2}},
		{"constant stays", []float64{3, 3, 3}, 0.9, []float64{3, 3, 3}},
		// (0.5·1)/(1-0.5) = 1, then (0.25+1)/(1-0.25) = 5/3.
		{"debiased", []float64{1, 2}, 0.5, []float64{1, 5.0 / 3}},
		{"first value kept", []float64{7, 0, 0}, 0.9, []float64{7, 7 * 0.09 / 0.19, 7 * 0.081 / 0.271}},
		// Non-finite values pass through and do not count towards the
		// debiasing, as in TensorBoard.
		{"nan skipped", []float64{1, nan, 2}, 0.5, []float64{1, nan, 5.0 / 3}},
		{"inf skipped", []float64{1, inf, 2}, 0.5, []float64{1, inf, 5.0 / 3}},
		// A weight past the slider's end acts as 0.99: the second value
		// gets (0.01·10)/(1-0.99²).
		{"clamped", []float64{0, 10}, 2, []float64{0, 0.1 / (1 - 0.99*0.99)}},
		{"empty", nil, 0.5, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := line(tt.in...)
			got := Smooth(in, tt.weight)
			if len(got) != len(tt.want) {
				t.Fatalf("Smooth(%v, %v) has %d points, want %d", tt.in, tt.weight, len(got), len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i].Y
				if !(math.Abs(g-w) < 1e-9 || math.IsNaN(g) && math.IsNaN(w) || g == w) || got[i].X != in[i].X {
					t.Fatalf("Smooth(%v, %v)[%d] = %v, want %v", tt.in, tt.weight, i, got[i], w)
				}
			}
			if len(tt.in) > 1 && in[1].Y != tt.in[1] && !math.IsNaN(tt.in[1]) {
				t.Fatalf("Smooth changed its input")
			}
		})
	}
}
