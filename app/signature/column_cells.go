package signature

import "strings"

// Per-cell work of column-based enforcement: conversion, nested checks and
// the pyfunc dtype rule, row by row.

// step processes up to budget rows; it reports whether all rows are done.
func (j *colJob) step(budget int) bool {
	end := min(j.row+budget, j.f.rows)
	if rs, ok := j.f.src.(*rowsSource); ok {
		j.stepRows(rs, end)
		j.row = end
		return j.row >= j.f.rows
	}
	for r := j.row; r < end; r++ {
		j.f.src.fill(r, j.cells)
		for _, p := range j.plans {
			v := j.cells[p.fc]
			if v.i >= 0 && v.d != nil && p.fast != fastNone {
				nd := &v.d.nodes[v.i]
				switch {
				case p.fast == fastI64 && nd.kind == KindInt && nd.flags&flagBig == 0:
					p.out.Ints[r] = parseIntFast(v.d.src[nd.start:nd.end])
					continue
				case p.fast == fastStr && nd.kind == KindString &&
					nd.flags&(flagEscape|flagCSV) == 0:
					p.out.Strings[r] = v.d.src[nd.start:nd.end]
					continue
				case p.fast == fastF64 && nd.kind == KindFloat:
					p.out.Floats[r] = parseFloatLit(v.d.src[nd.start:nd.end])
					continue
				}
			}
			p.cell(j, r, v)
		}
	}
	j.row = end
	return j.row >= j.f.rows
}

// stepRows is step for rows given as arrays (dataframe_split, CSV), the
// hot path: cells are visited in place and the common conversions inlined.
func (j *colJob) stepRows(rs *rowsSource, end int) {
	byCol := make([]*colPlan, len(j.f.cols))
	for _, p := range j.plans {
		byCol[p.fc] = p
	}
	d := rs.d
	nodes, src := d.nodes, d.src
	for r := j.row; r < end; r++ {
		ri := rs.rows[r]
		n := int(nodes[ri].n)
		c := ri + 1
		for k, p := range byCol {
			if k >= n {
				if p != nil {
					p.cell(j, r, nonePad)
				}
				continue
			}
			nd := &nodes[c]
			cur := c
			c = d.next(c)
			if p == nil {
				continue
			}
			switch {
			case p.fast == fastI64 && nd.kind == KindInt && nd.flags&flagBig == 0:
				p.out.Ints[r] = parseIntFast(src[nd.start:nd.end])
			case p.fast == fastStr && nd.kind == KindString && nd.flags&(flagEscape|flagCSV) == 0:
				p.out.Strings[r] = src[nd.start:nd.end]
			case p.fast == fastF64 && nd.kind == KindFloat:
				p.out.Floats[r] = parseFloatLit(src[nd.start:nd.end])
			default:
				p.cell(j, r, Value{d, cur})
			}
		}
	}
}

// cell converts and checks one cell.
func (p *colPlan) cell(j *colJob, r int, v Value) {
	if v.i >= 0 && v.d != nil {
		nd := &v.d.nodes[v.i]
		switch p.fast {
		case fastI64:
			if nd.kind == KindInt && nd.flags&flagBig == 0 {
				p.out.Ints[r] = parseIntFast(v.d.src[nd.start:nd.end])
				return
			}
		case fastF64:
			if nd.kind == KindInt && nd.flags&flagBig == 0 {
				p.out.Floats[r] = float64(parseIntFast(v.d.src[nd.start:nd.end]))
				return
			}
			if nd.kind == KindFloat {
				p.out.Floats[r] = parseFloatLit(v.d.src[nd.start:nd.end])
				return
			}
		case fastStr:
			if nd.kind == KindString && nd.flags&(flagEscape|flagCSV) == 0 {
				p.out.Strings[r] = v.d.src[nd.start:nd.end]
				return
			}
		case fastBool:
			if nd.kind == KindBool {
				p.out.Bools[r] = nd.flags&flagTrue != 0
				return
			}
		}
	}
	switch p.op {
	case opCast:
		p.castCell(j, r, v)
	case opBinary:
		sc, msg := toBinary(v)
		if msg != "" {
			p.castFailed(j, r, v, msg)
			return
		}
		p.out.set(r, sc)
	case opCSV:
		p.csvCell(j, r, v)
	case opNested:
		p.nestedCell(j, r, v)
	case opAny:
		p.out.set(r, scalar{k: skValue, v: v})
	case opRaw:
		p.rawCell(j, r, v)
	}
}

func (p *colPlan) castCell(j *colJob, r int, v Value) {
	if j.kind == jobNumpyRows && v.Kind() == KindMissing {
		p.out.set(r, scalar{k: skMissing})
		p.blame(j, r, v)
		return
	}
	sc, msg, note := convertValue(v, p.inferred, p.dst, semFor(j.kind))
	if msg != "" {
		p.castFailed(j, r, v, msg)
		return
	}
	p.notes[note]++
	if p.dst == dtObject && sc.k == skValue && p.out.Strings != nil {
		sc = textScalar(v)
	}
	if p.checkRule {
		switch p.outcome {
		case ruleReject:
			p.blame(j, r, v)
		case ruleZeroOne:
			if !(sc.k == skInt && (sc.i == 0 || sc.i == 1)) {
				p.badZero++
				j.v.add(Problem{stage: stEnforce, Category: CatBadType, Row: r,
					Column: p.out.Name, ColumnIndex: p.j, Message: p.incompatible(""),
					Expected: "0 or 1", Found: describe(v)})
			}
		case ruleDatetime:
			dp, ok := parsePandasDatetime(sc.s)
			ns, inRange := dp.toNS()
			if !ok || !inRange {
				p.failed++
				j.v.add(Problem{stage: stEnforce, Category: CatBadType, Row: r,
					Column: p.out.Name, ColumnIndex: p.j, Message: "Column " + p.label +
						" (object) cannot be converted to datetime.", Found: describe(v)})
				return
			}
			sc = scalar{k: skInt, i: ns}
		}
	}
	p.out.set(r, sc)
}

func textScalar(v Value) scalar {
	if v.Kind() == KindString {
		return scalar{k: skText, s: v.Text()}
	}
	return scalar{k: skMissing}
}

func semFor(k jobKind) sem {
	if k == jobAstype {
		return semAstype
	}
	return semNumpy
}

// blame reports a cell that makes its column fail the dtype rule.
func (p *colPlan) blame(j *colJob, r int, v Value) {
	if !p.markBad {
		return
	}
	if j.kind == jobNumpyRows {
		if v.Kind() != KindMissing && v.Kind() != KindArray && v.Kind() != KindObject {
			return
		}
	} else if kindBit(v)&^kmNeg&p.accept != 0 {
		return
	}
	t := p.spec.Type.Kind
	j.v.add(Problem{stage: stEnforce, Category: CatBadType, Row: r, Column: p.out.Name,
		ColumnIndex: p.j, Message: p.incompatible(""), Expected: t.String(),
		Found: describe(v),
		Detail: "this value makes the column's dtype " + p.src.String() + ", which cannot " +
			"become " + t.numpy().String()})
}

func (p *colPlan) incompatible(hint string) string {
	return "Incompatible input types for column " + p.label + ". Can not safely convert " +
		p.src.String() + " to " + p.spec.Type.Kind.numpy().String() + "." + hint
}

func (p *colPlan) castFailed(j *colJob, r int, v Value, msg string) {
	p.failed++
	p.out.set(r, scalar{k: skMissing})
	var full string
	switch j.kind {
	case jobAstype:
		full = "Data is not compatible with model signature. Failed to convert column " +
			p.label + " to type '" + pandasTypeName(p.spec.Type, p.dst) + "'. Error: '" +
			pyExc(msg) + "'"
	default:
		full = msg
	}
	j.v.add(Problem{stage: stCast, Category: CatBadType, Row: r, Column: p.out.Name,
		ColumnIndex: p.j, Message: full, Detail: msg, Expected: p.spec.Type.String(),
		Found: describe(v)})
}

// pandasTypeName is how cast_df_types_according_to_schema prints a type.
func pandasTypeName(t *Type, dst dtype) string {
	if !t.Kind.IsScalar() {
		return t.String()
	}
	if dst == dtObject {
		return "<class 'object'>"
	}
	return dst.String()
}

// pyExc formats Python's repr of the exception a message comes from.
func pyExc(msg string) string {
	cls := "ValueError"
	switch {
	case strings.HasPrefix(msg, "int() argument"), strings.HasPrefix(msg, "float() argument"),
		strings.HasPrefix(msg, "encoding without"), strings.HasPrefix(msg, "<class"):
		cls = "TypeError"
	case strings.HasPrefix(msg, "Cannot convert non-finite"):
		cls = "IntCastingNaNError"
	case strings.HasPrefix(msg, "Incorrect padding"), strings.HasPrefix(msg, "Invalid base64"):
		cls = "Error"
	case strings.Contains(msg, "too large"), strings.Contains(msg, "out of bounds for"):
		cls = "OverflowError"
	case strings.HasPrefix(msg, "Out of bounds nanosecond"):
		cls = "OutOfBoundsDatetime"
	}
	return cls + "(" + pyQuote(msg) + ")"
}

func (p *colPlan) nestedCell(j *colJob, r int, v Value) {
	p.out.set(r, scalar{k: skValue, v: v})
	var probs []nestedProblem
	if checkNested(v, p.spec.Type, p.required, "", &probs, p.twoPass) {
		if j.kind == jobNumpyRows && (p.spec.Type.Kind == Array) {
			p.numpyArrayCell(j, r, v)
		}
		return
	}
	p.failed++
	for _, np := range probs {
		msg := np.msg
		if j.kind == jobAstype {
			msg = "Data is not compatible with model signature. Failed to convert column " +
				p.label + " to type '" + p.spec.Type.String() + "'. Error: 'MlflowException(" +
				pyQuote(np.msg) + ")'"
		}
		j.v.add(Problem{stage: p.st, Category: np.cat, Row: r, Column: p.out.Name,
			ColumnIndex: p.j, Path: np.path, Message: msg, Detail: np.detail,
			Expected: np.expected, Found: np.found})
	}
}

// numpyArrayCell adds the checks the inputs path makes on array values: the
// value becomes np.array(value), which fails for ragged lists, and a None
// for an optional array becomes a 0-d array that the second check refuses.
func (p *colPlan) numpyArrayCell(j *colJob, r int, v Value) {
	msg := ""
	st := stCast
	switch v.Kind() {
	case KindNull:
		msg, st = "len() of unsized object", stEnforce
	case KindArray:
		if _, ragged := ndShape(v); ragged {
			msg = "setting an array element with a sequence. The requested array has an " +
				"inhomogeneous shape."
		}
	}
	if msg != "" {
		p.failed++
		j.v.add(Problem{stage: st, Category: CatBadType, Row: r, Column: p.out.Name,
			ColumnIndex: p.j, Message: msg, Expected: p.spec.Type.String(), Found: describe(v)})
	}
}

// rawCell handles a cell in pyfunc mode: the column reaches predict as it is,
// and its dtype decides (section 6 of the spec).
func (p *colPlan) rawCell(j *colJob, r int, v Value) {
	if j.kind == jobRawCSV {
		p.rawCSVCell(j, r, v)
		return
	}
	if p.declared {
		if _, msg, _ := convertValue(v, p.inferred, p.src, semAstype); msg != "" {
			p.failed++
			j.v.add(Problem{stage: stFrame, Category: CatBadType, Row: r, Column: p.out.Name,
				ColumnIndex: p.j, Message: "Cannot build column " + p.label + " with dtype " +
					p.src.String() + ": " + msg, Expected: p.src.String(), Found: describe(v)})
			return
		}
	}
	if p.src == dtFloat64 || p.inferred == dtFloat64 {
		if k := v.Kind(); k == KindMissing || k == KindNull || isNaNValue(v) {
			p.hasNaN = true
		} else if f := v.Float(); f != float64(int64(f)) {
			p.integral = false
		}
	}
	switch p.outcome {
	case ruleZeroOne:
		if !isZeroOne(v) {
			p.badZero++
			j.v.add(Problem{stage: stEnforce, Category: CatBadType, Row: r, Column: p.out.Name,
				ColumnIndex: p.j, Message: p.incompatible(""), Expected: "0 or 1",
				Found: describe(v), Detail: "an int64 column can only become a float column " +
					"when every value is 0, 1 or missing"})
		}
	case ruleDatetime:
		sc, msg, _ := convertValue(v, dtObject, dtDatetimeNS, semAstype)
		if msg != "" {
			p.failed++
			j.v.add(Problem{stage: stEnforce, Category: CatBadType, Row: r, Column: p.out.Name,
				ColumnIndex: p.j, Message: "Column " + p.label + " (object) cannot be " +
					"converted to datetime.", Detail: msg,
				Expected: "datetime", Found: describe(v)})
			return
		}
		p.out.set(r, sc)
		return
	case ruleReject:
		p.blame(j, r, v)
	}
	if p.dst == dtObject {
		if p.out.Strings != nil {
			p.out.set(r, textScalar(v))
		} else {
			p.out.set(r, scalar{k: skValue, v: v})
		}
		return
	}
	sc, _, _ := convertValue(v, p.inferred, p.dst, semAstype)
	p.out.set(r, sc)
}
