package api

import (
	"reflect"
	"strings"
	"testing"
)

func TestReadPinnedRuns(t *testing.T) {
	tests := []struct {
		body    string
		want    []string
		invalid bool
	}{
		{`{}`, nil, false},
		{`{"pinned_runs": ["b", "a"]}`, []string{"b", "a"}, false},
		{`{"pinned_runs": "a"}`, nil, true},
		{`{"pinned_runs": [{"run_id": "a"}]}`, nil, true},
		// Numbers read as their text, as protobuf's JSON does.
		{`{"pinned_runs": [12]}`, []string{"12"}, false},
	}
	for _, tt := range tests {
		q, err := readTableBody(t, tt.body)
		if (err != nil) != tt.invalid {
			t.Errorf("%s: error %v", tt.body, err)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), "pinned_runs") {
			t.Errorf("%s: error %q does not name pinned_runs", tt.body, err)
		}
		if !tt.invalid && !reflect.DeepEqual(q.Pinned, tt.want) {
			t.Errorf("%s: pinned %q, want %q", tt.body, q.Pinned, tt.want)
		}
	}
}
