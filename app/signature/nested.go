package signature

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Checks of array, object, map and any values (MLflow's _enforce_type and
// friends). Unlike MLflow, which stops at the first failure, every failure is
// collected with its path.

// nestedProblem is one failure inside a nested value.
type nestedProblem struct {
	path     string
	cat      Category
	msg      string // MLflow's outermost wording
	detail   string // innermost message
	expected string
	found    string
}

// checkNested validates v against t. required is the inherited required
// flag. twoPass models the serving path, where values go through the checks
// twice (once while the server casts the request, once in predict): dates
// accepted by the first pass come back as pandas Timestamps, which the second
// pass refuses as "not scalar". It reports whether v passed.
func checkNested(v Value, t *Type, required bool, path string, out *[]nestedProblem,
	twoPass bool) bool {
	switch t.Kind {
	case Any:
		return true
	case Array, SparkMLVector:
		return checkArray(v, t, required, path, out, twoPass)
	case Object:
		return checkObject(v, t, required, path, out, twoPass)
	case Map:
		return checkMap(v, t, required, path, out, twoPass)
	}
	msg := scalarItemProblem(v, t.Kind, required, twoPass)
	if msg == "" {
		return true
	}
	*out = append(*out, nestedProblem{path: path, cat: CatBadType, msg: msg, detail: msg,
		expected: t.Kind.String(), found: describe(v)})
	return false
}

func isNoneOrNaN(v Value) bool {
	k := v.Kind()
	return k == KindNull || k == KindMissing || isNaNValue(v)
}

// scalarItemProblem is _enforce_datatype for one nested value: the value is
// turned into a one-element pandas Series and checked like a column.
func scalarItemProblem(v Value, t DataType, required, twoPass bool) string {
	if !required && isNoneOrNaN(v) {
		return ""
	}
	switch v.Kind() {
	case KindNull, KindArray, KindObject:
		return "Expected data to be scalar, got " + pyTypeName(v)
	}
	fail := func() string {
		return fmt.Sprintf("Value %s (%s) does not fit type %s", pyRepr(v), pyTypeName(v), t)
	}
	src := scalarSeriesDtype(v)
	switch enforceRule(src, t) {
	case ruleAccept:
	case ruleZeroOne:
		if !isZeroOne(v) {
			return fail()
		}
	case ruleDatetime:
		if _, ok := parsePandasDatetime(v.Text()); !ok {
			return fail()
		}
	default:
		return fail()
	}
	if twoPass && t == Datetime {
		return "Expected data to be scalar, got Timestamp (MLflow's serving path checks " +
			"nested values twice; the first check turns dates into Timestamps)"
	}
	return ""
}

// scalarSeriesDtype is the dtype of pd.Series(x) for one JSON scalar.
func scalarSeriesDtype(v Value) dtype {
	switch v.Kind() {
	case KindBool:
		return dtBool
	case KindInt:
		if v.IsBigInt() {
			if v.nd().flags&flagNeg == 0 && fitsUint64(v.Raw()) {
				return dtUint64
			}
			return dtObject
		}
		return dtInt64
	case KindFloat, KindMissing:
		return dtFloat64
	}
	return dtObject
}

func isZeroOne(v Value) bool {
	if v.Kind() == KindMissing || isNaNValue(v) {
		return true
	}
	if n, ok := v.Int(); ok {
		return n == 0 || n == 1
	}
	return false
}

func checkArray(v Value, t *Type, required bool, path string, out *[]nestedProblem,
	twoPass bool) bool {
	if !required || t.Items.Kind == Any {
		if v.Kind() == KindNull || (v.Kind() == KindArray && v.Len() == 0) {
			return true
		}
	}
	if v.Kind() != KindArray {
		msg := "Expected data to be list or numpy array, got " + pyTypeName(v)
		*out = append(*out, nestedProblem{path: path, cat: CatBadType, msg: msg, detail: msg,
			expected: t.String(), found: describe(v)})
		return false
	}
	ok := true
	for i, e := range v.Elems() {
		if !checkNested(e, t.Items, required, path+"["+strconv.Itoa(i)+"]", out, twoPass) {
			ok = false
		}
	}
	return ok
}

func checkObject(v Value, t *Type, required bool, path string, out *[]nestedProblem,
	twoPass bool) bool {
	if !required && (v.Kind() == KindNull || (v.Kind() == KindObject && v.Len() == 0)) {
		return true
	}
	if v.Kind() != KindObject {
		msg := fmt.Sprintf("Expected data to be a dictionary of type %s, got %s", t,
			pyTypeName(v))
		*out = append(*out, nestedProblem{path: path, cat: CatBadType, msg: msg, detail: msg,
			expected: t.String(), found: describe(v)})
		return false
	}
	keys, vals := v.dict()
	present := make(map[string]bool, len(keys))
	for _, k := range keys {
		present[k] = true
	}
	var missing, extra []string
	for _, p := range t.Properties {
		if p.Required && !present[p.Name] {
			missing = append(missing, p.Name)
		}
	}
	for _, k := range keys {
		if t.Property(k) == nil {
			extra = append(extra, k)
		}
	}
	ok := true
	if len(missing) > 0 {
		msg := "Missing required properties: " + pySet(missing)
		*out = append(*out, nestedProblem{path: path, cat: CatMissingProperty, msg: msg,
			detail: msg, expected: "properties " + pySet(missing), found: "absent"})
		ok = false
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		msg := "Invalid properties not defined in the schema found: " + pySet(extra)
		*out = append(*out, nestedProblem{path: path, cat: CatExtraProperty, msg: msg,
			detail: msg, expected: "only properties of " + t.String(), found: pySet(extra)})
		ok = false
	}
	for i, k := range keys {
		p := t.Property(k)
		if p == nil {
			continue
		}
		val := vals[i]
		start := len(*out)
		if !checkNested(val, p.Type, p.Required, path+pathKey(k), out, twoPass) {
			ok = false
			wrap := fmt.Sprintf("Failed to enforce schema for key `%s`. Expected type %s, "+
				"received type %s", k, p.Type.jsonName(), pyTypeName(val))
			for i := start; i < len(*out); i++ {
				(*out)[i].msg = wrap
			}
		}
	}
	return ok
}

func checkMap(v Value, t *Type, required bool, path string, out *[]nestedProblem,
	twoPass bool) bool {
	if !required || t.Values.Kind == Any {
		if v.Kind() == KindNull || (v.Kind() == KindObject && v.Len() == 0) {
			return true
		}
	}
	if v.Kind() != KindObject {
		msg := "Expected data to be a dictionary (map), got " + pyTypeName(v)
		*out = append(*out, nestedProblem{path: path, cat: CatBadType, msg: msg, detail: msg,
			expected: t.String(), found: describe(v)})
		return false
	}
	ok := true
	keys, vals := v.dict()
	for i, k := range keys {
		val := vals[i]
		if !checkNested(val, t.Values, required, path+pathKey(k), out, twoPass) {
			ok = false
		}
	}
	return ok
}

// pathKey formats an object key for a problem path: .name or ["odd key"].
func pathKey(k string) string {
	ident := k != ""
	for i, r := range k {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
			i > 0 && r >= '0' && r <= '9') {
			ident = false
			break
		}
	}
	if ident {
		return "." + k
	}
	return "[" + strconv.Quote(k) + "]"
}

// describe shows a found value briefly: its Python type and repr.
func describe(v Value) string {
	r := pyRepr(v)
	if len(r) > 60 {
		r = r[:57] + "..."
	}
	if v.Kind() == KindMissing {
		return "missing (NaN)"
	}
	return pyTypeName(v) + " " + strings.TrimSpace(r)
}

func fitsUint64(s string) bool {
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}
