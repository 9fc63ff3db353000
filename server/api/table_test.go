package api

import (
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

func TestReadCollapsed(t *testing.T) {
	tests := []struct {
		body    string
		want    map[string]bool
		none    bool
		invalid bool
	}{
		{`{}`, map[string]bool{}, false, false},
		{`{"collapsed_groups":["0.5",null,""]}`, map[string]bool{"0.5": true, "": true},
			true, false},
		{`{"collapsed_groups":[1]}`, nil, false, true},
		{`{"collapsed_groups":"0.5"}`, nil, false, true},
	}
	for _, tt := range tests {
		q, err := readTableBody(t, tt.body)
		if (err != nil) != tt.invalid {
			t.Errorf("%s: error %v", tt.body, err)
			continue
		}
		if !tt.invalid && (!reflect.DeepEqual(q.Collapsed, tt.want) || q.CollapsedNone != tt.none) {
			t.Errorf("%s: collapsed %v, none %v; want %v, %v", tt.body, q.Collapsed,
				q.CollapsedNone, tt.want, tt.none)
		}
	}
}

// readTableBody reads a runs table request's JSON body as the endpoint does.
func readTableBody(t *testing.T, body string) (tableQuery, error) {
	t.Helper()
	r := httptest.NewRequest("POST", "/ajax-api/2.0/mlscope/runs/table", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	req, err := readRequest(r)
	if err != nil {
		t.Fatal(err)
	}
	return readTableQuery(req)
}
