package ui

import (
	"sort"
	"strings"

	"mlscope/app/chart"
)

// chartOptions are the chart toolbar's choices, shared by all charts of a
// page.
type chartOptions struct {
	XMode chart.XMode
	// XKey is the metric the x-axis shows in the chart.XMetric mode.
	XKey           string
	YLog           bool
	Smoothing      float64 // 0 to chart.MaxSmoothing
	IgnoreOutliers bool
	// YMin and YMax are the y range the user typed; used when YMin < YMax.
	YMin, YMax float64
}

// chartData is a history turned into series for one x mode; the two travel
// together so that a chart never draws series in a mode they were not
// built for.
type chartData struct {
	Series []chart.Series
	XMode  chart.XMode
	// Sampled says that the values are a sample of longer histories, and
	// Detail which steps ("from-to") were loaded whole for a zoom.
	Sampled bool
	Detail  string
}

// spec is what a chart of the given size draws.
func (d chartData) spec(title string, o chartOptions, w, h float64) chart.Spec {
	return chart.Spec{
		Title:          title,
		Width:          w,
		Height:         h,
		Series:         d.Series,
		XMode:          d.XMode,
		YLog:           o.YLog,
		Smoothing:      o.Smoothing,
		IgnoreOutliers: o.IgnoreOutliers,
		YMin:           o.YMin,
		YMax:           o.YMax,
	}
}

// chartGroup is a section of the charts: the metric keys that share the
// prefix before their first "/".
type chartGroup struct {
	Name string // "" for keys without a prefix
	Keys []string
}

// groupKeys sorts keys into groups by prefix: the keys without one first,
// then the groups by name; keys are sorted within each group.
func groupKeys(keys []string) []chartGroup {
	byName := map[string][]string{}
	for _, k := range keys {
		name := ""
		if i := strings.IndexByte(k, '/'); i > 0 {
			name = k[:i]
		}
		byName[name] = append(byName[name], k)
	}
	names := make(map[string]bool, len(byName))
	for n := range byName {
		names[n] = true
	}
	var out []chartGroup
	for _, n := range sortedKeys(names) { // "" sorts first
		ks := byName[n]
		sort.Strings(ks)
		out = append(out, chartGroup{Name: n, Keys: ks})
	}
	return out
}
