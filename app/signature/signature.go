package signature

import (
	"encoding/json"

	"gopkg.in/yaml.v3"
)

// Signature is a model signature: the input and output schemas and the
// params schema. Any of them may be nil.
type Signature struct {
	Inputs  *Schema
	Outputs *Schema
	Params  *ParamSchema
}

// ParseSignature reads a bare signature JSON object
// {"inputs": ..., "outputs": ..., "params": ...}. Each entry may be a JSON
// string holding the schema (as MLmodel stores it), the schema itself, or
// null.
func ParseSignature(data []byte) (*Signature, error) {
	if len(data) > maxSchemaBytes {
		return nil, schemaErr("signature larger than %d bytes", maxSchemaBytes)
	}
	d, serr := parseJSON(string(data), 200, 1<<20)
	if serr != nil {
		return nil, schemaErr("signature is not valid JSON: %s", serr.Error())
	}
	root := d.value(0)
	if root.Kind() != KindObject {
		return nil, schemaErr("a signature must be a dictionary with keys inputs, outputs, "+
			"params; got %s", pyTypeName(root))
	}
	if sv, ok := root.Get("signature"); ok && sv.Kind() == KindObject {
		root = sv
	}
	return signatureFrom(root)
}

func signatureFrom(root Value) (*Signature, error) {
	sig := &Signature{}
	var err error
	if sig.Inputs, err = schemaEntry(root, "inputs"); err != nil {
		return nil, err
	}
	if sig.Outputs, err = schemaEntry(root, "outputs"); err != nil {
		return nil, err
	}
	pv, err := entry(root, "params")
	if err != nil {
		return nil, err
	}
	if pv.Kind() != KindMissing && pv.Kind() != KindNull {
		if sig.Params, err = parseParamSchemaValue(pv); err != nil {
			return nil, err
		}
	}
	if sig.Inputs == nil && sig.Outputs == nil && sig.Params == nil {
		return nil, schemaErr("a signature needs inputs, outputs or params")
	}
	return sig, nil
}

// entry returns a signature entry, decoding it when it is a JSON string.
func entry(root Value, key string) (Value, error) {
	v, ok := root.Get(key)
	if !ok || v.Kind() != KindString {
		return v, nil
	}
	d, serr := parseJSON(v.Text(), 200, 1<<20)
	if serr != nil {
		return Value{}, schemaErr("%s is not valid JSON: %s", key, serr.Error())
	}
	return d.value(0), nil
}

func schemaEntry(root Value, key string) (*Schema, error) {
	v, err := entry(root, key)
	if err != nil || v.Kind() == KindMissing || v.Kind() == KindNull {
		return nil, err
	}
	s, err := parseSchemaValue(v)
	if err != nil {
		return nil, schemaErr("%s: %s", key, err.(*SchemaError).Msg)
	}
	return s, nil
}

// ParseMLmodel reads the signature of an MLmodel file (YAML). It also takes
// the signature block on its own. It returns nil and no error when there is
// no signature: MLflow then enforces nothing.
func ParseMLmodel(data []byte) (*Signature, error) {
	if len(data) > maxSchemaBytes {
		return nil, schemaErr("MLmodel larger than %d bytes", maxSchemaBytes)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, schemaErr("MLmodel is not valid YAML: %v", err)
	}
	block, ok := doc["signature"]
	if !ok {
		_, in := doc["inputs"]
		_, out := doc["outputs"]
		if !in && !out {
			return nil, nil
		}
		block = doc
	}
	if block == nil {
		return nil, nil
	}
	m, ok := block.(map[string]any)
	if !ok {
		return nil, schemaErr("signature must be a mapping")
	}
	text, err := json.Marshal(m)
	if err != nil {
		return nil, schemaErr("signature cannot be read: %v", err)
	}
	return ParseSignature(text)
}
