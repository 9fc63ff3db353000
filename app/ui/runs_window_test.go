package ui

import (
	"reflect"
	"testing"
)

func TestDrawnRows(t *testing.T) {
	tests := []struct {
		name               string
		top, height, total int
		want               rowRange
	}{
		{"empty", 0, 600, 0, rowRange{}},
		{"top of a long table", 0, 600, 10000, rowRange{0, 32}},
		{"fewer rows than the view", 0, 600, 5, rowRange{0, 5}},
		// 1000 px down is row 31.25: 8 rows of margin, rounded to a step.
		{"scrolled", 1000, 600, 10000, rowRange{16, 64}},
		{"a small scroll changes nothing", 1010, 600, 10000, rowRange{16, 64}},
		{"bottom", 32 * 9980, 600, 10000, rowRange{9968, 10000}},
		{"past the end", 32 * 20000, 600, 10000, rowRange{10000, 10000}},
		{"no height yet", 0, 0, 100, rowRange{0, 16}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := drawnRows(tt.top, tt.height, tt.total)
			if got != tt.want {
				t.Errorf("drawnRows(%d, %d, %d) = %v, want %v", tt.top, tt.height, tt.total,
					got, tt.want)
			}
		})
	}
}

// TestDrawnRowsBound checks, at every scroll position, that the drawn
// rows cover the view and stay within maxDrawn.
func TestDrawnRowsBound(t *testing.T) {
	for _, h := range []int{100, 577, 600, 900} {
		for top := 0; top < 32*2000; top += 7 {
			r := drawnRows(top, h, 2000)
			firstSeen, lastSeen := top/rowHeight, min((top+h-1)/rowHeight, 1999)
			if r.first > firstSeen || r.last <= lastSeen {
				t.Fatalf("height %d, top %d: rows %v do not cover %d..%d", h, top, r,
					firstSeen, lastSeen)
			}
			if r.len() > maxDrawn(h) {
				t.Fatalf("height %d, top %d: %d rows, more than %d", h, top, r.len(), maxDrawn(h))
			}
		}
	}
}

func TestPagesOf(t *testing.T) {
	tests := []struct {
		r    rowRange
		want []int
	}{
		{rowRange{0, 0}, nil},
		{rowRange{0, 32}, []int{0}},
		{rowRange{96, 104}, []int{0, 1}},
		{rowRange{100, 200}, []int{1}},
		{rowRange{150, 420}, []int{1, 2, 3, 4}},
	}
	for _, tt := range tests {
		if got := pagesOf(tt.r); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("pagesOf(%v) = %v, want %v", tt.r, got, tt.want)
		}
	}
}

func TestRowCache(t *testing.T) {
	c := newRowCache()
	if got := c.missing(rowRange{90, 130}); !reflect.DeepEqual(got, []int{0, 1}) {
		t.Fatalf("missing = %v, want [0 1]", got)
	}
	if got := c.missing(rowRange{90, 130}); got != nil {
		t.Fatalf("pages asked for again: %v", got)
	}
	c.put(1, []runRow{{ID: "a"}, {ID: "b"}}, rowRange{90, 130})
	if r, ok := c.row(101); !ok || r.ID != "b" {
		t.Errorf("row 101 = %v, %v", r, ok)
	}
	if _, ok := c.row(102); ok {
		t.Errorf("row 102 is past the short page")
	}
	c.failed(0)
	if got := c.missing(rowRange{0, 10}); !reflect.DeepEqual(got, []int{0}) {
		t.Errorf("a failed page is not asked again: %v", got)
	}
	// Past maxPages, the pages farthest from the view go.
	for p := 2; p < maxPages+10; p++ {
		c.put(p, []runRow{{}}, rowRange{p * pageSize, p*pageSize + 30})
	}
	if len(c.pages) != maxPages {
		t.Errorf("%d pages kept, want %d", len(c.pages), maxPages)
	}
	if _, ok := c.pages[1]; ok {
		t.Errorf("page 1, the farthest, is still kept")
	}
}
