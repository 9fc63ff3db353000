package search

import (
	"strings"
	"testing"
)

func TestParseExperimentFilter(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"name", "name = 'Default'", []string{"attribute name = Default []"}},
		{"attribute prefix", "attribute.name ILIKE '%vision%'",
			[]string{"attribute name ILIKE %vision% []"}},
		{"times", "creation_time > 1.5 and last_update_time <= 2000",
			[]string{"attribute creation_time > 1.5 []",
				"attribute last_update_time <= 2000 []"}},
		{"tags", "tags.owner = 'alice' AND tag.`team x` != \"b\"",
			[]string{"tag owner = alice []", "tag team x != b []"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseExperimentFilter(tt.in)
			if err != nil {
				t.Fatalf("ParseExperimentFilter(%q): %v", tt.in, err)
			}
			got := clauseStrings(f.Clauses)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("ParseExperimentFilter(%q)\n got  %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseExperimentFilterErrors(t *testing.T) {
	const (
		keys     = "'{'creation_time', 'last_update_time', 'name'}'"
		entities = "('attribute', 'tag', 'tags')"
	)
	tests := []struct {
		name, in, msg string
		pos, n        int
	}{
		{"or, unquoted clause list", "name = 'a' OR name = 'b'",
			"Invalid clause(s) in filter string: OR", 11, 2},
		{"is null", "tags.a IS NULL",
			"Invalid clause(s) in filter string: tags.a, IS, NULL", 0, 14},
		{"multiple statements", "name = 'a'; name = 'b'",
			"Search filter contained multiple expression \"name = 'a'; name = 'b'\". " +
				"Provide AND-ed expression list.", 10, 12},
		{"number on the left", "1 = name",
			"Invalid comparison clause. Expected 'Identifier' found '1'", 0, 1},
		{"metrics prefix", "metrics.a > 1",
			"Invalid entity type 'metrics'. Valid entity types are " + entities, 0, 7},
		{"attributes prefix", "attributes.name = 'a'",
			"Invalid entity type 'attributes'. Valid entity types are " + entities, 0, 10},
		{"backticked prefix", "`tags`.a = 'x'",
			"Invalid entity type '`tags`'. Valid entity types are " + entities, 0, 6},
		{"bad attribute", "experiment_id = '1'",
			"Invalid attribute key 'experiment_id' specified. Valid keys are " + keys, 0, 13},
		{"tag number", "tags.a = 1",
			"Expected a quoted string value for tag (e.g. 'my-value'). Got value 1", 9, 1},
		{"tag unquoted", "tags.a = x",
			"Parameter value is either not quoted or unidentified quote types used for " +
				"string value x. Use either single or double quotes.", 9, 1},
		{"time string", "creation_time > '5'",
			"Expected numeric value type for numeric attribute: creation_time. Found '5'",
			16, 3},
		{"name number", "name = 5",
			"Expected a quoted string value for attributes. Got value 5", 7, 1},
		{"name list", "name IN ('a')",
			"Only the 'run_id' attribute supports comparison with a list of quoted string " +
				"values.", 8, 5},
		{"name less", "name < 'b'",
			"Invalid comparator '<' not one of '{'!=', '=', 'ILIKE', 'IN', 'LIKE', 'NOT IN'}'",
			5, 1},
		{"time like", "last_update_time LIKE 5",
			"Invalid comparator 'LIKE' not one of '{'!=', '<', '<=', '=', '>', '>='}'", 17, 4},
		{"tag greater", "tags.a >= 'x'",
			"Invalid comparator '>=' not one of '{'!=', '=', 'ILIKE', 'LIKE'}'", 7, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseExperimentFilter(tt.in)
			wantErr(t, tt.in, err, tt.msg, tt.pos, tt.n)
		})
	}
}
