package signature

import (
	"strconv"
	"unicode/utf8"
)

// Lexing of JSON strings and numbers (Python's json grammar).

// plain marks bytes that can be copied inside a string without checks.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

var isSpace = [256]bool{' ': true, '\n': true, '\r': true, '\t': true}

// lexString finds the end of a plain string starting at the quote at pos:
// it returns the offset after the closing quote. ok is false for strings the
// general path must look at (control characters, bad escapes, bad UTF-8).
func lexString(src string, pos int) (end int, flags uint8, ok bool) {
	i := pos + 1
	n := len(src)
	for {
		for i < n && plain[src[i]] {
			i++
		}
		if i >= n {
			return 0, 0, false
		}
		switch c := src[i]; {
		case c == '"':
			return i + 1, flags, true
		case c == '\\':
			if i+1 >= n {
				return 0, 0, false
			}
			switch src[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > n || !isHex4(src[i+2:i+6]) {
					return 0, 0, false
				}
				i += 6
			default:
				return 0, 0, false
			}
			flags |= flagEscape
		case c < 0x20:
			return 0, 0, false
		default:
			r, size := utf8.DecodeRuneInString(src[i:])
			if r == utf8.RuneError && size == 1 {
				return 0, 0, false
			}
			i += size
		}
	}
}

func hasAt(s string, pos int, lit string) bool {
	return len(s)-pos >= len(lit) && s[pos:pos+len(lit)] == lit
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// lexNumber reads a JSON number (Python's NUMBER_RE) starting at start.
func lexNumber(src string, start int) (end int, k Kind, flags uint8, ok bool) {
	n := len(src)
	pos := start
	if src[pos] == '-' {
		flags |= flagNeg
		pos++
	}
	digits := pos
	if pos >= n || !isDigit(src[pos]) {
		return 0, 0, 0, false
	}
	if src[pos] == '0' {
		pos++
	} else {
		for pos < n && isDigit(src[pos]) {
			pos++
		}
	}
	k = KindInt
	if pos+1 < n && src[pos] == '.' && isDigit(src[pos+1]) {
		k = KindFloat
		pos += 2
		for pos < n && isDigit(src[pos]) {
			pos++
		}
	}
	if pos < n && (src[pos] == 'e' || src[pos] == 'E') {
		j := pos + 1
		if j < n && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < n && isDigit(src[j]) {
			k = KindFloat
			for j < n && isDigit(src[j]) {
				j++
			}
			pos = j
		}
	}
	if k == KindInt && pos-digits >= 19 {
		if _, err := strconv.ParseInt(src[start:pos], 10, 64); err != nil {
			flags |= flagBig
		}
	}
	return pos, k, flags, true
}

// scanString reads the string whose opening quote is at pos and adds it.
func (p *parser) scanString(pos int) bool {
	src := p.d.src
	n := len(src)
	i := pos + 1
	var flags uint8
	for {
		for i < n && plain[src[i]] {
			i++
		}
		if i >= n {
			p.fail("Unterminated string starting at", pos)
			return false
		}
		c := src[i]
		switch {
		case c == '"':
			nd := node{start: uint32(pos + 1), end: uint32(i), kind: KindString, flags: flags}
			if !p.add(nd, pos) {
				return false
			}
			p.pos = i + 1
			p.state = psAfter
			return true
		case c == '\\':
			flags |= flagEscape
			if i+1 >= n {
				p.fail("Unterminated string starting at", pos)
				return false
			}
			switch src[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > n || !isHex4(src[i+2:i+6]) {
					p.fail("Invalid \\uXXXX escape", i)
					return false
				}
				i += 6
			default:
				p.fail("Invalid \\escape", i)
				return false
			}
		case c < 0x20:
			p.fail("Invalid control character at", i)
			return false
		default:
			r, size := utf8.DecodeRuneInString(src[i:])
			if r == utf8.RuneError && size == 1 {
				p.fail("Invalid UTF-8 byte", i)
				return false
			}
			i += size
		}
	}
}

func isHex4(s string) bool {
	for i := 0; i < 4; i++ {
		if hexVal(s[i]) < 0 {
			return false
		}
	}
	return true
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// unescapeJSON decodes the content of a JSON string that holds escapes.
// Lone UTF-16 surrogates become U+FFFD.
func unescapeJSON(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			b = append(b, c)
			i++
			continue
		}
		switch s[i+1] {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r := rune(hex4(s[i+2:]))
			i += 6
			if r >= 0xD800 && r < 0xDC00 && i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
				lo := rune(hex4(s[i+2:]))
				if lo >= 0xDC00 && lo < 0xE000 {
					r = 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00)
					i += 6
				}
			}
			b = utf8.AppendRune(b, r)
			continue
		default: // '"', '\\', '/'
			b = append(b, s[i+1])
		}
		i += 2
	}
	return string(b)
}

func hex4(s string) int {
	return hexVal(s[0])<<12 | hexVal(s[1])<<8 | hexVal(s[2])<<4 | hexVal(s[3])
}
