package mlmodel

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"
)

// An MLmodel file is YAML. The browser reads it as JSON that the server
// converts (DocumentJSON, then ParseJSON): a YAML decoder in the
// WebAssembly module would add a tenth of a megabyte to what every
// first load downloads and compiles (issue 8).

// DocumentJSON converts an MLmodel file to the same document as a JSON
// object, for ParseJSON. It fails when the file is not a YAML mapping.
// Timestamps become the text Parse would show, and numbers JSON cannot
// hold (NaN, infinities) their spelling. Keys that are not text (YAML
// allows 1: or true:) are their text, as Parse reads them.
func DocumentJSON(b []byte) ([]byte, error) {
	doc, err := decodeYAML(b)
	if err != nil {
		return nil, err
	}
	out, err := json.Marshal(jsonable(doc))
	if err != nil {
		return nil, fmt.Errorf("MLmodel as JSON: %w", err)
	}
	return out, nil
}

// ParseJSON reads an MLmodel document that DocumentJSON wrote. Like Parse,
// it fails only when the bytes are not an object.
func ParseJSON(b []byte) (*Model, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("invalid MLmodel JSON: %w", err)
	}
	if doc == nil {
		return nil, errors.New("empty MLmodel file")
	}
	return fromMap(doc), nil
}

// jsonable turns a decoded YAML document (textKeys done) into one that
// encoding/json writes and ParseJSON reads back to the same model.
func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonable(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonable(e)
		}
		return out
	case time.Time:
		return scalarText(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return scalarText(x)
		}
	}
	return v
}

// textKeys gives the mappings of a decoded YAML value whose keys are not
// all text (1: a, true: b) text keys, as JSON has them.
func textKeys(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = textKeys(e)
		}
	case map[any]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[scalarText(k)] = textKeys(e)
		}
		return out
	case []any:
		for i, e := range x {
			x[i] = textKeys(e)
		}
	}
	return v
}
