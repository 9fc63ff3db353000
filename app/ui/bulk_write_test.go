package ui

import (
	"errors"
	"slices"
	"sync"
	"testing"
)

func TestBulkWrite(t *testing.T) {
	errBoom := errors.New("boom")
	tests := []struct {
		name       string
		ids        []string
		limit      int
		fail       []string // ids whose write fails
		wantFailed []string
	}{
		{"none", nil, 4, nil, nil},
		{"all fine", []string{"a", "b", "c"}, 2, nil, nil},
		{"some fail", []string{"a", "b", "c", "d"}, 4, []string{"d", "b"}, []string{"b", "d"}},
		{"all fail", []string{"a", "b"}, 1, []string{"a", "b"}, []string{"a", "b"}},
		// A limit below 1 still writes, one at a time.
		{"zero limit", []string{"a", "b"}, 0, []string{"a"}, []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var written []string
			inFlight, most := 0, 0
			failed, err := bulkWrite(tt.ids, tt.limit, func(id string) error {
				mu.Lock()
				written = append(written, id)
				inFlight++
				most = max(most, inFlight)
				mu.Unlock()
				defer func() { mu.Lock(); inFlight--; mu.Unlock() }()
				if slices.Contains(tt.fail, id) {
					return errBoom
				}
				return nil
			})
			slices.Sort(written)
			if want := slices.Sorted(slices.Values(tt.ids)); !slices.Equal(written, want) {
				t.Errorf("bulkWrite(%v) wrote %v, want each once", tt.ids, written)
			}
			if !slices.Equal(failed, tt.wantFailed) {
				t.Errorf("bulkWrite(%v) failed %v, want %v", tt.ids, failed, tt.wantFailed)
			}
			if (err != nil) != (len(tt.wantFailed) > 0) || err != nil && !errors.Is(err, errBoom) {
				t.Errorf("bulkWrite(%v) error %v, want boom iff some failed", tt.ids, err)
			}
			if most > max(tt.limit, 1) {
				t.Errorf("bulkWrite(limit %d) had %d writes in flight", tt.limit, most)
			}
		})
	}
}

func TestBulkFailure(t *testing.T) {
	tests := []struct {
		failed, n int
		want      string
	}{
		{1, 1, "The run could not be deleted."},
		{2, 5, "2 of 5 runs could not be deleted."},
		{1, 2, "1 of 2 runs could not be deleted."},
	}
	for _, tt := range tests {
		if got := bulkFailure(tt.failed, tt.n, "deleted"); got != tt.want {
			t.Errorf("bulkFailure(%d, %d) = %q, want %q", tt.failed, tt.n, got, tt.want)
		}
	}
}
