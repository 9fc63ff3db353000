package signature

import (
	"fmt"
	"strconv"
)

// Enforcement of column-based schemas on a frame: the server's cast
// (serving mode) and PyFuncModel's _enforce_schema, cell by cell.

// jobKind says how the frame's values were produced and will be converted.
type jobKind uint8

const (
	jobAstype    jobKind = iota // serving, DataFrame formats: astype to the schema
	jobNumpy                    // serving, columns of inputs/instances: np.array(list, dtype)
	jobNumpyRows                // serving, records or one row of numpy scalars, re-inferred
	jobCSV                      // serving, read_csv with the schema's dtypes
	jobRaw                      // pyfunc: values as they are
	jobRawCSV                   // pyfunc: read_csv without dtypes
)

type planOp uint8

const (
	opCast   planOp = iota // convert to dst (server cast)
	opBinary               // base64-decode
	opCSV                  // parse CSV text as dst
	opNested               // array/object/map checks
	opAny                  // no check
	opRaw                  // pyfunc: keep, then apply the dtype rule
)

type fastPath uint8

const (
	fastNone fastPath = iota
	fastI64
	fastF64
	fastStr
	fastBool
)

// colPlan is the work for one schema column present in the frame.
type colPlan struct {
	j         int // schema index
	spec      *ColSpec
	fc        int // frame column
	label     string
	required  bool
	op        planOp
	fast      fastPath
	st        stage // stage of cell problems
	inferred  dtype // pandas dtype of the frame column
	src       dtype // dtype the rule sees (pyfunc: declared or inferred)
	declared  bool  // src comes from Options.Dtypes
	dst       dtype // conversion target
	outcome   ruleOutcome
	accept    kindMask // kinds of cells that would make the column pass (pyfunc)
	markBad   bool     // report offending cells one by one
	twoPass   bool
	checkRule bool // apply the dtype rule after the cast
	out       *Column
	notes     [6]int
	failed    int
	hasNaN    bool
	integral  bool
	badZero   int
}

// colJob validates a frame against a column-based schema.
type colJob struct {
	v      *Validator
	s      *Schema
	f      *frame
	kind   jobKind
	forced *dtype // values are converted with this dtype (the first spec's)
	plans  []*colPlan
	cells  []Value
	row    int
}

func (j *colJob) serving() bool { return j.kind != jobRaw && j.kind != jobRawCSV }

// prepare maps schema columns to frame columns, reports missing inputs and
// plans the per-cell work.
func (j *colJob) prepare() {
	f, s := j.f, j.s
	j.cells = make([]Value, len(f.cols))
	used := make([]bool, len(f.cols))
	var missing []string
	for idx := range s.Columns {
		spec := &s.Columns[idx]
		fc := -1
		if s.Named() {
			fc = f.lookup(spec.Name)
		} else if idx < len(f.cols) {
			fc = idx
		}
		if fc < 0 {
			if spec.Required && s.Named() {
				missing = append(missing, spec.Name)
			}
			continue
		}
		used[fc] = true
		j.plans = append(j.plans, j.plan(idx, spec, fc))
	}
	var extra []string
	for i, u := range used {
		if !u {
			extra = append(extra, f.cols[i].label)
		}
	}
	j.reportNames(missing, extra)
}

func (j *colJob) reportNames(missing, extra []string) {
	s := j.s
	if !s.Named() {
		if len(j.f.cols) < len(s.Columns) {
			j.v.add(Problem{stage: stNames, Category: CatMissingColumn, Row: -1,
				ColumnIndex: len(j.f.cols),
				Message: fmt.Sprintf("The model signature declares %d inputs but the provided "+
					"value only has %d inputs (the inputs are not named, so only their count "+
					"is checked).", len(s.Columns), len(j.f.cols)),
				Expected: strconv.Itoa(len(s.Columns)) + " columns",
				Found:    strconv.Itoa(len(j.f.cols)) + " columns"})
		}
		if len(extra) > 0 {
			j.v.note(fmt.Sprintf("The signature is unnamed: only the first %d columns are used; "+
				"%d more are ignored.", len(s.Columns), len(extra)))
		}
		return
	}
	if len(missing) > 0 {
		msg := "Model is missing inputs " + pyList(missing) + "."
		if len(extra) > 0 {
			msg += " Extra inputs: " + pyList(extra)
		}
		for _, m := range missing {
			j.v.add(Problem{stage: stNames, Category: CatMissingColumn, Row: -1, Column: m,
				ColumnIndex: j.schemaIndex(m), Message: msg, Expected: "input " + pyQuote(m),
				Found: "absent"})
		}
	} else if len(extra) > 0 {
		j.v.note("Inputs not in the signature are ignored: " + pyList(extra) + ".")
	}
}

func (j *colJob) schemaIndex(name string) int {
	for i, c := range j.s.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// plan decides how the cells of one column are converted and checked.
func (j *colJob) plan(idx int, spec *ColSpec, fc int) *colPlan {
	fcol := &j.f.cols[fc]
	p := &colPlan{j: idx, spec: spec, fc: fc, label: fcol.label, inferred: fcol.src,
		src: fcol.src, required: spec.Required || !j.s.Named(), integral: true}
	name := spec.Name
	if !j.s.Named() {
		name = fcol.label
	}
	p.out = &Column{Name: name, Type: spec.Type.String(), n: j.f.rows}
	p.st = stCast
	if !j.serving() {
		p.st = stEnforce
	}
	t := spec.Type.Kind
	switch {
	case t == Any:
		p.op = opAny
		p.setOut(dtObject, false)
	case !t.IsScalar():
		p.op = opNested
		p.twoPass = j.serving()
		p.setOut(dtObject, false)
		if j.kind == jobCSV {
			p.op = opAny
			j.csvFailure("the schema has non-scalar columns, which have no pandas dtype")
		}
	case j.serving():
		j.planServing(p, t)
	default:
		j.planRaw(p, t)
	}
	return p
}

func (p *colPlan) setOut(dt dtype, text bool) {
	p.out.Dtype = dt.String()
	if dt.kind == 'U' || dt.kind == 'S' {
		p.out.Dtype = "object"
	}
	p.out.alloc(storeFor(dt, text), p.out.n)
}

func textOnly(m kindMask) bool { return m&^(kmStr|kmNull|kmMissing) == 0 && m&kmStr != 0 }

func (j *colJob) planServing(p *colPlan, t DataType) {
	mask := j.f.cols[p.fc].mask
	switch j.kind {
	case jobAstype:
		p.dst = t.pandas()
		p.op = opCast
		if t == Binary {
			p.op = opBinary
			p.setOut(dtObject, true)
			return
		}
	case jobCSV:
		p.dst = t.pandas()
		p.op = opCSV
		p.st = stFrame
		if t == Datetime {
			j.csvFailure("pandas cannot read a datetime64[ns] column by dtype (it needs " +
				"parse_dates)")
			p.op = opAny
		}
	default:
		p.dst = t.numpy()
		if j.forced != nil {
			p.dst = *j.forced
		}
		p.op = opCast
	}
	out := p.dst
	switch {
	case j.kind == jobNumpyRows:
		out = reinfer(p.dst, mask)
		p.checkRule = true
		p.accept = kmInt | kmUint | kmFloat | kmBool | kmStr | kmNull
	case j.forced != nil:
		if out.kind == 'U' || out.kind == 'S' {
			out = dtObject
		}
		p.checkRule = true
		p.accept = kmInt | kmUint | kmFloat | kmBool | kmStr | kmNull | kmList | kmDict
	}
	if p.checkRule {
		p.src = out
		p.outcome = enforceRule(out, t)
		p.markBad = p.outcome == ruleReject && mask&p.accept != 0
		if p.outcome == ruleDatetime || p.outcome == ruleZeroOne {
			out = t.numpy()
		}
	}
	p.setOut(out, out == dtObject && textOnly(mask))
	switch {
	case p.op != opCast:
	case out == dtInt64:
		p.fast = fastI64
	case out == dtFloat64:
		p.fast = fastF64
	case out == dtBool && j.kind != jobAstype:
		p.fast = fastBool
	case p.out.Strings != nil && (out.kind == 'U' || out == dtObject):
		p.fast = fastStr
	}
}

// reinfer is the dtype pandas infers again for a column of numpy scalars
// of dtype dt, given the kinds of the original values.
func reinfer(dt dtype, m kindMask) dtype {
	nested := m&(kmList|kmDict) != 0
	switch {
	case nested || dt.kind == 'U' || dt.kind == 'S' || dt.kind == 'O':
		return dtObject
	case dt.isInt() && m&kmMissing != 0:
		return dtFloat64
	case dt.isInt():
		return dtInt64
	case dt.kind == 'f':
		return dtFloat64
	case dt.kind == 'b' && m&kmMissing != 0:
		return dtObject
	}
	return dt
}

// acceptKinds lists the value kinds that can make a column of type t pass
// in pyfunc mode; the other cells are the ones to blame when it fails.
func acceptKinds(t DataType) kindMask {
	switch t {
	case Boolean:
		return kmBool
	case Long:
		return kmInt
	case Double:
		return kmInt | kmFloat
	case String, Binary, Datetime:
		return kmStr
	}
	return 0
}

func (j *colJob) planRaw(p *colPlan, t DataType) {
	p.op = opRaw
	if d, ok := j.v.declaredDtype(p.label); ok {
		p.src, p.declared = d, true
	}
	p.outcome = enforceRule(p.src, t)
	out := p.src
	switch p.outcome {
	case ruleAccept:
		switch {
		case p.src.kind == 'M':
			out = dtDatetimeNS
		case p.src == dtObject || p.src == t.pandas() || p.src == t.numpy():
		default:
			out = t.numpy()
		}
	case ruleZeroOne:
		out = t.numpy()
	case ruleDatetime:
		out = dtDatetimeNS
	}
	mask := j.f.cols[p.fc].mask
	p.dst = out
	p.accept = acceptKinds(t)
	p.markBad = p.outcome == ruleReject && !p.declared && mask&p.accept != 0
	p.setOut(out, out == dtObject && textOnly(mask))
}
