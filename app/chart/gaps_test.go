package chart

import (
	"fmt"
	"testing"
)

func TestGaps(t *testing.T) {
	tests := []struct {
		name string
		ys   []float64
		want string // start-end:NaN/+Inf/-Inf per gap
	}{
		{"none", []float64{1, 2}, ""},
		{"one NaN", []float64{1, nan, 2}, "1-1:1/0/0"},
		{"run of kinds", []float64{1, nan, inf, -inf, 2}, "1-3:1/1/1"},
		{"at both ends", []float64{inf, 1, -inf}, "0-0:0/1/0 2-2:0/0/1"},
		{"all", []float64{nan, nan}, "0-1:2/0/0"},
	}
	for _, tt := range tests {
		got := ""
		for i, g := range Gaps(line(tt.ys...)) {
			if i > 0 {
				got += " "
			}
			got += fmt.Sprintf("%d-%d:%d/%d/%d", g.Start, g.End, g.NaN, g.PosInf, g.NegInf)
			if g.From != float64(g.Start) || g.To != float64(g.End) || g.Count() != g.End-g.Start+1 {
				t.Errorf("%s: gap %+v has wrong X or count", tt.name, g)
			}
		}
		if got != tt.want {
			t.Errorf("%s: Gaps(%v) = %q, want %q", tt.name, tt.ys, got, tt.want)
		}
	}
}

func TestSplitAtGaps(t *testing.T) {
	ys := []float64{0, 1, nan, 3, 4, inf, nan, 7, 8}
	tests := []struct {
		name string
		kept []int
		want string
	}{
		{"every finite point", []int{0, 1, 3, 4, 7, 8}, "[[0 1] [3 4] [7 8]]"},
		// Points next to a gap were dropped: the break still falls
		// between the kept ones on either side.
		{"downsampled", []int{0, 4, 8}, "[[0] [4] [8]]"},
		{"no gap between", []int{0, 1}, "[[0 1]]"},
		{"empty", nil, "[]"},
	}
	gaps := Gaps(line(ys...))
	for _, tt := range tests {
		if got := fmt.Sprint(splitAtGaps(tt.kept, gaps)); got != tt.want {
			t.Errorf("%s: splitAtGaps(%v) = %s, want %s", tt.name, tt.kept, got, tt.want)
		}
	}
}
