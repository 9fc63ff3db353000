package chart

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestInnerRange(t *testing.T) {
	hundred := make([]float64, 101)
	for i := range hundred {
		hundred[i] = float64(100 - i)
	}
	tests := []struct {
		name   string
		in     []float64
		lo, hi float64
		ok     bool
	}{
		{"0 to 100", hundred, 5, 95, true},
		// Ranks 0.45 and 8.55 of 1…10 interpolate linearly.
		{"interpolated", []float64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 1.45, 9.55, true},
		{"one value", []float64{4}, 4, 4, true},
		{"outlier cut", []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1e9}, 1, 1, true},
		{"non-finite ignored", []float64{nan, 2, inf, 2, -inf}, 2, 2, true},
		{"nothing finite", []float64{nan, inf}, 0, 0, false},
		{"empty", nil, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi, ok := InnerRange(line(tt.in...))
			if ok != tt.ok || !near(lo, tt.lo) || !near(hi, tt.hi) {
				t.Fatalf("InnerRange(%v) = %v, %v, %v; want %v, %v, %v",
					tt.in, lo, hi, ok, tt.lo, tt.hi, tt.ok)
			}
		})
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

// TestPercentileMatchesSort compares quickselect with a sorted copy.
func TestPercentileMatchesSort(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 300; i++ {
		ys := make([]float64, 1+r.IntN(200))
		for j := range ys {
			ys[j] = float64(r.IntN(20)) // many ties
		}
		p := r.Float64()
		sorted := slices.Clone(ys)
		slices.Sort(sorted)
		rank := p * float64(len(ys)-1)
		k := int(rank)
		want := sorted[k]
		if k+1 < len(ys) {
			want += (rank - float64(k)) * (sorted[k+1] - sorted[k])
		}
		if got := percentile(slices.Clone(ys), p); !near(got, want) {
			t.Fatalf("percentile(%v, %v) = %v, want %v", ys, p, got, want)
		}
	}
}

func TestYRange(t *testing.T) {
	lo, hi, ok := YRange(line(nan, 3, -2, inf, 7))
	if lo != -2 || hi != 7 || !ok {
		t.Fatalf("YRange = %v, %v, %v; want -2, 7, true", lo, hi, ok)
	}
	if _, _, ok := YRange(line(nan)); ok {
		t.Fatalf("YRange of only NaN reported a range")
	}
}
