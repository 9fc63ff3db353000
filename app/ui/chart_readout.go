package ui

import (
	"math"
	"strconv"
	"time"

	"mlscope/app/chart"
)

// readout is a hovered value of a series, spelled out exactly so that it
// can be read and copied.
type readout struct {
	Series string
	Step   string
	Time   string // local time, to the millisecond
	Since  string // time since the series' first value
	Value  string // every digit, or NaN, Infinity, -Infinity
}

// readoutAt describes point i of s.
func readoutAt(s chart.Series, i int) readout {
	v := s.Points[i].Y
	value := exactNumber(v)
	switch {
	case math.IsNaN(v):
		value = "NaN"
	case math.IsInf(v, 1):
		value = "Infinity"
	case math.IsInf(v, -1):
		value = "-Infinity"
	}
	since := time.Duration(s.Times[i]-s.Start) * time.Millisecond
	return readout{
		Series: s.Name,
		Step:   strconv.FormatInt(s.Steps[i], 10),
		Time:   millis(s.Times[i]).Format("2006-01-02 15:04:05.000"),
		Since:  "+" + formatDuration(since),
		Value:  value,
	}
}
