package mlflow

import (
	"fmt"
	"math"
	"strconv"
)

// Float is a metric value. It travels in JSON as a number, except NaN and
// the infinities, which protobuf's JSON mapping (and so MLflow) writes as the
// strings "NaN", "Infinity" and "-Infinity". Decoding accepts those strings,
// numeric strings and numbers.
type Float float64

// MarshalJSON writes f as a JSON number, or as a string for non-finite values.
func (f Float) MarshalJSON() ([]byte, error) {
	v := float64(f)
	switch {
	case math.IsNaN(v):
		return []byte(`"NaN"`), nil
	case math.IsInf(v, 1):
		return []byte(`"Infinity"`), nil
	case math.IsInf(v, -1):
		return []byte(`"-Infinity"`), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// UnmarshalJSON reads a JSON number or one of the strings MarshalJSON writes.
// Booleans, null and other strings are refused.
func (f *Float) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	switch s {
	case "NaN":
		*f = Float(math.NaN())
		return nil
	case "Infinity":
		*f = Float(math.Inf(1))
		return nil
	case "-Infinity":
		*f = Float(math.Inf(-1))
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || s == "" || s[0] == '+' || s == "inf" || s == "nan" {
		return fmt.Errorf("not a number: %s", b)
	}
	*f = Float(v)
	return nil
}

// Greater orders floats as Python's max does on the file store's tuples:
// a NaN compares as neither greater nor smaller, so it never wins.
func (f Float) Greater(o Float) bool { return float64(f) > float64(o) }

// PythonString formats v as Python's str(float) does, the spelling MLflow
// writes into metric files: "0.25", "1e-05", "3.0", "nan", "inf", "-inf".
func PythonString(v float64) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	abs := math.Abs(v)
	if abs != 0 && (abs < 1e-4 || abs >= 1e16) {
		s := strconv.FormatFloat(v, 'e', -1, 64)
		return pythonExponent(s)
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	for _, c := range s {
		if c == '.' {
			return s
		}
	}
	return s + ".0"
}

// pythonExponent turns Go's "1e-05"-style output, which already pads the
// exponent to two digits, into Python's form: a mantissa without a
// trailing ".0" and a signed exponent of at least two digits.
func pythonExponent(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == 'e' {
			mant, exp := s[:i], s[i+1:]
			sign := exp[0]
			digits := exp[1:]
			if len(digits) < 2 {
				digits = "0" + digits
			}
			return mant + "e" + string(sign) + digits
		}
	}
	return s
}
