package chart

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func TestSVG(t *testing.T) {
	tests := []struct {
		name  string
		spec  Spec
		wants []string
	}{
		{"lines and legend", Spec{Title: "train/loss <&>", Series: []Series{series("run-1", 3, 1, 2)}},
			[]string{"train/loss &lt;&amp;&gt;", `stroke="#0072B2"`, "<circle", ">run-1</text>"}},
		{"gaps and notes", Spec{Title: "x", Series: []Series{series("r", 1, nan, 2)}},
			[]string{`fill-opacity="0.15"`, "1 NaN not drawn; shaded where they were logged."}},
		{"empty", Spec{Title: "x"}, []string{"No values logged yet."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.spec.Width, tt.spec.Height = 320, 180
			svg := SVG(Build(tt.spec), LightTheme)
			wellFormed(t, svg)
			for _, w := range tt.wants {
				if !strings.Contains(svg, w) {
					t.Errorf("SVG lacks %q:\n%s", w, svg)
				}
			}
		})
	}
}

// wellFormed fails unless s parses as XML with an svg root.
func wellFormed(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	root := ""
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, s)
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
	if root != "svg" {
		t.Fatalf("SVG root is %q, want svg", root)
	}
}
