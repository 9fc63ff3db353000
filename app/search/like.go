package search

import (
	"unicode"
	"unicode/utf8"
)

// like reports whether s matches the SQL LIKE pattern p as a whole: % is
// any run of characters, _ is one character, anything else stands for
// itself (case-insensitively when fold is set, for ILIKE).
func like(s, p string, fold bool) bool {
	si, pi := 0, 0
	starP, starS := -1, 0 // the last % seen in p, and where s stood then
	for si < len(s) {
		if pi < len(p) {
			pc, pw := utf8.DecodeRuneInString(p[pi:])
			if pc == '%' {
				starP, starS = pi, si
				pi += pw
				continue
			}
			sc, sw := utf8.DecodeRuneInString(s[si:])
			if pc == '_' || pc == sc || fold && foldEq(pc, sc) {
				pi += pw
				si += sw
				continue
			}
		}
		if starP < 0 {
			return false
		}
		// Let the last % take one more character and retry after it.
		_, sw := utf8.DecodeRuneInString(s[starS:])
		starS += sw
		si, pi = starS, starP+1
	}
	for pi < len(p) && p[pi] == '%' {
		pi++
	}
	return pi == len(p)
}

// foldEq reports whether a and b are equal under simple case folding.
func foldEq(a, b rune) bool {
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		return lowerASCII(a) == lowerASCII(b)
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

func lowerASCII(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}
