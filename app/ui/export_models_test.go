package ui

import (
	"strings"
	"testing"
)

func TestParseVersionFilter(t *testing.T) {
	tests := []struct {
		in, field, value string
		ok               bool
	}{
		{"", "", "", true},
		{"name = 'wine'", "name", "wine", true},
		{"  run_id='abc' ", "run_id", "abc", true},
		{"name = 'it''s'", "name", "it's", true},
		{"name = ''", "name", "", true},
		{"name = 'a' OR name = 'b'", "", "", false},
		{"tags.x = 'a'", "", "", false},
		{"name = wine", "", "", false},
		{"name LIKE 'w%'", "", "", false},
		{"name = '", "", "", false},
	}
	for _, tt := range tests {
		field, value, err := parseVersionFilter(tt.in)
		if field != tt.field || value != tt.value || (err == nil) != tt.ok {
			t.Errorf("parseVersionFilter(%q) = %q, %q, %v; want %q, %q, ok %v", tt.in, field,
				value, err, tt.field, tt.value, tt.ok)
		}
	}
}

// FuzzParseVersionFilter checks that a value the app quotes reads back as
// it was, and that nothing panics.
func FuzzParseVersionFilter(f *testing.F) {
	for _, s := range []string{"wine", "it's", "", "''", "a = 'b'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parseVersionFilter(s)
		q := "name = '" + strings.ReplaceAll(s, "'", "''") + "'"
		field, value, err := parseVersionFilter(q)
		if strings.TrimSpace(s) == s && (err != nil || field != "name" || value != s) {
			t.Fatalf("%q: %q, %q, %v", q, field, value, err)
		}
	})
}
