package search

// The lexical rules of the grammar are exported for the UI's highlighter
// and completion, which must cut a query exactly where the parser does:
// NumberEnd, IsWordStart and IsWordRune (tokenizer.go), and QuotedEnd.

// QuotedEnd returns the end of the quoted text at src[i] (which holds the
// quote) and whether the quote is closed. A doubled quote stands for
// itself, and so does a backslash-escaped one except between backticks.
func QuotedEnd(src string, i int) (int, bool) { return scanQuoted(src, i, src[i] != '`') }
