package ui

import (
	"strings"
	"testing"
)

// jsonOutline writes a tree as one line: keys, values, containers with
// their children, and a "…" before the closing bracket of a cut one.
func jsonOutline(n *jsonNode) string {
	var b strings.Builder
	var walk func(n *jsonNode)
	walk = func(n *jsonNode) {
		if n.key != "" {
			b.WriteString(n.key + ":")
		}
		if !n.container() {
			b.WriteString(n.value)
			return
		}
		b.WriteByte(n.kind)
		for i, c := range n.children {
			if i > 0 {
				b.WriteByte(',')
			}
			walk(c)
		}
		if n.cut {
			b.WriteString("…")
		}
		if n.kind == '{' {
			b.WriteByte('}')
		} else {
			b.WriteByte(']')
		}
	}
	walk(n)
	return b.String()
}

func TestParseJSONPrefix(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		complete bool
		want     string
		wantErr  bool
	}{
		{"object", `{"a": 1, "b": [true, null, "x"]}`, true, `{a:1,b:[true,null,"x"]}`, false},
		{"scalar", `"hi"`, true, `"hi"`, false},
		{"empty containers", `{"a": {}, "b": []}`, true, `{a:{},b:[]}`, false},
		{"cut in a string", `{"a": 1, "b": "unfinish`, false, `{a:1…}`, false},
		{"cut in a nested array", `{"a": [1, 2, {"c": tr`, false, `{a:[1,2,{…}…]…}`, false},
		// A number at the very end may be cut short: it is left out.
		{"cut after a number", `[1, 2, 34`, false, `[1,2…]`, false},
		{"cut after a key", `{"a": 1, "b"`, false, `{a:1…}`, false},
		{"invalid", `{"a": }`, true, "", true},
		{"nothing whole", `  `, false, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := parseJSONPrefix([]byte(tt.in), tt.complete)
			if (err != nil) != tt.wantErr {
				t.Fatalf("parseJSONPrefix(%q): error %v, want error %v", tt.in, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			got := jsonOutline(root)
			if got != tt.want {
				t.Errorf("parseJSONPrefix(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestOpenOuter(t *testing.T) {
	big := "[" + strings.Repeat(`{"k": [1, 2, 3]},`, 299) + `{"k": []}]`
	root, err := parseJSONPrefix([]byte(big), true)
	if err != nil {
		t.Fatal(err)
	}
	openOuter(root)
	if !root.open {
		t.Errorf("the root is closed")
	}
	opened := 0
	for _, c := range root.children {
		if c.open {
			opened++
		}
	}
	// The root shows 100 rows; each object opened adds a row, until
	// jsonOpenRows rows are drawn.
	if opened == 0 || opened > jsonOpenRows {
		t.Errorf("%d children opened", opened)
	}
	if root.childrenShown() != jsonChildPage {
		t.Errorf("root shows %d children, want %d", root.childrenShown(), jsonChildPage)
	}
}
