package search

import "fmt"

// Error is a rejected filter, order_by entry, page token or max_results.
// Msg is MLflow's message for the fault. Pos and Len are the byte offset
// and length of the fault in the text that was parsed (the filter, the
// order_by entry, or the page token); Len may be zero at the end of input.
// Index is the position of the offending entry in an order_by list and is
// zero otherwise.
type Error struct {
	Msg   string
	Pos   int
	Len   int
	Index int
}

// Error returns MLflow's message.
func (e *Error) Error() string { return e.Msg }

// errAt builds an *Error for the span [pos, pos+n).
func errAt(pos, n int, format string, args ...any) *Error {
	return &Error{Msg: fmt.Sprintf(format, args...), Pos: pos, Len: n}
}

// errTok builds an *Error spanning a token.
func errTok(t token, format string, args ...any) *Error {
	return errAt(t.pos, t.end-t.pos, format, args...)
}
