package markdown

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // block kinds
	}{
		{"paragraphs", "one\ntwo\n\nthree", []string{"p", "p"}},
		{"heading and list", "# Title\n- a\n- b\n\ntext", []string{"h", "ul", "p"}},
		{"ordered", "1. a\n2. b", []string{"ol"}},
		{"fenced code", "```\nx = 1\n```\nafter", []string{"pre", "p"}},
		{"indented code", "    x = 1\n    y = 2", []string{"pre"}},
		{"quote and rule", "> q\n> r\n\n---", []string{"blockquote", "hr"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, b := range Parse(tt.src) {
			got = append(got, b.Kind)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Parse(%q) kinds %v, want %v", tt.name, tt.src, got, tt.want)
		}
	}
}

func TestInline(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"plain", "text(plain)"},
		{"a *b* c", "text(a ) em(text(b)) text( c)"},
		{"**bold** and `code`", "strong(text(bold)) text( and ) code(code)"},
		{"[site](https://x.org)", "a[https://x.org](text(site))"},
		// Script links are not links.
		{"[x](javascript:alert(1))", "text([x](javascript:alert(1)))"},
		{"<b>raw</b>", "text(<b>raw</b>)"},
		{`\*not em\*`, "text(*not em*)"},
		{"2 * 3 * 4", "text(2 * 3 * 4)"},
	}
	for _, tt := range tests {
		if got := dump(ParseInline(tt.src)); got != tt.want {
			t.Errorf("ParseInline(%q) = %s, want %s", tt.src, got, tt.want)
		}
	}
}

func dump(in []Inline) string {
	var parts []string
	for _, s := range in {
		switch s.Kind {
		case Text, Mono:
			parts = append(parts, s.Kind+"("+s.Text+")")
		case Link:
			parts = append(parts, "a["+s.Href+"]("+dump(s.Children)+")")
		case Break:
			parts = append(parts, "br")
		default:
			parts = append(parts, s.Kind+"("+dump(s.Children)+")")
		}
	}
	return strings.Join(parts, " ")
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"# a\n- b\n  c\n\n1. d", "> q\n```\ncode", "*a **b** `c` [d](e)*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		Parse(s) // must not panic or hang
	})
}
