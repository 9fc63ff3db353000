package markdown

import "strings"

// Inline kinds.
const (
	Text   = "text"
	Em     = "em"
	Strong = "strong"
	Mono   = "code"
	Link   = "a"
	Break  = "br"
)

// Inline is a span of text: plain, emphasised, strong, code, a link (with
// Href and child spans) or a line break.
type Inline struct {
	Kind     string
	Text     string
	Href     string
	Children []Inline
}

// ParseInline reads the spans of one paragraph or heading.
func ParseInline(s string) []Inline {
	var out []Inline
	var buf strings.Builder
	flush := func() {
		if buf.Len() > 0 {
			out = append(out, Inline{Kind: Text, Text: buf.String()})
			buf.Reset()
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_[]()#+-.!>", s[i+1]) >= 0:
			buf.WriteByte(s[i+1])
			i += 2
			continue
		case c == '\n':
			flush()
			out = append(out, Inline{Kind: Break})
			i++
			continue
		case c == '`':
			if end := strings.IndexByte(s[i+1:], '`'); end >= 0 {
				flush()
				out = append(out, Inline{Kind: Mono, Text: s[i+1 : i+1+end]})
				i += end + 2
				continue
			}
		case c == '*' || c == '_':
			if i+1 < len(s) && s[i+1] == c {
				if end := strings.Index(s[i+2:], string([]byte{c, c})); end > 0 {
					flush()
					out = append(out, Inline{Kind: Strong, Children: ParseInline(s[i+2 : i+2+end])})
					i += end + 4
					continue
				}
			} else if end := strings.IndexByte(s[i+1:], c); end > 0 && s[i+1] != ' ' {
				flush()
				out = append(out, Inline{Kind: Em, Children: ParseInline(s[i+1 : i+1+end])})
				i += end + 2
				continue
			}
		case c == '[':
			if lk, n, ok := parseLink(s[i:]); ok {
				flush()
				out = append(out, lk)
				i += n
				continue
			}
		}
		buf.WriteByte(c)
		i++
	}
	flush()
	return out
}

// parseLink reads [text](target); only http, https and mailto targets and
// relative paths become links, so a description cannot run script.
func parseLink(s string) (Inline, int, bool) {
	close := strings.Index(s, "](")
	if close < 0 {
		return Inline{}, 0, false
	}
	end := strings.IndexByte(s[close+2:], ')')
	if end < 0 {
		return Inline{}, 0, false
	}
	href := strings.TrimSpace(s[close+2 : close+2+end])
	if !safeHref(href) {
		return Inline{}, 0, false
	}
	return Inline{Kind: Link, Href: href, Children: ParseInline(s[1:close])}, close + 3 + end, true
}

func safeHref(h string) bool {
	low := strings.ToLower(h)
	if strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://") ||
		strings.HasPrefix(low, "mailto:") {
		return true
	}
	return h != "" && !strings.Contains(low, ":")
}
