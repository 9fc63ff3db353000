package export

import (
	"sort"

	"mlscope/app/chart"
	"mlscope/app/exportfmt"
	"mlscope/app/mlflow"
)

// historyFiles splits a metric's history into its history file and, when
// it is long, its chunks: the file then holds a reduced copy (LTTB over
// step and value) that draws the same line at a chart's width, and the
// chunks hold every value, in step order, exportfmt.ChunkValues each.
func historyFiles(ms []mlflow.Metric) (exportfmt.History, [][]mlflow.Metric) {
	if len(ms) <= exportfmt.HistoryOverview {
		return exportfmt.History{Metrics: ms}, nil
	}
	sorted := append([]mlflow.Metric(nil), ms...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Step < sorted[j].Step })
	h := exportfmt.History{Total: len(sorted)}
	var chunks [][]mlflow.Metric
	for lo := 0; lo < len(sorted); lo += exportfmt.ChunkValues {
		hi := min(lo+exportfmt.ChunkValues, len(sorted))
		// A step's values stay in one chunk, so that a range of steps
		// finds all of them.
		for hi < len(sorted) && sorted[hi].Step == sorted[hi-1].Step {
			hi++
		}
		part := sorted[lo:hi]
		chunks = append(chunks, part)
		h.Chunks = append(h.Chunks, exportfmt.Chunk{From: part[0].Step,
			To: part[len(part)-1].Step, Count: len(part)})
		lo = hi - exportfmt.ChunkValues // the loop adds ChunkValues back
	}
	pts := make([]chart.Point, len(sorted))
	for i, m := range sorted {
		pts[i] = chart.Point{X: float64(m.Step), Y: float64(m.Value)}
	}
	// LTTB leaves NaN and infinite values out of the reduced copy; the
	// chunks keep them.
	for _, i := range chart.LTTB(pts, exportfmt.HistoryOverview) {
		h.Metrics = append(h.Metrics, sorted[i])
	}
	return h, chunks
}
