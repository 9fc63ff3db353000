package signature

// Enforcement of tensor-based schemas (_enforce_tensor_schema): arrays from
// inputs/instances, or DataFrame columns reshaped to the tensor shapes.

// tensorJob validates a request against a tensor-based schema.
type tensorJob struct {
	v       *Validator
	s       *Schema
	serving bool
	f       *frame
	cols    []*tensorCol
	cells   []Value
	row     int
	out     []Tensor
}

func (t *tensorJob) specIndex(name string) int {
	for i := range t.s.Tensors {
		if t.s.Tensors[i].Name == name {
			return i
		}
	}
	return -1
}

// names reports missing tensors and notes extra ones.
func (t *tensorJob) names(missing, extra []string) {
	if len(missing) > 0 {
		msg := "Model is missing inputs " + pyList(missing) + "."
		if len(extra) > 0 {
			msg += " Extra inputs: " + pyList(extra)
		}
		for _, m := range missing {
			t.v.add(Problem{stage: stNames, Category: CatMissingColumn, Row: -1, Column: m,
				ColumnIndex: t.specIndex(m), Message: msg, Expected: "input " + pyQuote(m),
				Found: "absent"})
		}
	} else if len(extra) > 0 {
		t.v.note("Inputs not in the signature are ignored: " + pyList(extra) + ".")
	}
}

func (t *tensorJob) fail(st stage, cat Category, si int, msg string) {
	name := ""
	if si >= 0 && t.s.Named() {
		name = t.s.Tensors[si].Name
	}
	t.v.add(Problem{stage: st, Category: cat, Row: -1, Column: name, ColumnIndex: si,
		Message: msg})
}

// checkSpec is _enforce_tensor_spec; it records the tensor as the input.
func (t *tensorJob) checkSpec(ten *Tensor, spec *TensorSpec, si int) {
	t.out = append(t.out, *ten)
	shape := spec.Shape
	if spec.dt.kind == 'O' && len(shape) == 1 && shape[0] == -1 {
		return
	}
	if len(shape) > 1 && containsNeg(shape[1:]) && len(ten.Shape) == 1 && ten.dt.kind == 'O' {
		return
	}
	if !shapeMatches(ten.Shape, shape) {
		t.v.add(Problem{stage: stTensor, Category: CatShapeMismatch, Row: -1,
			Column: spec.Name, ColumnIndex: si, Message: shapeMismatchMsg(ten.Shape, shape),
			Expected: pyTuple(shape), Found: pyTuple(ten.Shape)})
		return
	}
	if cleanDtype(ten.dt) != cleanDtype(spec.dt) {
		t.v.add(Problem{stage: stTensor, Category: CatBadDtype, Row: -1, Column: spec.Name,
			ColumnIndex: si, Message: "dtype of input " + ten.dt.String() +
				" does not match expected dtype " + spec.dt.String(),
			Expected: spec.dt.String(), Found: ten.dt.String()})
	}
}

// fromValue handles inputs/instances data for a tensor schema.
func (t *tensorJob) fromValue(data Value, instances bool) {
	s := t.s
	if instances && data.Kind() == KindArray && data.Len() > 0 &&
		data.Index(0).Kind() == KindObject {
		t.fromItems(data)
		return
	}
	if !s.Named() {
		t.unnamedValue(data)
		return
	}
	switch {
	case data.Kind() == KindObject:
		arrays := t.dictArrays(data)
		if arrays == nil {
			return
		}
		if instances && t.serving {
			t.lengthCheck(arrays)
		}
		t.enforceDict(arrays, data.Keys())
	case data.Kind() == KindArray && len(s.Tensors) == 1 && !hasDict(data):
		t.single(data)
	case data.Kind() == KindArray && allDicts(data):
		for _, e := range data.Elems() {
			if t.dictArrays(e) == nil {
				return
			}
		}
		t.enforceDict(map[string]*Tensor{}, nil)
	case !t.serving && data.Kind() != KindArray:
		t.enforceDict(map[string]*Tensor{}, nil)
	default:
		ten := t.build(data, &s.Tensors[0], "")
		if ten == nil {
			return
		}
		t.enforceDict(map[string]*Tensor{}, nil)
	}
}

func hasDict(v Value) bool {
	for _, e := range v.Elems() {
		if e.Kind() == KindObject {
			return true
		}
	}
	return false
}

func allDicts(v Value) bool {
	for _, e := range v.Elems() {
		if e.Kind() != KindObject {
			return false
		}
	}
	return true
}

// single maps a bare array to the only tensor of a named schema.
func (t *tensorJob) single(data Value) {
	spec := &t.s.Tensors[0]
	if ten := t.build(data, spec, spec.Name); ten != nil {
		t.enforceDict(map[string]*Tensor{spec.Name: ten}, []string{spec.Name})
	}
}

// build converts a value to an array for spec (nil spec: no dtype).
func (t *tensorJob) build(v Value, spec *TensorSpec, name string) *Tensor {
	dt, infer := dtObject, true
	if spec != nil && t.serving {
		dt, infer = spec.dt, false
	}
	if d, ok := t.v.declaredDtype(name); ok && !t.serving {
		dt, infer = d, false
	}
	ten, msg, _ := buildTensor(v, dt, infer, name)
	if msg != "" {
		si := -1
		if spec != nil {
			si = t.specIndex(spec.Name)
		}
		st := stCast
		if !t.serving {
			st = stFrame
		}
		t.v.add(Problem{stage: st, Category: CatBadType, Row: -1, Column: name,
			ColumnIndex: si, Message: msg, Found: describe(v)})
		return nil
	}
	return ten
}

// dictArrays converts each member of an inputs dictionary.
func (t *tensorJob) dictArrays(data Value) map[string]*Tensor {
	out := map[string]*Tensor{}
	ok := true
	keys, vals := data.dict()
	for i, k := range keys {
		v := vals[i]
		var spec *TensorSpec
		if si := t.specIndex(k); si >= 0 {
			spec = &t.s.Tensors[si]
		}
		ten := t.build(v, spec, k)
		if ten == nil {
			ok = false
			continue
		}
		out[k] = ten
	}
	if !ok {
		return nil
	}
	return out
}

// fromItems handles instances given as a list of records.
func (t *tensorJob) fromItems(data Value) {
	cols := map[string][]Value{}
	var order []string
	for i, item := range data.Elems() {
		if item.Kind() != KindObject {
			t.v.add(Problem{stage: stFrame, Category: CatBadFormat, Row: i, ColumnIndex: -1,
				Message: notRecordMsg(i, item)})
			return
		}
		keys, vals := item.dict()
		for i, k := range keys {
			v := vals[i]
			if _, seen := cols[k]; !seen {
				order = append(order, k)
			}
			cols[k] = append(cols[k], v)
		}
	}
	if !t.serving {
		return
	}
	arrays := map[string]*Tensor{}
	for _, k := range order {
		dt, infer := dtObject, true
		if si := t.specIndex(k); si >= 0 {
			dt, infer = t.s.Tensors[si].dt, false
		}
		ten, msg, _ := stackTensors(cols[k], dt, infer, k)
		if msg != "" {
			t.v.add(Problem{stage: stCast, Category: CatBadType, Row: -1, Column: k,
				ColumnIndex: t.specIndex(k), Message: msg})
			return
		}
		arrays[k] = ten
	}
	t.lengthCheck(arrays)
	if !t.s.Named() {
		t.fail(stShape, CatBadFormat, 0, unnamedTensorMsg("dict"))
		return
	}
	t.enforceDict(arrays, order)
}

// lengthCheck is the instances sanity check on the first dimension.
func (t *tensorJob) lengthCheck(arrays map[string]*Tensor) {
	want := -1
	for _, spec := range t.s.Tensors {
		a, ok := arrays[spec.Name]
		if !ok || len(a.Shape) == 0 {
			continue
		}
		if want < 0 {
			want = a.Shape[0]
		} else if a.Shape[0] != want {
			t.v.add(Problem{stage: stLength, Category: CatLengthMismatch, Row: -1,
				Column: spec.Name, ColumnIndex: t.specIndex(spec.Name),
				Message: lengthMsg})
			return
		}
	}
}

// enforceDict checks named arrays against the schema.
func (t *tensorJob) enforceDict(arrays map[string]*Tensor, keys []string) {
	var missing, extra []string
	for _, spec := range t.s.Tensors {
		if _, ok := arrays[spec.Name]; !ok {
			missing = append(missing, spec.Name)
		}
	}
	for _, k := range keys {
		if t.specIndex(k) < 0 {
			extra = append(extra, k)
		}
	}
	t.names(missing, extra)
	if len(missing) > 0 {
		return
	}
	for si := range t.s.Tensors {
		spec := &t.s.Tensors[si]
		t.checkSpec(arrays[spec.Name], spec, si)
	}
}

func unnamedTensorMsg(typ string) string {
	return "A tensor-based model signature with no input names needs a numpy array or a " +
		"DataFrame, but an input of type " + typ + " was found."
}

// unnamedValue handles inputs/instances for a single unnamed tensor.
func (t *tensorJob) unnamedValue(data Value) {
	spec := &t.s.Tensors[0]
	k := data.Kind()
	switch {
	case t.serving && (k == KindObject || k == KindNull):
		t.fail(stFrame, CatBadFormat, 0, unnamedInputMsg(data))
	case k == KindArray && t.serving && allDicts(data):
		t.fail(stShape, CatBadFormat, 0, unnamedTensorMsg("list"))
	case k != KindArray && !t.serving:
		t.fail(stShape, CatBadFormat, 0, unnamedTensorMsg(pyTypeName(data)))
	default:
		if ten := t.build(data, spec, ""); ten != nil {
			t.checkSpec(ten, spec, 0)
		}
	}
}

// stackTensors is np.array([np.array(v, dtype) for v in values]).
func stackTensors(values []Value, dt dtype, infer bool, name string) (*Tensor, string,
	noteKind) {
	var shape []int
	var elems []Value
	for i, v := range values {
		s, ragged := ndShape(v)
		if ragged || (i > 0 && !equalInts(s, shape)) {
			return nil, "setting an array element with a sequence. The requested array has an " +
				"inhomogeneous shape after 1 dimensions.", noteNone
		}
		shape = s
		elems = leaves(v, len(s), elems)
	}
	return fillTensor(append([]int{len(values)}, shape...), elems, dt, infer, name)
}
