package chart

import (
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"
)

// parseSVG parses an SVG document and returns how many elements of each
// name it holds and the root's attributes.
func parseSVG(t *testing.T, svg string) (map[string]int, map[string]string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	count, root := map[string]int{}, map[string]string{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return count, root
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, svg)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if len(count) == 0 {
				for _, a := range se.Attr {
					root[a.Name.Local] = a.Value
				}
			}
			count[se.Name.Local]++
		}
	}
}

func TestBars(t *testing.T) {
	tests := []struct {
		name  string
		bars  []Bar
		drawn string
	}{
		{"two runs", []Bar{{"gentle-owl-42", 0.7071, "#0072B2"}, {"brave-fox-7", 0.93, "#E69F00"}}, "2"},
		{"negative and positive", []Bar{{"a", -1, "red"}, {"b", 2, "blue"}}, "2"},
		// A NaN gets its row with text, not a bar.
		{"non-finite", []Bar{{"a", math.NaN(), "red"}, {"b & <c>", 1, "blue"}}, "1"},
		{"none", nil, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg := Bars("rmse", tt.bars, 400, LightTheme)
			count, root := parseSVG(t, svg)
			if root["data-bars"] != tt.drawn || count["rect"] != 1+len(tt.bars)-countNaN(tt.bars) {
				t.Errorf("data-bars %q and %d rects, want %s bars", root["data-bars"], count["rect"]-1, tt.drawn)
			}
		})
	}
}

func countNaN(bs []Bar) int {
	n := 0
	for _, b := range bs {
		if !isFinite(b.Value) {
			n++
		}
	}
	return n
}

func TestParallel(t *testing.T) {
	dims := []Dimension{
		{Name: "alpha", Values: []float64{0.5, 0.9}},
		{Name: "solver", Values: []float64{0, 1}, Categories: []string{"adam", "sgd"}},
		{Name: "rmse", Values: []float64{0.7071, math.NaN()}},
	}
	runs := []Mark{{"owl", "#0072B2"}, {"fox", "#E69F00"}}
	count, root := parseSVG(t, Parallel("Params", dims, runs, 600, 300, LightTheme))
	if root["data-axes"] != "3" || root["data-lines"] != "2" || count["path"] != 2 {
		t.Errorf("root %v, %d paths; want 3 axes and 2 lines", root, count["path"])
	}
	_, root = parseSVG(t, Parallel("Params", dims[:1], runs, 600, 300, LightTheme))
	if root["data-axes"] != "1" {
		t.Errorf("one dimension: %v", root)
	}
}

func TestScatter(t *testing.T) {
	x := Dimension{Name: "alpha", Values: []float64{0.5, 0.9, math.NaN()}}
	y := Dimension{Name: "rmse", Values: []float64{0.7071, 0.93, 1}}
	runs := []Mark{{"owl", "#0072B2"}, {"fox", "#E69F00"}, {"old", "#009E73"}}
	svg := Scatter("alpha × rmse", x, y, runs, 500, 360, LightTheme)
	count, root := parseSVG(t, svg)
	if root["data-points"] != "2" || count["circle"] != 2 {
		t.Errorf("root %v, %d circles; want 2 points (the third has no alpha)", root, count["circle"])
	}
	if root["data-x"] != "alpha" || root["data-y"] != "rmse" {
		t.Errorf("root %v names the wrong dimensions", root)
	}
	// Tick labels are numbers, never an attribute value out of place.
	if strings.Contains(svg, ">"+LightTheme.Grid+"<") {
		t.Errorf("a tick label shows the grid colour:\n%s", svg)
	}
}
