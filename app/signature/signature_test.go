package signature

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseMLmodel(t *testing.T) {
	sig, err := ParseMLmodel(readTestdata(t, "MLmodel"))
	if err != nil {
		t.Fatal(err)
	}
	got := sig.Inputs.String()
	want := "['sepal_length': double (required), 'sepal_width': double (required), " +
		"'site': string (optional)]"
	if got != want {
		t.Errorf("inputs\n got: %s\nwant: %s", got, want)
	}
	if s := sig.Outputs.String(); s != "[long (required)]" || sig.Outputs.Named() {
		t.Errorf("outputs got %s (named %v)", s, sig.Outputs.Named())
	}
	p := sig.Params.Lookup("threshold")
	if p == nil || p.String() != "'threshold': double (default: 0.5)" {
		t.Errorf("params got %+v", sig.Params)
	}
	none, err := ParseMLmodel(readTestdata(t, "MLmodel-nosig"))
	if none != nil || err != nil {
		t.Errorf("no signature: got %v, %v; want nil, nil", none, err)
	}
	block := "inputs: '[{\"type\": \"long\", \"name\": \"a\"}]'\noutputs: null\n"
	bs, err := ParseMLmodel([]byte(block))
	if err != nil || bs.Inputs.String() != "['a': long (required)]" {
		t.Errorf("bare block: got %v, %v", bs, err)
	}
}

func TestParseSignatureForms(t *testing.T) {
	const schema = `[{"type": "array", "items": {"type": "string"}, "name": "a", ` +
		`"required": true}, {"type": "object", "name": "o", "properties": {"k": ` +
		`{"type": "long"}, "b": {"type": "double", "required": false}}}]`
	cases := []struct{ name, text string }{
		{"string encoded", `{"inputs": ` + quoteJSON(schema) + `, "outputs": null}`},
		{"decoded", `{"inputs": ` + schema + `}`},
		{"nested signature key", `{"signature": {"inputs": ` + quoteJSON(schema) + `}}`},
		{"yaml", "signature:\n  inputs: '" + schema + "'\n"},
	}
	want := "['a': Array(string) (required), 'o': {b: double (optional), k: long " +
		"(required)} (optional)]"
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var sig *Signature
			var err error
			if c.name == "yaml" {
				sig, err = ParseMLmodel([]byte(c.text))
			} else {
				sig, err = ParseSignature([]byte(c.text))
			}
			if err != nil {
				t.Fatalf("input %s: %v", c.text, err)
			}
			if got := sig.Inputs.String(); got != want {
				t.Errorf("input %s\n got: %s\nwant: %s", c.text, got, want)
			}
		})
	}
}

func quoteJSON(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
}

func TestParseSchemaErrors(t *testing.T) {
	cases := []struct{ name, schema, want string }{
		{"empty", `[]`, "at least one spec"},
		{"not a list", `{"type": "long"}`, "must be a list"},
		{"mixed names", `[{"type": "long", "name": "a"}, {"type": "long"}]`,
			"either every spec has a name or none"},
		{"mixed specs", `[{"type": "long", "name": "a"}, {"type": "tensor", "name": "b", ` +
			`"tensor-spec": {"dtype": "int64", "shape": [-1]}}]`, "cannot mix column specs"},
		{"two unnamed tensors", `[{"type": "tensor", "tensor-spec": {"dtype": "int8", ` +
			`"shape": [-1]}}, {"type": "tensor", "tensor-spec": {"dtype": "int8", ` +
			`"shape": [-1]}}]`, "must all be named"},
		{"unnamed optional", `[{"type": "long", "required": false}]`,
			"cannot have optional inputs"},
		{"unknown type", `[{"type": "decimal", "name": "a"}]`, "Unsupported type 'decimal'"},
		{"sized string dtype", `[{"type": "tensor", "tensor-spec": {"dtype": "<U10", ` +
			`"shape": [-1]}}]`, "sized string dtypes"},
		{"unknown dtype", `[{"type": "tensor", "tensor-spec": {"dtype": "float99", ` +
			`"shape": [-1]}}]`, "not understood"},
		{"empty object", `[{"type": "object", "name": "o", "properties": {}}]`,
			"at least one property"},
		{"array without items", `[{"type": "array", "name": "a"}]`, "needs `items`"},
		{"unexpected key", `[{"type": "long", "name": "a", "optional": true}]`,
			"unknown key 'optional'"},
		{"no type", `[{"name": "a"}]`, "has no `type`"},
		{"bad json", `[{"type": "long",]`, "not valid JSON"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseSchema([]byte(c.schema))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("schema %s\n got: %v\nwant error containing %q", c.schema, err, c.want)
			}
		})
	}
}

func TestSchemaQuirks(t *testing.T) {
	s, err := ParseSchema([]byte(`[{"type": "array", "items": {"type": "long"}, ` +
		`"name": "a"}, {"type": "long", "name": "b"}]`))
	if err != nil {
		t.Fatal(err)
	}
	if s.Columns[0].Required || !s.Columns[1].Required {
		t.Errorf("composite without required should be optional, scalar required: %s", s)
	}
	ts, err := ParseSchema([]byte(`[{"type": "tensor", "name": "x", "tensor-spec": ` +
		`{"dtype": "float32", "shape": [-1, 28, 28]}}]`))
	if err != nil || ts.String() != "['x': Tensor('float32', (-1, 28, 28))]" {
		t.Errorf("tensor schema: %v %v", ts, err)
	}
}

func TestParamSchemaErrors(t *testing.T) {
	cases := []struct{ name, params, want string }{
		{"binary", `[{"name": "b", "type": "binary", "default": "x", "shape": null}]`,
			"cannot be of type binary"},
		{"bad shape", `[{"name": "a", "type": "long", "default": [1], "shape": [2]}]`,
			"must be null"},
		{"bad default", `[{"name": "a", "type": "long", "default": 1.5, "shape": null}]`,
			"invalid default"},
		{"duplicate", `[{"name": "a", "type": "long", "default": 1}, {"name": "a", ` +
			`"type": "long", "default": 2}]`, "twice"},
		{"missing default", `[{"name": "a", "type": "long"}]`, "needs the keys"},
		{"unknown type", `[{"name": "a", "type": "array", "default": []}]`,
			"Unsupported type"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseParamSchema([]byte(c.params))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("params %s\n got: %v\nwant error containing %q", c.params, err, c.want)
			}
		})
	}
	ps, err := ParseParamSchema([]byte(`[{"name": "d", "dtype": "datetime", ` +
		`"default": "2023-06-26T00:00:00", "shape": null}, {"name": "l", "type": "string", ` +
		`"default": ["a", "b"], "shape": [-1]}]`))
	if err != nil {
		t.Fatal(err)
	}
	if got := ps.Params[1].String(); got != "'l': string (default: ['a', 'b']) (shape: (-1,))" {
		t.Errorf("repr got %s", got)
	}
}

// TestFixtures validates the request bodies in testdata against the MLmodel.
func TestFixtures(t *testing.T) {
	sig, err := ParseMLmodel(readTestdata(t, "MLmodel"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		file, contentType string
		want              Category
		problems          int
	}{
		{"split.json", "", "", 0},
		{"records.json", "", "", 0},
		{"inputs.json", "", CatBadParam, 1},
		{"instances.json", "", "", 0},
		{"bad-rows.json", "", CatBadType, 2},
		{"data.csv", "text/csv", "", 0},
		{"llm.json", "", CatMissingColumn, 2},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			body := readTestdata(t, filepath.Join("requests", c.file))
			res := Validate(sig, body, Options{ContentType: c.contentType})
			if res.Category != c.want || res.ProblemCount != c.problems {
				t.Errorf("body %s\n got: %q with %d problems (%s) %+v\nwant: %q with %d", body,
					res.Category, res.ProblemCount, res.Message, res.Problems, c.want,
					c.problems)
			}
		})
	}
}
