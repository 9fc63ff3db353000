package signature

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// fuzzSignatures covers column, nested, optional, unnamed and tensor schemas
// and params.
var fuzzSignatures = []string{
	`{"inputs": [{"type": "long", "name": "a"}, {"type": "string", "name": "b", ` +
		`"required": false}], "params": [{"name": "p", "type": "double", "default": 1.0, ` +
		`"shape": null}, {"name": "q", "type": "string", "default": ["x"], "shape": [-1]}]}`,
	`{"inputs": [{"type": "double"}, {"type": "boolean"}, {"type": "binary"}]}`,
	`{"inputs": [{"type": "array", "name": "m", "items": {"type": "object", "properties": ` +
		`{"r": {"type": "string"}, "n": {"type": "map", "values": {"type": "datetime"}, ` +
		`"required": false}}}}, {"type": "any", "name": "z"}]}`,
	`{"inputs": [{"type": "tensor", "name": "x", "tensor-spec": {"dtype": "float32", ` +
		`"shape": [-1, 2]}}, {"type": "tensor", "name": "y", "tensor-spec": ` +
		`{"dtype": "str", "shape": [-1]}}]}`,
	`{"inputs": [{"type": "tensor", "tensor-spec": {"dtype": "uint8", "shape": [-1, -1]}}]}`,
	`{"inputs": [{"type": "datetime", "name": "t"}, {"type": "integer", "name": "i"}, ` +
		`{"type": "float", "name": "f"}], "params": [{"name": "o", "type": "object", ` +
		`"properties": {"k": {"type": "long"}}, "default": {"k": 1}, "shape": null}]}`,
}

var fuzzBodies = []string{
	`{"dataframe_split": {"columns": ["a", "b"], "data": [[1, "x"], [2, null]]}}`,
	`{"dataframe_records": [{"a": "3", "b": 1}, {"c": [1, {"d": NaN}]}], "params": {"p": 2}}`,
	`{"inputs": {"a": [1, 2], "b": "s"}, "params": {"q": ["a", 1]}}`,
	`{"instances": [{"x": [1, 2], "y": "s"}, {"x": [3, 4], "y": "t"}]}`,
	`{"inputs": [[1, 2], [3]]}`,
	`{"inputs": {"m": [{"r": "u", "n": {"k": "2020-01-01"}}], "z": null}}`,
	`{"messages": [{"role": "user"}], "p": 1}`,
	`{"dataframe_split": {"data": [[1.5, true, "aGk="]], "index": [0]}}`,
	"a,b\n1,x\n\"2\",\n",
	`[1, 2]`, `"x"`, `{"inputs": -Infinity}`, ``,
}

func addFileSeeds(f *testing.F, add func([]byte)) {
	for _, pat := range []string{"testdata/requests/*", "testdata/MLmodel*"} {
		files, _ := filepath.Glob(pat)
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				add(b)
			}
		}
	}
}

// FuzzParseSchema feeds arbitrary text to the signature and schema readers.
func FuzzParseSchema(f *testing.F) {
	for _, s := range fuzzSignatures {
		f.Add([]byte(s))
	}
	f.Add([]byte(`[{"type": "object", "name": "o", "properties": {"a": {"type": "array", ` +
		`"items": {"type": "map", "values": {"type": "any"}}}}}]`))
	f.Add([]byte(`[{"name": "n", "dtype": "datetime", "default": "2020-01-01", ` +
		`"shape": null}]`))
	addFileSeeds(f, func(b []byte) { f.Add(b) })
	f.Fuzz(func(t *testing.T, data []byte) {
		if s, err := ParseSchema(data); err == nil {
			_ = s.String()
			_ = s.Names()
		}
		if p, err := ParseParamSchema(data); err == nil {
			for i := range p.Params {
				_ = p.Params[i].String()
			}
		}
		if sig, err := ParseSignature(data); err == nil && sig.Inputs != nil {
			_ = sig.Inputs.String()
		}
		_, _ = ParseMLmodel(data)
	})
}

// FuzzParseRequest feeds arbitrary bodies to the request parser.
func FuzzParseRequest(f *testing.F) {
	for _, b := range fuzzBodies {
		f.Add([]byte(b), false)
	}
	f.Add([]byte("a,\"b\"\"c\"x\n1\r\n\n2,3"), true)
	addFileSeeds(f, func(b []byte) { f.Add(b, false) })
	f.Fuzz(func(t *testing.T, body []byte, csv bool) {
		ct := ""
		if csv {
			ct = ContentCSV
		}
		req, err := ParseRequest(body, ct)
		if err != nil {
			if _, ok := err.(*RequestError); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		walk(req.Data, 0)
		walk(req.Params, 0)
	})
}

// walk touches every accessor of every value.
func walk(v Value, depth int) {
	_ = v.Raw()
	_ = v.String()
	_, _ = v.MarshalJSON()
	_ = v.Text()
	_ = v.Float()
	_, _ = v.Int()
	if depth > 50 {
		return
	}
	for _, e := range v.Elems() {
		walk(e, depth+1)
	}
	for _, e := range v.Members() {
		walk(e, depth+1)
	}
}

// FuzzValidate validates arbitrary bodies against a set of signatures, in
// both modes, in one go and in small steps.
func FuzzValidate(f *testing.F) {
	for i := range fuzzSignatures {
		for _, b := range fuzzBodies {
			f.Add(uint8(i), []byte(b), uint8(0))
		}
	}
	addFileSeeds(f, func(b []byte) { f.Add(uint8(0), b, uint8(1)) })
	sigs := make([]*Signature, len(fuzzSignatures))
	for i, s := range fuzzSignatures {
		sig, err := ParseSignature([]byte(s))
		if err != nil {
			f.Fatalf("signature %d: %v", i, err)
		}
		sigs[i] = sig
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte, flags uint8) {
		sig := sigs[int(which)%len(sigs)]
		opts := Options{MaxBytes: 1 << 20, MaxProblems: 50}
		if flags&1 != 0 {
			opts.Mode = Pyfunc
			opts.Dtypes = map[string]string{"a": "int32", "x": "float32", "0": "uint8"}
		}
		if flags&2 != 0 {
			opts.ContentType = ContentCSV
		}
		res := Validate(sig, body, opts)
		if res.Accepted != (res.ProblemCount == 0) || (!res.Accepted && res.Category == "") {
			t.Fatalf("inconsistent result: %+v", res)
		}
		if len(res.Problems) > 50 {
			t.Fatalf("%d problems listed past the cap", len(res.Problems))
		}
		j1, err := json.Marshal(res)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		if flags&4 != 0 {
			v := NewValidator(sig, body, opts)
			for !v.Next(int(flags>>3) + 1) {
			}
			j2, _ := json.Marshal(v.Result())
			if string(j1) != string(j2) {
				t.Fatalf("chunked result differs:\n%s\n%s", j1, j2)
			}
		}
	})
}
