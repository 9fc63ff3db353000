package signature

import (
	"encoding/json"
	"iter"
	"math"
	"strconv"
	"strings"
)

// Value is a read-only view of one value of a parsed request (JSON or CSV).
// The zero Value is KindMissing. Values stay valid as long as the Result or
// Request that handed them out is referenced.
type Value struct {
	d *document
	i int32
}

func (d *document) value(i int32) Value { return Value{d: d, i: i} }

func (v Value) nd() *node { return &v.d.nodes[v.i] }

// Kind reports the kind of the value.
func (v Value) Kind() Kind {
	if v.i < 0 || v.d == nil {
		if v.i == -2 {
			return KindNull // a None that pandas padded in
		}
		return KindMissing
	}
	return v.d.nodes[v.i].kind
}

// Bool returns a boolean's value (false for other kinds).
func (v Value) Bool() bool {
	return v.Kind() == KindBool && v.nd().flags&flagTrue != 0
}

// Raw returns the value's source text (with quotes for JSON strings).
func (v Value) Raw() string {
	if v.i < 0 || v.d == nil {
		if v.i == -2 {
			return "null"
		}
		return ""
	}
	switch v.Kind() {
	case KindMissing:
		return ""
	case KindString:
		nd := v.nd()
		if nd.flags&flagCSV != 0 || !v.isJSONString() {
			return strconv.Quote(v.Text())
		}
		return v.d.src[nd.start-1 : nd.end+1]
	}
	nd := v.nd()
	if v.Kind() >= KindArray {
		return v.d.src[nd.start:v.d.rawEnd(v.i)]
	}
	return v.d.src[nd.start:nd.end]
}

// rawEnd returns the source offset just after the value at node i.
func (d *document) rawEnd(i int32) int {
	nd := &d.nodes[i]
	e := int(nd.end)
	switch {
	case nd.kind == KindString:
		return min(e+1, len(d.src))
	case nd.kind < KindArray:
		return e
	case nd.n == 0:
		e = int(nd.start) + 1
	default:
		c := i + 1
		last := c
		for k := uint32(0); k < nd.n; k++ {
			if nd.kind == KindObject {
				c++ // the key
			}
			last = c
			c = d.next(c)
		}
		e = d.rawEnd(last)
	}
	for e < len(d.src) && d.src[e] != ']' && d.src[e] != '}' {
		e++
	}
	return min(e+1, len(d.src))
}

// isJSONString reports whether the string sits between quotes in the source.
func (v Value) isJSONString() bool {
	nd := v.nd()
	return nd.start > 0 && int(nd.end) < len(v.d.src) && v.d.src[nd.start-1] == '"' &&
		v.d.src[nd.end] == '"'
}

// Text returns a string's decoded content ("" for other kinds).
func (v Value) Text() string {
	if v.Kind() != KindString {
		return ""
	}
	nd := v.nd()
	s := v.d.src[nd.start:nd.end]
	switch {
	case nd.flags&flagEscape != 0:
		return unescapeJSON(s)
	case nd.flags&flagCSV != 0:
		return strings.ReplaceAll(s, `""`, `"`)
	}
	return s
}

// Int returns an integer's value; ok is false for other kinds and for
// integers outside the int64 range.
func (v Value) Int() (n int64, ok bool) {
	if v.Kind() != KindInt || v.nd().flags&flagBig != 0 {
		return 0, false
	}
	nd := v.nd()
	return parseIntFast(v.d.src[nd.start:nd.end]), true
}

// Float returns a number's value as float64 (NaN for non-numbers).
func (v Value) Float() float64 {
	switch v.Kind() {
	case KindInt:
		if n, ok := v.Int(); ok {
			return float64(n)
		}
		f, _ := strconv.ParseFloat(v.Raw(), 64)
		return f
	case KindFloat:
		return parseFloatLit(v.Raw())
	}
	return math.NaN()
}

// IsBigInt reports whether the value is an integer outside the int64 range.
func (v Value) IsBigInt() bool {
	return v.Kind() == KindInt && v.nd().flags&flagBig != 0
}

// Len returns the number of elements of an array or members of an object.
func (v Value) Len() int {
	switch v.Kind() {
	case KindArray, KindObject:
		return int(v.nd().n)
	}
	return 0
}

// Elems iterates over an array's elements.
func (v Value) Elems() iter.Seq2[int, Value] {
	return func(yield func(int, Value) bool) {
		if v.Kind() != KindArray {
			return
		}
		c := v.i + 1
		for k := 0; k < int(v.nd().n); k++ {
			if !yield(k, Value{v.d, c}) {
				return
			}
			c = v.d.next(c)
		}
	}
}

// Members iterates over an object's members in source order (duplicates
// included).
func (v Value) Members() iter.Seq2[string, Value] {
	return func(yield func(string, Value) bool) {
		if v.Kind() != KindObject {
			return
		}
		c := v.i + 1
		for k := 0; k < int(v.nd().n); k++ {
			key := Value{v.d, c}
			val := Value{v.d, c + 1}
			if !yield(key.Text(), val) {
				return
			}
			c = v.d.next(c + 1)
		}
	}
}

// Get returns the member of an object with the given key; like Python, the
// last of duplicate keys wins.
func (v Value) Get(key string) (Value, bool) {
	var found Value
	ok := false
	for k, val := range v.Members() {
		if k == key {
			found, ok = val, true
		}
	}
	return found, ok
}

// Keys returns an object's distinct keys in order of first appearance.
func (v Value) Keys() []string {
	keys, _ := v.dict()
	return keys
}

// dict returns an object's distinct keys in order of first appearance and
// the value of each (the last one for duplicate keys), as Python's
// json.loads builds the dict.
func (v Value) dict() ([]string, []Value) {
	if v.Kind() != KindObject {
		return nil, nil
	}
	n := v.Len()
	keys := make([]string, 0, n)
	vals := make([]Value, 0, n)
	var pos map[string]int
	if n > 8 {
		pos = make(map[string]int, n)
	}
	for k, val := range v.Members() {
		i := -1
		if pos != nil {
			if p, ok := pos[k]; ok {
				i = p
			}
		} else {
			for j, kk := range keys {
				if kk == k {
					i = j
				}
			}
		}
		if i >= 0 {
			vals[i] = val
			continue
		}
		if pos != nil {
			pos[k] = len(keys)
		}
		keys = append(keys, k)
		vals = append(vals, val)
	}
	return keys, vals
}

// Index returns the i-th element of an array (KindMissing when out of range).
func (v Value) Index(i int) Value {
	for k, e := range v.Elems() {
		if k == i {
			return e
		}
	}
	return Value{}
}

// MarshalJSON writes the value as JSON; NaN and infinities, which Python
// accepts but JSON does not, become null.
func (v Value) MarshalJSON() ([]byte, error) {
	return v.appendJSON(nil, 0), nil
}

func (v Value) appendJSON(b []byte, depth int) []byte {
	switch v.Kind() {
	case KindMissing, KindNull:
		return append(b, "null"...)
	case KindBool, KindInt:
		return append(b, v.Raw()...)
	case KindFloat:
		if f := v.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			return append(b, "null"...)
		}
		return append(b, v.Raw()...)
	case KindString:
		q, _ := json.Marshal(v.Text())
		return append(b, q...)
	}
	if depth > 1000 {
		return append(b, "null"...)
	}
	if v.Kind() == KindArray {
		b = append(b, '[')
		for i, e := range v.Elems() {
			if i > 0 {
				b = append(b, ',')
			}
			b = e.appendJSON(b, depth+1)
		}
		return append(b, ']')
	}
	b = append(b, '{')
	i := 0
	for k, e := range v.Members() {
		if i > 0 {
			b = append(b, ',')
		}
		i++
		q, _ := json.Marshal(k)
		b = append(append(b, q...), ':')
		b = e.appendJSON(b, depth+1)
	}
	return append(b, '}')
}

// String returns the Python repr of the value, as MLflow prints it.
func (v Value) String() string { return pyRepr(v) }

// parseIntFast parses a JSON integer known to fit int64.
func parseIntFast(s string) int64 {
	neg := false
	if s[0] == '-' {
		neg = true
		s = s[1:]
	}
	if len(s) <= 18 {
		var n int64
		for i := 0; i < len(s); i++ {
			n = n*10 + int64(s[i]-'0')
		}
		if neg {
			return -n
		}
		return n
	}
	var n int64
	var err error
	if neg {
		n, err = strconv.ParseInt("-"+s, 10, 64)
	} else {
		n, err = strconv.ParseInt(s, 10, 64)
	}
	if err != nil {
		return 0
	}
	return n
}

// pow10 holds the exactly representable powers of ten.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// fastFloat parses a plain decimal ("-12.375") with at most 15 digits
// exactly (one correctly rounded division); ok is false otherwise.
func fastFloat(s string) (float64, bool) {
	i, neg := 0, false
	if s[0] == '-' {
		neg, i = true, 1
	}
	var mant uint64
	digits, frac := 0, -1
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			mant = mant*10 + uint64(c-'0')
			digits++
			if frac >= 0 {
				frac++
			}
		case c == '.' && frac < 0:
			frac = 0
		default:
			return 0, false
		}
	}
	if digits > 15 || frac > 22 {
		return 0, false
	}
	f := float64(mant)
	if frac > 0 {
		f /= pow10[frac]
	}
	if neg {
		f = -f
	}
	return f, true
}

// parseFloatLit parses a JSON number literal including NaN and Infinity.
func parseFloatLit(s string) float64 {
	if f, ok := fastFloat(s); ok {
		return f
	}
	switch s {
	case "NaN":
		return math.NaN()
	case "Infinity":
		return math.Inf(1)
	case "-Infinity":
		return math.Inf(-1)
	}
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// isNaNValue reports whether v is a float NaN literal.
func isNaNValue(v Value) bool {
	return v.Kind() == KindFloat && v.Raw() == "NaN"
}
