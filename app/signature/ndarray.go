package signature

import (
	"fmt"
)

// np.array(value[, dtype]) for request values: shape discovery, dtype
// inference and element conversion.

// ndShape returns the shape numpy gives a nested list. ragged reports
// sequences of different lengths, or sequences next to scalars; the shape
// returned is then the consistent prefix (numpy's shape with dtype=object,
// where the ragged level holds objects).
func ndShape(v Value) (shape []int, ragged bool) {
	for e := v; e.Kind() == KindArray; e = e.Index(0) {
		shape = append(shape, e.Len())
		if e.Len() == 0 {
			break
		}
	}
	if bad := verifyShape(v, shape, 0, len(shape)); bad >= 0 {
		return shape[:bad], true
	}
	return shape, false
}

// verifyShape returns the first depth where v does not follow shape, or -1.
func verifyShape(v Value, shape []int, d, depth int) int {
	if d == depth {
		if v.Kind() == KindArray {
			return d
		}
		return -1
	}
	if v.Kind() != KindArray || v.Len() != shape[d] {
		return d
	}
	worst := -1
	for _, e := range v.Elems() {
		if bad := verifyShape(e, shape, d+1, depth); bad >= 0 && (worst < 0 || bad < worst) {
			worst = bad
			if worst == 0 {
				break
			}
		}
	}
	return worst
}

// leaves appends the elements of v at the given depth in C order.
func leaves(v Value, depth int, out []Value) []Value {
	if depth == 0 {
		return append(out, v)
	}
	for _, e := range v.Elems() {
		out = leaves(e, depth-1, out)
	}
	return out
}

// inferArrayDtype is the dtype np.array picks for these elements.
func inferArrayDtype(elems []Value) dtype {
	if len(elems) == 0 {
		return dtFloat64
	}
	var m kindMask
	maxLen := 0
	for _, e := range elems {
		m |= kindBit(e)
		if n := len(pyStr(e)); e.Kind() != KindArray && n > maxLen {
			maxLen = n
		}
	}
	neg := m&kmNeg != 0
	m &^= kmNeg
	switch {
	case m&(kmNull|kmList|kmDict|kmBig) != 0:
		return dtObject
	case m == kmBool:
		return dtBool
	case m&^(kmBool|kmInt) == 0:
		return dtInt64
	case m&^(kmBool|kmInt|kmUint) == 0 && !neg:
		return dtUint64
	case m&^(kmBool|kmNumbers|kmMissing) == 0:
		return dtFloat64
	}
	if maxLen < 21 && m&kmInt != 0 {
		maxLen = 21
	}
	if maxLen < 32 && m&kmFloat != 0 {
		maxLen = 32
	}
	return dtype{kind: 'U', size: uint8(min(maxLen, 255))}
}

// buildTensor is np.array(v, dtype=dt); infer picks the dtype like numpy.
// It returns the array or numpy's error message.
func buildTensor(v Value, dt dtype, infer bool, name string) (*Tensor, string, noteKind) {
	shape, ragged := ndShape(v)
	if ragged && (infer || dt.kind != 'O') {
		return nil, fmt.Sprintf("setting an array element with a sequence. The requested "+
			"array has an inhomogeneous shape after %d dimensions. The detected shape was "+
			"%s + inhomogeneous part.", len(shape), pyTuple(shape)), noteNone
	}
	return fillTensor(shape, leaves(v, len(shape), nil), dt, infer, name)
}

// fillTensor converts the elements of an array of the given shape.
func fillTensor(shape []int, elems []Value, dt dtype, infer bool, name string) (*Tensor,
	string, noteKind) {
	if infer {
		dt = inferArrayDtype(elems)
	}
	t := &Tensor{Name: name, Dtype: dt.String(), Shape: shape, dt: dt}
	if dt.kind == 'U' || dt.kind == 'S' {
		t.Dtype = cleanDtype(dt).String()
	}
	t.alloc(storeFor(dt, false), len(elems))
	note := noteNone
	for i, e := range elems {
		if dt.kind == 'O' {
			t.Values[i] = e
			continue
		}
		sc, msg, n := convertValue(e, dtObject, dt, semNumpy)
		if msg != "" {
			return nil, msg, noteNone
		}
		if n != noteNone {
			note = n
		}
		t.set(i, sc)
	}
	return t, "", note
}

// cleanDtype drops the width of str/bytes dtypes (clean_tensor_type).
func cleanDtype(d dtype) dtype {
	if d.kind == 'U' || d.kind == 'S' {
		return dtype{kind: d.kind}
	}
	return d
}

// shapeMatches is the shape test of _enforce_tensor_spec.
func shapeMatches(actual, expected []int) bool {
	if len(actual) != len(expected) {
		return false
	}
	for i, e := range expected {
		if e != -1 && e != actual[i] {
			return false
		}
	}
	return true
}

func shapeMismatchMsg(actual, expected []int) string {
	return "Shape of input " + pyTuple(actual) + " does not match expected shape " +
		pyTuple(expected) + "."
}
