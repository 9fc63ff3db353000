package storefmt

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// The meta.yaml files of runs and run inputs are flat: a "key: value" a
// line, and for inputs one nested mapping of tags. A first scan of a large
// tree parses one or two of them per run, and a YAML parser spent a tenth
// of that scan on them. flatYAML reads the plain shapes MLflow and mlscope
// write, and gives up (ok false) on anything else, which the callers then
// hand to the YAML parser: comments, anchors, escapes, folded lines, flow
// collections other than an empty one, odd indentation, repeated keys.

// flatValue is one scalar of a flat document.
type flatValue struct {
	text   string
	null   bool // empty, ~ or null
	bare   bool // nothing after the colon
	plain  bool // not quoted
	nested bool // a key whose value is the indented lines that follow
	empty  bool // [] or {}, as text
}

// flatEntry is one key of a flat document; nested holds the entries of an
// indented mapping under it.
type flatEntry struct {
	key    string
	value  flatValue
	nested []flatEntry
}

// flatYAML splits b into its top-level entries, or reports false.
func flatYAML(b []byte) ([]flatEntry, bool) {
	if !utf8.Valid(b) || bytes.ContainsAny(b, "\r\t\\") {
		return nil, false
	}
	var out []flatEntry
	indent := 0 // of the nested lines under the last key; 0 before the first
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if len(bytes.TrimRight(line, " ")) == 0 {
			continue
		}
		if line[0] != ' ' {
			e, ok := flatLine(line)
			if !ok || hasKey(out, e.key) {
				return nil, false
			}
			out, indent = append(out, e), 0
			continue
		}
		// An indented line belongs to the last key, which must have
		// been left without a value, at one indentation throughout.
		n := len(line) - len(bytes.TrimLeft(line, " "))
		last := len(out) - 1
		if last < 0 || !out[last].value.bare ||
			indent != 0 && indent != n {
			return nil, false
		}
		indent = n
		e, ok := flatLine(line[n:])
		if !ok || e.value.bare || hasKey(out[last].nested, e.key) {
			return nil, false
		}
		out[last].nested = append(out[last].nested, e)
	}
	for i := range out {
		if out[i].nested != nil {
			out[i].value = flatValue{nested: true}
		}
	}
	return out, len(out) > 0
}

func hasKey(es []flatEntry, key string) bool {
	for _, e := range es {
		if e.key == key {
			return true
		}
	}
	return false
}

// flatLine reads "key: value" or "key:".
func flatLine(line []byte) (flatEntry, bool) {
	key, rest, ok := flatKey(line)
	if !ok {
		return flatEntry{}, false
	}
	switch {
	case len(rest) == 0:
	case rest[0] == ' ':
		rest = bytes.Trim(rest, " ")
	default:
		return flatEntry{}, false
	}
	v, ok := flatScalar(rest)
	return flatEntry{key: key, value: v}, ok
}

// maxFlatKey keeps keys well below YAML's limit of 1,024 characters for
// a key without a "?" indicator.
const maxFlatKey = 256

// flatKey reads a plain or double-quoted key and its colon.
func flatKey(line []byte) (string, []byte, bool) {
	if i := bytes.IndexByte(line, ':'); i < 0 || i > maxFlatKey {
		return "", nil, false
	}
	if line[0] == '"' {
		end := bytes.IndexByte(line[1:], '"')
		if end < 1 || len(line) < end+3 || line[end+2] != ':' {
			return "", nil, false
		}
		key := line[1 : end+1]
		return string(key), line[end+3:], isQuotable(key)
	}
	colon := bytes.IndexByte(line, ':')
	if colon < 1 || !isKeyText(line[:colon]) {
		return "", nil, false
	}
	return string(line[:colon]), line[colon+1:], true
}

// flatScalar reads a value: quoted without escapes, plain from a safe set
// of characters, or an empty flow collection.
func flatScalar(v []byte) (flatValue, bool) {
	switch {
	case len(v) == 0:
		return flatValue{null: true, plain: true, bare: true}, true
	case string(v) == "[]" || string(v) == "{}":
		return flatValue{empty: true, text: string(v)}, true
	case v[0] == '"':
		if len(v) < 2 || v[len(v)-1] != '"' || !isQuotable(v[1:len(v)-1]) ||
			bytes.IndexByte(v[1:len(v)-1], '"') >= 0 {
			return flatValue{}, false
		}
		return flatValue{text: string(v[1 : len(v)-1])}, true
	case v[0] == '\'':
		if len(v) < 2 || v[len(v)-1] != '\'' {
			return flatValue{}, false
		}
		inner := v[1 : len(v)-1]
		if !isQuotable(inner) || bytes.Count(inner, []byte("'")) > 0 {
			return flatValue{}, false
		}
		return flatValue{text: string(inner)}, true
	}
	if !isPlainText(v) {
		return flatValue{}, false
	}
	switch string(v) {
	case "~", "null", "Null", "NULL":
		return flatValue{null: true, plain: true}, true
	}
	return flatValue{text: string(v), plain: true}, true
}

// isKeyText: letters, digits, '_', '.', '-', starting with a letter or
// '_', and not a word YAML reads as other than text.
func isKeyText(b []byte) bool {
	if len(b) == 0 || !(b[0] >= 'a' && b[0] <= 'z' || b[0] >= 'A' && b[0] <= 'Z' || b[0] == '_') {
		return false
	}
	switch strings.ToLower(string(b)) {
	case "true", "false", "null", "yes", "no", "on", "off", "y", "n":
		return false
	}
	for _, c := range b {
		if !isAlnum(c) && c != '_' && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

// isPlainText: a plain scalar that means its own text in YAML, of
// letters, digits and "._/:+-=,@", starting with a letter, a digit, '/' or
// '.', or '-' and a digit; a ':' only before a character other than a
// space. Anything else (spaces, other punctuation, non-ASCII) is left to
// the YAML parser.
func isPlainText(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	switch c := b[0]; {
	case isAlnum(c) || c == '/' || c == '.':
	case c == '-' && len(b) > 1 && b[1] >= '0' && b[1] <= '9':
	default:
		return false
	}
	for i, c := range b {
		switch {
		case isAlnum(c):
		case c == ':':
			if i == len(b)-1 {
				return false
			}
		case c == '.' || c == '_' || c == '/' || c == '+' || c == '-' || c == '=' || c == ',' ||
			c == '@':
		default:
			return false
		}
	}
	return true
}

// isQuotable: printable text with no character a quoted YAML scalar would
// treat specially here.
func isQuotable(b []byte) bool {
	for _, r := range string(b) {
		if r < ' ' || r == 0x7f || r == '"' || r == '\'' || r >= 0x80 && r < 0xa0 ||
			r == 0xfeff || r >= 0xfffe {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// flatInt reads an integer field: a plain decimal of at most 18 digits
// without leading zeros, or null (ok with set false).
func flatInt(v flatValue) (n int64, set, ok bool) {
	if v.null {
		return 0, false, true
	}
	if !v.plain || v.nested || v.empty {
		return 0, false, false
	}
	s := v.text
	neg := s != "" && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if s == "" || len(s) > 18 || s[0] == '0' && len(s) > 1 {
		return 0, false, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	if neg {
		n = -n
	}
	return n, true, true
}

// flatString reads a string field: the text, or "" for null.
func flatString(v flatValue) (string, bool) {
	if v.nested || v.empty {
		return "", false
	}
	return v.text, true
}

// flatIntPtr is flatInt for an optional field.
func flatIntPtr(v flatValue) (*int64, bool) {
	n, set, ok := flatInt(v)
	if !set {
		return nil, ok
	}
	return &n, ok
}
