package mlmodel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Signature is a model's signature: its input and output schemas and its
// inference params. MLflow stores each as a JSON string inside the YAML;
// the raw strings are kept as written ("" for null) beside the decoded
// rows, so that a schema this package cannot decode can still be shown.
type Signature struct {
	InputsJSON  string
	OutputsJSON string
	ParamsJSON  string
	Inputs      []Spec
	Outputs     []Spec
	Params      []Param
}

// Spec is one column or tensor of a schema, ready for a table row.
type Spec struct {
	Name     string // "" for an unnamed column or tensor
	Type     string // double, string, tensor, array<double>, object{a: long}, ...
	Required bool   // tensors are always required
	DType    string // tensors only: numpy dtype
	Shape    string // tensors only: "(-1, 4)"
}

// Param is one inference parameter of a signature.
type Param struct {
	Name    string
	Type    string
	Default string // the default as JSON text ("0.5", "\"a\""); "" when null
	Shape   string // "" for a scalar, "(-1)" for a list
}

// decodeSignature reads the signature mapping of an MLmodel file, noting
// undecodable parts in r.
func decodeSignature(sig map[string]any, r *reader) *Signature {
	sr := reader{doc: sig}
	s := &Signature{
		InputsJSON:  sr.str("inputs"),
		OutputsJSON: sr.str("outputs"),
		ParamsJSON:  sr.str("params"),
	}
	var err error
	note := func(part string, err error) {
		if err != nil {
			r.problems = append(r.problems, "signature "+part+": "+err.Error())
		}
	}
	s.Inputs, err = decodeSchema(s.InputsJSON)
	note("inputs", err)
	s.Outputs, err = decodeSchema(s.OutputsJSON)
	note("outputs", err)
	s.Params, err = decodeParams(s.ParamsJSON)
	note("params", err)
	for _, p := range sr.problems {
		r.problems = append(r.problems, "signature "+p)
	}
	return s
}

// decodeJSONList decodes a JSON array of objects, keeping numbers exact.
func decodeJSONList(raw string) ([]map[string]any, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	var items []map[string]any
	if err := dec.Decode(&items); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	return items, nil
}

// decodeSchema turns a schema's JSON into rows. An entry whose type is
// tensor is a tensor spec; any other is a column spec, required unless it
// says otherwise.
func decodeSchema(raw string) ([]Spec, error) {
	items, err := decodeJSONList(raw)
	if err != nil {
		return nil, err
	}
	out := make([]Spec, 0, len(items))
	for i, it := range items {
		if it == nil {
			return out, fmt.Errorf("entry %d is not an object", i)
		}
		r := reader{doc: it}
		sp := Spec{Name: r.str("name"), Type: typeText(it), Required: true}
		if sp.Type == "tensor" {
			ts := r.mapping("tensor-spec")
			tr := reader{doc: ts}
			sp.DType = tr.str("dtype")
			sp.Shape = shapeText(ts["shape"])
		} else if req, ok := it["required"].(bool); ok {
			sp.Required = req
		}
		if len(r.problems) > 0 {
			return out, fmt.Errorf("entry %d: %s", i, strings.Join(r.problems, "; "))
		}
		out = append(out, sp)
	}
	return out, nil
}

// typeText spells a column type, nesting composite types: array<double>,
// map<string, long>, object{age: long, name?: string} where ? marks an
// optional property.
func typeText(t map[string]any) string {
	name, _ := t["type"].(string)
	sub := func(key string) string {
		if m, ok := t[key].(map[string]any); ok {
			return typeText(m)
		}
		return "?"
	}
	switch name {
	case "array":
		return "array<" + sub("items") + ">"
	case "map":
		return "map<string, " + sub("values") + ">"
	case "object":
		props, _ := t["properties"].(map[string]any)
		names := make([]string, 0, len(props))
		for k := range props {
			names = append(names, k)
		}
		sort.Strings(names)
		parts := make([]string, len(names))
		for i, k := range names {
			p, _ := props[k].(map[string]any)
			mark := ""
			if req, ok := p["required"].(bool); ok && !req {
				mark = "?"
			}
			parts[i] = k + mark + ": " + typeText(p)
		}
		return "object{" + strings.Join(parts, ", ") + "}"
	case "":
		return "?"
	}
	return name
}

// shapeText spells a tensor or param shape as a tuple: (-1, 28, 28).
func shapeText(v any) string {
	dims, ok := v.([]any)
	if !ok {
		return ""
	}
	parts := make([]string, len(dims))
	for i, d := range dims {
		parts[i] = scalarText(d)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// decodeParams turns a params schema's JSON into rows. Files written
// before MLflow 2.7 name the type dtype.
func decodeParams(raw string) ([]Param, error) {
	items, err := decodeJSONList(raw)
	if err != nil {
		return nil, err
	}
	out := make([]Param, 0, len(items))
	for i, it := range items {
		if it == nil {
			return out, fmt.Errorf("entry %d is not an object", i)
		}
		r := reader{doc: it}
		p := Param{Name: r.str("name"), Type: r.str("type"), Shape: shapeText(it["shape"])}
		if p.Type == "" {
			p.Type = r.str("dtype")
		}
		if p.Type == "object" {
			p.Type = typeText(it)
		}
		if d, ok := it["default"]; ok && d != nil {
			p.Default = jsonText(d)
		}
		if len(r.problems) > 0 {
			return out, fmt.Errorf("entry %d: %s", i, strings.Join(r.problems, "; "))
		}
		out = append(out, p)
	}
	return out, nil
}

// jsonText spells a decoded JSON value compactly, as JSON.
func jsonText(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}
