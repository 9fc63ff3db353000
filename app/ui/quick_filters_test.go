package ui

import (
	"testing"
	"time"
)

func TestReplaceClause(t *testing.T) {
	tests := []struct {
		name, filter, clause string
		since                bool // replace the start_time clause rather than the status one
		want                 string
	}{
		{"add to nothing", "", "attributes.status = 'FINISHED'", false,
			"attributes.status = 'FINISHED'"},
		{"add to a clause", "metrics.rmse < 1", "attributes.status = 'FAILED'", false,
			"metrics.rmse < 1 and attributes.status = 'FAILED'"},
		{"replace", "status = 'FAILED' AND metrics.rmse < 1", "attributes.status = 'RUNNING'", false,
			"metrics.rmse < 1 and attributes.status = 'RUNNING'"},
		{"remove", "metrics.rmse < 1 and attributes.status = 'FAILED'", "", false,
			"metrics.rmse < 1"},
		{"time", "attributes.start_time >= 5 and metrics.a > 1", "attributes.start_time >= 9", true,
			"metrics.a > 1 and attributes.start_time >= 9"},
		// An upper bound on the time is not the quick filter's.
		{"keeps other time clauses", "attributes.start_time < 5", "", true,
			"attributes.start_time < 5"},
		{"a faulty filter is kept", "metrics.a ~ 1", "attributes.status = 'FAILED'", false,
			"metrics.a ~ 1 and attributes.status = 'FAILED'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			drop := isStatusClause
			if tt.since {
				drop = isSinceClause
			}
			if got := replaceClause(tt.filter, drop, tt.clause); got != tt.want {
				t.Errorf("replaceClause(%q, %q) = %q, want %q", tt.filter, tt.clause, got, tt.want)
			}
		})
	}
}

func TestQuickFilterState(t *testing.T) {
	now := time.UnixMilli(1_700_000_000_000)
	day := now.Add(-24 * time.Hour).UnixMilli()
	tests := []struct {
		filter string
		status string
		since  string
	}{
		{"", "", "All time"},
		{"attributes.status = 'FINISHED'", "FINISHED", "All time"},
		{"status = 'failed' and attributes.start_time >= " + itoa(int(day)), "FAILED", "Last day"},
		{"attributes.start_time >= " + itoa(int(day+3600_000)), "", "Last day"},
		{"attributes.start_time >= " + itoa(int(now.Add(-50*time.Minute).UnixMilli())), "", "Last hour"},
		{"metrics.a ~ 1", "", "All time"},
	}
	for _, tt := range tests {
		if got := currentStatus(tt.filter); got != tt.status {
			t.Errorf("currentStatus(%q) = %q, want %q", tt.filter, got, tt.status)
		}
		if got := timeChoices[sinceChoice(tt.filter, now)].label; got != tt.since {
			t.Errorf("sinceChoice(%q) = %q, want %q", tt.filter, got, tt.since)
		}
	}
}
