package ui

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// textPage is one page of a text file as the text preview shows it: whole
// lines, except when a line is longer than a page.
type textPage struct {
	text   string
	gutter string // the line numbers, one a line, beside text
	next   int64  // file offset after the page
	line   int    // number of the line that follows the page
	cont   bool   // the page ends inside a line, which the next page continues
}

// cutPage turns the chunk c into a page whose first line is number line;
// cont says the previous page ended inside a line, so the first line here
// goes on with it and gets no number of its own. The page ends after the
// chunk's last newline or, when the chunk holds none, at the last whole
// UTF-8 character; at the end of the file it takes everything.
func cutPage(c chunk, line int, cont bool) textPage {
	b := c.data
	p := textPage{line: line}
	if !c.eof() {
		if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
			b = b[:i+1]
		} else {
			b = b[:runeCut(b)]
			p.cont = true
		}
		if len(b) == 0 {
			b = c.data // a chunk too short to cut: take it whole, so paging moves on
		}
	}
	p.next = c.off + int64(len(b))
	p.text = string(b)
	p.gutter, p.line = numberLines(p.text, line, cont)
	return p
}

// runeCut is the length of the longest prefix of b that does not end in
// the middle of a UTF-8 character.
func runeCut(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return len(b)
			}
			return i
		}
	}
	return len(b)
}

// numberLines returns the gutter of text, whose first line is number
// first (unnumbered when cont), and the number of the line after it.
func numberLines(text string, first int, cont bool) (string, int) {
	n := strings.Count(text, "\n")
	if text != "" && !strings.HasSuffix(text, "\n") {
		n++ // a last line without its newline
	}
	var g strings.Builder
	line := first
	for i := range n {
		if i > 0 {
			g.WriteByte('\n')
		}
		if i == 0 && cont {
			g.WriteString("…")
			continue
		}
		g.WriteString(strconv.Itoa(line))
		line++
	}
	return g.String(), line
}

// looksBinary reports whether bytes read as text would be noise: they hold
// a NUL byte, as text files never do.
func looksBinary(b []byte) bool {
	return bytes.IndexByte(b, 0) >= 0
}
