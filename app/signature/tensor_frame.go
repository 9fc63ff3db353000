package signature

import "fmt"

// Tensor schemas fed by a DataFrame (dataframe_split/records): the
// server's cast, then _reshape_and_cast_pandas_column_values.

// tensorCol is one frame column feeding a tensor spec.
type tensorCol struct {
	spec      *TensorSpec
	si        int
	fc        int
	label     string
	listCells bool // first cell is a list: the server does not cast it
	cells     []Value
	cast      *Tensor // serving: the column after astype
	failed    bool
}

// prepareFrame maps frame columns to specs and sets up the server's cast.
func (t *tensorJob) prepareFrame() {
	f := t.f
	t.cells = make([]Value, len(f.cols))
	add := func(si, fc int) {
		spec := &t.s.Tensors[si]
		c := &tensorCol{spec: spec, si: si, fc: fc, label: f.cols[fc].label,
			cells: make([]Value, f.rows)}
		c.listCells = f.cols[fc].first.Kind() == KindArray
		if t.serving && !c.listCells {
			c.cast = &Tensor{Dtype: spec.dt.String(), Shape: []int{f.rows}, dt: spec.dt}
			c.cast.alloc(storeFor(spec.dt, false), f.rows)
			if f.rows == 0 {
				c.failed = true
				t.v.add(Problem{stage: stCast, Category: CatBadType, Row: -1, Column: c.label,
					ColumnIndex: si, Message: "Data is not compatible with model signature. " +
						"Failed to convert column " + c.label + " to type '" + spec.dt.String() +
						"'. Error: 'IndexError(\"single positional indexer is out-of-bounds\")'"})
			}
		}
		t.cols = append(t.cols, c)
	}
	if !t.s.Named() {
		for fc := range f.cols {
			add(0, fc)
		}
		return
	}
	var missing, extra []string
	used := make([]bool, len(f.cols))
	for si := range t.s.Tensors {
		fc := f.lookup(t.s.Tensors[si].Name)
		if fc < 0 {
			missing = append(missing, t.s.Tensors[si].Name)
			continue
		}
		used[fc] = true
		add(si, fc)
	}
	for i, u := range used {
		if !u {
			extra = append(extra, f.cols[i].label)
		}
	}
	t.names(missing, extra)
}

// step collects (and in serving mode casts) up to budget rows.
func (t *tensorJob) step(budget int) bool {
	end := min(t.row+budget, t.f.rows)
	for r := t.row; r < end; r++ {
		t.f.src.fill(r, t.cells)
		for _, c := range t.cols {
			v := t.cells[c.fc]
			c.cells[r] = v
			if c.cast == nil || c.failed {
				continue
			}
			sc, msg, _ := convertValue(v, t.f.cols[c.fc].src, c.spec.dt, semAstype)
			if msg != "" {
				t.v.add(Problem{stage: stCast, Category: CatBadType, Row: r, Column: c.label,
					ColumnIndex: c.si, Message: "Data is not compatible with model signature. " +
						"Failed to convert column " + c.label + " to type '" + c.spec.dt.String() +
						"'. Error: '" + pyExc(msg) + "'", Detail: msg, Expected: c.spec.Dtype,
					Found: describe(v)})
				c.failed = true
				continue
			}
			c.cast.set(r, sc)
		}
	}
	t.row = end
	return t.row >= t.f.rows
}

// finishFrame applies _enforce_tensor_schema to the DataFrame.
func (t *tensorJob) finishFrame() {
	for _, c := range t.cols {
		if c.failed {
			return
		}
	}
	if t.s.Named() {
		for _, c := range t.cols {
			if ten := t.reshapeColumn(c, c.label); ten != nil {
				ten.Name = c.spec.Name
				t.checkSpec(ten, c.spec, c.si)
			}
		}
		return
	}
	spec := &t.s.Tensors[0]
	switch {
	case t.f.rows == 0 || len(t.f.cols) == 0:
		t.fail(stTensor, CatEmptyInput, 0, "Input DataFrame is empty.")
	case len(t.cols) == 1:
		if ten := t.reshapeColumn(t.cols[0], ""); ten != nil {
			t.checkSpec(ten, spec, 0)
		}
	default:
		n := len(t.cols)
		if len(spec.Shape) != 2 || spec.Shape[0] != -1 || spec.Shape[1] != n {
			t.fail(stTensor, CatShapeMismatch, 0, fmt.Sprintf("An unnamed tensor fed by a "+
				"DataFrame of %d columns needs the shape (-1, %d), but the signature has %s.",
				n, n, pyTuple(spec.Shape)))
			return
		}
		if ten := t.frameMatrix(); ten != nil {
			t.checkSpec(ten, spec, 0)
		}
	}
}

// frameMatrix is DataFrame.to_numpy() over the mapped columns.
func (t *tensorJob) frameMatrix() *Tensor {
	var dt dtype
	for i, c := range t.cols {
		d := t.f.cols[c.fc].src
		if c.cast != nil {
			d = c.cast.dt
		} else if t.serving {
			d = dtObject
		}
		if i == 0 {
			dt = d
		} else {
			dt = commonDtype(dt, d)
		}
	}
	n, k := t.f.rows, len(t.cols)
	ten := &Tensor{Dtype: dt.String(), Shape: []int{n, k}, dt: dt}
	ten.alloc(storeFor(dt, false), n*k)
	for ci, c := range t.cols {
		for r, v := range c.cells {
			sc, msg, _ := convertValue(v, t.f.cols[c.fc].src, dt, semAstype)
			if msg != "" {
				t.fail(stTensor, CatBadType, c.si, msg)
				return nil
			}
			if dt.kind == 'O' {
				sc = scalar{k: skValue, v: v}
			}
			ten.set(r*k+ci, sc)
		}
	}
	return ten
}

// commonDtype is numpy's result type for DataFrame.to_numpy.
func commonDtype(a, b dtype) dtype {
	switch {
	case a == b:
		return a
	case a.kind == 'O' || b.kind == 'O' || a.kind == 'b' || b.kind == 'b':
		return dtObject
	case a.kind == 'f' || b.kind == 'f':
		return dtype{kind: 'f', size: max(a.size, b.size, 8*boolToSize(a.isInt() || b.isInt()))}
	case a.isInt() && b.isInt():
		if a.kind == b.kind {
			return dtype{kind: a.kind, size: max(a.size, b.size)}
		}
		return dtFloat64
	}
	return dtObject
}

func boolToSize(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// reshapeColumn is _reshape_and_cast_pandas_column_values.
func (t *tensorJob) reshapeColumn(c *tensorCol, name string) *Tensor {
	spec := c.spec
	shape := spec.Shape
	who := "the unnamed input"
	if name != "" {
		who = "input " + name
	}
	if len(shape) == 0 || shape[0] != -1 || containsNeg(shape[1:]) {
		t.fail(stTensor, CatShapeMismatch, c.si, "A DataFrame column can only feed a tensor "+
			"whose first dimension is -1 and other dimensions are fixed; the shape of "+who+
			" is "+pyTuple(shape)+".")
		return nil
	}
	n := len(c.cells)
	if n == 0 {
		t.fail(stTensor, CatBadType, c.si, "KeyError(0)")
		return nil
	}
	first := c.cells[0]
	numeric := t.serving || t.f.cols[c.fc].src.isNumeric()
	switch k := first.Kind(); {
	case k == KindBool || k == KindInt || k == KindFloat || k == KindString ||
		(numeric && (k == KindNull || k == KindMissing)):
		if !(len(shape) == 1 || len(shape) == 2 && shape[1] == 1) {
			t.fail(stTensor, CatShapeMismatch, c.si, "Column "+pyQuote(pyNone(name))+
				" contains scalar values, which requires the shape to be (-1,) or (-1, 1); "+
				"the tensor spec shape is "+pyTuple(shape)+".")
			return nil
		}
		return t.scalarColumn(c, shape)
	case k == KindArray && first.Len() > 0 && isScalarKind(first.Index(0).Kind()):
		return t.stackColumn(c, name)
	}
	t.fail(stTensor, CatBadType, c.si, "A DataFrame column feeding a tensor must hold "+
		"scalars or lists of scalars.")
	return nil
}

func pyNone(name string) string {
	if name == "" {
		return "None"
	}
	return name
}

func isScalarKind(k Kind) bool {
	return k == KindBool || k == KindInt || k == KindFloat || k == KindString
}

func containsNeg(s []int) bool {
	for _, d := range s {
		if d == -1 {
			return true
		}
	}
	return false
}

// scalarColumn is np.array(series, dtype=spec).reshape(shape).
func (t *tensorJob) scalarColumn(c *tensorCol, shape []int) *Tensor {
	n := len(c.cells)
	dims := []int{n}
	if len(shape) == 2 {
		dims = []int{n, 1}
	}
	if c.cast != nil {
		c.cast.Shape = dims
		return c.cast
	}
	ten := &Tensor{Dtype: c.spec.dt.String(), Shape: dims, dt: c.spec.dt}
	ten.alloc(storeFor(c.spec.dt, false), n)
	for r, v := range c.cells {
		sc, msg, _ := convertValue(v, t.f.cols[c.fc].src, c.spec.dt, semAstype)
		if msg != "" {
			t.v.add(Problem{stage: stTensor, Category: CatBadType, Row: r, Column: c.label,
				ColumnIndex: c.si, Message: msg, Expected: c.spec.Dtype, Found: describe(v)})
			return nil
		}
		ten.set(r, sc)
	}
	return ten
}

// stackColumn is np.vstack(list cells).reshape(shape).astype(dtype).
func (t *tensorJob) stackColumn(c *tensorCol, name string) *Tensor {
	spec := c.spec
	msg := "The values of column " + pyQuote(pyNone(name)) + " could not be converted to " +
		"the expected shape " + pyTuple(spec.Shape) + " with dtype " + spec.dt.String() +
		" (the lists need one length that fills the shape, and values of that dtype)."
	fail := func() *Tensor {
		t.fail(stTensor, CatShapeMismatch, c.si, msg)
		return nil
	}
	var cellShape []int
	var elems []Value
	for r, v := range c.cells {
		s, ragged := ndShape(v)
		if ragged || len(s) == 0 || (r > 0 && !equalInts(s, cellShape)) {
			return fail()
		}
		cellShape = s
		elems = leaves(v, len(s), elems)
	}
	fixed := 1
	for _, d := range spec.Shape[1:] {
		fixed *= d
	}
	if fixed == 0 || len(elems)%fixed != 0 || len(elems)/fixed != len(c.cells) {
		return fail()
	}
	dims := append([]int{len(elems) / fixed}, spec.Shape[1:]...)
	ten, errMsg, _ := fillTensor(dims, elems, spec.dt, false, "")
	if errMsg != "" {
		return fail()
	}
	return ten
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
