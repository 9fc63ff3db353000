package chart

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// line returns points at X = 0, 1, 2… with the given values.
func line(ys ...float64) []Point {
	pts := make([]Point, len(ys))
	for i, y := range ys {
		pts[i] = Point{float64(i), y}
	}
	return pts
}

var nan, inf = math.NaN(), math.Inf(1)

func TestLTTB(t *testing.T) {
	spike := make([]float64, 100)
	spike[50] = 100
	tests := []struct {
		name string
		pts  []Point
		n    int
		want []int
	}{
		{"empty", nil, 10, nil},
		{"no room", line(1, 2, 3), 0, nil},
		{"only non-finite", line(nan, inf, -inf), 5, nil},
		{"fewer than n", line(1, 2, 3), 5, []int{0, 1, 2}},
		{"fewer than n skips non-finite", line(1, nan, 3, inf), 5, []int{0, 2}},
		{"one", line(1, 2, 3, 4), 1, []int{0}},
		{"two keeps the ends", line(1, 2, 3, 4), 2, []int{0, 3}},
		// Worked by hand: bucket [1,2] keeps 2, whose triangle with (0,0)
		// and the next bucket's mean (3.5,2.5) is largest; bucket [3,4]
		// keeps the peak.
		{"hand-worked", line(0, 1, 0, 5, 0, 0), 4, []int{0, 2, 3, 5}},
		{"ends are the finite ones", line(nan, 0, 1, 0, 5, 0, 0, inf), 4, []int{1, 3, 4, 6}},
		{"a spike survives", line(spike...), 10, nil}, // checked below
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LTTB(tt.pts, tt.n)
			if tt.name == "a spike survives" {
				if !slices.Contains(got, 50) || len(got) > tt.n {
					t.Fatalf("LTTB(spike, %d) = %v, want ≤ %d indices including 50", tt.n, got, tt.n)
				}
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("LTTB(%v, %d) = %v, want %v", tt.pts, tt.n, got, tt.want)
			}
		})
	}
}

// checkLTTB verifies LTTB's contract on one input.
func checkLTTB(t *testing.T, pts []Point, n int) {
	t.Helper()
	got := LTTB(pts, n)
	first, last, count := finiteBounds(pts)
	if n < 1 || count == 0 {
		if got != nil {
			t.Fatalf("LTTB(n=%d, %d finite) = %v, want nil", n, count, got)
		}
		return
	}
	if len(got) > n {
		t.Fatalf("LTTB(n=%d) returned %d points", n, len(got))
	}
	if got[0] != first || (n > 1 && got[len(got)-1] != last) {
		t.Fatalf("LTTB(n=%d) = %v…%v, want first %d and last %d kept",
			n, got[0], got[len(got)-1], first, last)
	}
	for i, k := range got {
		if !finite(pts[k]) {
			t.Fatalf("LTTB kept non-finite point %d: %v", k, pts[k])
		}
		if i > 0 && (k <= got[i-1] || pts[k].X < pts[got[i-1]].X) {
			t.Fatalf("LTTB output not sorted at %d: %v", i, got)
		}
	}
}

func TestLTTBRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200; i++ {
		pts := make([]Point, r.IntN(500))
		x := 0.0
		for j := range pts {
			x += float64(r.IntN(3)) // repeated X values happen with steps
			y := r.NormFloat64()
			if r.IntN(10) == 0 {
				y = [...]float64{nan, inf, -inf}[r.IntN(3)]
			}
			pts[j] = Point{x, y}
		}
		checkLTTB(t, pts, r.IntN(60))
	}
}

func FuzzLTTB(f *testing.F) {
	f.Add([]byte{}, 3)
	f.Add(binary.LittleEndian.AppendUint64(nil, math.Float64bits(nan)), 1)
	seed := []byte{}
	for _, v := range []float64{0, 1, 0, 5, 0, 0, inf, 2, -inf, 3} {
		seed = binary.LittleEndian.AppendUint64(seed, math.Float64bits(v))
	}
	f.Add(seed, 4)
	f.Fuzz(func(t *testing.T, data []byte, n int) {
		// Each 8 bytes are a value; a byte of them also moves X on, so
		// that X is sorted but may repeat.
		var pts []Point
		x := 0.0
		for len(data) >= 8 {
			x += float64(data[0] % 4)
			y := math.Float64frombits(binary.LittleEndian.Uint64(data))
			pts = append(pts, Point{x, y})
			data = data[8:]
		}
		checkLTTB(t, pts, n%2000)
	})
}

// history1M is a noisy million-point training curve with a few NaNs.
func history1M() []Point {
	r := rand.New(rand.NewPCG(3, 4))
	pts := make([]Point, 1_000_000)
	for i := range pts {
		y := 1/math.Sqrt(float64(i+1)) + 0.05*r.NormFloat64()
		if i%100_003 == 7 {
			y = nan
		}
		pts[i] = Point{float64(i), y}
	}
	return pts
}

// BenchmarkLTTB1M reduces a million points to a thousand, about the width
// of a chart; issue 5 asks for well under 50 ms.
func BenchmarkLTTB1M(b *testing.B) {
	pts := history1M()
	b.ResetTimer()
	for b.Loop() {
		if len(LTTB(pts, 1000)) > 1000 {
			b.Fatal("too many points")
		}
	}
}
