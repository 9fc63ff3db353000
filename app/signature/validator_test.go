package signature

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

const abSchema = `[{"type": "long", "name": "a", "required": true}, ` +
	`{"type": "string", "name": "b", "required": true}]`

// TestEveryProblem checks that all failing cells are reported, with place,
// in MLflow's order, and that the first one gives the category.
func TestEveryProblem(t *testing.T) {
	sig := sigOf(t, abSchema)
	body := `{"dataframe_split": {"columns": ["a", "b", "zz"], "data": ` +
		`[[1, "x", 0], ["one", "y", 0], [3.5, "z", 0], [null, "w", 0]]}}`
	res := Validate(sig, []byte(body), Options{})
	type place struct {
		row int
		col string
		cat Category
	}
	var got []place
	for _, p := range res.Problems {
		got = append(got, place{p.Row, p.Column, p.Category})
	}
	want := []place{{1, "a", CatBadType}, {3, "a", CatBadType}}
	if !reflect.DeepEqual(got, want) || res.ProblemCount != 2 {
		t.Fatalf("body %s\n got: %v\nwant: %v", body, got, want)
	}
	if !strings.Contains(res.Message, "Failed to convert column a to type 'int64'. Error: "+
		"'ValueError(\"invalid literal for int() with base 10: 'one'\")'") {
		t.Errorf("message: %s", res.Message)
	}
	if len(res.Notes) == 0 || !strings.Contains(strings.Join(res.Notes, "\n"), "['zz']") {
		t.Errorf("notes should mention the ignored column: %v", res.Notes)
	}
	col := res.Input.Table.Columns[0]
	faulty := []bool{col.Faulty(0), col.Faulty(1), col.Faulty(2), col.Faulty(3)}
	if !reflect.DeepEqual(faulty, []bool{false, true, false, true}) {
		t.Errorf("faulty cells: %v", faulty)
	}
	if col.Ints[2] != 3 || col.Dtype != "int64" {
		t.Errorf("3.5 should be truncated to 3 in an int64 column: %v %s", col.Ints, col.Dtype)
	}
}

// TestNestedPaths checks paths inside nested values and that every nested
// failure is listed.
func TestNestedPaths(t *testing.T) {
	sig := sigOf(t, `[{"type": "array", "name": "m", "items": {"type": "object", `+
		`"properties": {"role": {"type": "string"}, "content": {"type": "string"}}}}]`)
	body := `{"dataframe_records": [{"m": [{"role": "user", "content": 5}, ` +
		`{"role": "x"}, {"role": "a", "content": "b", "extra": 1}]}]}`
	res := Validate(sig, []byte(body), Options{})
	var got []string
	for _, p := range res.Problems {
		got = append(got, fmt.Sprintf("%s %s", p.Path, p.Category))
	}
	want := []string{"[0].content bad_type", "[1] missing_property", "[2] extra_property"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("body %s\n got: %v\nwant: %v", body, got, want)
	}
}

// TestChunkedEqualsOneShot validates the same body in small steps and in
// one go and expects the same result.
func TestChunkedEqualsOneShot(t *testing.T) {
	sig, body := benchColumns(500)
	bad := strings.Replace(string(body), `"v`, `7,"v`, 1)
	for _, b := range []string{string(body), bad, strings.Replace(string(body), "[0,", "[0.5,",
		1)} {
		one := Validate(sig, []byte(b), Options{})
		v := NewValidator(sig, []byte(b), Options{})
		steps := 0
		last := -1.0
		for !v.Next(7) {
			steps++
			if p := v.Progress(); p < last || p > 1 {
				t.Fatalf("progress went from %v to %v", last, p)
			}
			last = v.Progress()
		}
		chunked := v.Result()
		if steps < 10 {
			t.Errorf("expected many steps, got %d", steps)
		}
		j1, _ := json.Marshal(one)
		j2, _ := json.Marshal(chunked)
		if string(j1) != string(j2) {
			t.Errorf("chunked result differs:\n one: %.300s\nchunked: %.300s", j1, j2)
		}
	}
}

// TestConvertedInput checks the table and params handed to the model.
func TestConvertedInput(t *testing.T) {
	sig, err := ParseSignature([]byte(`{"inputs": [{"type": "double", "name": "x"}, ` +
		`{"type": "binary", "name": "b"}, {"type": "datetime", "name": "t"}], ` +
		`"params": [{"name": "k", "type": "long", "default": 3, "shape": null}, ` +
		`{"name": "tags", "type": "string", "default": ["a"], "shape": [-1]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	body := `{"dataframe_records": [{"x": "1.25", "b": "aGk=", "t": "2020-01-02"}, ` +
		`{"x": null, "b": "", "t": null}], "params": {"tags": ["x", "y"]}}`
	res := Validate(sig, []byte(body), Options{})
	if !res.Accepted {
		t.Fatalf("not accepted: %s %+v", res.Message, res.Problems)
	}
	tab := res.Input.Table
	got := []string{}
	for _, c := range tab.Columns {
		for i := 0; i < tab.Rows; i++ {
			got = append(got, c.Dtype+":"+c.Text(i))
		}
	}
	want := []string{"float64:1.25", "float64:NaN", "object:hi", "object:",
		"datetime64[ns]:2020-01-02 00:00:00", "datetime64[ns]:NaT"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("body %s\n got: %v\nwant: %v", body, got, want)
	}
	if len(res.Params) != 2 || !res.Params[0].Default || res.Params[0].Value.Raw() != "3" ||
		res.Params[1].Default || res.Params[1].Value.Raw() != `["x", "y"]` {
		t.Errorf("params: %+v", res.Params)
	}
	if _, err := json.Marshal(res); err != nil {
		t.Errorf("result does not marshal: %v", err)
	}
}

// TestNoSignature checks that nothing is enforced without an input schema.
func TestNoSignature(t *testing.T) {
	res := Validate(nil, []byte(`{"inputs": [[1], "x"], "params": 5}`), Options{})
	if !res.Accepted || res.Input.Raw == nil {
		t.Errorf("got %+v", res)
	}
	bad := Validate(nil, []byte(`{"inputs": 1, "instances": 2}`), Options{})
	if bad.Category != CatBadFormat {
		t.Errorf("format errors still apply: %+v", bad)
	}
}

// TestParamsProblems checks that all bad params are reported together.
func TestParamsProblems(t *testing.T) {
	sig, err := ParseSignature([]byte(`{"inputs": [{"type": "string"}], "params": [` +
		`{"name": "a", "type": "long", "default": 1, "shape": null}, ` +
		`{"name": "b", "type": "boolean", "default": true, "shape": null}]}`))
	if err != nil {
		t.Fatal(err)
	}
	res := Validate(sig, []byte(`{"inputs": ["q"], "params": {"a": 1.5, "b": 1}}`),
		Options{})
	if res.Category != CatBadParam || res.ProblemCount != 2 ||
		!strings.HasPrefix(res.Message, "Invalid parameters found: {('a', ") ||
		!strings.Contains(res.Message, "('b', ") {
		t.Errorf("got %s: %s", res.Category, res.Message)
	}
	res = Validate(sig, []byte(`{"inputs": ["q"], "params": [1]}`), Options{})
	if res.Message != "Parameters must be a dictionary. Got type 'list'." {
		t.Errorf("got %s", res.Message)
	}
}

// TestMaxProblems checks the cap on listed problems.
func TestMaxProblems(t *testing.T) {
	sig := sigOf(t, abSchema)
	var rows []string
	for i := 0; i < 50; i++ {
		rows = append(rows, `["x", "y"]`)
	}
	body := `{"dataframe_split": {"columns": ["a", "b"], "data": [` +
		strings.Join(rows, ",") + `]}}`
	res := Validate(sig, []byte(body), Options{MaxProblems: 10})
	if len(res.Problems) != 10 || res.ProblemCount != 50 || res.Problems[0].Row != 0 {
		t.Errorf("got %d listed of %d, first row %d", len(res.Problems), res.ProblemCount,
			res.Problems[0].Row)
	}
	col := res.Input.Table.Columns[0]
	if !col.Faulty(49) {
		t.Error("cells past the cap should still be marked faulty")
	}
}

// TestCSV checks CSV parsing against the schema's dtypes.
func TestCSV(t *testing.T) {
	sig := sigOf(t, `[{"type": "long", "name": "a"}, {"type": "boolean", "name": "b"}, `+
		`{"type": "string", "name": "c"}]`)
	cases := []struct {
		name, body string
		want       Category
		msg        string
	}{
		{"ok", "a,b,c\n1,True,\"x, \"\"y\"\"\"\r\n2,false,NA\n\n", "", ""},
		{"int with NA", "a,b,c\n1,True,x\n,False,y\n", CatBadFormat,
			"Integer column has NA values in column 0"},
		{"bad bool", "a,b,c\n1,yes,x\n", CatBadFormat,
			"cannot safely convert passed user dtype of bool"},
		{"missing column", "a,c\n1,x\n", CatMissingColumn, "Model is missing inputs ['b']"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := Validate(sig, []byte(c.body), Options{ContentType: "text/csv"})
			if res.Category != c.want || !strings.Contains(res.Message, c.msg) {
				t.Errorf("body %q\n got: %q %s\nwant: %q ...%s...", c.body, res.Category,
					res.Message, c.want, c.msg)
			}
		})
	}
	res := Validate(sig, []byte("a,b,c\n1,True,\"x, \"\"y\"\"\"\n"),
		Options{ContentType: "text/csv"})
	if got := res.Input.Table.Columns[2].Text(0); got != `x, "y"` {
		t.Errorf("quoted field: got %q", got)
	}
	dt := sigOf(t, `[{"type": "datetime", "name": "d"}]`)
	if r := Validate(dt, []byte("d\n2020-01-01\n"), Options{ContentType: "text/csv"}); r.
		Category != CatBadFormat {
		t.Errorf("datetime columns cannot be read from CSV by MLflow: %+v", r.Problems)
	}
}

// TestFormatsAndModes covers request shapes beyond the shared vectors.
func TestFormatsAndModes(t *testing.T) {
	long := `[{"type": "long", "name": "a"}]`
	tens := `[{"type": "tensor", "name": "x", "tensor-spec": {"dtype": "int32", ` +
		`"shape": [-1, 2]}}, {"type": "tensor", "name": "y", "tensor-spec": ` +
		`{"dtype": "float64", "shape": [-1]}}]`
	cases := []struct {
		name, inputs, body string
		opts               Options
		want               Category
	}{
		{"llm body is the input", `[{"type": "string", "name": "prompt"}]`,
			`{"prompt": "hi", "max_tokens": 5}`, Options{}, ""},
		{"llm missing input", long, `{"messages": []}`, Options{}, CatMissingColumn},
		{"instances records tensors", tens,
			`{"instances": [{"x": [1, 2], "y": 0.5}, {"x": [3, 4], "y": 1}]}`, Options{}, ""},
		{"instances records ragged", tens,
			`{"instances": [{"x": [1, 2], "y": 0.5}, {"x": [3], "y": 1}]}`, Options{},
			CatBadType},
		{"inputs tensor text", tens, `{"inputs": {"x": [["a", "b"]], "y": [1]}}`, Options{},
			CatBadType},
		{"split tensor list cells", tens, `{"dataframe_split": {"columns": ["x", "y"], ` +
			`"data": [[[1, 2], 0.5], [[3, 4], 1.5]]}}`, Options{}, ""},
		{"split tensor wrong width", tens, `{"dataframe_split": {"columns": ["x", "y"], ` +
			`"data": [[[1, 2, 3], 0.5]]}}`, Options{}, CatShapeMismatch},
		{"pyfunc csv infers", long, "a\n1\n2\n", Options{Mode: Pyfunc,
			ContentType: ContentCSV}, ""},
		{"pyfunc csv floats", long, "a\n1\n\n2.5\n", Options{Mode: Pyfunc,
			ContentType: ContentCSV}, CatBadType},
		{"records of scalars", `[{"type": "long"}]`, `{"dataframe_records": [1, 2]}`,
			Options{}, ""},
		{"inputs scalar for unnamed", `[{"type": "double"}]`, `{"inputs": 2}`, Options{}, ""},
		{"inputs dict for unnamed", `[{"type": "double"}]`, `{"inputs": {"a": 2}}`, Options{},
			CatBadFormat},
		{"unequal inputs columns", `[{"type": "long", "name": "a"}, {"type": "long", ` +
			`"name": "b"}]`, `{"inputs": {"a": [1, 2], "b": [1]}}`, Options{}, CatBadFormat},
		{"optional array null via inputs", `[{"type": "array", "name": "a", "items": ` +
			`{"type": "long"}, "required": false}]`, `{"inputs": {"a": null}}`, Options{},
			CatBadType},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := Validate(sigOf(t, c.inputs), []byte(c.body), c.opts)
			if res.Category != c.want {
				t.Errorf("schema %s body %s\n got: %q %s\nwant: %q", c.inputs, c.body,
					res.Category, res.Message, c.want)
			}
		})
	}
}

// TestChunkedRecords checks chunked validation of dataframe_records.
func TestChunkedRecords(t *testing.T) {
	sig, body := recordsBody(300)
	bad := strings.Replace(string(body), `"c0":0`, `"c0":"zero"`, 1)
	for _, b := range []string{string(body), bad} {
		one, _ := json.Marshal(Validate(sig, []byte(b), Options{}))
		v := NewValidator(sig, []byte(b), Options{})
		for !v.Next(3) {
		}
		chunked, _ := json.Marshal(v.Result())
		if string(one) != string(chunked) {
			t.Errorf("chunked records result differs:\n%.300s\n%.300s", one, chunked)
		}
	}
}
