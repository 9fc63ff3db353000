package signature

import (
	"sort"
	"strings"
)

// DataType names a column type: one of MLflow's eight scalar types, or a
// composite (Array, Object, Map, Any, SparkMLVector).
type DataType uint8

// Column types. The scalar ones come first; IsScalar tells them apart.
const (
	Boolean DataType = iota + 1
	Integer
	Long
	Float
	Double
	String
	Binary
	Datetime
	Array
	Object
	Map
	Any
	SparkMLVector
)

var typeNames = [...]string{"", "boolean", "integer", "long", "float", "double", "string",
	"binary", "datetime", "array", "object", "map", "any", "sparkml_vector"}

// String returns the name used in signature JSON ("long", "array", ...).
func (t DataType) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "unknown"
}

// IsScalar reports whether t is one of the eight scalar types.
func (t DataType) IsScalar() bool { return t >= Boolean && t <= Datetime }

func scalarTypeByName(name string) (DataType, bool) {
	for t := Boolean; t <= Datetime; t++ {
		if typeNames[t] == name {
			return t, true
		}
	}
	return 0, false
}

// numpy returns the numpy dtype of a scalar type (DataType.to_numpy).
func (t DataType) numpy() dtype {
	switch t {
	case Boolean:
		return dtBool
	case Integer:
		return dtInt32
	case Long:
		return dtInt64
	case Float:
		return dtFloat32
	case Double:
		return dtFloat64
	case String:
		return dtStr
	case Binary:
		return dtBytes
	case Datetime:
		return dtDatetimeNS
	}
	return dtObject
}

// pandas returns the pandas dtype of a scalar type (DataType.to_pandas).
func (t DataType) pandas() dtype {
	if t == String || t == Binary {
		return dtObject
	}
	return t.numpy()
}

// Type is the type of a column, array item, object property or map value.
type Type struct {
	Kind       DataType
	Items      *Type      // element type of an Array (Double for SparkMLVector)
	Properties []Property // Object properties, sorted by name
	Values     *Type      // value type of a Map
}

// Property is one property of an Object type.
type Property struct {
	Name     string
	Type     *Type
	Required bool
}

// Property returns the property with the given name, or nil.
func (t *Type) Property(name string) *Property {
	i := sort.Search(len(t.Properties), func(i int) bool { return t.Properties[i].Name >= name })
	if i < len(t.Properties) && t.Properties[i].Name == name {
		return &t.Properties[i]
	}
	return nil
}

// String returns MLflow's repr of the type: long, Array(long),
// {a: long (required)}, Map(str -> long), Any.
func (t *Type) String() string {
	switch t.Kind {
	case Array:
		return "Array(" + t.Items.String() + ")"
	case SparkMLVector:
		return "SparkML vector"
	case Object:
		parts := make([]string, len(t.Properties))
		for i, p := range t.Properties {
			parts[i] = p.Name + ": " + p.Type.String() + " (" + requiredWord(p.Required) + ")"
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case Map:
		return "Map(str -> " + t.Values.String() + ")"
	case Any:
		return "Any"
	}
	return t.Kind.String()
}

// jsonName is the "type" field MLflow writes for this type.
func (t *Type) jsonName() string { return t.Kind.String() }

func requiredWord(r bool) string {
	if r {
		return "required"
	}
	return "optional"
}

// parseType reads a type dictionary ({"type": ..., "items"/"properties"/
// "values": ...}) as used for array items, map values and properties.
func parseType(v Value, where string) (*Type, error) {
	if v.Kind() != KindObject {
		return nil, schemaErr("%s: expected a dictionary with key `type`, got %s", where,
			pyTypeName(v))
	}
	tv, ok := v.Get("type")
	if !ok {
		return nil, schemaErr("%s: missing key `type`", where)
	}
	name := tv.Text()
	if tv.Kind() != KindString {
		return nil, schemaErr("%s: unsupported type %s", where, pyRepr(tv))
	}
	switch name {
	case "array":
		items, ok := v.Get("items")
		if !ok {
			return nil, schemaErr("%s: an array type needs `items`", where)
		}
		it, err := parseType(items, where+" items")
		if err != nil {
			return nil, err
		}
		return &Type{Kind: Array, Items: it}, nil
	case "sparkml_vector":
		return &Type{Kind: SparkMLVector, Items: &Type{Kind: Double}}, nil
	case "object":
		return parseObjectType(v, where)
	case "map":
		vals, ok := v.Get("values")
		if !ok {
			return nil, schemaErr("%s: a map type needs `values`", where)
		}
		vt, err := parseType(vals, where+" values")
		if err != nil {
			return nil, err
		}
		return &Type{Kind: Map, Values: vt}, nil
	case "any":
		return &Type{Kind: Any}, nil
	}
	st, ok := scalarTypeByName(name)
	if !ok {
		return nil, schemaErr("%s: Unsupported type '%s' (known: %s, array, object, map, any)",
			where, name, scalarNamesList())
	}
	return &Type{Kind: st}, nil
}

func scalarNamesList() string {
	names := make([]string, 0, 8)
	for t := Boolean; t <= Datetime; t++ {
		names = append(names, t.String())
	}
	return pyList(names)
}

func parseObjectType(v Value, where string) (*Type, error) {
	pv, ok := v.Get("properties")
	if !ok {
		return nil, schemaErr("%s: an object type needs `properties`", where)
	}
	if pv.Kind() != KindObject {
		return nil, schemaErr("%s: `properties` must map names to type dictionaries", where)
	}
	t := &Type{Kind: Object}
	seen := map[string]bool{}
	for name, pt := range pv.Members() {
		if seen[name] {
			return nil, schemaErr("%s: property %s appears twice", where, pyQuote(name))
		}
		seen[name] = true
		if pt.Kind() != KindObject {
			return nil, schemaErr("%s: `properties` must map names to type dictionaries",
				where)
		}
		typ, err := parseType(pt, where+" property "+pyQuote(name))
		if err != nil {
			return nil, err
		}
		req := true
		if rv, ok := pt.Get("required"); ok {
			req = truthy(rv)
		}
		t.Properties = append(t.Properties, Property{Name: name, Type: typ, Required: req})
	}
	if len(t.Properties) == 0 {
		return nil, schemaErr("%s: an object type needs at least one property", where)
	}
	sort.Slice(t.Properties, func(i, j int) bool {
		return t.Properties[i].Name < t.Properties[j].Name
	})
	return t, nil
}

// truthy is Python's bool() of a JSON value.
func truthy(v Value) bool {
	switch v.Kind() {
	case KindNull:
		return false
	case KindMissing:
		return true // NaN is truthy
	case KindBool:
		return v.Bool()
	case KindInt:
		if n, ok := v.Int(); ok {
			return n != 0
		}
		return true
	case KindFloat:
		return v.Float() != 0
	case KindString:
		return v.nd().end > v.nd().start
	}
	return v.Len() > 0
}
