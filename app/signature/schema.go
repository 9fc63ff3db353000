package signature

import (
	"fmt"
	"strings"
)

// SchemaError reports a signature, schema or param schema MLflow would refuse
// to load.
type SchemaError struct{ Msg string }

// Error returns the message.
func (e *SchemaError) Error() string { return "invalid signature: " + e.Msg }

func schemaErr(format string, args ...any) error {
	return &SchemaError{Msg: fmt.Sprintf(format, args...)}
}

// Schema is an input or output schema: a list of column specs or a list of
// tensor specs, never both.
type Schema struct {
	Columns []ColSpec    // column-based schema
	Tensors []TensorSpec // tensor-based schema
	named   bool
}

// ColSpec is one column of a column-based schema.
type ColSpec struct {
	Name     string // "" when the schema is unnamed
	Type     *Type
	Required bool
}

// TensorSpec is one tensor of a tensor-based schema.
type TensorSpec struct {
	Name  string // "" when the schema is unnamed
	Dtype string // numpy dtype name, e.g. "float32"
	Shape []int  // -1 marks a dimension of any size
	dt    dtype
}

// IsTensor reports whether the schema is tensor-based.
func (s *Schema) IsTensor() bool { return len(s.Tensors) > 0 }

// Named reports whether the schema names its inputs.
func (s *Schema) Named() bool { return s.named }

// Len returns the number of specs.
func (s *Schema) Len() int { return len(s.Columns) + len(s.Tensors) }

// Names returns the input names (positions as text when unnamed).
func (s *Schema) Names() []string {
	names := make([]string, 0, s.Len())
	for i := 0; i < s.Len(); i++ {
		names = append(names, s.name(i))
	}
	return names
}

func (s *Schema) name(i int) string {
	if !s.named {
		return fmt.Sprint(i)
	}
	if s.IsTensor() {
		return s.Tensors[i].Name
	}
	return s.Columns[i].Name
}

func (s *Schema) required(i int) bool {
	if s.IsTensor() {
		return true
	}
	return s.Columns[i].Required
}

// String returns MLflow's repr of the schema, e.g.
// ['a': long (required), 'b': string (required)].
func (s *Schema) String() string {
	parts := make([]string, 0, s.Len())
	for _, c := range s.Columns {
		p := c.Type.String() + " (" + requiredWord(c.Required) + ")"
		if s.named {
			p = pyQuote(c.Name) + ": " + p
		}
		parts = append(parts, p)
	}
	for _, t := range s.Tensors {
		p := t.String()
		if s.named {
			p = pyQuote(t.Name) + ": " + p
		}
		parts = append(parts, p)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// String returns MLflow's repr of the column: 'a': long (required).
func (c *ColSpec) String() string {
	s := c.Type.String() + " (" + requiredWord(c.Required) + ")"
	if c.Name != "" {
		s = pyQuote(c.Name) + ": " + s
	}
	return s
}

// String returns MLflow's repr of the tensor info: Tensor('float32', (-1, 3)).
func (t *TensorSpec) String() string {
	return "Tensor(" + pyQuote(t.dt.String()) + ", " + pyTuple(t.Shape) + ")"
}

// ParseSchema reads a schema from its JSON text (the value of the inputs or
// outputs entry of a signature).
func ParseSchema(data []byte) (*Schema, error) {
	if len(data) > maxSchemaBytes {
		return nil, schemaErr("schema larger than %d bytes", maxSchemaBytes)
	}
	d, serr := parseJSON(string(data), 200, 1<<20)
	if serr != nil {
		return nil, schemaErr("schema is not valid JSON: %s", serr.Error())
	}
	return parseSchemaValue(d.value(0))
}

const maxSchemaBytes = 16 << 20

func parseSchemaValue(v Value) (*Schema, error) {
	if v.Kind() != KindArray {
		return nil, schemaErr("a schema must be a list of specs, not %s", pyTypeName(v))
	}
	if v.Len() == 0 {
		return nil, schemaErr("a schema needs at least one spec")
	}
	s := &Schema{}
	nNamed := 0
	explicitOptional := false
	for i, e := range v.Elems() {
		if e.Kind() != KindObject {
			return nil, schemaErr("spec %d: expected a dictionary, got %s", i, pyTypeName(e))
		}
		tv, ok := e.Get("type")
		if !ok {
			return nil, schemaErr("spec %d has no `type`", i)
		}
		nv, hasName := e.Get("name")
		if hasName && nv.Kind() != KindNull {
			nNamed++
		}
		if tv.Kind() == KindString && tv.Text() == "tensor" {
			ts, err := parseTensorSpec(e, i)
			if err != nil {
				return nil, err
			}
			s.Tensors = append(s.Tensors, ts)
			continue
		}
		cs, expl, err := parseColSpec(e, i)
		if err != nil {
			return nil, err
		}
		explicitOptional = explicitOptional || expl
		s.Columns = append(s.Columns, cs)
	}
	if nNamed != 0 && nNamed != v.Len() {
		return nil, schemaErr("either every spec has a name or none has")
	}
	s.named = nNamed > 0
	if len(s.Columns) > 0 && len(s.Tensors) > 0 {
		return nil, schemaErr("a schema cannot mix column specs and tensor specs")
	}
	if len(s.Tensors) > 1 && !s.named {
		return nil, schemaErr("several tensor specs must all be named")
	}
	if !s.named && explicitOptional {
		return nil, schemaErr("an unnamed schema cannot have optional inputs")
	}
	return s, nil
}

func specName(e Value, i int) (string, error) {
	nv, ok := e.Get("name")
	if !ok || nv.Kind() == KindNull {
		return "", nil
	}
	if nv.Kind() != KindString {
		return pyStr(nv), nil
	}
	return nv.Text(), nil
}

// parseColSpec reads a column spec. MLflow quirk kept on purpose: a composite
// column (array, object, map, any) without a "required" key is optional,
// because its reader defaults the flag to None; a scalar one is required.
func parseColSpec(e Value, i int) (cs ColSpec, explicitOptional bool, err error) {
	where := fmt.Sprintf("spec %d", i)
	name, _ := specName(e, i)
	tv, _ := e.Get("type")
	typ, err := parseType(e, where)
	if err != nil {
		return cs, false, err
	}
	if typ.Kind.IsScalar() {
		for k := range e.Members() {
			if k != "type" && k != "name" && k != "required" {
				return cs, false, schemaErr("%s: unknown key %s", where, pyQuote(k))
			}
		}
	}
	_ = tv
	req := typ.Kind.IsScalar()
	if rv, ok := e.Get("required"); ok {
		req = truthy(rv)
		explicitOptional = rv.Kind() == KindBool && !rv.Bool()
	}
	return ColSpec{Name: name, Type: typ, Required: req}, explicitOptional, nil
}

func parseTensorSpec(e Value, i int) (TensorSpec, error) {
	where := fmt.Sprintf("spec %d", i)
	info, ok := e.Get("tensor-spec")
	if !ok || info.Kind() != KindObject {
		return TensorSpec{}, schemaErr("%s: a tensor spec needs `tensor-spec`", where)
	}
	dv, okd := info.Get("dtype")
	sv, oks := info.Get("shape")
	if !okd || !oks {
		return TensorSpec{}, schemaErr("%s: `tensor-spec` needs `dtype` and `shape`", where)
	}
	if dv.Kind() != KindString {
		return TensorSpec{}, schemaErr("%s: data type %s not understood", where, pyRepr(dv))
	}
	dt, err := parseDtype(dv.Text())
	if err != nil {
		return TensorSpec{}, err
	}
	if sv.Kind() != KindArray {
		return TensorSpec{}, schemaErr("%s: Expected `shape` to be a list, got %s", where,
			pyTypeName(sv))
	}
	shape := make([]int, 0, sv.Len())
	for _, d := range sv.Elems() {
		n, ok := d.Int()
		if !ok || n < -1 || n > 1<<40 {
			return TensorSpec{}, schemaErr("%s: shape entries must be integers >= -1, got %s",
				where, pyRepr(d))
		}
		shape = append(shape, int(n))
	}
	name, _ := specName(e, i)
	return TensorSpec{Name: name, Dtype: dv.Text(), Shape: shape, dt: dt}, nil
}
