package export

import (
	"math"
	"testing"

	"mlscope/app/exportfmt"
	"mlscope/app/mlflow"
)

func steps(n int, perStep int) []mlflow.Metric {
	var ms []mlflow.Metric
	for i := range n {
		for range perStep {
			ms = append(ms, mlflow.Metric{Key: "loss", Step: int64(i),
				Value: mlflow.Float(math.Sin(float64(i) / 50))})
		}
	}
	return ms
}

func TestHistoryFiles(t *testing.T) {
	tests := []struct {
		name      string
		ms        []mlflow.Metric
		chunks    int
		overview  int
		wholeKept bool
	}{
		{"short history stays whole", steps(100, 1), 0, 100, true},
		{"at the limit", steps(exportfmt.HistoryOverview, 1), 0, exportfmt.HistoryOverview, true},
		{"long history is reduced and chunked", steps(50_000, 1), 3, exportfmt.HistoryOverview, false},
		{"a step's values share a chunk", steps(exportfmt.ChunkValues/3+2, 3), 2,
			exportfmt.HistoryOverview, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, chunks := historyFiles(tt.ms)
			if len(chunks) != tt.chunks || len(h.Chunks) != tt.chunks {
				t.Fatalf("%d chunks (%d listed), want %d", len(chunks), len(h.Chunks), tt.chunks)
			}
			if len(h.Metrics) > tt.overview || tt.wholeKept && len(h.Metrics) != len(tt.ms) {
				t.Errorf("history file holds %d values, want at most %d", len(h.Metrics), tt.overview)
			}
			total := 0
			for i, c := range chunks {
				total += len(c)
				if h.Chunks[i].Count != len(c) || h.Chunks[i].From != c[0].Step ||
					h.Chunks[i].To != c[len(c)-1].Step {
					t.Errorf("chunk %d listed as %+v, holds %d values, steps %d to %d",
						i, h.Chunks[i], len(c), c[0].Step, c[len(c)-1].Step)
				}
				if i > 0 && chunks[i-1][len(chunks[i-1])-1].Step == c[0].Step {
					t.Errorf("step %d is split between chunks %d and %d", c[0].Step, i-1, i)
				}
			}
			if tt.chunks > 0 && (total != len(tt.ms) || h.Total != len(tt.ms)) {
				t.Errorf("chunks hold %d values, total says %d, want %d", total, h.Total, len(tt.ms))
			}
		})
	}
}
