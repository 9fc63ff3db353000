package ui

import (
	"hash/fnv"
	"strconv"

	"mlscope/app/chart"
)

// plotAttrs are the data- attributes a chart's canvas carries to say what
// it shows, for tests and for anyone inspecting the page: series and line
// counts, the axis ranges in data units, the scale, the x mode, how many
// values are in range and drawn, and a digest of the drawn paths that
// changes whenever the lines do.
func plotAttrs(p chart.Plot, o chartOptions) map[string]string {
	scale := "linear"
	if p.Y.Log {
		scale = "log"
	}
	h := fnv.New32a()
	for _, l := range p.Lines {
		h.Write([]byte(chart.PathData(l.Paths)))
	}
	return map[string]string{
		"data-series":    itoa(len(p.Legend)),
		"data-lines":     itoa(len(p.Lines)),
		"data-x-mode":    p.XMode.String(),
		"data-x-min":     exactNumber(p.X.Min),
		"data-x-max":     exactNumber(p.X.Max),
		"data-y-min":     exactNumber(p.Y.Min),
		"data-y-max":     exactNumber(p.Y.Max),
		"data-y-scale":   scale,
		"data-smoothing": strconv.FormatFloat(o.Smoothing, 'f', -1, 64),
		"data-outliers":  strconv.FormatBool(o.IgnoreOutliers),
		"data-total":     itoa(p.Total),
		"data-drawn":     itoa(p.Drawn),
		"data-digest":    strconv.FormatUint(uint64(h.Sum32()), 16),
		"data-empty":     p.Empty,
	}
}

// formatCount writes a count with thousands separators: "1,000,000".
func formatCount(n int) string {
	s := itoa(n)
	if n < 0 {
		return "-" + formatCount(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
