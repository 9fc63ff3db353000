package signature

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Python-style formatting, so messages read like MLflow's.

const maxReprLen = 200

// pyRepr returns the Python repr of a request value, cut to a sane length.
func pyRepr(v Value) string {
	var b strings.Builder
	writeRepr(&b, v, maxReprLen)
	if b.Len() > maxReprLen {
		return b.String()[:maxReprLen] + "..."
	}
	return b.String()
}

func writeRepr(b *strings.Builder, v Value, budget int) {
	if b.Len() > budget {
		return
	}
	switch v.Kind() {
	case KindMissing:
		b.WriteString("nan")
	case KindNull:
		b.WriteString("None")
	case KindBool:
		b.WriteString(pyBool(v.Bool()))
	case KindInt:
		b.WriteString(pyIntText(v.Raw()))
	case KindFloat:
		b.WriteString(pyFloat(v.Float()))
	case KindString:
		b.WriteString(pyQuote(v.Text()))
	case KindArray:
		b.WriteByte('[')
		for i, e := range v.Elems() {
			if i > 0 {
				b.WriteString(", ")
			}
			writeRepr(b, e, budget)
			if b.Len() > budget {
				return
			}
		}
		b.WriteByte(']')
	case KindObject:
		b.WriteByte('{')
		keys, vals := v.dict()
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(pyQuote(k))
			b.WriteString(": ")
			writeRepr(b, vals[i], budget)
			if b.Len() > budget {
				return
			}
		}
		b.WriteByte('}')
	}
}

// pyStr returns Python's str() of a value: like repr, but text unquoted.
func pyStr(v Value) string {
	if v.Kind() == KindString {
		return v.Text()
	}
	return pyRepr(v)
}

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// pyIntText normalises a JSON integer literal as Python prints it.
func pyIntText(s string) string {
	if s == "-0" {
		return "0"
	}
	return s
}

// pyFloat formats a float as Python's repr does.
func pyFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	if exp < -4 || exp >= 16 {
		return e
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".") {
		s += ".0"
	}
	return s
}

// pyQuote returns the Python repr of a str.
func pyQuote(s string) string {
	q := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		switch {
		case r == rune(q) || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x`)
			b.WriteString(hex2(int(r)))
		case r > 0x7f && !unicode.IsPrint(r):
			if r <= 0xff {
				b.WriteString(`\x` + hex2(int(r)))
			} else {
				b.WriteString(`\u` + strconv.FormatInt(int64(r)+0x10000, 16)[1:])
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(q)
	return b.String()
}

func hex2(n int) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[n>>4&15], digits[n&15]})
}

// pyList formats strings as a Python list literal: ['a', 'b'].
func pyList(items []string) string {
	parts := make([]string, len(items))
	for i, s := range items {
		parts[i] = pyQuote(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// pySet formats strings as a Python set literal: {'a', 'b'}.
func pySet(items []string) string {
	parts := make([]string, len(items))
	for i, s := range items {
		parts[i] = pyQuote(s)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// pyTuple formats a shape as a Python tuple: (-1,) or (2, 3).
func pyTuple(dims []int) string {
	parts := make([]string, len(dims))
	for i, d := range dims {
		parts[i] = strconv.Itoa(d)
	}
	if len(dims) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// pyTypeName is type(x).__name__ for a JSON value as Python decodes it.
func pyTypeName(v Value) string {
	switch v.Kind() {
	case KindMissing:
		return "float"
	case KindNull:
		return "NoneType"
	case KindBool:
		return "bool"
	case KindInt:
		return "int"
	case KindFloat:
		return "float"
	case KindString:
		return "str"
	case KindArray:
		return "list"
	}
	return "dict"
}

// pyClass is repr(type(x)), e.g. <class 'dict'>.
func pyClass(v Value) string { return "<class '" + pyTypeName(v) + "'>" }
