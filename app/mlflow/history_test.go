package mlflow

import (
	"encoding/json"
	"math"
	"os"
	"reflect"
	"testing"
)

func TestDecodeHistory(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want History
		fast bool // whether the scanner handles it without encoding/json
	}{
		{"mlscope's answer",
			`{"metrics":[{"key":"loss","value":0.5,"timestamp":1733250310000,"step":0},` +
				`{"key":"loss","value":-1.5e-3,"timestamp":1733250320000,"step":-1}]}`,
			History{Metrics: []Metric{
				{Key: "loss", Value: 0.5, Timestamp: 1733250310000},
				{Key: "loss", Value: -1.5e-3, Timestamp: 1733250320000, Step: -1}}},
			true},
		{"spaced, other order, datasets, token",
			" {\n \"next_page_token\" : \"abc\", \"metrics\" : [ { \"step\" : 3 , \"value\" : 2 , " +
				"\"key\" : \"a/b\", \"timestamp\": 7, \"dataset_name\": \"train\", " +
				"\"dataset_digest\": \"d1\" } ] }\n",
			History{NextPageToken: "abc", Metrics: []Metric{
				{Key: "a/b", Value: 2, Timestamp: 7, Step: 3, MetricScope: &MetricScope{DatasetName: "train", DatasetDigest: "d1"}}}},
			true},
		{"empty", `{}`, History{}, true},
		{"empty list", `{"metrics":[]}`, History{Metrics: []Metric{}}, true},
		// The rows below go through encoding/json.
		{"escaped key", `{"metrics":[{"key":"a\"b","value":1}]}`,
			History{Metrics: []Metric{{Key: `a"b`, Value: 1}}}, false},
		{"numeric string value", `{"metrics":[{"key":"k","value":"1.5"}]}`,
			History{Metrics: []Metric{{Key: "k", Value: 1.5}}}, false},
		{"unknown field", `{"metrics":[{"key":"k","value":1,"run_id":"r"}]}`,
			History{Metrics: []Metric{{Key: "k", Value: 1}}}, false},
		{"other case", `{"Metrics":[{"KEY":"k","value":1}]}`,
			History{Metrics: []Metric{{Key: "k", Value: 1}}}, false},
		{"null", `{"metrics":null}`, History{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeHistory([]byte(tt.in))
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("DecodeHistory(%s) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
			if _, fast := scanHistory([]byte(tt.in)); fast != tt.fast {
				t.Errorf("scanner handled %s: %v, want %v", tt.in, fast, tt.fast)
			}
		})
	}
}

func TestDecodeHistoryNonFinite(t *testing.T) {
	in := `{"metrics":[{"key":"k","value":"NaN"},{"key":"k","value":"Infinity"},` +
		`{"key":"k","value":"-Infinity"}]}`
	h, err := DecodeHistory([]byte(in))
	if _, fast := scanHistory([]byte(in)); err != nil || len(h.Metrics) != 3 || !fast {
		t.Fatalf("DecodeHistory(%s) = %+v, %v (fast: %v)", in, h, err, fast)
	}
	v := []float64{float64(h.Metrics[0].Value), float64(h.Metrics[1].Value), float64(h.Metrics[2].Value)}
	if !math.IsNaN(v[0]) || !math.IsInf(v[1], 1) || !math.IsInf(v[2], -1) {
		t.Errorf("values = %v, want NaN, +Inf, -Inf", v)
	}
}

func TestDecodeHistoryErrors(t *testing.T) {
	for _, in := range []string{
		``, `{`, `{"metrics":[`, `{"metrics":[{"key":"k","value":01}]}`,
		`{"metrics":[{"key":"k","value":1}]} x`, `{"metrics":[{"key":"k","step":1.5}]}`,
		`{"metrics":[{"key":"k","value":1e400}]}`, `{"metrics":[{"key":"k","value":"nan"}]}`,
	} {
		if h, err := DecodeHistory([]byte(in)); err == nil {
			t.Errorf("DecodeHistory(%q) = %+v, want an error", in, h)
		}
	}
}

// FuzzDecodeHistory checks that whenever the scanner accepts an input,
// encoding/json reads the same from it.
func FuzzDecodeHistory(f *testing.F) {
	f.Add(`{"metrics":[{"key":"loss","value":0.5,"timestamp":1,"step":0}]}`)
	f.Add(`{"metrics":[{"key":"k","value":"NaN","step":-9223372036854775808}],"next_page_token":"t"}`)
	f.Add(`{"metrics":[{"key":"k","value":-0.0e+1,"timestamp":9223372036854775807}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		fast, ok := scanHistory([]byte(in))
		if !ok {
			return
		}
		var want History
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatalf("scanner accepted %q, encoding/json refuses it: %v", in, err)
		}
		if !sameHistory(fast, want) {
			t.Fatalf("scanHistory(%q) = %+v, encoding/json gives %+v", in, fast, want)
		}
	})
}

// sameHistory is reflect.DeepEqual with NaN equal to NaN.
func sameHistory(a, b History) bool {
	if len(a.Metrics) != len(b.Metrics) || a.NextPageToken != b.NextPageToken {
		return false
	}
	for i := range a.Metrics {
		x, y := a.Metrics[i], b.Metrics[i]
		if math.IsNaN(float64(x.Value)) && math.IsNaN(float64(y.Value)) {
			x.Value, y.Value = 0, 0
		}
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

// BenchmarkDecodeHistory compares the scanner with encoding/json on a
// 100,000-value history; set MLSCOPE_HISTORY to a saved answer to use it.
func BenchmarkDecodeHistory(b *testing.B) {
	body := []byte(os.Getenv("MLSCOPE_HISTORY"))
	if len(body) == 0 {
		h := History{Metrics: make([]Metric, 100_000)}
		for i := range h.Metrics {
			h.Metrics[i] = Metric{Key: "train/loss", Value: Float(1 / float64(i+1)),
				Timestamp: 1733250310000 + int64(i)*100, Step: int64(i)}
		}
		body, _ = json.Marshal(h)
	} else if data, err := os.ReadFile(string(body)); err == nil {
		body = data
	}
	b.Run("scanner", func(b *testing.B) {
		for b.Loop() {
			if _, ok := scanHistory(body); !ok {
				b.Fatal("scanner refused the history")
			}
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			var h History
			if err := json.Unmarshal(body, &h); err != nil {
				b.Fatal(err)
			}
		}
	})
}
