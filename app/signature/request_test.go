package signature

import (
	"errors"
	"strings"
	"testing"
)

func TestParseRequestFormats(t *testing.T) {
	cases := []struct {
		name, body string
		want       Format
		dropped    string
	}{
		{"split", `{"dataframe_split": {"data": []}}`, FormatSplit, ""},
		{"records", `{"dataframe_records": []}`, FormatRecords, ""},
		{"instances", `{"instances": [1]}`, FormatInstances, ""},
		{"inputs", `{"inputs": 1, "params": {}}`, FormatInputs, ""},
		{"extra keys dropped", `{"inputs": 1, "zz": 2, "aa": 3}`, FormatInputs, "aa,zz"},
		{"llm messages", `{"messages": [], "inputs": 1}`, FormatLLM, ""},
		{"llm prompt", `{"prompt": "hi"}`, FormatLLM, ""},
		{"bom and whitespace", "\xef\xbb\xbf \n{\"inputs\": NaN}\t", FormatInputs, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, err := ParseRequest([]byte(c.body), "")
			if err != nil {
				t.Fatalf("body %q: %v", c.body, err)
			}
			if req.Format != c.want || strings.Join(req.Dropped, ",") != c.dropped {
				t.Errorf("body %q\n got: %s dropped %v\nwant: %s dropped %s", c.body,
					req.Format, req.Dropped, c.want, c.dropped)
			}
		})
	}
}

func TestParseRequestErrors(t *testing.T) {
	cases := []struct {
		name, body, ct string
		cat            Category
		status         int
		msg            string
	}{
		{"empty", ``, "", CatMalformedJSON, 400, "Expecting value: line 1 column 1 (char 0)"},
		{"trailing comma", `{"a": 1,}`, "", CatMalformedJSON, 400,
			"Expecting property name enclosed in double quotes: line 1 column 9 (char 8)"},
		{"array trailing comma", `[1,]`, "", CatMalformedJSON, 400, "Expecting value"},
		{"missing colon", `{"a" 1}`, "", CatMalformedJSON, 400, "Expecting ':' delimiter"},
		{"extra data", `{} {}`, "", CatMalformedJSON, 400, "Extra data"},
		{"bad escape", `{"a\q": 1}`, "", CatMalformedJSON, 400, "Invalid \\escape"},
		{"control char", "{\"a\n\": 1}", "", CatMalformedJSON, 400,
			"Invalid control character"},
		{"unterminated", `{"a`, "", CatMalformedJSON, 400, "Unterminated string"},
		{"second line", "{\n\"a\": tru}", "", CatMalformedJSON, 400,
			"line 2 column 6 (char 7)"},
		{"list", `[1]`, "", CatBadFormat, 400, "; got a list."},
		{"scalar", `"x"`, "", CatBadFormat, 400, "; got <class 'str'>."},
		{"no format key", `{"data": 1}`, "", CatBadFormat, 400,
			"; got the keys ['data']"},
		{"two format keys", `{"inputs": 1, "instances": 2}`, "", CatBadFormat, 400,
			"exactly one of the input fields"},
		{"xml", `<a/>`, "application/xml", CatUnsupportedMedia, 415,
			"Only text/csv and application/json bodies are served"},
		{"latin1", `{}`, "application/json; charset=latin-1", CatUnsupportedMedia, 415,
			"Only UTF-8 bodies are served"},
		{"param", `{}`, "application/json; format=pandas-split", CatUnsupportedMedia, 415,
			"Unknown content type parameters: format"},
		{"csv empty", ``, "text/csv", CatBadFormat, 400, "No columns to parse from file"},
		{"csv long row", "a,b\n1,2,3\n", "text/csv", CatBadFormat, 400,
			"Expected 2 fields in line 2, saw 3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseRequest([]byte(c.body), c.ct)
			var re *RequestError
			if !errors.As(err, &re) || re.Category != c.cat || re.Status != c.status ||
				!strings.Contains(re.Message, c.msg) {
				t.Errorf("body %q type %q\n got: %v\nwant: %s %d ...%s...", c.body, c.ct, err,
					c.cat, c.status, c.msg)
			}
		})
	}
}

func TestJSONLimits(t *testing.T) {
	deep := strings.Repeat("[", 50) + strings.Repeat("]", 50)
	if _, err := parseJSON(deep, 10, 1000); err == nil || err.Msg != "Maximum nesting depth "+
		"exceeded" {
		t.Errorf("depth: got %v", err)
	}
	if _, err := parseJSON("[1,2,3,4,5]", 100, 3); err == nil {
		t.Error("node cap: got no error")
	}
	r := Validate(nil, []byte(`{"inputs": [1, 2, 3]}`), Options{MaxBytes: 5})
	if r.Category != CatTooLarge || r.HTTPStatus != 413 {
		t.Errorf("size cap: got %q %d", r.Category, r.HTTPStatus)
	}
}

func TestValueAPI(t *testing.T) {
	req, err := ParseRequest([]byte(`{"inputs": {"s": "a\u00e9\ud83d\ude00\n", `+
		`"n": -12, "big": 123456789012345678901, "f": 1.5e3, "nan": NaN, "l": [1, [2]], `+
		`"d": {"k": null, "k": true}}}`), "")
	if err != nil {
		t.Fatal(err)
	}
	d := req.Data
	check := func(name, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s: got %q want %q", name, got, want)
		}
	}
	s, _ := d.Get("s")
	check("text", s.Text(), "aé😀\n")
	check("repr", s.String(), `'aé😀\n'`)
	n, _ := d.Get("n")
	if i, ok := n.Int(); !ok || i != -12 {
		t.Errorf("int: %d %v", i, ok)
	}
	big, _ := d.Get("big")
	if _, ok := big.Int(); ok || !big.IsBigInt() {
		t.Error("big int should not fit int64")
	}
	f, _ := d.Get("f")
	check("float", pyFloat(f.Float()), "1500.0")
	nan, _ := d.Get("nan")
	check("nan", nan.String(), "nan")
	l, _ := d.Get("l")
	check("list raw", l.Raw(), "[1, [2]]")
	check("list repr", l.String(), "[1, [2]]")
	dd, _ := d.Get("d")
	check("dict repr (last key wins)", dd.String(), "{'k': True}")
	check("keys", strings.Join(d.Keys(), ","), "s,n,big,f,nan,l,d")
	b, _ := dd.MarshalJSON()
	check("marshal", string(b), `{"k":null,"k":true}`)
	b, _ = nan.MarshalJSON()
	check("marshal NaN", string(b), "null")
}
