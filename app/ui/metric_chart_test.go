package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// TestMetricChartStates renders a chart card in each of its states and
// checks that the waiting, loading, failed and empty states keep the
// chart's box, and that the loaded one holds the canvas.
func TestMetricChartStates(t *testing.T) {
	ms := []mlflow.Metric{{Key: "loss", Value: 1, Step: 0}, {Key: "loss", Value: 0.5, Step: 1}}
	held := "loss\x00\x00run1" // the key, no x metric, the runs
	byRun := map[string][]mlflow.Metric{"run1": ms}
	tests := []struct {
		name  string
		chart MetricChart
		wants []string
	}{
		{"not yet in view", MetricChart{},
			[]string{"chart-box", "Loading values…"}},
		{"loading", MetricChart{visible: true, held: held, load: loading},
			[]string{"chart-box", "Loading values…", "aria-busy"}},
		{"failed", MetricChart{visible: true, held: held,
			load: loadState{status: statusFailed, err: errors.New("HTTP 500")}},
			[]string{"chart-box", "The values of loss could not be loaded.", "HTTP 500", "Try again"}},
		{"empty", MetricChart{visible: true, held: held, load: loadState{status: statusLoaded}},
			[]string{"chart-box", "No values logged for this metric.", "0 values"}},
		{"loaded", MetricChart{visible: true, held: held, load: loadState{status: statusLoaded},
			overview: byRun},
			[]string{"chart-canvas", "2 values", "Save SVG", "Save PNG"}},
		// A history longer than one request brings is sampled.
		{"sampled", MetricChart{visible: true, held: held, load: loadState{status: statusLoaded},
			overview: byRun, sampled: true},
			[]string{"chart-canvas", "2 sampled · steps 0–1"}},
		// A history held for another run is not shown.
		{"other run", MetricChart{visible: true, held: "loss\x00\x00run0",
			load: loadState{status: statusLoaded}, overview: byRun},
			[]string{"Loading values…"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.chart
			c.Runs, c.Key = []chartRun{{ID: "run1"}}, "loss"
			if c.overview != nil {
				c.data = c.build()
			}
			html := app.HTMLString(c.Render())
			for _, w := range tt.wants {
				if !strings.Contains(html, w) {
					t.Errorf("card lacks %q:\n%s", w, html)
				}
			}
			if tt.name != "loaded" && tt.name != "sampled" && strings.Contains(html, "chart-canvas") {
				t.Errorf("card in state %s holds a canvas", tt.name)
			}
		})
	}
}

func TestRunChartsRender(t *testing.T) {
	tests := []struct {
		name    string
		metrics []mlflow.Metric
		wants   []string
	}{
		{"none", nil, []string{"No metrics to chart."}},
		{"one group, no titles", []mlflow.Metric{{Key: "rmse"}, {Key: "r2"}},
			[]string{`data-key="r2"`, `data-key="rmse"`, "chart-x-step", "chart-smoothing"}},
		{"groups", []mlflow.Metric{{Key: "rmse"}, {Key: "train/loss"}},
			[]string{">Metrics</h3>", ">train</h3>", `data-group="train"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &RunCharts{RunID: "run1", Metrics: tt.metrics}
			html := app.HTMLString(c.Render())
			for _, w := range tt.wants {
				if !strings.Contains(html, w) {
					t.Errorf("charts lack %q:\n%s", w, html)
				}
			}
		})
	}
}
