package signature

import (
	"fmt"
	"math"
	"testing"
)

func TestPythonNumbers(t *testing.T) {
	ints := []struct {
		in      string
		n       int64
		big, ok bool
	}{
		{"42", 42, false, true}, {" -7 ", -7, false, true}, {"+1_000", 1000, false, true},
		{"1__0", 0, false, false}, {"4.5", 0, false, false}, {"", 0, false, false},
		{"99999999999999999999", 0, true, true}, {"0x10", 0, false, false},
	}
	for _, c := range ints {
		n, big, ok := pyParseInt(c.in)
		if n != c.n || big != c.big || ok != c.ok {
			t.Errorf("int(%q): got %d %v %v want %d %v %v", c.in, n, big, ok, c.n, c.big, c.ok)
		}
	}
	floats := []struct {
		in string
		f  float64
		ok bool
	}{
		{"1.25", 1.25, true}, {" -.5 ", -0.5, true}, {"1e3", 1000, true}, {"5.", 5, true},
		{"inf", math.Inf(1), true}, {"1_0.5", 10.5, true}, {"abc", 0, false},
		{"0x1p3", 0, false}, {"1e", 0, false}, {"--1", 0, false}, {"1e400", math.Inf(1), true},
	}
	for _, c := range floats {
		f, ok := pyParseFloat(c.in)
		if f != c.f || ok != c.ok {
			t.Errorf("float(%q): got %v %v want %v %v", c.in, f, ok, c.f, c.ok)
		}
	}
	reprs := map[float64]string{1: "1.0", 0.1: "0.1", 1e16: "1e+16", 1e15: "1000000000000000.0",
		1e-5: "1e-05", 0.0001: "0.0001", math.NaN(): "nan", -1.5e-7: "-1.5e-07"}
	for f, want := range reprs {
		if got := pyFloat(f); got != want {
			t.Errorf("repr(%v): got %s want %s", f, got, want)
		}
	}
}

func TestBase64LikePython(t *testing.T) {
	cases := []struct{ in, out, err string }{
		{"aGk=", "hi", ""}, {"aGk", "", "Incorrect padding"}, {"aGk=junk", "hi", ""},
		{"a", "", "Invalid base64-encoded string: number of data characters (1) cannot be " +
			"1 more than a multiple of 4"},
		{"aG\nk=", "hi", ""}, {"", "", ""}, {"abc", "", "Incorrect padding"},
		{"a!G@k=", "hi", ""},
	}
	for _, c := range cases {
		out, err := pyB64Decode(c.in)
		if out != c.out || err != c.err {
			t.Errorf("decode(%q): got %q %q want %q %q", c.in, out, err, c.out, c.err)
		}
	}
}

func TestDatetimeParsers(t *testing.T) {
	cases := []struct {
		in            string
		numpy, pandas bool
		unit          string
	}{
		{"2020-01-01", true, true, "D"},
		{"2021-01-01 00:00:00.1234567", true, true, "ns"},
		{"2023-07-01T10:20", true, true, "m"},
		{"2023-07-01T10:20:30Z", true, true, "s"},
		{"2023", true, true, "Y"},
		{"2023-02-30", false, false, ""},
		{"01/02/2020", false, true, ""},
		{"Jan 2, 2020 3:04 PM", false, true, ""},
		{"20200102", false, true, ""},
		{"yesterday-ish", false, false, ""},
		{"NaT", true, true, "generic"},
	}
	for _, c := range cases {
		np, okN := parseNumpyDatetime(c.in)
		_, okP := parsePandasDatetime(c.in)
		if okN != c.numpy || okP != c.pandas || (okN && np.unit != c.unit) {
			t.Errorf("%q: numpy %v (%s) pandas %v, want %v (%s) %v", c.in, okN, np.unit, okP,
				c.numpy, c.unit, c.pandas)
		}
	}
	p, _ := parsePandasDatetime("Jan 2, 2020 3:04 PM")
	if ns, _ := p.toNS(); formatNS(ns) != "2020-01-02 15:04:00" {
		t.Errorf("got %s", formatNS(ns))
	}
}

func TestEnforceRule(t *testing.T) {
	// Rows of the spec's pandas-path table (section 6), as dtype -> type.
	cases := []struct {
		src  dtype
		t    DataType
		want ruleOutcome
	}{
		{dtBool, Boolean, ruleAccept}, {dtBool, Long, ruleReject},
		{dtInt32, Integer, ruleAccept}, {dtInt32, Long, ruleAccept},
		{dtInt32, Double, ruleAccept}, {dtInt32, Float, ruleReject},
		{dtInt64, Long, ruleAccept}, {dtInt64, Integer, ruleReject},
		{dtInt64, Double, ruleZeroOne}, {dtInt64, Float, ruleZeroOne},
		{dtUint16, Integer, ruleAccept}, {dtUint32, Integer, ruleReject},
		{dtUint32, Long, ruleAccept}, {dtUint64, Long, ruleReject},
		{dtUint64, Double, ruleReject}, {dtFloat32, Double, ruleAccept},
		{dtFloat64, Float, ruleReject}, {dtFloat64, Long, ruleReject},
		{dtObject, String, ruleAccept}, {dtObject, Boolean, ruleAccept},
		{dtObject, Binary, ruleAccept}, {dtObject, Datetime, ruleDatetime},
		{dtObject, Long, ruleReject}, {dtype{kind: 'M', size: 8, unit: "D"}, Datetime,
			ruleAccept}, {dtInt64, String, ruleReject},
	}
	for _, c := range cases {
		if got := enforceRule(c.src, c.t); got != c.want {
			t.Errorf("%s -> %s: got %d want %d", c.src, c.t, got, c.want)
		}
	}
}

func TestNumpyShapes(t *testing.T) {
	cases := []struct {
		json   string
		shape  string
		ragged bool
		dtype  string
	}{
		{`[[1, 2], [3, 4]]`, "[2 2]", false, "int64"},
		{`[[1, 2], [3]]`, "[2]", true, ""},
		{`[[], []]`, "[2 0]", false, "float64"},
		{`[1, [2]]`, "[2]", true, ""},
		{`5`, "[]", false, "int64"},
		{`[1, 2.5, true]`, "[3]", false, "float64"},
		{`["a", 1]`, "[2]", false, "<U21"},
		{`[{"k": 1}, null]`, "[2]", false, "object"},
	}
	for _, c := range cases {
		d, err := parseJSON(c.json, 100, 1000)
		if err != nil {
			t.Fatal(err)
		}
		v := d.value(0)
		shape, ragged := ndShape(v)
		if fmt.Sprint(shape) != c.shape || ragged != c.ragged {
			t.Errorf("%s: shape %v ragged %v want %s %v", c.json, shape, ragged, c.shape,
				c.ragged)
		}
		if c.dtype != "" {
			if got := inferArrayDtype(leaves(v, len(shape), nil)).String(); got != c.dtype {
				t.Errorf("%s: dtype %s want %s", c.json, got, c.dtype)
			}
		}
	}
}
