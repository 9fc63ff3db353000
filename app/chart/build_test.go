package chart

import (
	"math"
	"strings"
	"testing"
)

func series(name string, ys ...float64) Series {
	return Series{Name: name, Points: line(ys...)}
}

func ramp(n int) []float64 {
	ys := make([]float64, n)
	for i := range ys {
		ys[i] = float64(i)
	}
	return ys
}

func TestBuild(t *testing.T) {
	outlier := append(make([]float64, 99), 1000)
	for i := range 99 {
		outlier[i] = 1 + float64(i%3)
	}
	tests := []struct {
		name  string
		spec  Spec
		check func(t *testing.T, p Plot)
	}{
		{"one short series", Spec{Series: []Series{series("loss", 3, 1, 5, 2, 4)}},
			func(t *testing.T, p Plot) {
				want(t, p.Empty == "" && len(p.Lines) == 1 && len(p.Legend) == 1, "one line")
				want(t, p.X.Min == 0 && p.X.Max == 4, "x from 0 to 4")
				want(t, p.Y.Min < 1 && p.Y.Min > 0.5 && p.Y.Max > 5 && p.Y.Max < 5.5, "y padded by 5%")
				want(t, len(p.Lines[0].Markers) == 5 && p.Total == 5 && p.Drawn == 5, "5 markers")
				want(t, p.Legend[0].Color == Palette[0], "first palette colour")
			}},
		{"manual y range", Spec{Series: []Series{series("loss", 3, 1, 5)}, YMin: 0, YMax: 10},
			func(t *testing.T, p Plot) {
				want(t, p.Y.Min == 0 && p.Y.Max == 10, "y exactly from 0 to 10")
			}},
		{"manual y range on a log scale", Spec{Series: []Series{series("loss", 3, 1, 5)},
			YLog: true, YMin: 0.1, YMax: 100},
			func(t *testing.T, p Plot) {
				want(t, math.Abs(p.Y.Min-0.1) < 1e-12 && math.Abs(p.Y.Max-100) < 1e-9,
					"y from 0.1 to 100")
			}},
		{"unusable manual range", Spec{Series: []Series{series("loss", 3, 1, 5)},
			YLog: true, YMin: 0, YMax: 100},
			func(t *testing.T, p Plot) { want(t, p.Y.Min > 0, "the data's range on a log scale") }},
		{"nothing logged", Spec{},
			func(t *testing.T, p Plot) { want(t, p.Empty == "No values logged yet.", "empty") }},
		{"only NaN", Spec{Series: []Series{series("x", nan, nan)}},
			func(t *testing.T, p Plot) { want(t, strings.Contains(p.Empty, "NaN or infinite"), "why") }},
		{"smoothed", Spec{Series: []Series{series("x", 1, 3, 2, 5)}, Smoothing: 0.6},
			func(t *testing.T, p Plot) {
				want(t, len(p.Lines) == 2, "raw and smoothed lines")
				want(t, p.Lines[0].Opacity < 0.5 && p.Lines[1].Opacity == 1, "raw line faint, below")
			}},
		{"log scale", Spec{Series: []Series{series("x", 0.001, 1, 1000, 0)}, YLog: true},
			func(t *testing.T, p Plot) {
				want(t, p.Y.Log && p.Y.Min > 0 && p.Y.Min < 0.001 && p.Y.Max > 1000, "log y range")
				want(t, labels(p.Y.Ticks) == "0.01 1 100", "every other decade, got "+labels(p.Y.Ticks))
				want(t, len(p.Notes) == 1 && strings.Contains(p.Notes[0].Text, "1 value at or below zero") &&
					!p.Notes[0].Gaps, "note")
			}},
		{"log of nothing positive", Spec{Series: []Series{series("x", 0, -1)}, YLog: true},
			func(t *testing.T, p Plot) { want(t, strings.Contains(p.Empty, "positive"), "why") }},
		{"gaps", Spec{Series: []Series{series("x", 1, nan, nan, 2, inf, 3)}},
			func(t *testing.T, p Plot) {
				want(t, len(p.Bands) == 2 && len(p.Lines[0].Paths) == 3, "two gaps, three pieces")
				want(t, len(p.Notes) == 1 && strings.Contains(p.Notes[0].Text, "2 NaN and 1 +Inf") &&
					p.Notes[0].Gaps, "gap note")
			}},
		{"zoomed", Spec{Series: []Series{series("x", ramp(100)...)}, XMin: 10, XMax: 20},
			func(t *testing.T, p Plot) {
				want(t, p.X.Min == 10 && p.X.Max == 20 && p.Total == 11, "x from 10 to 20")
				want(t, p.Y.Min > 9 && p.Y.Max < 21, "y from the values in view")
			}},
		{"outliers kept", Spec{Series: []Series{series("x", outlier...)}},
			func(t *testing.T, p Plot) { want(t, p.Y.Max >= 1000, "y reaches the outlier") }},
		{"outliers ignored", Spec{Series: []Series{series("x", outlier...)}, IgnoreOutliers: true},
			func(t *testing.T, p Plot) { want(t, p.Y.Max < 4 && p.Y.Min > 0.5, "y from the 5th to 95th percentile") }},
		// The outlier is drawn off the chart, where the line is clipped:
		// it gets no marker.
		{"marker of an ignored outlier", Spec{Series: []Series{series("x", outlier[78:]...)},
			IgnoreOutliers: true},
			func(t *testing.T, p Plot) { want(t, len(p.Lines[0].Markers) == 21, "21 of 22 markers") }},
		{"downsampled", Spec{Series: []Series{series("x", ramp(10000)...)}},
			func(t *testing.T, p Plot) {
				want(t, p.Drawn <= int(p.Area.W) && p.Total == 10000, "one point per pixel")
				want(t, p.Lines[0].Markers == nil, "no markers on a long series")
			}},
		{"one value", Spec{Series: []Series{series("x", 7)}},
			func(t *testing.T, p Plot) {
				want(t, p.X.Min == -1 && p.X.Max == 1, "a step either side")
				want(t, len(p.Lines[0].Paths) == 1 && len(p.Lines[0].Markers) == 1, "a dot")
			}},
		{"theme palette", Spec{Series: []Series{series("a", 1, 2), series("b", 2, 1)},
			Palette: []string{"#111"}},
			func(t *testing.T, p Plot) {
				want(t, p.Legend[0].Color == "#111" && p.Legend[1].Color == "#111", "palette reused in turn")
			}},
		{"two series", Spec{Series: []Series{series("a", 1, 2), {Name: "b", Color: "red", Points: line(5, nan)}}},
			func(t *testing.T, p Plot) {
				want(t, len(p.Lines) == 2 && p.Legend[1].Color == "red", "two lines, given colour kept")
				want(t, len(p.Notes) == 1 && strings.HasPrefix(p.Notes[0].Text, "b: "), "note names the series")
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.spec.Width, tt.spec.Height = 400, 200
			p := Build(tt.spec)
			tt.check(t, p)
			inside(t, p)
		})
	}
}

func want(t *testing.T, ok bool, what string) {
	t.Helper()
	if !ok {
		t.Errorf("want %s", what)
	}
}

// inside checks that ticks sit on their axis within the plotting area.
func inside(t *testing.T, p Plot) {
	t.Helper()
	a := p.Area
	for _, tk := range p.X.Ticks {
		if tk.Pos < a.X-0.01 || tk.Pos > a.X+a.W+0.01 {
			t.Errorf("x tick %q at %v outside [%v, %v]", tk.Label, tk.Pos, a.X, a.X+a.W)
		}
	}
	for _, tk := range p.Y.Ticks {
		if tk.Pos < a.Y-0.01 || tk.Pos > a.Y+a.H+0.01 {
			t.Errorf("y tick %q at %v outside [%v, %v]", tk.Label, tk.Pos, a.Y, a.Y+a.H)
		}
	}
}

func TestAxisRoundTrip(t *testing.T) {
	for _, log := range []bool{false, true} {
		p := Build(Spec{Width: 300, Height: 150, YLog: log,
			Series: []Series{series("x", 0.5, 20, 300)}})
		for _, v := range []float64{1, 10, 100} {
			if got := p.Y.Value(p.Y.Pos(v)); !nearRel(got, v) {
				t.Errorf("log=%v: Value(Pos(%v)) = %v", log, v, got)
			}
			if got := p.X.Value(p.X.Pos(v / 100)); !nearRel(got, v/100) {
				t.Errorf("x: Value(Pos(%v)) = %v", v/100, got)
			}
		}
	}
}

func nearRel(a, b float64) bool { return near(a/b, 1) || a == b }

// BenchmarkBuild1M lays out a million-point history with smoothing and
// outliers ignored: what a chart redraw costs after a toolbar change.
func BenchmarkBuild1M(b *testing.B) {
	s := Spec{Width: 1000, Height: 240, Smoothing: 0.9, IgnoreOutliers: true,
		Series: []Series{{Name: "loss", Points: history1M()}}}
	for b.Loop() {
		if p := Build(s); p.Drawn > 2000 {
			b.Fatal("too many points")
		}
	}
}
