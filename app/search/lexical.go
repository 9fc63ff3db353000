package search

// The lexical rules of the grammar, for the UI's highlighter and
// completion: they must cut a query exactly where the parser does.

// NumberEnd returns the end of the number literal at src[i], or i when
// none starts there.
func NumberEnd(src string, i int) int { return scanNumber(src, i) }

// QuotedEnd returns the end of the quoted text at src[i] (which holds the
// quote) and whether the quote is closed. A doubled quote stands for
// itself, and so does a backslash-escaped one except between backticks.
func QuotedEnd(src string, i int) (int, bool) { return scanQuoted(src, i, src[i] != '`') }

// IsWordStart reports whether r starts an identifier or keyword.
func IsWordStart(r rune) bool { return isWordStart(r) }

// IsWordRune reports whether r continues one.
func IsWordRune(r rune) bool { return isWordRune(r) }
