package ui

import (
	"testing"

	"mlscope/app/chart"
)

func TestFormatCount(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0"}, {999, "999"}, {1000, "1,000"}, {1234567, "1,234,567"}, {-45000, "-45,000"},
	}
	for _, tt := range tests {
		if got := formatCount(tt.n); got != tt.want {
			t.Errorf("formatCount(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestPlotAttrs(t *testing.T) {
	s := chart.Series{Name: "loss", Points: []chart.Point{{X: 0, Y: 1}, {X: 1, Y: 10}, {X: 2, Y: 100}}}
	build := func(o chartOptions) map[string]string {
		d := chartData{Series: []chart.Series{s}}
		return plotAttrs(chart.Build(d.spec("loss", o, 400, 200)), o)
	}
	lin := build(chartOptions{})
	log := build(chartOptions{YLog: true})
	smooth := build(chartOptions{Smoothing: 0.5})
	tests := []struct {
		name, attr, got, want string
	}{
		{"series", "data-series", lin["data-series"], "1"},
		{"lines", "data-lines", lin["data-lines"], "1"},
		{"smoothed lines", "data-lines", smooth["data-lines"], "2"},
		{"x min", "data-x-min", lin["data-x-min"], "0"},
		{"x max", "data-x-max", lin["data-x-max"], "2"},
		{"scale", "data-y-scale", log["data-y-scale"], "log"},
		{"x mode", "data-x-mode", lin["data-x-mode"], "step"},
		{"total", "data-total", lin["data-total"], "3"},
		{"smoothing", "data-smoothing", smooth["data-smoothing"], "0.5"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %s = %q, want %q", tt.name, tt.attr, tt.got, tt.want)
		}
	}
	if lin["data-digest"] == log["data-digest"] || lin["data-digest"] == smooth["data-digest"] {
		t.Errorf("digest did not change with the scale or smoothing: %s %s %s",
			lin["data-digest"], log["data-digest"], smooth["data-digest"])
	}
}
