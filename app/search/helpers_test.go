package search

import (
	"errors"
	"testing"
)

// wantErr checks that err is an *Error with the message and span.
func wantErr(t *testing.T, input string, err error, msg string, pos, n int) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("input %q: got error %v (%T), want *Error %q", input, err, err, msg)
	}
	if e.Msg != msg || e.Pos != pos || e.Len != n {
		t.Errorf("input %q:\n got  %q at %d+%d\n want %q at %d+%d",
			input, e.Msg, e.Pos, e.Len, msg, pos, n)
	}
}

// checkSpan fails when an error does not lie within its input.
func checkSpan(t *testing.T, input string, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("input %q: error %v is %T, not *Error", input, err, err)
	}
	if e.Msg == "" || e.Pos < 0 || e.Len < 0 || e.Pos+e.Len > len(input) {
		t.Fatalf("input %q: error %q has span %d+%d outside the input (len %d)",
			input, e.Msg, e.Pos, e.Len, len(input))
	}
}
