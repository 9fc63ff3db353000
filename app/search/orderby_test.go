package search

import (
	"errors"
	"fmt"
	"testing"
)

func TestParseRunOrderBy(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want string
	}{
		{"none", nil, "[]"},
		{"default direction", []string{"metrics.acc"}, "[{metric acc true}]"},
		{"directions any case", []string{"params.lr DESC", "tags.t asc", "attributes.status Desc"},
			"[{parameter lr false} {tag t true} {attribute status false}]"},
		{"quoted keys", []string{"metrics.\"val loss\" DESC", "tags.`my tag`"},
			"[{metric val loss false} {tag my tag true}]"},
		{"created alias", []string{"created DESC"}, "[{attribute start_time false}]"},
		{"ui default", []string{"attributes.start_time DESC"}, "[{attribute start_time false}]"},
		{"spaces around", []string{"  run_name  "}, "[{attribute run_name true}]"},
		{"end_time", []string{"run.end_time ASC"}, "[{attribute end_time true}]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys, err := ParseRunOrderBy(tt.in)
			if err != nil {
				t.Fatalf("ParseRunOrderBy(%q): %v", tt.in, err)
			}
			if got := fmt.Sprint(keys); got != tt.want {
				t.Errorf("ParseRunOrderBy(%q)\n got  %s\n want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseRunOrderByErrors(t *testing.T) {
	const orderKeys = "'{'Created', 'artifact_uri', 'created', 'end_time', 'run_id', " +
		"'run_name', 'start_time', 'status', 'user_id'}'"
	tests := []struct {
		name   string
		in     []string
		msg    string
		pos, n int
		index  int
	}{
		{"empty entry", []string{""}, "Invalid order_by clause ''. Could not be parsed.", 0, 0, 0},
		{"three words", []string{"metrics.a DESC x"},
			"Invalid order_by clause 'metrics.a DESC x'. Could not be parsed.", 0, 16, 0},
		{"string", []string{"'metrics.a'"},
			"Invalid order_by clause ''metrics.a''. Could not be parsed.", 0, 11, 0},
		{"quoted direction", []string{"metrics.a 'DESC'"},
			"Invalid order_by clause 'metrics.a 'DESC''. Could not be parsed.", 0, 16, 0},
		{"comma list", []string{"metrics.a, metrics.b"},
			"Invalid order_by clause 'metrics.a, metrics.b'. Could not be parsed.", 0, 20, 0},
		{"bad direction", []string{"metrics.a DOWN"},
			"Invalid ordering key in order_by clause 'metrics.a DOWN'.", 10, 4, 0},
		{"unquoted spaced alias", []string{"run name"},
			"Invalid ordering key in order_by clause 'run name'.", 4, 4, 0},
		{"bad entity", []string{"metric_s.a"},
			"Invalid entity type 'metric_s'. Valid values are " +
				"['metric', 'parameter', 'tag', 'attribute', 'dataset']", 0, 8, 0},
		{"not orderable", []string{"attributes.`run name`"},
			"Invalid attribute key 'run name' specified. Valid keys are " + orderKeys,
			11, 10, 0},
		{"dataset", []string{"dataset.name DESC"},
			"Invalid order_by entity type 'dataset'", 0, 12, 0},
		{"bad dataset key first", []string{"dataset.foo"},
			"Invalid dataset key 'foo' specified. Valid keys are " +
				"'{'context', 'digest', 'name'}'", 8, 3, 0},
		{"last fault reported", []string{"foo", "metrics.a", "bar DESC"},
			"Invalid attribute key 'bar' specified. Valid keys are " + orderKeys, 0, 3, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRunOrderBy(tt.in)
			wantErr(t, fmt.Sprint(tt.in), err, tt.msg, tt.pos, tt.n)
			var e *Error
			if errors.As(err, &e) && e.Index != tt.index {
				t.Errorf("ParseRunOrderBy(%q): index %d, want %d", tt.in, e.Index, tt.index)
			}
		})
	}
}

func TestParseExperimentOrderBy(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want string
	}{
		{"default", nil, "[{attribute creation_time false} {attribute experiment_id true}]"},
		{"keys", []string{"name", "experiment_id DESC", "attribute.last_update_time asc"},
			"[{attribute name true} {attribute experiment_id false} " +
				"{attribute last_update_time true}]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys, err := ParseExperimentOrderBy(tt.in)
			if err != nil {
				t.Fatalf("ParseExperimentOrderBy(%q): %v", tt.in, err)
			}
			if got := fmt.Sprint(keys); got != tt.want {
				t.Errorf("ParseExperimentOrderBy(%q)\n got  %s\n want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseExperimentOrderByErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     []string
		msg    string
		pos, n int
		index  int
	}{
		{"tag", []string{"name", "tags.owner DESC"}, "Invalid order_by entity: tag", 0, 10, 1},
		{"metric", []string{"metrics.a"},
			"Invalid entity type 'metrics'. Valid entity types are ('attribute', 'tag', 'tags')",
			0, 7, 0},
		{"bad key", []string{"start_time"},
			"Invalid attribute key 'start_time' specified. Valid keys are " +
				"'{'creation_time', 'experiment_id', 'last_update_time', 'name'}'", 0, 10, 0},
		{"first fault reported", []string{"x y z", "foo"},
			"Invalid order_by clause 'x y z'. Could not be parsed.", 0, 5, 0},
		{"bad direction", []string{"name up"},
			"Invalid ordering key in order_by clause 'name up'.", 5, 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseExperimentOrderBy(tt.in)
			wantErr(t, fmt.Sprint(tt.in), err, tt.msg, tt.pos, tt.n)
			var e *Error
			if errors.As(err, &e) && e.Index != tt.index {
				t.Errorf("ParseExperimentOrderBy(%q): index %d, want %d", tt.in, e.Index, tt.index)
			}
		})
	}
}
