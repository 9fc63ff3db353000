package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token of the SQL-like filter language. The classes
// mirror what MLflow's SQL tokenizer (sqlparse) hands to SearchUtils.
type tokKind uint8

const (
	tokIdent   tokKind = iota + 1 // names, "quoted" or `quoted` parts joined by dots
	tokNumber                     // integer or float literal, optionally negative
	tokString                     // 'single-quoted' literal
	tokOp                         // comparison operator: = != < LIKE NOT ILIKE ...
	tokKeyword                    // AND OR NOT IN IS NULL ...
	tokParen                      // a balanced (...) group
	tokPunct                      // anything else, including an unmatched ( or )
	tokBad                        // a quote that is never closed
)

// token is one lexeme. Whitespace is not kept as tokens.
type token struct {
	kind  tokKind
	pos   int     // byte offset of the first byte
	end   int     // byte offset just past the last byte
	text  string  // the source text src[pos:end]
	word  string  // upper-cased keyword or operator
	inner []token // the tokens inside a tokParen
}

// keywords are the bare words that are not identifiers. Comparison words
// (LIKE and friends) become tokOp.
var keywords = map[string]tokKind{
	"AND": tokKeyword, "OR": tokKeyword, "NOT": tokKeyword, "IN": tokKeyword,
	"IS": tokKeyword, "NULL": tokKeyword,
	"LIKE": tokOp, "ILIKE": tokOp, "RLIKE": tokOp, "REGEXP": tokOp,
}

// lex splits src into tokens and groups balanced parentheses.
func lex(src string) []token {
	var flat []token
	for i := 0; i < len(src); {
		r, w := utf8.DecodeRuneInString(src[i:])
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		t := lexOne(src, i, r, w)
		flat = append(flat, t)
		i = t.end
	}
	return group(src, flat)
}

// lexOne reads the token that starts at i with rune r of width w.
func lexOne(src string, i int, r rune, w int) token {
	switch {
	case r == '\'':
		end, ok := scanQuoted(src, i, true)
		if !ok {
			return mk(src, tokBad, i, end)
		}
		return mk(src, tokString, i, end)
	case r == '-' || r == '.' || isDigit(r):
		if end := NumberEnd(src, i); end > i {
			return mk(src, tokNumber, i, end)
		}
		if isDigit(r) {
			return lexIdent(src, i)
		}
	case r == '"' || r == '`' || IsWordStart(r):
		return lexIdent(src, i)
	case strings.ContainsRune("<>=~!", r):
		j := i
		for j < len(src) && strings.IndexByte("<>=~!", src[j]) >= 0 {
			j++
		}
		t := mk(src, tokOp, i, j)
		t.word = t.text
		return t
	}
	return mk(src, tokPunct, i, i+w)
}

func mk(src string, k tokKind, pos, end int) token {
	return token{kind: k, pos: pos, end: end, text: src[pos:end]}
}

// lexIdent reads an identifier: parts (bare words, "double" or `back`
// quoted) joined by dots without spaces, such as metrics."val loss". A
// trailing dot belongs to the identifier. A lone bare keyword becomes a
// keyword or operator token.
func lexIdent(src string, i int) token {
	j := i
	for {
		if j < len(src) && (src[j] == '"' || src[j] == '`') {
			end, ok := scanQuoted(src, j, src[j] == '"')
			if !ok {
				return mk(src, tokBad, i, end)
			}
			j = end
		} else {
			j = scanWord(src, j)
		}
		if j >= len(src) || src[j] != '.' {
			break
		}
		j++ // the dot
		if j >= len(src) || !startsPart(src[j:]) {
			break
		}
	}
	t := mk(src, tokIdent, i, j)
	up := strings.ToUpper(t.text)
	k, ok := keywords[up]
	if !ok {
		return t
	}
	t.kind, t.word = k, up
	if up == "NOT" {
		return joinNot(src, t)
	}
	return t
}

// joinNot merges NOT with a following LIKE, ILIKE, RLIKE or REGEXP into one
// comparison operator, as MLflow's tokenizer does.
func joinNot(src string, t token) token {
	j := t.end
	for j < len(src) {
		r, w := utf8.DecodeRuneInString(src[j:])
		if !unicode.IsSpace(r) {
			break
		}
		j += w
	}
	if j == t.end {
		return t
	}
	end := scanWord(src, j)
	op := strings.ToUpper(src[j:end])
	if k, ok := keywords[op]; ok && k == tokOp {
		n := mk(src, tokOp, t.pos, end)
		n.word = "NOT " + op
		return n
	}
	return t
}

// startsPart reports whether s begins an identifier part.
func startsPart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '"' || r == '`' || IsWordStart(r) || isDigit(r)
}

// scanQuoted returns the end of the quoted text starting at src[i], and
// whether the quote was closed. A doubled quote stands for itself; so does
// a backslash-escaped one unless backslash is false (backticks).
func scanQuoted(src string, i int, backslash bool) (int, bool) {
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		switch {
		case src[j] == q && j+1 < len(src) && src[j+1] == q:
			j++
		case src[j] == q:
			return j + 1, true
		case backslash && src[j] == '\\' && j+1 < len(src):
			j++
		}
	}
	return len(src), false
}

// scanWord returns the end of the run of word characters at i.
func scanWord(src string, i int) int {
	for i < len(src) {
		r, w := utf8.DecodeRuneInString(src[i:])
		if !IsWordRune(r) {
			break
		}
		i += w
	}
	return i
}

// NumberEnd returns the end of the number literal at src[i], or i when
// none starts there: -?(digits[.digits*]|.digits)([eE][+-]?digits)? not followed by a
// word character.
func NumberEnd(src string, i int) int {
	j := i
	if j < len(src) && src[j] == '-' {
		j++
	}
	d := digits(src, j)
	j += d
	if j < len(src) && src[j] == '.' {
		f := digits(src, j+1)
		if d == 0 && f == 0 {
			return i
		}
		j += 1 + f
	} else if d == 0 {
		return i
	}
	if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
		k := j + 1
		if k < len(src) && (src[k] == '-' || src[k] == '+') {
			k++
		}
		if e := digits(src, k); e > 0 {
			j = k + e
		}
	}
	if j < len(src) {
		if r, _ := utf8.DecodeRuneInString(src[j:]); IsWordRune(r) {
			return i
		}
	}
	return j
}

func digits(src string, i int) int {
	n := 0
	for i+n < len(src) && src[i+n] >= '0' && src[i+n] <= '9' {
		n++
	}
	return n
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// IsWordStart reports whether r starts an identifier or keyword.
func IsWordStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }

// IsWordRune reports whether r continues an identifier or keyword.
func IsWordRune(r rune) bool {
	return r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// group folds each balanced ( ... ) into one tokParen token. Unmatched
// parentheses stay tokPunct.
func group(src string, flat []token) []token {
	var stack [][]token
	var opens []token
	var cur []token
	for _, t := range flat {
		switch {
		case t.kind == tokPunct && t.text == "(":
			stack = append(stack, cur)
			opens = append(opens, t)
			cur = nil
		case t.kind == tokPunct && t.text == ")" && len(stack) > 0:
			top := len(stack) - 1
			p := mk(src, tokParen, opens[top].pos, t.end)
			p.inner = cur
			cur = append(stack[top], p)
			stack, opens = stack[:top], opens[:top]
		default:
			cur = append(cur, t)
		}
	}
	for top := len(stack) - 1; top >= 0; top-- {
		cur = append(append(stack[top], opens[top]), cur...)
	}
	return cur
}
