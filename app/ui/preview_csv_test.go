package ui

import (
	"reflect"
	"strings"
	"testing"
)

func TestCSVRows(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		sep      rune
		eof      bool
		want     [][]string
		wantNext int64
	}{
		{"whole file", "a,b\n1,2\n", ',', true, [][]string{{"a", "b"}, {"1", "2"}}, 8},
		{"last record cut", "a,b\n1,2\n3,", ',', false, [][]string{{"a", "b"}, {"1", "2"}}, 8},
		{"chunk ends on a record", "a,b\n1,2\n", ',', false, [][]string{{"a", "b"}, {"1", "2"}}, 8},
		// A quoted field with a newline, cut inside its quotes.
		{"cut inside quotes", "a,b\n\"x\ny", ',', false, [][]string{{"a", "b"}}, 4},
		{"quoted newline kept", "a\n\"x\ny\"\n", ',', true, [][]string{{"a"}, {"x\ny"}}, 8},
		{"tabs", "a\tb\n1\t2", '\t', true, [][]string{{"a", "b"}, {"1", "2"}}, 7},
		{"ragged rows", "a,b,c\n1\n", ',', true, [][]string{{"a", "b", "c"}, {"1"}}, 8},
		{"one cut record", "abc", ',', false, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, next, err := csvRows([]byte(tt.data), tt.sep, tt.eof)
			if err != nil {
				t.Fatalf("csvRows(%q): %v", tt.data, err)
			}
			same := reflect.DeepEqual(got, tt.want) || (len(got) == 0 && len(tt.want) == 0)
			if !same || next != tt.wantNext {
				t.Errorf("csvRows(%q, eof %v) = %q, next %d; want %q, next %d",
					tt.data, tt.eof, got, next, tt.want, tt.wantNext)
			}
		})
	}
}

func TestSortRows(t *testing.T) {
	rows := func(s string) [][]string {
		var out [][]string
		for _, r := range strings.Split(s, " ") {
			out = append(out, strings.Split(r, ","))
		}
		return out
	}
	tests := []struct {
		name string
		in   string
		col  int
		desc bool
		want string
	}{
		{"numbers, not text", "a,10 b,9 c,100", 1, false, "b,9 a,10 c,100"},
		{"numbers descending", "a,10 b,9 c,100", 1, true, "c,100 a,10 b,9"},
		{"text", "b,1 a,2 c,3", 0, false, "a,2 b,1 c,3"},
		{"mixed is text", "a,10 b,x c,9", 1, false, "a,10 c,9 b,x"},
		{"empty values last", "a, b,2 c,1", 1, false, "c,1 b,2 a,"},
		{"empty values last descending", "a, b,2 c,1", 1, true, "b,2 c,1 a,"},
		{"missing column last", "a b,2 c,1", 1, false, "c,1 b,2 a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rows(tt.in)
			sortRows(got, tt.col, tt.desc)
			if !reflect.DeepEqual(got, rows(tt.want)) {
				t.Errorf("sortRows(%q, %d, desc %v) = %q, want %q", tt.in, tt.col, tt.desc,
					got, rows(tt.want))
			}
		})
	}
}
