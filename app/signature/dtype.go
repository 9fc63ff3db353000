package signature

import (
	"strconv"
	"strings"
)

// dtype models a numpy/pandas dtype: its kind character, item size and,
// for datetimes, unit.
type dtype struct {
	kind byte  // b i u f c U S O M m
	size uint8 // bytes; 0 for the flexible str/bytes dtypes
	unit string
}

var (
	dtBool       = dtype{kind: 'b', size: 1}
	dtInt8       = dtype{kind: 'i', size: 1}
	dtInt16      = dtype{kind: 'i', size: 2}
	dtInt32      = dtype{kind: 'i', size: 4}
	dtInt64      = dtype{kind: 'i', size: 8}
	dtUint8      = dtype{kind: 'u', size: 1}
	dtUint16     = dtype{kind: 'u', size: 2}
	dtUint32     = dtype{kind: 'u', size: 4}
	dtUint64     = dtype{kind: 'u', size: 8}
	dtFloat16    = dtype{kind: 'f', size: 2}
	dtFloat32    = dtype{kind: 'f', size: 4}
	dtFloat64    = dtype{kind: 'f', size: 8}
	dtComplex64  = dtype{kind: 'c', size: 8}
	dtComplex128 = dtype{kind: 'c', size: 16}
	dtStr        = dtype{kind: 'U'}
	dtBytes      = dtype{kind: 'S'}
	dtObject     = dtype{kind: 'O', size: 8}
	dtDatetimeNS = dtype{kind: 'M', size: 8, unit: "ns"}
)

// String returns numpy's name for the dtype (str(np.dtype(...))).
func (d dtype) String() string {
	bits := strconv.Itoa(int(d.size) * 8)
	switch d.kind {
	case 'b':
		return "bool"
	case 'i':
		return "int" + bits
	case 'u':
		return "uint" + bits
	case 'f':
		return "float" + bits
	case 'c':
		return "complex" + bits
	case 'U':
		return "<U" + strconv.Itoa(int(d.size))
	case 'S':
		return "|S" + strconv.Itoa(int(d.size))
	case 'O':
		return "object"
	case 'M':
		return "datetime64" + unitSuffix(d.unit)
	case 'm':
		return "timedelta64" + unitSuffix(d.unit)
	}
	return "void"
}

func unitSuffix(u string) string {
	if u == "" {
		return ""
	}
	return "[" + u + "]"
}

// isInt reports a signed or unsigned integer dtype.
func (d dtype) isInt() bool { return d.kind == 'i' || d.kind == 'u' }

// isNumeric reports bool, integer, float or complex.
func (d dtype) isNumeric() bool { return strings.IndexByte("biufc", d.kind) >= 0 }

var dtypeAliases = map[string]dtype{
	"bool": dtBool, "bool_": dtBool, "bool8": dtBool, "?": dtBool, "b1": dtBool,
	"int8": dtInt8, "i1": dtInt8, "byte": dtInt8, "b": dtInt8,
	"int16": dtInt16, "i2": dtInt16, "short": dtInt16, "h": dtInt16,
	"int32": dtInt32, "i4": dtInt32, "intc": dtInt32, "i": dtInt32,
	"int64": dtInt64, "i8": dtInt64, "int": dtInt64, "int_": dtInt64, "long": dtInt64,
	"longlong": dtInt64, "l": dtInt64, "q": dtInt64, "intp": dtInt64, "p": dtInt64,
	"uint8": dtUint8, "u1": dtUint8, "ubyte": dtUint8, "B": dtUint8,
	"uint16": dtUint16, "u2": dtUint16, "ushort": dtUint16, "H": dtUint16,
	"uint32": dtUint32, "u4": dtUint32, "uintc": dtUint32, "I": dtUint32,
	"uint64": dtUint64, "u8": dtUint64, "uint": dtUint64, "ulonglong": dtUint64,
	"ulong": dtUint64, "L": dtUint64, "Q": dtUint64, "uintp": dtUint64, "P": dtUint64,
	"float16": dtFloat16, "f2": dtFloat16, "half": dtFloat16, "e": dtFloat16,
	"float32": dtFloat32, "f4": dtFloat32, "single": dtFloat32, "f": dtFloat32,
	"float64": dtFloat64, "f8": dtFloat64, "float": dtFloat64, "double": dtFloat64,
	"float_": dtFloat64, "d": dtFloat64,
	"complex64": dtComplex64, "c8": dtComplex64, "csingle": dtComplex64, "F": dtComplex64,
	"complex128": dtComplex128, "c16": dtComplex128, "complex": dtComplex128,
	"cdouble": dtComplex128, "D": dtComplex128,
	"str": dtStr, "str_": dtStr, "unicode": dtStr, "U": dtStr,
	"bytes": dtBytes, "bytes_": dtBytes, "S": dtBytes, "a": dtBytes,
	"object": dtObject, "object_": dtObject, "O": dtObject,
	"datetime64": {kind: 'M', size: 8}, "M8": {kind: 'M', size: 8},
	"timedelta64": {kind: 'm', size: 8}, "m8": {kind: 'm', size: 8},
}

var dtUnits = []string{"Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"}

// parseDtype reads a numpy dtype name as found in a TensorSpec.
func parseDtype(name string) (dtype, error) {
	s := name
	if len(s) > 1 && strings.IndexByte("<>=|", s[0]) >= 0 {
		s = s[1:]
	}
	if d, ok := dtypeAliases[s]; ok {
		return d, nil
	}
	if i := strings.IndexByte(s, '['); i > 0 && strings.HasSuffix(s, "]") {
		base, unit := s[:i], s[i+1:len(s)-1]
		d, ok := dtypeAliases[base]
		if ok && (d.kind == 'M' || d.kind == 'm') && validUnit(unit) {
			d.unit = unit
			return d, nil
		}
	}
	if len(s) > 1 && strings.IndexByte("USa", s[0]) >= 0 {
		if _, err := strconv.Atoi(s[1:]); err == nil {
			base := "U"
			if s[0] != 'U' {
				base = "S"
			}
			return dtype{}, schemaErr("sized string dtypes such as %s are not supported; use "+
				"%s", pyQuote(name), pyQuote(base))
		}
	}
	return dtype{}, schemaErr("data type %s not understood", pyQuote(name))
}

func validUnit(u string) bool {
	for _, x := range dtUnits {
		if x == u {
			return true
		}
	}
	return false
}

// canUpcast is the "is_upcast" test of _enforce_mlflow_datatype.
func canUpcast(src, dst dtype) bool {
	switch {
	case src.kind == dst.kind:
		return src.size <= dst.size
	case src.kind == 'u' && dst.kind == 'i':
		return src.size < dst.size
	case src.isInt() && dst == dtFloat64:
		return src.size <= 6
	}
	return false
}

// ruleOutcome is what _enforce_mlflow_datatype does with a column.
type ruleOutcome uint8

const (
	ruleAccept   ruleOutcome = iota // dtype compatible, maybe cast
	ruleDatetime                    // object column: parse each cell as a datetime
	ruleZeroOne                     // int64 to float: accept if every value is 0, 1 or missing
	ruleReject                      // "Incompatible input types"
)

// enforceRule applies the rules of _enforce_mlflow_datatype (section 6 of
// the spec) to a column of dtype src and a declared scalar type t. src must
// already be the result of pandas' infer_objects for object columns.
func enforceRule(src dtype, t DataType) ruleOutcome {
	switch {
	case t == String && src == dtObject:
		return ruleAccept
	case src == t.pandas() || src == t.numpy():
		return ruleAccept
	case t == Binary && src.kind == 'S':
		return ruleAccept
	case t == Datetime && src.kind == 'M':
		return ruleAccept
	case t == Datetime && src == dtObject:
		return ruleDatetime
	case t == Boolean && src == dtObject:
		return ruleAccept
	case canUpcast(src, t.numpy()):
		return ruleAccept
	case src == dtInt64 && (t == Float || t == Double):
		return ruleZeroOne
	}
	return ruleReject
}
