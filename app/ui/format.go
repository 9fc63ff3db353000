package ui

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// formatNumber shows a metric value with at most four significant digits
// after the point; the exact value goes in a tooltip.
func formatNumber(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "-∞"
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	abs := math.Abs(v)
	if abs >= 1e6 || abs < 1e-3 {
		return strconv.FormatFloat(v, 'e', 3, 64)
	}
	s := strconv.FormatFloat(v, 'g', 5, 64)
	return s
}

// exactNumber is the full-precision spelling for tooltips.
func exactNumber(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// formatDuration shows a duration in its two largest units: "1 h 12 min",
// "3.2 s", "850 ms".
func formatDuration(d time.Duration) string {
	switch {
	case d < 0:
		return "-"
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	case d < time.Minute:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d < time.Hour:
		return fmt.Sprintf("%d min %d s", int(d.Minutes()), int(d.Seconds())%60)
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h %d min", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%d d %d h", int(d.Hours())/24, int(d.Hours())%24)
}

// formatAgo shows how long ago a time was, relative to now: "just now",
// "5 min ago", "3 h ago", "2 d ago", or the date for anything older than a
// month.
func formatAgo(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	case d < 30*24*time.Hour:
		return fmt.Sprintf("%d d ago", int(d.Hours()/24))
	}
	return t.Format("2006-01-02")
}

// millis turns MLflow's epoch milliseconds into a time.
func millis(ms int64) time.Time { return time.UnixMilli(ms) }

// formatTime is the exact local time for tooltips and detail tables.
func formatTime(ms int64) string {
	if ms == 0 {
		return "-"
	}
	return millis(ms).Format("2006-01-02 15:04:05")
}

// formatBytes shows a size in B, KB, MB or GB (powers of 1024).
func formatBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "KMGTPE"[exp])
}

func itoa(n int) string { return strconv.Itoa(n) }

// nowFunc is the clock the views read; a variable so that the pure format
// helpers stay testable with fixed times.
var nowFunc = time.Now
