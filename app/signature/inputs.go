package signature

import "strconv"

// DataFrames built from inputs/instances values (and unified LLM bodies) for
// column-based schemas: the server's _cast_schema_type and
// parse_instances_data, then _enforce_schema's conversion to a DataFrame.

// idxSource reads cells materialised per column.
type idxSource struct{ cols [][]Value }

func (s *idxSource) fill(r int, cells []Value) {
	for k := range cells {
		if r < len(s.cols[k]) {
			cells[k] = s.cols[k][r]
		} else {
			cells[k] = Value{}
		}
	}
}

// cellsFrame builds a frame from columns of cells; short columns are padded
// with missing values.
func cellsFrame(labels []string, cols [][]Value) *frame {
	f := &frame{}
	for _, c := range cols {
		f.rows = max(f.rows, len(c))
	}
	for i, l := range labels {
		fc := frameCol{label: l}
		for _, v := range cols[i] {
			fc.mask |= kindBit(v)
		}
		if len(cols[i]) < f.rows {
			fc.mask |= kmMissing
		}
		if len(cols[i]) > 0 {
			fc.first = cols[i][0]
		}
		fc.src = inferDtypeNeg(fc.mask, f.rows)
		f.cols = append(f.cols, fc)
	}
	f.src = &idxSource{cols: cols}
	return f
}

// unnamedInputMsg refuses an input an unnamed schema cannot take.
func unnamedInputMsg(data Value) string {
	return "Invalid input. An un-named model signature expects a single n-dimensional " +
		"array or a single value, but the input is " + pyClass(data) + "."
}

// notRecordMsg refuses an instances list mixing records and other values.
func notRecordMsg(i int, item Value) string {
	return "Invalid input. When the first instance is a dictionary every instance must " +
		"be one; instance " + strconv.Itoa(i) + " is " + pyTypeName(item) + "."
}

const lengthMsg = "Invalid input. The instances do not give the same number of values for " +
	"every input."

// frameFail reports that a value could not become a DataFrame.
func frameFail(msg string) *failure {
	return &failure{st: stShape, cat: CatBadFormat, msg: "The column-based signature needs a " +
		"DataFrame, and there was an error casting the input data to a DataFrame: " + msg}
}

// inputsFrame turns an inputs/instances value into the DataFrame predict
// enforces. forced is set when the values are converted with the first
// spec's dtype (lists and scalars).
func (v *Validator) inputsFrame(data Value, instances bool) (*frame, jobKind, *dtype,
	*failure) {
	s := v.sig.Inputs
	if v.opts.Mode == Pyfunc {
		return v.rawFrame(data, nil)
	}
	if instances && data.Kind() == KindArray && data.Len() > 0 &&
		data.Index(0).Kind() == KindObject {
		f, fl := v.itemsFrame(data)
		return f, jobNumpy, nil, fl
	}
	if s.Named() && len(s.Columns) == 1 && data.Kind() == KindArray && !hasDict(data) {
		f, fl := v.columnsFrame([]string{s.Columns[0].Name}, []Value{data}, instances)
		return f, jobNumpy, nil, fl
	}
	k := data.Kind()
	if !s.Named() && (k == KindObject || k == KindNull) {
		return nil, 0, nil, &failure{st: stFrame, cat: CatBadFormat, msg: unnamedInputMsg(data)}
	}
	first := s.Columns[0].Type
	switch {
	case k == KindObject:
		return v.dictFrame(data, nil, instances)
	case k == KindArray && allDicts(data):
		f := recordsCells(data)
		return f, jobNumpyRows, nil, nil
	case k == KindArray:
		if !first.Kind.IsScalar() {
			return nil, 0, nil, &failure{st: stCast, cat: CatBadType, msg: "Invalid input. " +
				"A list is converted with the first input's type, " + first.String() +
				", which takes no lists."}
		}
		f, fl := listFrame(data)
		dt := first.Kind.numpy()
		if fl == nil && !v.convertAll(f, dt, "") {
			return nil, 0, nil, nil
		}
		return f, jobNumpy, &dt, fl
	}
	f := cellsFrame([]string{"0"}, [][]Value{{data}})
	if !first.Kind.IsScalar() {
		return f, jobNumpyRows, nil, nil
	}
	dt := first.Kind.numpy()
	msg := "The value " + pyRepr(data) + " cannot be converted to the first input's type (" +
		s.Columns[0].String() + ")."
	if !v.convertAll(f, dt, msg) {
		return nil, 0, nil, nil
	}
	return f, jobNumpyRows, &dt, nil
}

// convertAll converts every cell of f to dt the way np.array(value, dt)
// does before the DataFrame exists, reporting each failure. msg replaces
// numpy's message when set.
func (v *Validator) convertAll(f *frame, dt dtype, msg string) bool {
	cells := make([]Value, len(f.cols))
	ok := true
	for r := 0; r < f.rows; r++ {
		f.src.fill(r, cells)
		for c, cell := range cells {
			if _, m, _ := convertValue(cell, dtObject, dt, semNumpy); m != "" {
				ok = false
				full := "Invalid input. " + m
				if msg != "" {
					full = "Invalid input. " + msg
				}
				v.add(Problem{stage: stCast, Category: CatBadType, Row: r,
					Column: f.cols[c].label, ColumnIndex: -1, Message: full, Detail: m,
					Expected: dt.String(), Found: describe(cell)})
			}
		}
	}
	return ok
}

// listFrame is pd.DataFrame(np.array(list)): one column for a flat list,
// one column per position for a list of rows.
func listFrame(data Value) (*frame, *failure) {
	shape, ragged := ndShape(data)
	switch {
	case ragged:
		return nil, &failure{st: stCast, cat: CatBadType, msg: "Invalid input. setting an " +
			"array element with a sequence. The requested array has an inhomogeneous shape " +
			"after " + strconv.Itoa(len(shape)) + " dimensions."}
	case len(shape) > 2:
		return nil, frameFail("Must pass 2-d input. shape=" + pyTuple(shape))
	}
	s := newFrameScan(data, nil, "split")
	s.step(1 << 30)
	f, fl := s.finish()
	return f, fl
}

// recordsCells reads a list of dictionaries into a frame.
func recordsCells(data Value) *frame {
	s := newFrameScan(data, nil, "records")
	s.step(1 << 30)
	f, _ := s.finish()
	return f
}

// itemsFrame is parse_instances_data for a list of records: one array per
// key, built from the items that have it.
func (v *Validator) itemsFrame(data Value) (*frame, *failure) {
	var labels []string
	index := map[string]int{}
	var cols [][]Value
	for i, item := range data.Elems() {
		if item.Kind() != KindObject {
			return nil, &failure{st: stFrame, cat: CatBadFormat, msg: notRecordMsg(i, item)}
		}
		keys, vals := item.dict()
		for j, k := range keys {
			val := vals[j]
			c, ok := index[k]
			if !ok {
				c = len(labels)
				index[k] = c
				labels = append(labels, k)
				cols = append(cols, nil)
			}
			cols[c] = append(cols[c], val)
		}
	}
	if fl := v.lengthCheck(labels, cols); fl != nil {
		return nil, fl
	}
	for _, c := range cols {
		if len(c) != len(cols[0]) {
			return nil, frameFail("All arrays must be of the same length")
		}
	}
	return cellsFrame(labels, cols), nil
}

// lengthCheck is the instances check: required, non-array schema columns
// must have the same number of values.
func (v *Validator) lengthCheck(labels []string, cols [][]Value) *failure {
	s := v.sig.Inputs
	want := -1
	for i, l := range labels {
		idx := -1
		for j := range s.Columns {
			if s.Named() && s.Columns[j].Name == l {
				idx = j
			}
		}
		if s.Named() && (idx < 0 || !s.Columns[idx].Required || s.Columns[idx].Type.Kind == Array) {
			continue
		}
		if want < 0 {
			want = len(cols[i])
		} else if len(cols[i]) != want {
			return &failure{st: stLength, cat: CatLengthMismatch, msg: lengthMsg}
		}
	}
	return nil
}

// columnsFrame builds a DataFrame from named values: lists become columns,
// scalars are repeated, dictionaries are spread over an index of their keys.
func (v *Validator) columnsFrame(labels []string, vals []Value, instances bool) (*frame,
	*failure) {
	hasList, hasDict := false, false
	var ls []string
	var cs [][]Value
	for i, val := range vals {
		switch val.Kind() {
		case KindArray:
			hasList = true
			ls = append(ls, labels[i])
			cs = append(cs, make([]Value, val.Len()))
		case KindObject:
			hasDict = true
		}
	}
	if instances && v.opts.Mode == Serving {
		if fl := v.lengthCheck(ls, cs); fl != nil {
			return nil, fl
		}
	}
	if hasDict && hasList {
		return nil, frameFail("Mixing dicts with non-Series may lead to ambiguous ordering.")
	}
	if hasDict {
		return spreadDicts(labels, vals), nil
	}
	n := 1
	for i, c := range cs {
		if i > 0 && len(c) != n {
			return nil, frameFail("All arrays must be of the same length")
		}
		n = len(c)
	}
	cols := make([][]Value, 0, len(vals))
	for _, val := range vals {
		c := make([]Value, 0, n)
		if val.Kind() == KindArray {
			for _, e := range val.Elems() {
				c = append(c, e)
			}
		} else {
			for i := 0; i < n; i++ {
				c = append(c, val)
			}
		}
		cols = append(cols, c)
	}
	return cellsFrame(labels, cols), nil
}

// spreadDicts is pd.DataFrame({col: dict, ...}): the dict keys become the
// index and each dict value a cell.
func spreadDicts(labels []string, vals []Value) *frame {
	var index []string
	seen := map[string]bool{}
	for _, val := range vals {
		for _, k := range val.Keys() {
			if !seen[k] {
				seen[k] = true
				index = append(index, k)
			}
		}
	}
	cols := make([][]Value, len(vals))
	for i, val := range vals {
		var byKey map[string]Value
		if val.Kind() == KindObject {
			keys, vs := val.dict()
			byKey = make(map[string]Value, len(keys))
			for j, k := range keys {
				byKey[k] = vs[j]
			}
		}
		for _, k := range index {
			switch val.Kind() {
			case KindObject:
				cols[i] = append(cols[i], byKey[k])
			default:
				cols[i] = append(cols[i], val)
			}
		}
	}
	return cellsFrame(labels, cols)
}

// dictFrame handles a dictionary of inputs. skip lists keys to leave out
// (params of a unified LLM request).
func (v *Validator) dictFrame(data Value, skip map[string]bool, instances bool) (*frame,
	jobKind, *dtype, *failure) {
	s := v.sig.Inputs
	var labels []string
	var vals []Value
	keys, dvals := data.dict()
	for i, k := range keys {
		if skip[k] {
			continue
		}
		val := dvals[i]
		labels = append(labels, k)
		vals = append(vals, val)
	}
	oneRow := false
	for _, c := range s.Columns {
		if c.Type.Kind == Array || c.Type.Kind == Object {
			oneRow = true
		}
	}
	raw := v.opts.Mode == Pyfunc || skip != nil
	if !oneRow {
		oneRow = true
		for i, val := range vals {
			if !scalarLike(val, raw, v.specType(labels[i])) {
				oneRow = false
			}
		}
	}
	kind := jobNumpy
	switch {
	case raw:
		kind = jobRaw
	case oneRow:
		kind = jobNumpyRows
	}
	if !raw {
		for i, val := range vals {
			if v.specType(labels[i]) == nil && val.Kind() == KindArray {
				if _, ragged := ndShape(val); ragged {
					return nil, 0, nil, &failure{st: stCast, cat: CatBadType, msg: "Invalid " +
						"input. setting an array element with a sequence. The requested array " +
						"has an inhomogeneous shape (key " + pyQuote(labels[i]) + ")."}
				}
			}
		}
	}
	if oneRow {
		cols := make([][]Value, len(vals))
		for i, val := range vals {
			cols[i] = []Value{val}
		}
		return cellsFrame(labels, cols), kind, nil, nil
	}
	f, fl := v.columnsFrame(labels, vals, instances)
	return f, kind, nil, fl
}

func (v *Validator) specType(name string) *Type {
	s := v.sig.Inputs
	if !s.Named() {
		return nil
	}
	for i := range s.Columns {
		if s.Columns[i].Name == name {
			return s.Columns[i].Type
		}
	}
	return nil
}

// scalarLike tells whether a dictionary value counts as a scalar for
// _enforce_schema's choice of a one-row DataFrame.
func scalarLike(val Value, raw bool, t *Type) bool {
	switch val.Kind() {
	case KindObject:
		return false
	case KindArray:
		if !raw {
			return false
		}
		for _, e := range val.Elems() {
			if e.Kind() != KindString {
				return false
			}
		}
		return true
	case KindNull:
		return raw || (t != nil && t.Kind.IsScalar())
	}
	return true
}

// rawFrame is pd.DataFrame(value) for pyfunc mode: records, rows, a flat
// list, a dictionary or one scalar.
func (v *Validator) rawFrame(data Value, skip map[string]bool) (*frame, jobKind, *dtype,
	*failure) {
	switch data.Kind() {
	case KindObject:
		return v.dictFrame(data, skip, false)
	case KindArray:
		if allDicts(data) {
			return recordsCells(data), jobRaw, nil, nil
		}
		kinds := 0
		for _, e := range data.Elems() {
			if e.Kind() == KindArray {
				kinds |= 1
			} else {
				kinds |= 2
			}
		}
		if kinds == 3 {
			return nil, 0, nil, frameFail("a list mixing lists and scalars")
		}
		f, fl := listFrame(data)
		return f, jobRaw, nil, fl
	case KindNull:
		return nil, 0, nil, &failure{st: stShape, cat: CatBadFormat,
			msg: "Expected input to be DataFrame. Found: NoneType"}
	}
	return cellsFrame([]string{"0"}, [][]Value{{data}}), jobRaw, nil, nil
}
