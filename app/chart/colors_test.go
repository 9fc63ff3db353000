package chart

import (
	"fmt"
	"maps"
	"slices"
	"testing"
)

func TestRunColors(t *testing.T) {
	ids := make([]string, 100)
	for i := range ids {
		ids[i] = fmt.Sprintf("%032x", i*7919)
	}
	tests := []struct {
		name     string
		ids      []string
		distinct int // colours expected among them
	}{
		{"one run", ids[:1], 1},
		{"as many runs as hues", ids[:7], 7},
		{"twenty runs", ids[:20], 20},
		{"the whole palette", ids[:35], 35},
		// Past the palette, colours repeat.
		{"a hundred runs", ids, 35},
		{"duplicates", []string{ids[0], ids[0], ids[1]}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RunColors(tt.ids)
			seen := map[string]bool{}
			for _, c := range got {
				seen[c] = true
			}
			if len(seen) != tt.distinct {
				t.Errorf("RunColors of %d runs uses %d colours, want %d", len(tt.ids), len(seen), tt.distinct)
			}
			rev := slices.Clone(tt.ids)
			slices.Reverse(rev)
			if !maps.Equal(RunColors(rev), got) {
				t.Errorf("the colours depend on the order of the runs")
			}
		})
	}
	if c := RunColors(ids[:1])[ids[0]]; c != RunColor(ids[0]) {
		t.Errorf("a run alone is %s, want its own colour %s", c, RunColor(ids[0]))
	}
}

func TestMix(t *testing.T) {
	for _, tt := range []struct {
		in     string
		amount float64
		want   string
	}{
		{"#0072B2", 0, "#0072B2"},
		{"#808080", 0.5, "#C0C0C0"},
		{"#808080", -0.5, "#404040"},
	} {
		if got := mix(tt.in, tt.amount); got != tt.want {
			t.Errorf("mix(%s, %v) = %s, want %s", tt.in, tt.amount, got, tt.want)
		}
	}
}
