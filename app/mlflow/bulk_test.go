package mlflow

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

func TestDecodeBulkHistory(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"two runs", `{"metrics":[{"key":"loss","value":0.5,"timestamp":1,"step":0,"run_id":"a"},` +
			`{"key":"loss","value":"NaN","timestamp":2,"step":1,"run_id":"a"},` +
			`{"key":"loss","value":1e-05,"timestamp":3,"step":0,"run_id":"b"}]}`},
		{"empty answer", `{}`},
		{"empty list", `{"metrics": []}`},
		// Escapes are left to encoding/json.
		{"escaped key", `{"metrics":[{"key":"a\/b","value":1,"timestamp":1,"step":0,"run_id":"a"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeBulkHistory([]byte(tt.in))
			var want struct {
				Metrics []MetricWithRunID `json:"metrics"`
			}
			werr := json.Unmarshal([]byte(tt.in), &want)
			if err != nil || werr != nil || len(got) != len(want.Metrics) {
				t.Fatalf("DecodeBulkHistory(%s) = %+v, %v; want %+v, %v", tt.in, got, err, want.Metrics, werr)
			}
			for i := range got {
				g, w := got[i], want.Metrics[i]
				gv, wv := float64(g.Value), float64(w.Value)
				g.Value, w.Value = 0, 0
				if !reflect.DeepEqual(g, w) || !(gv == wv || math.IsNaN(gv) && math.IsNaN(wv)) {
					t.Errorf("value %d = %+v, want %+v", i, got[i], want.Metrics[i])
				}
			}
		})
	}
	if _, err := DecodeBulkHistory([]byte(`{"metrics":[{"value":true}]}`)); err == nil {
		t.Error("a boolean value was accepted")
	}
}
