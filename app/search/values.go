package search

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
)

// setFloat stores a number literal compared as a float (metrics,
// experiment times). An out-of-range literal becomes ±Inf or 0, as
// Python's float() makes it.
func (c *Clause) setFloat(text string) {
	c.Value, c.numeric = text, true
	c.num, _ = strconv.ParseFloat(text, 64)
}

// setInt stores a number literal compared as an integer (run start and end
// times). MLflow calls int() on the literal while matching, which fails
// with this message for a float literal; we fail while parsing.
func (c *Clause) setInt(t token) *Error {
	c.Value, c.numeric = t.text, true
	v, err := strconv.ParseInt(t.text, 10, 64)
	switch {
	case err == nil:
		c.inum = v
	case errors.Is(err, strconv.ErrRange):
		c.over = 1
		if strings.HasPrefix(t.text, "-") {
			c.over = -1
		}
	default:
		return errTok(t, "invalid literal for int() with base 10: '%s'", t.text)
	}
	return nil
}

// setStrings stores a string value or a parenthesised list. what names the
// kind in MLflow's message; listOK says whether a list may be given (only
// run_id among attributes takes one; dataset keys all do).
func (c *Clause) setStrings(r token, what string, listOK bool) *Error {
	switch {
	case isStringy(r):
		v, err := quotedValue(r)
		c.Value = v
		return err
	case r.kind == tokParen:
		if !listOK {
			return errTok(r, "Only the 'run_id' attribute supports comparison with a list "+
				"of quoted string values.")
		}
		vals, err := parseList(r)
		c.Values, c.list, c.Value = vals, true, r.text
		return err
	}
	return errTok(r, "Expected a quoted string value for %s. Got value %s", what, r.text)
}

// parseList reads ('a', "b", ...) as MLflow does with Python's literal
// evaluation, then drops the entries that are not lower-case, as MLflow's
// _parse_run_ids does for run ids and dataset lists alike.
func parseList(p token) ([]string, *Error) {
	illFormed := errTok(p, "While parsing a list in the query, expected a non-empty list "+
		"of string values, but got ill-formed list.")
	if len(p.inner) == 0 {
		return nil, errTok(p, "While parsing a list in the query, expected a non-empty list "+
			"of string values, but got empty list")
	}
	var vals []string
	wrongType := false
	needItem := true // an item must come next (start, or after a comma)
	prevString := false
	for _, t := range p.inner {
		switch {
		case t.kind == tokPunct && t.text == ",":
			if needItem {
				return nil, illFormed
			}
			needItem, prevString = true, false
		case t.kind == tokString || isDoubleQuoted(t):
			s := pyUnescape(t.text)
			if prevString { // adjacent literals concatenate, as in Python
				vals[len(vals)-1] += s
			} else if needItem {
				vals = append(vals, s)
			} else {
				return nil, illFormed
			}
			needItem, prevString = false, true
		case t.kind == tokNumber || isWord(t, "NULL"):
			if !needItem {
				return nil, illFormed
			}
			wrongType, needItem, prevString = true, false, false
		default:
			return nil, illFormed
		}
	}
	if wrongType {
		return nil, errTok(p, "While parsing a list in the query, expected string value, "+
			"punctuation, or whitespace, but got different type in list: %s", p.text)
	}
	kept := vals[:0]
	for _, v := range vals {
		if pyIsLower(v) {
			kept = append(kept, v)
		}
	}
	return kept, nil
}

// isDoubleQuoted reports whether t is a single "double-quoted" part, which
// Python reads as a string literal.
func isDoubleQuoted(t token) bool {
	if t.kind != tokIdent || !isQuoted(t.text, '"') {
		return false
	}
	end, ok := scanQuoted(t.text, 0, true)
	return ok && end == len(t.text)
}

// pyUnescape returns the value of a quoted Python string literal: the
// quotes go, backslash escapes are read, and a doubled quote (two adjacent
// literals) joins to nothing.
func pyUnescape(lit string) string {
	q := lit[0]
	body := lit[1 : len(lit)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == q && i+1 < len(body) && body[i+1] == q:
			i++
		case c == '\\' && i+1 < len(body):
			i++
			switch e := body[i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '\\', '\'', '"':
				b.WriteByte(e)
			default:
				b.WriteByte('\\')
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// pyIsLower is Python's str.islower: at least one cased character, and no
// upper- or title-case one.
func pyIsLower(s string) bool {
	cased := false
	for _, r := range s {
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			return false
		}
		if unicode.IsLower(r) {
			cased = true
		}
	}
	return cased
}
