package signature

import (
	"math"
	"strconv"
)

// Table is the DataFrame a column-based model would receive: only the
// schema's columns, in schema order, after conversion.
type Table struct {
	Columns []Column `json:"columns"`
	Rows    int      `json:"rows"`
}

// Column is one converted column. Exactly one storage slice is in use,
// chosen by Dtype:
//
//   - bool: Bools
//   - int8 ... int64: Ints
//   - uint8 ... uint64: Uints
//   - float16 ... float64: Floats (NaN marks a missing value)
//   - datetime64[ns]: Ints, nanoseconds since the epoch (math.MinInt64 is NaT)
//   - object holding only text, or binary: Strings (binary holds raw bytes)
//   - any other object column: Values, the request values as they arrived
type Column struct {
	Name  string `json:"name"`
	Type  string `json:"type"`  // declared type, e.g. "long", "Array(string)"
	Dtype string `json:"dtype"` // pandas dtype after conversion
	Data
	faulty *bitset
	n      int
}

// Len returns the number of cells.
func (c *Column) Len() int { return c.n }

// Faulty reports whether a problem was found in row i of this column.
func (c *Column) Faulty(i int) bool { return c.faulty.has(i) }

// IsMissing reports whether row i holds a missing value (NaN, None, NaT).
func (c *Column) IsMissing(i int) bool {
	switch {
	case c.Missing != nil && c.Missing[i]:
		return true
	case c.Floats != nil:
		return math.IsNaN(c.Floats[i])
	case c.Values != nil:
		k := c.Values[i].Kind()
		return k == KindMissing || k == KindNull
	case c.Dtype == "datetime64[ns]":
		return c.Ints[i] == natNS
	}
	return false
}

// Cell returns row i as a Go value: bool, int64, uint64, float64, string,
// Value, or nil for a missing value.
func (c *Column) Cell(i int) any {
	if c.IsMissing(i) {
		return nil
	}
	switch {
	case c.Bools != nil:
		return c.Bools[i]
	case c.Ints != nil:
		return c.Ints[i]
	case c.Uints != nil:
		return c.Uints[i]
	case c.Floats != nil:
		return c.Floats[i]
	case c.Strings != nil:
		return c.Strings[i]
	case c.Values != nil:
		return c.Values[i]
	}
	return nil
}

// Text formats row i for display (Python-like).
func (c *Column) Text(i int) string {
	if c.Dtype == "datetime64[ns]" {
		return formatNS(c.Ints[i])
	}
	switch v := c.Cell(i).(type) {
	case nil:
		if c.Values != nil && c.Values[i].Kind() == KindNull {
			return "None"
		}
		return "NaN"
	case bool:
		return pyBool(v)
	case int64:
		return itoa64(v)
	case uint64:
		return utoa64(v)
	case float64:
		return pyFloat(v)
	case string:
		return v
	case Value:
		return pyStr(v)
	}
	return ""
}

// Tensor is one array a tensor-based model would receive. Values are flat in
// C order; the storage slice in use follows Dtype like for Column (str and
// bytes tensors use Strings, object tensors Values).
type Tensor struct {
	Name  string `json:"name,omitempty"`
	Dtype string `json:"dtype"`
	Shape []int  `json:"shape"`
	Data
	dt dtype
}

// Size returns the number of elements.
func (t *Tensor) Size() int {
	n := 1
	for _, d := range t.Shape {
		n *= d
	}
	return n
}

// Data is typed storage for converted values; one slice is in use.
type Data struct {
	Ints    []int64  `json:"ints,omitempty"`
	Uints   []uint64 `json:"uints,omitempty"`
	Floats  Floats   `json:"floats,omitempty"`
	Bools   []bool   `json:"bools,omitempty"`
	Strings []string `json:"strings,omitempty"`
	Values  []Value  `json:"values,omitempty"`
	// Missing marks NaN/None cells of Strings storage.
	Missing []bool `json:"missing,omitempty"`
}

// Floats is float storage that encodes NaN and infinities as JSON null.
type Floats []float64

// MarshalJSON writes the floats, NaN and infinities as null.
func (f Floats) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, len(f)*8+2)
	b = append(b, '[')
	for i, x := range f {
		if i > 0 {
			b = append(b, ',')
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			b = append(b, "null"...)
		} else {
			b = strconv.AppendFloat(b, x, 'g', -1, 64)
		}
	}
	return append(b, ']'), nil
}

func (d *Data) len() int {
	return max(len(d.Ints), len(d.Uints), len(d.Floats), len(d.Bools), len(d.Strings),
		len(d.Values))
}

// storeKind says which slice of Data a dtype uses.
type storeKind uint8

const (
	storeValues storeKind = iota
	storeInts
	storeUints
	storeFloats
	storeBools
	storeStrings
)

func storeFor(dt dtype, text bool) storeKind {
	switch dt.kind {
	case 'b':
		return storeBools
	case 'i', 'M', 'm':
		return storeInts
	case 'u':
		return storeUints
	case 'f', 'c':
		return storeFloats
	case 'U', 'S':
		return storeStrings
	}
	if text {
		return storeStrings
	}
	return storeValues
}

func (d *Data) alloc(k storeKind, n int) {
	switch k {
	case storeInts:
		d.Ints = make([]int64, n)
	case storeUints:
		d.Uints = make([]uint64, n)
	case storeFloats:
		d.Floats = make(Floats, n)
	case storeBools:
		d.Bools = make([]bool, n)
	case storeStrings:
		d.Strings = make([]string, n)
	default:
		d.Values = make([]Value, n)
	}
}

// set stores a converted value at i.
func (d *Data) set(i int, sc scalar) {
	switch {
	case d.Ints != nil:
		switch sc.k {
		case skInt:
			d.Ints[i] = sc.i
		case skUint:
			d.Ints[i] = int64(sc.u)
		case skBool:
			d.Ints[i] = boolInt(sc.b)
		case skFloat:
			d.Ints[i] = int64(sc.f)
		case skMissing:
			d.Ints[i] = natNS
			d.setMissing(i, true)
		}
	case d.Floats != nil:
		switch sc.k {
		case skFloat:
			d.Floats[i] = sc.f
		case skInt:
			d.Floats[i] = float64(sc.i)
		case skUint:
			d.Floats[i] = float64(sc.u)
		case skBool:
			d.Floats[i] = float64(boolInt(sc.b))
		default:
			d.Floats[i] = math.NaN()
			d.setMissing(i, sc.k == skMissing)
		}
	case d.Bools != nil:
		d.Bools[i] = sc.b || (sc.k == skInt && sc.i != 0) || (sc.k == skFloat && sc.f != 0)
		d.setMissing(i, sc.k == skMissing)
	case d.Uints != nil:
		switch sc.k {
		case skUint:
			d.Uints[i] = sc.u
		case skInt:
			d.Uints[i] = uint64(sc.i)
		case skBool:
			d.Uints[i] = uint64(boolInt(sc.b))
		case skMissing:
			d.setMissing(i, true)
		}
	case d.Strings != nil:
		switch sc.k {
		case skText:
			d.Strings[i] = sc.s
		case skValue:
			if sc.v.Kind() == KindString {
				d.Strings[i] = sc.v.Text()
			} else {
				d.setMissing(i, sc.v.Kind() == KindMissing || sc.v.Kind() == KindNull)
				d.Strings[i] = pyStr(sc.v)
			}
		case skMissing:
			d.setMissing(i, true)
		}
	case d.Values != nil:
		if sc.k == skValue {
			d.Values[i] = sc.v
		}
	}
}

func (d *Data) setMissing(i int, m bool) {
	if !m {
		return
	}
	if d.Missing == nil {
		d.Missing = make([]bool, d.len())
	}
	d.Missing[i] = true
}
