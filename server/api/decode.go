package api

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"mlscope/app/mlflow"
)

// Decoding of the nested messages of write requests (tags, params,
// metrics, datasets). Protobuf's JSON rules apply: numbers may come as
// numeric strings, doubles also as "NaN", "Infinity" and "-Infinity".

// textOf reads a JSON string; numbers and booleans are taken as their text
// (clients in untyped languages send param values as numbers).
func textOf(raw json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String(), true
	}
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		return strconv.FormatBool(b), true
	}
	return "", false
}

// int64Of reads an integer given as a number or a numeric string.
func int64Of(raw json.RawMessage) (int64, bool) {
	s, ok := textOf(raw)
	if !ok || s == "true" || s == "false" {
		return 0, false
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<62 {
		return 0, false
	}
	return int64(f), true
}

// floatOf reads a double; booleans are refused as MLflow refuses them.
func floatOf(raw json.RawMessage) (float64, bool) {
	var f mlflow.Float
	if err := json.Unmarshal(raw, &f); err != nil {
		return 0, false
	}
	return float64(f), true
}

// objects splits a JSON array field into its objects, each a map of raw
// fields. A missing field is an empty list.
func (q *request) objects(name string) ([]map[string]json.RawMessage, error) {
	raw := q.raw(name)
	if raw == nil {
		return nil, nil
	}
	var items []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, invalidValue(name, raw)
	}
	return items, nil
}

// keyValues reads a list of {key, value} messages (tags or params). key is
// required in each; a missing value is the empty string.
func (q *request) keyValues(name string) ([]mlflow.Tag, error) {
	items, err := q.objects(name)
	if err != nil {
		return nil, err
	}
	out := make([]mlflow.Tag, 0, len(items))
	for i, it := range items {
		t, err := keyValue(it, fmt.Sprintf("%s[%d]", name, i))
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

func keyValue(it map[string]json.RawMessage, where string) (mlflow.Tag, error) {
	var t mlflow.Tag
	key, ok := textOf(it["key"])
	if it["key"] == nil || string(it["key"]) == "null" || !ok || key == "" {
		return t, missing(where + ".key")
	}
	t.Key = key
	if v := it["value"]; v != nil && string(v) != "null" {
		if t.Value, ok = textOf(v); !ok {
			return t, invalidValue(where+".value", v)
		}
	}
	return t, nil
}

// metric reads one Metric message; where names it in errors ("" for a
// single log-metric request, "metrics[3]" in a batch).
func metricOf(it map[string]json.RawMessage, where string) (mlflow.Metric, error) {
	field := func(f string) string {
		if where == "" {
			return f
		}
		return where + "." + f
	}
	var m mlflow.Metric
	key, _ := textOf(it["key"])
	if key == "" {
		return m, missing(field("key"))
	}
	m.Key = key
	raw, ok := it["value"]
	if !ok || string(raw) == "null" {
		return m, missing(field("value"))
	}
	v, ok := floatOf(raw)
	if !ok {
		return m, mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Got invalid value %s for "+
			"metric '%s' (timestamp=%s). Please specify value as a valid double (64-bit "+
			"floating point)", strings.Trim(string(raw), `"`), key, string(it["timestamp"]))
	}
	m.Value = mlflow.Float(v)
	ts, ok := it["timestamp"]
	if !ok || string(ts) == "null" {
		return m, missing(field("timestamp"))
	}
	if m.Timestamp, ok = int64Of(ts); !ok {
		return m, invalidValue(field("timestamp"), ts)
	}
	if st, ok := it["step"]; ok && string(st) != "null" {
		if m.Step, ok = int64Of(st); !ok {
			return m, invalidValue(field("step"), st)
		}
	}
	name, _ := textOf(it["dataset_name"])
	digest, _ := textOf(it["dataset_digest"])
	model, _ := textOf(it["model_id"])
	m.SetDataset(name, digest)
	m.SetModel(model)
	return m, nil
}

// bodyFields exposes the whole body as the field map of one message.
func (q *request) bodyFields() map[string]json.RawMessage {
	if q.body == nil {
		return map[string]json.RawMessage{}
	}
	return q.body
}
