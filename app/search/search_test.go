package search

import (
	"strings"
	"testing"
)

func TestSearchRuns(t *testing.T) {
	tests := []struct {
		name, filter string
		orderBy      []string
		max          int
		token        string
		want, next   string
		err          string
	}{
		{"all", "", nil, 10, "", "bbb,ccc,aaa", "", ""},
		{"filtered and ordered", "metrics.acc > 0", []string{"metrics.acc"}, 10, "",
			"bbb,aaa", "", ""},
		{"paged", "", []string{"run_id"}, 2, "", "aaa,bbb", EncodePageToken(2), ""},
		{"second page", "", []string{"run_id"}, 2, EncodePageToken(2), "ccc", "", ""},
		{"filter fault first", "x = 1", []string{"bad order"}, 1, "abc", "", "",
			"Invalid attribute key 'x'"},
		{"order fault next", "", []string{"bad order"}, 1, "abc", "", "",
			"Invalid ordering key"},
		{"token fault last", "", nil, 1, "abc", "", "", "Invalid page token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs := testRuns()
			page, next, err := SearchRuns(runs, tt.filter, tt.orderBy, tt.max, tt.token)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("got error %v, want %q...", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(runIDs(page), ","); got != tt.want || next != tt.next {
				t.Errorf("got %s next %q, want %s next %q", got, next, tt.want, tt.next)
			}
			if got := strings.Join(runIDs(runs), ","); got != "aaa,bbb,ccc" {
				t.Errorf("input reordered: %s", got)
			}
		})
	}
}

func TestSearchExperiments(t *testing.T) {
	page, next, err := SearchExperiments(testExperiments(), "name != 'nlp'", nil, 2, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(expIDs(page), ","); got != "2,3" || next != EncodePageToken(2) {
		t.Errorf("got %s next %q, want 2,3 next %q", got, next, EncodePageToken(2))
	}
	for _, bad := range [][2]string{{"name = 1", ""}, {"", "tags.x"}} {
		var orderBy []string
		if bad[1] != "" {
			orderBy = []string{bad[1]}
		}
		if _, _, err := SearchExperiments(testExperiments(), bad[0], orderBy, 1, ""); err == nil {
			t.Errorf("filter %q order_by %q: no error", bad[0], bad[1])
		}
	}
	if _, _, err := SearchExperiments(testExperiments(), "", nil, 1, "abc"); err == nil {
		t.Error("bad token: no error")
	}
}

// TestSearchRunsParallel checks that the split search over many runs
// gives the same result as filtering and sorting in one piece.
func TestSearchRunsParallel(t *testing.T) {
	runs := benchRuns(3*minChunk + 17)
	filter := "metrics.m3 > 0.2 and params.p1 LIKE 'v1%'"
	orderBy := []string{"params.p2 DESC", "metrics.m5"}
	page, next, err := SearchRuns(runs, filter, orderBy, 1<<30, "")
	if err != nil || next != "" {
		t.Fatalf("SearchRuns: next %q, %v", next, err)
	}
	f, _ := ParseRunFilter(filter)
	keys, _ := ParseRunOrderBy(orderBy)
	want := f.Filter(runs)
	SortRuns(want, keys)
	if len(page) != len(want) {
		t.Fatalf("got %d runs, want %d", len(page), len(want))
	}
	for i := range want {
		if page[i] != want[i] {
			t.Fatalf("run %d: got %s, want %s", i, page[i].Info.RunID, want[i].Info.RunID)
		}
	}
}
