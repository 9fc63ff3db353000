package exportfmt

import "mlscope/app/mlflow"

// Manifest is data/export.json: that the site is an export, and what it
// holds.
type Manifest struct {
	Format      int    `json:"format"` // FormatVersion
	Generator   string `json:"generator"`
	CreatedAt   int64  `json:"created_at"` // epoch ms
	RunsPerPage int    `json:"runs_per_page"`
	// Artifacts is --with-artifacts: "none", "small" or "all". Model
	// files (MLmodel, input examples, environments) are exported always.
	Artifacts   string               `json:"artifacts"`
	SmallLimit  int64                `json:"small_artifact_limit"`
	Experiments []ManifestExperiment `json:"experiments"`
	// Files lists every file of the export but the app's pages, for the
	// service worker to store them all at the first visit.
	Files []string `json:"files"`
}

// FormatVersion is the layout's version.
const FormatVersion = 1

// ManifestExperiment is one exported experiment and its runs pages.
type ManifestExperiment struct {
	ID    string `json:"experiment_id"`
	Name  string `json:"name"`
	Runs  int    `json:"runs"`
	Pages int    `json:"pages"`
}

// History is a metric's history file: get-history's answer, plus, for a
// long history, the chunks that hold it whole. Metrics is then a reduced
// copy (chart.LTTB) that draws the same line at chart widths.
type History struct {
	Metrics []mlflow.Metric `json:"metrics"`
	// Total is the number of values of the whole history.
	Total  int     `json:"mlscope_total,omitempty"`
	Chunks []Chunk `json:"mlscope_chunks,omitempty"`
}

// Chunk is a part of a long history: Count values, steps From to To,
// stored at HistoryChunkPath(run, key, index).
type Chunk struct {
	From  int64 `json:"from"`
	To    int64 `json:"to"`
	Count int   `json:"count"`
}

// HistoryOverview is how many values a history file holds at most before
// it is reduced, and ChunkValues how many values each chunk holds.
const (
	HistoryOverview = 2500
	ChunkValues     = 20000
)
