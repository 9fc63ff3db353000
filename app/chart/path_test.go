package chart

import "testing"

func TestPathData(t *testing.T) {
	tests := []struct {
		name  string
		paths [][]Vec
		want  string
	}{
		{"none", nil, ""},
		{"polyline", [][]Vec{{{0, 0}, {10.04, 5.06}, {20, -0.01}}}, "M0 0L10 5.1L20 0"},
		{"broken", [][]Vec{{{1, 1}, {2, 2}}, {{4, 4}, {5, 5}}}, "M1 1L2 2M4 4L5 5"},
		// A lone point is a tiny segment, drawn as a dot by round caps.
		{"lone point", [][]Vec{{{3, 4}}}, "M3 4h0.01"},
	}
	for _, tt := range tests {
		if got := PathData(tt.paths); got != tt.want {
			t.Errorf("%s: PathData(%v) = %q, want %q", tt.name, tt.paths, got, tt.want)
		}
	}
}

func TestMarkerData(t *testing.T) {
	got := MarkerData([]Vec{{10, 20}, {30.04, 5}}, 2.5)
	want := "M7.5 20a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0" +
		"M27.5 5a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0"
	if got != want {
		t.Errorf("MarkerData = %q, want %q", got, want)
	}
	if got := MarkerData(nil, 2); got != "" {
		t.Errorf("MarkerData(nil) = %q, want empty", got)
	}
}
