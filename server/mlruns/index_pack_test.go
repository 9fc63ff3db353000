package mlruns

import (
	"slices"
	"strings"
	"testing"
	"unsafe"

	"mlscope/app/mlflow"
)

// TestPackedSlicesKeepApart: slices packed side by side in one block do
// not share room, so an append to one never overwrites the next.
func TestPackedSlicesKeepApart(t *testing.T) {
	var b block[mlflow.Tag]
	first := b.copy([]mlflow.Tag{{Key: "a", Value: "1"}})
	second := b.copy([]mlflow.Tag{{Key: "b", Value: "2"}})
	grown := append(first, mlflow.Tag{Key: "c", Value: "3"})
	if second[0].Key != "b" || len(grown) != 2 || first[0].Key != "a" {
		t.Fatalf("first %v, grown %v, second %v", first, grown, second)
	}
	if b.copy(nil) != nil {
		t.Error("an empty slice packed to non-nil")
	}
}

func TestBlockGrowth(t *testing.T) {
	tests := []struct {
		name  string
		sizes []int
		last  int // the last array's length
	}{
		{"one small slice", []int{3}, 16},
		{"doubling", []int{16, 16, 16}, 32},
		{"larger than the cap", []int{maxBlock + 1}, maxBlock + 1},
		{"capped", []int{maxBlock / 2, maxBlock / 2, maxBlock, maxBlock}, maxBlock},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b block[int]
			for _, n := range tt.sizes {
				if got := b.copy(make([]int, n)); len(got) != n || cap(got) != n {
					t.Fatalf("copy of %d: len %d cap %d", n, len(got), cap(got))
				}
			}
			if b.last != tt.last {
				t.Errorf("last array %d, want %d", b.last, tt.last)
			}
		})
	}
}

func TestTextBlock(t *testing.T) {
	var tb textBlock
	words := []string{"", "x", strings.Repeat("long ", 2000), "tail"}
	var got []string
	for _, w := range words {
		got = append(got, tb.copy(w))
	}
	for i, w := range words {
		if got[i] != w {
			t.Errorf("string %d: %.20q, want %.20q", i, got[i], w)
		}
	}
}

func TestIntern(t *testing.T) {
	a := intern(strings.Clone("interned-value"))
	b := internBytes([]byte("interned-value"))
	if a != b || a != "interned-value" {
		t.Fatalf("%q and %q", a, b)
	}
	if unsafe.StringData(a) != unsafe.StringData(b) {
		t.Error("the two copies do not share their bytes")
	}
}

// TestMetricFilesForms: the read positions come back as they were set,
// in the short form when it can hold them and in the long one otherwise.
func TestMetricFilesForms(t *testing.T) {
	latest := []mlflow.Metric{{Key: "acc"}, {Key: "loss"}}
	tests := []struct {
		name  string
		files []metricFile
		short bool
	}{
		{"none", nil, false},
		{"every file read to its end", []metricFile{{"acc", 10, 10}, {"loss", 20, 20}}, true},
		{"a torn last line", []metricFile{{"acc", 10, 10}, {"loss", 25, 20}}, false},
		{"a file without a value", []metricFile{{"acc", 10, 10}, {"f1", 0, 0},
			{"loss", 20, 20}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &runEntry{run: &Run{}}
			if tt.files != nil {
				e.run.Data.Metrics = latest
			}
			e.setMetricFiles(tt.files)
			if got := e.metricFiles(); !slices.Equal(got, tt.files) {
				t.Errorf("metricFiles() = %v, want %v", got, tt.files)
			}
			if short := e.sizes != nil; short != tt.short {
				t.Errorf("short form %v, want %v", short, tt.short)
			}
		})
	}
}
