package ui

import (
	"math"
	"testing"
	"time"

	"mlscope/app/chart"
)

func TestReadoutAt(t *testing.T) {
	start := time.Date(2024, 12, 3, 19, 42, 10, 0, time.Local).UnixMilli()
	s := chart.Series{
		Name:   "loss",
		Points: []chart.Point{{X: 0, Y: 0.1234567891}, {X: 5, Y: math.NaN()}, {X: 9, Y: math.Inf(-1)}},
		Steps:  []int64{0, 5, 9},
		Times:  []int64{start, start + 1500, start + 3_723_000},
		Start:  start,
	}
	tests := []struct {
		i    int
		want readout
	}{
		{0, readout{"loss", "0", "2024-12-03 19:42:10.000", "+0 ms", "0.1234567891"}},
		{1, readout{"loss", "5", "2024-12-03 19:42:11.500", "+1.5 s", "NaN"}},
		{2, readout{"loss", "9", "2024-12-03 20:44:13.000", "+1 h 2 min", "-Infinity"}},
	}
	for _, tt := range tests {
		if got := readoutAt(s, tt.i); got != tt.want {
			t.Errorf("readoutAt(%d) = %+v, want %+v", tt.i, got, tt.want)
		}
	}
}

func TestGroupKeys(t *testing.T) {
	got := groupKeys([]string{"train/loss", "rmse", "val/loss", "r2", "train/acc", "/odd", "a/b/c"})
	want := []chartGroup{
		{"", []string{"/odd", "r2", "rmse"}},
		{"a", []string{"a/b/c"}},
		{"train", []string{"train/acc", "train/loss"}},
		{"val", []string{"val/loss"}},
	}
	if len(got) != len(want) {
		t.Fatalf("groupKeys = %v, want %v", got, want)
	}
	for i := range want {
		if got[i].Name != want[i].Name || len(got[i].Keys) != len(want[i].Keys) {
			t.Fatalf("group %d = %v, want %v", i, got[i], want[i])
		}
		for j := range want[i].Keys {
			if got[i].Keys[j] != want[i].Keys[j] {
				t.Errorf("group %q key %d = %q, want %q", want[i].Name, j, got[i].Keys[j], want[i].Keys[j])
			}
		}
	}
	if got := groupKeys(nil); len(got) != 0 {
		t.Errorf("groupKeys(nil) = %v, want none", got)
	}
}
