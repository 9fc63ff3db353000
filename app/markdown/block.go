package markdown

import (
	"strings"
)

// Block kinds.
const (
	Paragraph = "p"
	Heading   = "h"
	List      = "ul"
	Ordered   = "ol"
	Quote     = "blockquote"
	Code      = "pre"
	Rule      = "hr"
)

// Block is one block of a document. Headings have a Level (1 to 6); lists
// hold Items, each a list of blocks; quotes hold Children; code holds Text
// verbatim; paragraphs and headings hold Inlines.
type Block struct {
	Kind     string
	Level    int
	Inlines  []Inline
	Items    [][]Block
	Children []Block
	Text     string
}

// Parse reads a document.
func Parse(src string) []Block {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	return parseBlocks(lines)
}

func parseBlocks(lines []string) []Block {
	var out []Block
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, Block{Kind: Paragraph, Inlines: ParseInline(strings.Join(para, "\n"))})
			para = nil
		}
	}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trim := strings.TrimSpace(line)
		switch {
		case trim == "":
			flush()
		case strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~"):
			flush()
			fence := trim[:3]
			var code []string
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), fence); i++ {
				code = append(code, lines[i])
			}
			out = append(out, Block{Kind: Code, Text: strings.Join(code, "\n")})
		case len(para) == 0 && strings.HasPrefix(line, "    "):
			var code []string
			for ; i < len(lines) && (strings.HasPrefix(lines[i], "    ") || strings.TrimSpace(lines[i]) == ""); i++ {
				code = append(code, strings.TrimPrefix(lines[i], "    "))
			}
			i--
			out = append(out, Block{Kind: Code, Text: strings.TrimRight(strings.Join(code, "\n"), "\n")})
		case headingLevel(trim) > 0:
			flush()
			lv := headingLevel(trim)
			text := strings.TrimRight(strings.TrimSpace(trim[lv:]), "#")
			out = append(out, Block{Kind: Heading, Level: lv, Inlines: ParseInline(strings.TrimSpace(text))})
		case isRule(trim):
			flush()
			out = append(out, Block{Kind: Rule})
		case strings.HasPrefix(trim, ">"):
			flush()
			var quoted []string
			for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), ">"); i++ {
				q := strings.TrimPrefix(strings.TrimSpace(lines[i]), ">")
				quoted = append(quoted, strings.TrimPrefix(q, " "))
			}
			i--
			out = append(out, Block{Kind: Quote, Children: parseBlocks(quoted)})
		case listMarker(line) != "":
			flush()
			var b Block
			b, i = parseList(lines, i)
			out = append(out, b)
		default:
			para = append(para, trim)
		}
	}
	flush()
	return out
}

func headingLevel(s string) int {
	n := 0
	for n < len(s) && n < 7 && s[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(s) && s[n] != ' ') {
		return 0
	}
	return n
}

func isRule(s string) bool {
	if len(s) < 3 {
		return false
	}
	c := s[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != c && s[i] != ' ' {
			return false
		}
	}
	return true
}

// listMarker returns "ul" or "ol" when the line starts a list item.
func listMarker(line string) string {
	s := strings.TrimLeft(line, " ")
	if len(line)-len(s) > 3 {
		return ""
	}
	if len(s) >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ' {
		return List
	}
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(s) && (s[n] == '.' || s[n] == ')') && s[n+1] == ' ' {
		return Ordered
	}
	return ""
}

// itemText strips the list marker.
func itemText(line string) string {
	s := strings.TrimLeft(line, " ")
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return strings.TrimSpace(s[i+1:])
	}
	return ""
}

// parseList reads consecutive items of one kind; continuation lines that
// are indented belong to the current item.
func parseList(lines []string, i int) (Block, int) {
	kind := listMarker(lines[i])
	b := Block{Kind: kind}
	var cur []string
	flush := func() {
		if cur != nil {
			b.Items = append(b.Items, parseBlocks(cur))
			cur = nil
		}
	}
	for ; i < len(lines); i++ {
		line := lines[i]
		switch {
		case listMarker(line) == kind:
			flush()
			cur = []string{itemText(line)}
		case strings.TrimSpace(line) == "":
			if i+1 < len(lines) && (listMarker(lines[i+1]) == kind || strings.HasPrefix(lines[i+1], "  ")) {
				cur = append(cur, "")
				continue
			}
			flush()
			return b, i
		case strings.HasPrefix(line, "  ") && cur != nil:
			cur = append(cur, strings.TrimPrefix(strings.TrimPrefix(line, "  "), "  "))
		default:
			flush()
			return b, i - 1
		}
	}
	flush()
	return b, i
}
