package signature

import (
	"fmt"
	"strings"
)

// ParamSchema lists the inference parameters a model accepts.
type ParamSchema struct {
	Params []ParamSpec
}

// ParamSpec is one inference parameter: a scalar type (binary excluded) or
// an object type, a shape (nil for a scalar or object, [-1] for a 1-D list)
// and a default used when a request leaves the parameter out.
type ParamSpec struct {
	Name    string
	Type    *Type
	Shape   []int
	Default Value
}

// Lookup returns the spec with the given name, or nil.
func (ps *ParamSchema) Lookup(name string) *ParamSpec {
	for i := range ps.Params {
		if ps.Params[i].Name == name {
			return &ps.Params[i]
		}
	}
	return nil
}

// String returns MLflow's repr of the spec:
// 'name': integer (default: 1) (shape: (-1,)).
func (p *ParamSpec) String() string {
	s := pyQuote(p.Name) + ": " + p.Type.String() + " (default: " + paramStr(p.Default, p.Type) +
		")"
	if p.Shape != nil {
		s += " (shape: " + pyTuple(p.Shape) + ")"
	}
	return s
}

// paramStr is Python's str() of a validated param value (datetimes are
// shown as the datetime objects MLflow keeps).
func paramStr(v Value, t *Type) string {
	if t.Kind != Datetime {
		return pyStr(v)
	}
	if v.Kind() == KindString {
		if p, ok := parseNumpyDatetime(v.Text()); ok && !p.nat {
			if dateUnit(p.unit) {
				return fmt.Sprintf("%04d-%02d-%02d", p.year, p.month, p.day)
			}
			return strings.Replace(isoText(p), "T", " ", 1)
		}
	}
	if v.Kind() == KindArray {
		parts := []string{}
		for _, e := range v.Elems() {
			p, ok := parseNumpyDatetime(e.Text())
			if !ok || p.nat || e.Kind() != KindString {
				parts = append(parts, pyRepr(e))
				continue
			}
			parts = append(parts, pyDatetimeRepr(p))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return pyStr(v)
}

func isoText(p dtParts) string {
	s := fmt.Sprintf("%04d-%02d-%02d", p.year, p.month, p.day)
	if dateUnit(p.unit) {
		return s
	}
	s += fmt.Sprintf("T%02d:%02d:%02d", p.hour, p.minute, p.sec)
	if p.nanos != 0 {
		s += fmt.Sprintf(".%06d", p.nanos/1000)
	}
	return s
}

func dateUnit(u string) bool { return u == "Y" || u == "M" || u == "D" }

// pyDatetimeRepr is repr() of the date or datetime numpy's .item() returns.
func pyDatetimeRepr(p dtParts) string {
	if dateUnit(p.unit) {
		return fmt.Sprintf("datetime.date(%d, %d, %d)", p.year, p.month, p.day)
	}
	s := fmt.Sprintf("datetime.datetime(%d, %d, %d, %d, %d", p.year, p.month, p.day, p.hour,
		p.minute)
	if p.sec != 0 || p.nanos/1000 != 0 {
		s += fmt.Sprintf(", %d", p.sec)
	}
	if p.nanos/1000 != 0 {
		s += fmt.Sprintf(", %d", p.nanos/1000)
	}
	return s + ")"
}

// ParseParamSchema reads a params schema from its JSON text.
func ParseParamSchema(data []byte) (*ParamSchema, error) {
	if len(data) > maxSchemaBytes {
		return nil, schemaErr("params schema larger than %d bytes", maxSchemaBytes)
	}
	d, serr := parseJSON(string(data), 200, 1<<20)
	if serr != nil {
		return nil, schemaErr("params schema is not valid JSON: %s", serr.Error())
	}
	return parseParamSchemaValue(d.value(0))
}

func parseParamSchemaValue(v Value) (*ParamSchema, error) {
	if v.Kind() != KindArray {
		return nil, schemaErr("params schema must be a list, got %s", pyTypeName(v))
	}
	ps := &ParamSchema{}
	seen := map[string]bool{}
	var dups []string
	for _, e := range v.Elems() {
		p, err := parseParamSpec(e)
		if err != nil {
			return nil, err
		}
		if seen[p.Name] {
			dups = append(dups, p.Name)
		}
		seen[p.Name] = true
		ps.Params = append(ps.Params, p)
	}
	if len(dups) > 0 {
		return nil, schemaErr("the params schema names these params twice: %s", pyList(dups))
	}
	return ps, nil
}

func parseParamSpec(e Value) (ParamSpec, error) {
	var p ParamSpec
	if e.Kind() != KindObject {
		return p, schemaErr("ParamSpec must be a dictionary, got %s", pyTypeName(e))
	}
	nv, okn := e.Get("name")
	tv, okt := e.Get("type")
	if !okt || tv.Kind() == KindNull || tv.Text() == "" {
		tv, okt = e.Get("dtype")
	}
	dv, okd := e.Get("default")
	if !okn || !okt || !okd {
		return p, schemaErr("a ParamSpec needs the keys name, type (or dtype) and default")
	}
	p.Name = pyStr(nv)
	p.Default = dv
	switch name := tv.Text(); {
	case name == "object":
		t, err := parseObjectType(e, "param "+pyQuote(p.Name))
		if err != nil {
			return p, err
		}
		p.Type = t
	case name == "binary":
		return p, schemaErr("params cannot be of type binary (param %s)", pyQuote(p.Name))
	default:
		st, ok := scalarTypeByName(name)
		if !ok {
			return p, schemaErr("Unsupported type %s for param %s", pyRepr(tv), pyQuote(p.Name))
		}
		p.Type = &Type{Kind: st}
	}
	if sv, ok := e.Get("shape"); ok && sv.Kind() != KindNull {
		if sv.Kind() != KindArray || sv.Len() != 1 || sv.Index(0).Raw() != "-1" {
			return p, schemaErr("the shape of param %s must be null (a scalar or an object) "+
				"or [-1] (a list), not %s", pyQuote(p.Name), pyRepr(sv))
		}
		p.Shape = []int{-1}
	}
	if msg := validateParam(&p, dv); msg != "" {
		return p, schemaErr("invalid default: %s", msg)
	}
	return p, nil
}

// validateParam checks one param value (ParamSpec.validate_type_and_shape)
// and returns MLflow's message, or "" when the value is valid.
func validateParam(p *ParamSpec, v Value) string {
	if p.Shape != nil {
		shape, ragged := ndShape(v)
		if v.Kind() != KindArray {
			return fmt.Sprintf("Value must be a 1D array with shape (-1,); got %s with %d "+
				"dimensions", pyTypeName(v), len(shape))
		}
		if ragged {
			return "setting an array element with a sequence. The requested array has an " +
				"inhomogeneous shape after 1 dimensions."
		}
		if len(shape) != 1 {
			return fmt.Sprintf("Value must be a 1D array with shape (-1,); got a list with "+
				"%d dimensions", len(shape))
		}
		for _, e := range v.Elems() {
			if msg := paramScalar(p.Type, e); msg != "" {
				return p.wrap(msg)
			}
		}
		return ""
	}
	if p.Type.Kind == Object {
		var msgs []nestedProblem
		checkNested(v, p.Type, true, "", &msgs, false)
		if len(msgs) > 0 {
			return p.wrap(msgs[0].msg)
		}
		return ""
	}
	if msg := paramScalar(p.Type, v); msg != "" {
		return p.wrap(msg)
	}
	return ""
}

func (p *ParamSpec) wrap(msg string) string {
	return fmt.Sprintf("Failed to validate type and shape for %s, error: %s", p.String(), msg)
}

// paramScalar is _enforce_param_datatype: exact type, or int to long, float
// or double, or float to double; datetimes parsed with numpy.
func paramScalar(t *Type, v Value) string {
	dt := t.Kind.String()
	if v.Kind() == KindNull {
		return ""
	}
	if t.Kind == Datetime {
		if v.Kind() != KindString {
			return fmt.Sprintf("Failed to convert value %s (%s) to datetime", pyRepr(v),
				pyTypeName(v))
		}
		p, ok := parseNumpyDatetime(v.Text())
		switch {
		case !ok:
			return fmt.Sprintf("Failed to convert value %s (%s) to datetime", pyRepr(v),
				pyTypeName(v))
		case p.unit == "ns" || p.unit == "ps" || p.unit == "fs" || p.unit == "as" ||
			p.year < 1 || p.year > 9999:
			return fmt.Sprintf("Failed to convert value %s to datetime: numpy reads it as a "+
				"time a Python date or datetime cannot hold", pyRepr(v))
		}
		return ""
	}
	if v.Kind() == KindArray || v.Kind() == KindObject {
		return fmt.Sprintf("Value must be a scalar of type %s, got %s", dt, pyRepr(v))
	}
	k := v.Kind()
	ok := false
	switch t.Kind {
	case Boolean:
		ok = k == KindBool
	case Integer, Long:
		ok = k == KindInt
	case Float, Double:
		ok = k == KindInt || k == KindFloat
	case String:
		ok = k == KindString
	}
	if !ok {
		return fmt.Sprintf("Can not safely convert %s %s to %s", pyTypeName(v), pyRepr(v), dt)
	}
	return ""
}
