package api

import (
	"strings"
	"unicode"
)

// lexRegistryFilter splits a registry filter into identifiers (words,
// dotted, with `backticked` or "quoted" parts), comparators, 'strings',
// numbers and ('parenthesised', 'lists').
func lexRegistryFilter(s string) ([]regToken, error) {
	var out []regToken
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '\'':
			text, n, err := quoted(s[i:], filterError(s))
			if err != nil {
				return nil, err
			}
			out = append(out, regToken{kind: "string", text: text})
			i += n
		case c == '(':
			list, n, err := quotedList(s[i:], filterError(s))
			if err != nil {
				return nil, err
			}
			out = append(out, regToken{kind: "list", text: s[i : i+n], list: list})
			i += n
		case strings.ContainsRune("=!<>", rune(c)):
			n := 1
			if i+1 < len(s) && s[i+1] == '=' {
				n = 2
			}
			if s[i:i+n] == "!" {
				return nil, filterError(s)
			}
			out = append(out, regToken{kind: "op", text: s[i : i+n]})
			i += n
		case c == '-' || c >= '0' && c <= '9':
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			out = append(out, regToken{kind: "number", text: s[i:j]})
			i = j
		default:
			n := identLen(s[i:])
			if n == 0 {
				return nil, filterError(s)
			}
			text := s[i : i+n]
			kind := "ident"
			// A "double-quoted" value is an identifier to the SQL lexer
			// MLflow uses, and MLflow takes it as a string.
			if text[0] == '"' {
				kind, text = "string", text[1:len(text)-1]
			}
			out = append(out, regToken{kind: kind, text: text})
			i += n
		}
	}
	return out, nil
}

func filterError(s string) error {
	return badRequest("Invalid filter '%s'. Could not be parsed.", s)
}

// identLen measures an identifier at the start of s: word characters and
// dots, with `…` or "…" sections taken whole. It is 0 when s starts with
// none of those, or when a quote is not closed.
func identLen(s string) int {
	i := 0
	for i < len(s) {
		c := rune(s[i])
		switch {
		case c == '`' || c == '"':
			j := strings.IndexByte(s[i+1:], s[i])
			if j < 0 {
				return 0
			}
			i += j + 2
		case c == '.' || c == '_' || c > 127 || unicode.IsLetter(c) || unicode.IsDigit(c):
			i++
		default:
			return i
		}
	}
	return i
}

// quoted reads a 'single-quoted' string at the start of s, where ” is a
// quote, and returns its text and length.
func quoted(s string, bad error) (string, int, error) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] != '\'' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		return b.String(), i + 1, nil
	}
	return "", 0, bad
}

// quotedList reads ('a', 'b') at the start of s.
func quotedList(s string, bad error) ([]string, int, error) {
	var out []string
	i := 1
	for {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) || s[i] != '\'' && s[i] != '"' {
			return nil, 0, bad
		}
		var text string
		var n int
		if s[i] == '"' {
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return nil, 0, bad
			}
			text, n = s[i+1:i+1+j], j+2
		} else {
			var err error
			if text, n, err = quoted(s[i:], bad); err != nil {
				return nil, 0, err
			}
		}
		out = append(out, text)
		i += n
		for i < len(s) && s[i] == ' ' {
			i++
		}
		switch {
		case i < len(s) && s[i] == ',':
			i++
		case i < len(s) && s[i] == ')':
			return out, i + 1, nil
		default:
			return nil, 0, bad
		}
	}
}
