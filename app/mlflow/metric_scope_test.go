package mlflow

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestMetricJSON: the scope's fields sit in the metric's own object, as
// MLflow writes them, and are left out when the value has none.
func TestMetricJSON(t *testing.T) {
	scoped := Metric{Key: "acc", Value: 0.5, Timestamp: 1, Step: 2}
	scoped.SetDataset("eval", "d1")
	scoped.SetModel("m-1")
	tests := []struct {
		name string
		m    Metric
		json string
	}{
		{"plain", Metric{Key: "loss", Value: 1, Timestamp: 3, Step: 4},
			`{"key":"loss","value":1,"timestamp":3,"step":4}`},
		{"dataset and model", scoped,
			`{"key":"acc","value":0.5,"timestamp":1,"step":2,"dataset_name":"eval",` +
				`"dataset_digest":"d1","model_id":"m-1"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.m)
			if err != nil || string(b) != tt.json {
				t.Fatalf("Marshal = %s, %v; want %s", b, err, tt.json)
			}
			var back Metric
			if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, tt.m) {
				t.Errorf("Unmarshal = %+v, %v; want %+v", back, err, tt.m)
			}
		})
	}
}

// TestMetricScopeCopies: setting the scope of one copy leaves the others
// as they were, and clearing it drops it.
func TestMetricScopeCopies(t *testing.T) {
	var a Metric
	if n, d := a.Dataset(); n != "" || d != "" || a.ModelOf() != "" {
		t.Fatal("a zero metric has a scope")
	}
	a.SetDataset("train", "x")
	b := a
	b.SetModel("m-2")
	if a.ModelOf() != "" || b.ModelOf() != "m-2" {
		t.Errorf("models %q and %q", a.ModelOf(), b.ModelOf())
	}
	if n, _ := b.Dataset(); n != "train" {
		t.Errorf("the copy lost its dataset: %q", n)
	}
	b.SetDataset("", "")
	b.SetModel("")
	if b.MetricScope != nil {
		t.Errorf("an emptied scope is kept: %+v", *b.MetricScope)
	}
}
