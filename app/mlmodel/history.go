package mlmodel

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ParseHistory reads the run tag mlflow.log-model.history: a JSON list
// with one entry per logged model, in logging order. Each entry is the
// model's MLmodel document as JSON; MLflow 2.x drops each flavor's config
// sub-key and older versions kept the whole document. The same artifact
// path may appear several times when a model was logged over an earlier
// one. An entry that is not an object is skipped and named in the error,
// which is returned beside the entries that could be read.
func ParseHistory(tag string) ([]*Model, error) {
	dec := json.NewDecoder(strings.NewReader(tag))
	dec.UseNumber()
	var items []any
	if err := dec.Decode(&items); err != nil {
		return nil, fmt.Errorf("invalid %s JSON: %w", HistoryTag, err)
	}
	out := make([]*Model, 0, len(items))
	var bad []string
	for i, it := range items {
		doc, ok := it.(map[string]any)
		if !ok {
			bad = append(bad, fmt.Sprint(i))
			continue
		}
		out = append(out, fromMap(doc))
	}
	if len(bad) > 0 {
		return out, fmt.Errorf("%s entries %s are not objects", HistoryTag, strings.Join(bad, ", "))
	}
	return out, nil
}

// HistoryTag is the run tag that lists the models a run logged.
const HistoryTag = "mlflow.log-model.history"
