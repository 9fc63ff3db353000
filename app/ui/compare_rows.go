package ui

import (
	"math"
	"sort"
	"strconv"

	"mlscope/app/chart"
	"mlscope/app/mlflow"
)

// compareRow is one line of the compare table: a param or a latest metric
// and each run's value of it, in the order of the runs.
type compareRow struct {
	Group  string   // "param" or "metric"
	Key    string   //
	Values []string // the value as shown; "" where the run has none
	Exact  []string // the value in full, for the hover title
	// Differs says that the runs do not all have the same value (a run
	// without one differs from a run with one).
	Differs bool
}

// compareRows lists the params, then the latest metrics, of the runs, each
// key once, sorted by key within its group.
func compareRows(runs []*mlflow.Run) []compareRow {
	var rows []compareRow
	for _, k := range unionKeys(runs, paramKeys) {
		row := compareRow{Group: "param", Key: k}
		for _, r := range runs {
			v, _ := r.Param(k)
			row.Values, row.Exact = append(row.Values, v), append(row.Exact, v)
		}
		rows = append(rows, row.withDiffers())
	}
	for _, k := range unionKeys(runs, metricKeys) {
		row := compareRow{Group: "metric", Key: k}
		for _, r := range runs {
			shown, exact := "", ""
			if m, ok := r.Metric(k); ok {
				shown, exact = formatNumber(float64(m.Value)), exactNumber(float64(m.Value))
			}
			row.Values, row.Exact = append(row.Values, shown), append(row.Exact, exact)
		}
		rows = append(rows, row.withDiffers())
	}
	return rows
}

// label is the row's key as MLflow's search names it: params.<key> or
// metrics.<key>.
func (r compareRow) label() string {
	if r.Group == "metric" {
		return "metrics." + r.Key
	}
	return "params." + r.Key
}

func (r compareRow) withDiffers() compareRow {
	for _, v := range r.Exact[1:] {
		if v != r.Exact[0] {
			r.Differs = true
		}
	}
	return r
}

func paramKeys(r *mlflow.Run) []string {
	keys := make([]string, len(r.Data.Params))
	for i, p := range r.Data.Params {
		keys[i] = p.Key
	}
	return keys
}

func metricKeys(r *mlflow.Run) []string {
	keys := make([]string, len(r.Data.Metrics))
	for i, m := range r.Data.Metrics {
		keys[i] = m.Key
	}
	return keys
}

// unionKeys is every key that keysOf gives for any run, sorted.
func unionKeys(runs []*mlflow.Run, keysOf func(*mlflow.Run) []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range runs {
		for _, k := range keysOf(r) {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// dimensionOf is a compare row as an axis of the parallel-coordinates and
// scatter plots: numeric when every value present parses as a number,
// else categorical, with the categories sorted.
func dimensionOf(row compareRow) chart.Dimension {
	d := chart.Dimension{Name: row.label(), Values: make([]float64, len(row.Exact))}
	numeric := true
	for i, v := range row.Exact {
		d.Values[i] = math.NaN()
		if v == "" {
			continue
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			numeric = false
			break
		}
		d.Values[i] = f
	}
	if numeric {
		return d
	}
	cats := map[string]bool{}
	for _, v := range row.Exact {
		if v != "" {
			cats[v] = true
		}
	}
	for c := range cats {
		d.Categories = append(d.Categories, c)
	}
	sort.Strings(d.Categories)
	for i, v := range row.Exact {
		d.Values[i] = math.NaN()
		if v != "" {
			d.Values[i] = float64(sort.SearchStrings(d.Categories, v))
		}
	}
	return d
}

// runLabel is the name a run is shown under: its name, or its id's start.
func runLabel(r *mlflow.Run) string {
	if r.Info.RunName != "" {
		return r.Info.RunName
	}
	if name, ok := r.Tag(mlflow.TagRunName); ok && name != "" {
		return name
	}
	return shortID(r.Info.RunID)
}
