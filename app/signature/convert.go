package signature

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Conversion of one request value to a numpy dtype, the way the scoring
// server converts it: pandas' Series.astype for the DataFrame formats,
// np.array(..., dtype) for inputs/instances and tensors, read_csv for CSV.

// sem selects the conversion semantics.
type sem uint8

const (
	semAstype sem = iota // pandas Series.astype(dtype) of an inferred column
	semNumpy             // np.array(values, dtype=dtype)
	semCSV               // pandas.read_csv(dtype=...)
)

// scalarKind says which field of a scalar holds the value.
type scalarKind uint8

const (
	skMissing scalarKind = iota // NaN / None / NaT
	skBool
	skInt
	skUint
	skFloat
	skText  // text (object or numpy str), or raw bytes
	skValue // an unconverted request value (object columns)
)

// scalar is one converted value.
type scalar struct {
	k scalarKind
	b bool
	i int64
	u uint64
	f float64
	s string
	v Value
}

// noteKind flags conversions that succeed but deserve a warning.
type noteKind uint8

const (
	noteNone     noteKind = iota
	noteWrapped           // integer wrapped around (pandas astype overflow)
	noteEpoch             // number read as nanoseconds since the epoch
	noteUnsure            // behaviour differs between numpy/pandas versions
	noteTruncate          // fraction truncated to an integer
)

// convertValue converts v (from a column whose inferred pandas dtype is src)
// to dst. It returns the value, or MLflow's (Python's) error message.
func convertValue(v Value, src, dst dtype, s sem) (scalar, string, noteKind) {
	switch dst.kind {
	case 'i', 'u':
		return toInt(v, src, dst, s)
	case 'f', 'c':
		return toFloat(v, dst, s)
	case 'b':
		return toBool(v, src, s)
	case 'U':
		return scalar{k: skText, s: pyStr(v)}, "", noteNone
	case 'S':
		t := pyStr(v)
		for i, r := range t {
			if r > 0x7f {
				return scalar{}, "'ascii' codec can't encode character " + pyQuote(string(r)) +
					" in position " + strconv.Itoa(i) + ": ordinal not in range(128)", noteNone
			}
		}
		return scalar{k: skText, s: t}, "", noteNone
	case 'M':
		return toDatetime(v, src, s)
	}
	return scalar{k: skValue, v: v}, "", noteNone
}

func numericColumn(src dtype, s sem) bool { return s == semAstype && src.isNumeric() }

func toInt(v Value, src, dst dtype, s sem) (scalar, string, noteKind) {
	wrap := numericColumn(src, s)
	switch v.Kind() {
	case KindBool:
		return intResult(boolInt(v.Bool()), dst, wrap)
	case KindInt:
		if n, ok := v.Int(); ok {
			return intResult(n, dst, wrap)
		}
		return bigIntResult(v.Raw(), dst, wrap)
	case KindFloat, KindMissing, KindNull:
		if v.Kind() == KindNull && !wrap {
			return scalar{}, "int() argument must be a string, a bytes-like object or a real " +
				"number, not 'NoneType'", noteNone
		}
		f := v.Float()
		return floatToInt(f, dst, wrap)
	case KindString:
		text := v.Text()
		n, big, ok := pyParseInt(text)
		switch {
		case !ok:
			return scalar{}, "invalid literal for int() with base 10: " + pyQuote(text), noteNone
		case big:
			return bigIntResult(strings.TrimSpace(text), dst, false)
		}
		return intResult(n, dst, false)
	case KindArray:
		if s == semNumpy {
			return scalar{}, "setting an array element with a sequence.", noteNone
		}
	}
	return scalar{}, "int() argument must be a string, a bytes-like object or a real number, " +
		"not '" + pyTypeName(v) + "'", noteNone
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func floatToInt(f float64, dst dtype, wrap bool) (scalar, string, noteKind) {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		if wrap {
			return scalar{}, "Cannot convert non-finite values (NA or inf) to integer", noteNone
		}
		if math.IsNaN(f) {
			return scalar{}, "cannot convert float NaN to integer", noteNone
		}
		return scalar{}, "cannot convert float infinity to integer", noteNone
	case f >= 9.223372036854775807e18 || f < -9.223372036854775808e18:
		if dst.kind == 'u' && f >= 0 && f < 1.8446744073709551615e19 {
			return scalar{k: skUint, u: uint64(f)}, "", noteTruncate
		}
		return scalar{}, "Python int too large to convert to C long", noteNone
	}
	t := math.Trunc(f)
	sc, msg, note := intResult(int64(t), dst, wrap)
	if note == noteNone && t != f {
		note = noteTruncate
	}
	return sc, msg, note
}

// intResult range-checks n for dst: pandas astype of a numeric column wraps
// silently, numpy refuses out-of-range Python integers.
func intResult(n int64, dst dtype, wrap bool) (scalar, string, noteKind) {
	bits := uint(dst.size) * 8
	if dst.kind == 'u' {
		if n >= 0 && (bits == 64 || uint64(n) < 1<<bits) {
			return scalar{k: skUint, u: uint64(n)}, "", noteNone
		}
		if !wrap {
			return scalar{}, outOfBounds(strconv.FormatInt(n, 10), dst), noteNone
		}
		u := uint64(n)
		if bits < 64 {
			u &= 1<<bits - 1
		}
		return scalar{k: skUint, u: u}, "", noteWrapped
	}
	if bits == 64 || (n >= -(1<<(bits-1)) && n < 1<<(bits-1)) {
		return scalar{k: skInt, i: n}, "", noteNone
	}
	if !wrap {
		return scalar{}, outOfBounds(strconv.FormatInt(n, 10), dst), noteNone
	}
	shift := 64 - bits
	return scalar{k: skInt, i: n << shift >> shift}, "", noteWrapped
}

func outOfBounds(n string, dst dtype) string {
	return "Python integer " + n + " out of bounds for " + dst.String()
}

func bigIntResult(text string, dst dtype, wrap bool) (scalar, string, noteKind) {
	if u, err := strconv.ParseUint(strings.TrimPrefix(text, "+"), 10, 64); err == nil {
		if dst == dtUint64 {
			return scalar{k: skUint, u: u}, "", noteNone
		}
		if wrap {
			return intResult(int64(u), dst, true)
		}
	}
	return scalar{}, "Python int too large to convert to C long", noteNone
}

func toFloat(v Value, dst dtype, s sem) (scalar, string, noteKind) {
	var f float64
	switch v.Kind() {
	case KindBool:
		f = float64(boolInt(v.Bool()))
	case KindInt:
		f = v.Float()
		if math.IsInf(f, 0) {
			return scalar{}, "int too large to convert to float", noteNone
		}
	case KindFloat:
		f = v.Float()
	case KindMissing, KindNull:
		f = math.NaN()
	case KindString:
		var ok bool
		if f, ok = pyParseFloat(v.Text()); !ok {
			return scalar{}, "could not convert string to float: " + pyQuote(v.Text()), noteNone
		}
	case KindArray:
		if s == semNumpy {
			return scalar{}, "setting an array element with a sequence.", noteNone
		}
		fallthrough
	default:
		return scalar{}, "float() argument must be a string or a real number, not '" +
			pyTypeName(v) + "'", noteNone
	}
	return scalar{k: skFloat, f: roundFloat(f, dst)}, "", noteNone
}

// roundFloat rounds f to the precision of a float dtype.
func roundFloat(f float64, dst dtype) float64 {
	if dst.size <= 4 || dst.kind == 'c' && dst.size == 8 {
		return float64(float32(f))
	}
	return f
}

func toBool(v Value, src dtype, s sem) (scalar, string, noteKind) {
	if numericColumn(src, s) {
		switch v.Kind() {
		case KindBool:
			return scalar{k: skBool, b: v.Bool()}, "", noteNone
		case KindNull, KindMissing:
			return scalar{k: skBool, b: true}, "", noteNone // NaN is truthy
		}
		return scalar{k: skBool, b: v.Float() != 0}, "", noteNone
	}
	note := noteNone
	if s == semNumpy && v.Kind() == KindString {
		note = noteUnsure
	}
	return scalar{k: skBool, b: truthy(v)}, "", note
}

func toDatetime(v Value, src dtype, s sem) (scalar, string, noteKind) {
	nat := scalar{k: skInt, i: natNS}
	k := v.Kind()
	switch {
	case k == KindNull || k == KindMissing || isNaNValue(v):
		return nat, "", noteNone
	case k == KindInt:
		n, ok := v.Int()
		if !ok {
			return scalar{}, "Out of bounds nanosecond timestamp: " + v.Raw(), noteNone
		}
		return scalar{k: skInt, i: n}, "", noteEpoch
	case k == KindFloat && s == semAstype:
		f := v.Float()
		if math.IsInf(f, 0) || math.Abs(f) >= 9.2e18 {
			return scalar{}, "Out of bounds nanosecond timestamp: " + pyFloat(f), noteNone
		}
		return scalar{k: skInt, i: int64(f)}, "", noteEpoch
	case k == KindString:
		text := v.Text()
		var p dtParts
		var ok bool
		if s == semNumpy {
			p, ok = parseNumpyDatetime(text)
		} else {
			p, ok = parsePandasDatetime(text)
		}
		if !ok {
			if s == semNumpy {
				return scalar{}, "Error parsing datetime string " + strconv.Quote(text) +
					" at position 0", noteNone
			}
			return scalar{}, "Unknown datetime string format, unable to parse: " + text +
				", at position 0", noteNone
		}
		ns, ok := p.toNS()
		if !ok {
			return scalar{}, "Out of bounds nanosecond timestamp: " + text, noteNone
		}
		return scalar{k: skInt, i: ns}, "", noteNone
	}
	if s == semNumpy {
		return scalar{}, "Could not convert object to NumPy datetime", noteNone
	}
	return scalar{}, pyClass(v) + " is not convertible to datetime, at position 0", noteNone
}

// pyParseInt is Python's int(text): surrounding whitespace, a sign, digits
// with single underscores between them. big reports a value outside int64.
func pyParseInt(text string) (n int64, big, ok bool) {
	t := strings.TrimFunc(text, unicode.IsSpace)
	body := strings.TrimLeft(t, "+-")
	if len(t)-len(body) > 1 || !validDigits(body) {
		return 0, false, false
	}
	clean := strings.ReplaceAll(t, "_", "")
	n, err := strconv.ParseInt(strings.TrimPrefix(clean, "+"), 10, 64)
	if err != nil {
		return 0, true, true
	}
	return n, false, true
}

// validDigits checks digits with single underscores between digits.
func validDigits(s string) bool {
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '_' {
			if s[i-1] == '_' {
				return false
			}
		} else if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// pyParseFloat is Python's float(text).
func pyParseFloat(text string) (float64, bool) {
	t := strings.TrimFunc(text, unicode.IsSpace)
	body := strings.TrimLeft(t, "+-")
	if len(t)-len(body) > 1 || body == "" {
		return 0, false
	}
	switch strings.ToLower(body) {
	case "inf", "infinity", "nan":
		f, _ := strconv.ParseFloat(t, 64)
		return f, true
	}
	mant, exp, hasExp := strings.Cut(strings.ToLower(body), "e")
	intPart, frac, hasDot := strings.Cut(mant, ".")
	if hasExp && !validDigits(strings.TrimLeft(exp, "+-")) || len(exp)-
		len(strings.TrimLeft(exp, "+-")) > 1 {
		return 0, false
	}
	if (intPart == "" && frac == "") || (intPart != "" && !validDigits(intPart)) ||
		(hasDot && frac != "" && !validDigits(frac)) {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(t, "_", ""), 64)
	if err != nil && !math.IsInf(f, 0) && f != 0 {
		return 0, false
	}
	return f, true
}

// b64Value maps base64 alphabet bytes to their value, others to 0xff.
var b64Value = func() (t [256]byte) {
	const alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := range t {
		t[i] = 0xff
	}
	for i := 0; i < len(alpha); i++ {
		t[alpha[i]] = byte(i)
	}
	return t
}()

// pyB64Decode decodes like Python's base64.decodebytes (binascii in
// non-strict mode): bytes outside the alphabet are skipped, decoding stops
// once the padding completes a quantum, and an unfinished quantum is an error.
func pyB64Decode(s string) (string, string) {
	out := make([]byte, 0, len(s)*3/4)
	quad, pads, data := 0, 0, 0
	var left uint
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '=' {
			if quad >= 2 {
				pads++
				if quad+pads >= 4 {
					return string(out), ""
				}
			}
			continue
		}
		v := b64Value[c]
		if v == 0xff {
			continue
		}
		pads = 0
		data++
		switch quad {
		case 0:
			left = uint(v)
		case 1:
			out = append(out, byte(left<<2|uint(v)>>4))
			left = uint(v) & 0x0f
		case 2:
			out = append(out, byte(left<<4|uint(v)>>2))
			left = uint(v) & 0x03
		case 3:
			out = append(out, byte(left<<6|uint(v)))
		}
		quad = (quad + 1) % 4
	}
	switch quad {
	case 0:
		return string(out), ""
	case 1:
		return "", "Invalid base64-encoded string: number of data characters (" +
			strconv.Itoa(data) + ") cannot be 1 more than a multiple of 4"
	}
	return "", "Incorrect padding"
}

// toBinary is the server's cast of a binary column: base64-decode text.
func toBinary(v Value) (scalar, string) {
	if v.Kind() != KindString {
		return scalar{}, "encoding without a string argument"
	}
	b, msg := pyB64Decode(v.Text())
	if msg != "" {
		return scalar{}, msg
	}
	return scalar{k: skText, s: b}, ""
}

func itoa64(n int64) string  { return strconv.FormatInt(n, 10) }
func utoa64(n uint64) string { return strconv.FormatUint(n, 10) }
