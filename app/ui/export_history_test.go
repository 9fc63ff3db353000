package ui

import (
	"testing"

	"mlscope/app/mlflow"
)

// TestExportHistorySteps checks the steps an export's history answer
// keeps: the range asked for, sorted, then thinned evenly to the limit
// with the first and last step, a step's values kept together.
func TestExportHistorySteps(t *testing.T) {
	tests := []struct {
		name     string
		ms       []mlflow.Metric
		from, to int64
		limit    int
		want     []int64
	}{
		{"all within the limit", values(0, 1, 2, 3), minStep, maxStep, 10, []int64{0, 1, 2, 3}},
		{"a range, sorted", values(5, 1, 3, 2, 4), 2, 4, 10, []int64{2, 3, 4}},
		{"thinned evenly", values(0, 1, 2, 3, 4, 5, 6, 7, 8), minStep, maxStep, 3,
			[]int64{0, 4, 8}},
		{"repeated steps stay together", values(0, 0, 1, 2, 2, 3, 4, 4), minStep, maxStep, 3,
			[]int64{0, 0, 2, 2, 4, 4}},
		{"nothing in range", values(0, 1), 5, 9, 10, []int64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := stepsOf(thinSteps(inSteps(tt.ms, tt.from, tt.to), tt.limit))
			if len(got) != len(tt.want) {
				t.Fatalf("steps %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("steps %v, want %v", got, tt.want)
				}
			}
		})
	}
}
