package signature

import (
	"strings"
	"testing"
)

// colSig builds a signature with one required column x of type typ.
func colSig(t *testing.T, typ string) *Signature {
	t.Helper()
	return sigOf(t, `[{"type": "`+typ+`", "name": "x", "required": true}]`)
}

// sigOf builds a signature from the JSON of its inputs schema.
func sigOf(t *testing.T, inputs string) *Signature {
	t.Helper()
	sig, err := ParseSignature([]byte(`{"inputs": ` + inputs + `}`))
	if err != nil {
		t.Fatalf("signature %s: %v", inputs, err)
	}
	return sig
}

// split is a dataframe_split body with one column x.
func split(rows ...string) string {
	return `{"dataframe_split": {"columns": ["x"], "data": [[` + strings.Join(rows, "],[") +
		`]]}}`
}

// TestPyfuncWidening checks pyfunc mode against the widening table of spec
// section 6 (the pandas path): the column's dtype decides, nothing is cast.
// Dtypes models a DataFrame whose column was built with that numpy dtype.
func TestPyfuncWidening(t *testing.T) {
	cases := []struct {
		name  string
		typ   string // declared column type
		dtype string // Options.Dtypes["x"], "" = inferred from JSON
		body  string
		want  Category // "" = accepted
		msg   string   // substring of the MLflow message
	}{
		{"int32 to long", "long", "int32", split("1", "2"), "", ""},
		{"int32 to double", "double", "int32", split("1", "2"), "", ""},
		{"int32 to integer", "integer", "int32", split("1", "2"), "", ""},
		{"int32 to float refused", "float", "int32", split("1", "2"), CatBadType,
			"Can not safely convert int32 to float32"},
		{"int16 to integer", "integer", "int16", split("1"), "", ""},
		{"int64 to long", "long", "", split("1", "2"), "", ""},
		{"int64 to integer refused", "integer", "", split("1"), CatBadType,
			"Can not safely convert int64 to int32"},
		{"int64 to double refused", "double", "", split("2", "3"), CatBadType,
			"Can not safely convert int64 to float64"},
		{"int64 0 and 1 to double", "double", "", split("0", "1"), "", ""},
		{"int64 0 and 1 to float", "float", "", split("1", "0"), "", ""},
		{"uint32 to long", "long", "uint32", split("1"), "", ""},
		{"uint32 to integer refused", "integer", "uint32", split("1"), CatBadType,
			"Can not safely convert uint32 to int32"},
		{"uint16 to integer", "integer", "uint16", split("1"), "", ""},
		{"uint64 to long refused", "long", "uint64", split("1"), CatBadType,
			"uint64 to int64"},
		{"uint32 to double", "double", "uint32", split("1"), "", ""},
		{"float32 to double", "double", "float32", split("1.5"), "", ""},
		{"float32 to float", "float", "float32", split("1.5"), "", ""},
		{"float64 to float refused", "float", "", split("1.5"), CatBadType,
			"Can not safely convert float64 to float32"},
		{"float64 to long refused", "long", "", split("1.5"), CatBadType,
			"Can not safely convert float64 to int64"},
		{"int with null to long refused with hint", "long", "", split("1", "null"),
			CatBadType, "Hint: pandas stores integers with missing values as floats"},
		{"bool to boolean", "boolean", "", split("true", "false"), "", ""},
		{"bool to long refused", "long", "", split("true"), CatBadType, "bool to int64"},
		{"bool to double refused", "double", "", split("true"), CatBadType,
			"bool to float64"},
		{"text to string", "string", "", split(`"a"`, `"b"`), "", ""},
		{"text with null to string", "string", "", split(`"a"`, "null"), "", ""},
		{"int64 to string refused", "string", "", split("1"), CatBadType,
			"Can not safely convert int64 to <U0"},
		{"object to boolean unchecked", "boolean", "", split(`"no"`, "null"), "", ""},
		{"text to binary", "binary", "", split(`"not base64!"`), "", ""},
		{"text dates to datetime", "datetime", "", split(`"2020-01-01"`), "", ""},
		{"bad date refused", "datetime", "", split(`"yesterday-ish"`), CatBadType,
			"Column x (object) cannot be converted to datetime."},
		{"datetime64[D] to datetime", "datetime", "datetime64[D]", split(`"2020-01-01"`),
			"", ""},
		{"int64 to datetime refused", "datetime", "", split("5"), CatBadType,
			"int64 to datetime64[ns]"},
		{"text to long refused", "long", "", split(`"42"`), CatBadType,
			"object to int64"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := Options{Mode: Pyfunc}
			if c.dtype != "" {
				opts.Dtypes = map[string]string{"x": c.dtype}
			}
			res := Validate(colSig(t, c.typ), []byte(c.body), opts)
			if res.Category != c.want || !strings.Contains(res.Message, c.msg) {
				t.Errorf("type %s dtype %q body %s\n got: %q %s\nwant: %q ...%s...", c.typ,
					c.dtype, c.body, res.Category, res.Message, c.want, c.msg)
			}
		})
	}
}

// TestPyfuncVersusServing shows the two modes disagreeing where the spec
// says they do: the server casts JSON values first.
func TestPyfuncVersusServing(t *testing.T) {
	const dates = `[{"type": "array", "items": {"type": "datetime"}, "name": "x"}]`
	cases := []struct {
		name, inputs, body  string
		serving, pyfuncWant Category
	}{
		{"JSON ints in double", `[{"type": "double", "name": "x"}]`, split("1", "2"), "",
			CatBadType},
		{"numeric text in long", `[{"type": "long", "name": "x"}]`, split(`"42"`), "",
			CatBadType},
		{"fraction in long", `[{"type": "long", "name": "x"}]`, `{"inputs": {"x": [1.5]}}`,
			"", CatBadType},
		{"dates in array", dates, `{"dataframe_records": [{"x": ["2020-01-01"]}]}`,
			CatBadType, ""},
		{"ints in boolean", `[{"type": "boolean", "name": "x"}]`, split("0", "3"), "",
			CatBadType},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sig := sigOf(t, c.inputs)
			s := Validate(sig, []byte(c.body), Options{})
			p := Validate(sig, []byte(c.body), Options{Mode: Pyfunc})
			if s.Category != c.serving || p.Category != c.pyfuncWant {
				t.Errorf("body %s\n got serving %q (%s) pyfunc %q (%s)\nwant serving %q "+
					"pyfunc %q", c.body, s.Category, s.Message, p.Category, p.Message,
					c.serving, c.pyfuncWant)
			}
		})
	}
}

// TestPyfuncTensors checks that tensors are strict in pyfunc mode (exact
// dtype) and lenient in serving mode (built with the spec's dtype).
func TestPyfuncTensors(t *testing.T) {
	sig, err := ParseSignature([]byte(`{"inputs": [{"type": "tensor", "name": "x", ` +
		`"tensor-spec": {"dtype": "float32", "shape": [-1, 2]}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		mode   Mode
		dtypes map[string]string
		body   string
		want   Category
	}{
		{"serving casts floats", Serving, nil, `{"inputs": {"x": [[1.0, 2.0]]}}`, ""},
		{"serving casts ints", Serving, nil, `{"inputs": {"x": [[1, 2]]}}`, ""},
		{"pyfunc float64 refused", Pyfunc, nil, `{"inputs": {"x": [[1.0, 2.0]]}}`,
			CatBadDtype},
		{"pyfunc int64 refused", Pyfunc, nil, `{"inputs": {"x": [[1, 2]]}}`, CatBadDtype},
		{"pyfunc declared float32", Pyfunc, map[string]string{"x": "float32"},
			`{"inputs": {"x": [[1, 2]]}}`, ""},
		{"pyfunc shape still checked", Pyfunc, map[string]string{"x": "float32"},
			`{"inputs": {"x": [[1, 2, 3]]}}`, CatShapeMismatch},
		{"pyfunc list is not an array", Pyfunc, nil, `{"inputs": [[1.0, 2.0]]}`,
			CatBadDtype},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := Validate(sig, []byte(c.body), Options{Mode: c.mode, Dtypes: c.dtypes})
			if res.Category != c.want {
				t.Errorf("mode %s body %s\n got: %q %s\nwant: %q", c.mode, c.body,
					res.Category, res.Message, c.want)
			}
		})
	}
}
