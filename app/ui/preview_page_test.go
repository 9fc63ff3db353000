package ui

import (
	"strings"
	"testing"
)

func TestCutPage(t *testing.T) {
	tests := []struct {
		name       string
		data       string
		off, total int64
		line       int
		cont       bool
		wantText   string
		wantGutter string
		wantNext   int64
		wantLine   int
		wantCont   bool
	}{
		{"whole small file", "a\nb\n", 0, 4, 1, false, "a\nb\n", "1\n2", 4, 3, false},
		{"last line without newline", "a\nb", 0, 3, 1, false, "a\nb", "1\n2", 3, 3, false},
		{"cut after the last newline", "a\nb\nc", 0, 100, 1, false, "a\nb\n", "1\n2", 4, 3, false},
		{"a later page", "x\ny\nz", 10, 100, 7, false, "x\ny\n", "7\n8", 14, 9, false},
		{"a line longer than a page", "abcdef", 0, 100, 1, false, "abcdef", "1", 6, 2, true},
		{"its continuation", "gh\ni\nj", 6, 100, 2, true, "gh\ni\n", "…\n2", 11, 3, false},
		// "é" is two bytes: a page ending between them stops before it.
		{"no half characters", "ab\xc3", 0, 100, 1, false, "ab", "1", 2, 2, true},
		{"empty file", "", 0, 0, 1, false, "", "", 0, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := chunk{data: []byte(tt.data), off: tt.off, total: tt.total}
			p := cutPage(c, tt.line, tt.cont)
			if p.text != tt.wantText || p.gutter != tt.wantGutter || p.next != tt.wantNext ||
				p.line != tt.wantLine || p.cont != tt.wantCont {
				t.Errorf("cutPage(%q at %d of %d, line %d, cont %v)\n got text %q gutter %q next %d line %d cont %v\nwant text %q gutter %q next %d line %d cont %v",
					tt.data, tt.off, tt.total, tt.line, tt.cont,
					p.text, p.gutter, p.next, p.line, p.cont,
					tt.wantText, tt.wantGutter, tt.wantNext, tt.wantLine, tt.wantCont)
			}
		})
	}
}

// TestCutPageWalk pages through a file and checks that the pages put
// back together are the file, with every line numbered once.
func TestCutPageWalk(t *testing.T) {
	var b strings.Builder
	for i := range 500 {
		b.WriteString(strings.Repeat("é", i%37) + "\n")
	}
	b.WriteString(strings.Repeat("x", 300)) // a long last line, without newline
	file := b.String()
	var got, gutter strings.Builder
	off, line, cont := int64(0), 1, false
	for off < int64(len(file)) {
		end := min(off+64, int64(len(file)))
		p := cutPage(chunk{data: []byte(file[off:end]), off: off, total: int64(len(file))}, line, cont)
		got.WriteString(p.text)
		gutter.WriteString(p.gutter + "\n")
		off, line, cont = p.next, p.line, p.cont
	}
	if got.String() != file {
		t.Fatalf("the pages do not add up to the file")
	}
	if line != 502 {
		t.Errorf("next line after the walk is %d, want 502", line)
	}
	if n := strings.Count(gutter.String(), "501\n"); n != 1 {
		t.Errorf("line 501 numbered %d times", n)
	}
}
