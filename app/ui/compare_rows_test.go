package ui

import (
	"math"
	"reflect"
	"testing"

	"mlscope/app/mlflow"
)

func compareRun(id, name string, params map[string]string, metrics map[string]float64) *mlflow.Run {
	r := &mlflow.Run{Info: mlflow.RunInfo{RunID: id, RunName: name}}
	for k, v := range params {
		r.Data.Params = append(r.Data.Params, mlflow.Param{Key: k, Value: v})
	}
	for k, v := range metrics {
		r.Data.Metrics = append(r.Data.Metrics, mlflow.Metric{Key: k, Value: mlflow.Float(v)})
	}
	return r
}

func TestCompareRows(t *testing.T) {
	runs := []*mlflow.Run{
		compareRun("a", "owl", map[string]string{"alpha": "0.5", "model": "tree"},
			map[string]float64{"rmse": 0.7, "r2": 0.4}),
		compareRun("b", "fox", map[string]string{"alpha": "0.5", "model": "forest"},
			map[string]float64{"rmse": 0.9}),
	}
	got := compareRows(runs)
	type line struct {
		key     string
		values  []string
		differs bool
	}
	var lines []line
	for _, r := range got {
		lines = append(lines, line{r.Group + "." + r.Key, r.Values, r.Differs})
	}
	want := []line{
		{"param.alpha", []string{"0.5", "0.5"}, false},
		{"param.model", []string{"tree", "forest"}, true},
		{"metric.r2", []string{"0.4", ""}, true}, // a missing value differs
		{"metric.rmse", []string{"0.7", "0.9"}, true},
	}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("compareRows:\n got %v\nwant %v", lines, want)
	}
}

func TestDimensionOf(t *testing.T) {
	tests := []struct {
		name string
		row  compareRow
		vals []float64
		cats []string
	}{
		{"numeric with a gap", compareRow{Group: "metric", Key: "rmse",
			Exact: []string{"0.5", "", "2"}}, []float64{0.5, math.NaN(), 2}, nil},
		{"categorical", compareRow{Group: "param", Key: "model",
			Exact: []string{"tree", "forest", "", "tree"}},
			[]float64{1, 0, math.NaN(), 1}, []string{"forest", "tree"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := dimensionOf(tt.row)
			if !reflect.DeepEqual(d.Categories, tt.cats) || len(d.Values) != len(tt.vals) {
				t.Fatalf("got %+v", d)
			}
			for i, v := range tt.vals {
				if d.Values[i] != v && !(math.IsNaN(v) && math.IsNaN(d.Values[i])) {
					t.Errorf("value %d = %v, want %v", i, d.Values[i], v)
				}
			}
		})
	}
}

func TestParseRunList(t *testing.T) {
	for in, want := range map[string][]string{
		"a,b":          {"a", "b"},
		`["a", "b"]`:   {"a", "b"},
		"":             nil,
		" a , ,b ":     {"a", "b"},
		`["only-one"]`: {"only-one"},
	} {
		if got := parseRunList(in); !reflect.DeepEqual(got, want) {
			t.Errorf("parseRunList(%q) = %q, want %q", in, got, want)
		}
	}
}
