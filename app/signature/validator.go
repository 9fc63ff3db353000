package signature

import "io"

type phase uint8

const (
	phParse phase = iota
	phDispatch
	phScan
	phRows
	phFinish
	phDone
)

// Validator validates one request in steps, so a UI can spread the work of
// a large request over several frames. Call Next until it returns true, then
// Result.
type Validator struct {
	sig    *Signature
	opts   Options
	dtypes map[string]dtype
	rp     *requestParser
	req    *Request
	phase  phase
	probs  problems
	notes  []string
	scan   *frameScan
	kind   jobKind
	forced *dtype
	cj     *colJob
	tj     *tensorJob
	input  *Input
	params []Param
	res    *Result
	status int
}

// Validate checks a request body against a signature in one go. sig may be
// nil (a model without signature: nothing is enforced).
func Validate(sig *Signature, body []byte, opts Options) *Result {
	v := NewValidator(sig, body, opts)
	for !v.Next(1 << 30) {
	}
	return v.Result()
}

// ValidateReader reads the body from r (refusing more than Options.MaxBytes)
// and validates it. The error is only for failures to read.
func ValidateReader(sig *Signature, r io.Reader, opts Options) (*Result, error) {
	o := opts.withDefaults()
	body, err := io.ReadAll(io.LimitReader(r, int64(o.MaxBytes)+1))
	if err != nil {
		return nil, err
	}
	return Validate(sig, body, opts), nil
}

// NewValidator prepares the validation of a request body. The body is
// copied; the caller may reuse it.
func NewValidator(sig *Signature, body []byte, opts Options) *Validator {
	v := &Validator{sig: sig, opts: opts.withDefaults()}
	v.probs.max = v.opts.MaxProblems
	if v.sig == nil {
		v.sig = &Signature{}
	}
	for name, d := range opts.Dtypes {
		dt, err := parseDtype(d)
		if err != nil {
			v.note("Ignoring dtype " + pyQuote(d) + " given for " + pyQuote(name) + ": " +
				err.Error())
			continue
		}
		if v.dtypes == nil {
			v.dtypes = map[string]dtype{}
		}
		v.dtypes[name] = dt
	}
	rp, rerr := newRequestParser(body, v.opts.ContentType, v.opts)
	if rerr != nil {
		v.requestFailed(rerr)
		v.phase = phFinish
		return v
	}
	v.rp = rp
	return v
}

func (v *Validator) declaredDtype(name string) (dtype, bool) {
	if v.opts.Mode != Pyfunc || v.dtypes == nil {
		return dtype{}, false
	}
	d, ok := v.dtypes[name]
	return d, ok
}

func (v *Validator) add(p Problem) { v.probs.add(p) }

func (v *Validator) note(s string) {
	for _, n := range v.notes {
		if n == s {
			return
		}
	}
	v.notes = append(v.notes, s)
}

func (v *Validator) addFailure(f *failure) {
	v.add(Problem{stage: f.st, Category: f.cat, Message: f.msg, Row: -1, ColumnIndex: -1})
}

func (v *Validator) requestFailed(e *RequestError) {
	st := stRequest
	if e.Category != CatBadFormat {
		st = stBody
	}
	v.status = e.Status
	v.add(Problem{stage: st, Category: e.Category, Message: e.Message, Row: -1,
		ColumnIndex: -1})
}

// Done reports whether the validation is complete.
func (v *Validator) Done() bool { return v.phase == phDone }

// Progress returns the fraction of the work done, from 0 to 1.
func (v *Validator) Progress() float64 {
	switch v.phase {
	case phParse:
		done, total := v.rp.progress()
		if total == 0 {
			return 0
		}
		return 0.5 * float64(done) / float64(total)
	case phDispatch:
		return 0.5
	case phScan:
		if v.scan.total == 0 {
			return 0.6
		}
		return 0.5 + 0.1*float64(v.scan.done)/float64(v.scan.total)
	case phRows:
		rows, done := v.rowsProgress()
		if rows == 0 {
			return 0.99
		}
		return 0.6 + 0.39*float64(done)/float64(rows)
	case phFinish:
		return 0.99
	}
	return 1
}

func (v *Validator) rowsProgress() (int, int) {
	switch {
	case v.cj != nil:
		return v.cj.f.rows, v.cj.row
	case v.tj != nil && v.tj.f != nil:
		return v.tj.f.rows, v.tj.row
	}
	return 0, 0
}

// Next does about n rows' worth of work (parsing, scanning or checking) and
// reports whether the validation is complete.
func (v *Validator) Next(n int) bool {
	if n < 1 {
		n = 1
	}
	width := 2
	if v.sig.Inputs != nil {
		width += v.sig.Inputs.Len()
	}
	for budget := n; budget > 0 && v.phase != phDone; {
		switch v.phase {
		case phParse:
			if v.rp.p == nil {
				v.phase = phDispatch
				continue
			}
			before := len(v.rp.p.d.nodes)
			if !v.rp.step(budget * width) {
				return false
			}
			budget -= (len(v.rp.p.d.nodes) - before) / width
			v.phase = phDispatch
		case phDispatch:
			v.dispatch()
		case phScan:
			done, f := v.scan.step(budget)
			if f != nil {
				v.addFailure(f)
				v.phase = phFinish
				continue
			}
			if !done {
				return false
			}
			budget -= v.scan.total
			fr, f := v.scan.finish()
			if f != nil {
				v.addFailure(f)
				v.phase = phFinish
				continue
			}
			v.startFrame(fr)
		case phRows:
			var done bool
			if v.cj != nil {
				done = v.cj.step(budget)
			} else {
				done = v.tj.step(budget)
			}
			if !done {
				return false
			}
			budget = max(budget-v.rowsDone(), 1)
			v.phase = phFinish
		case phFinish:
			v.finish()
			v.phase = phDone
		}
	}
	return v.phase == phDone
}

func (v *Validator) rowsDone() int {
	rows, _ := v.rowsProgress()
	return rows
}

// dispatch looks at the parsed request and picks the work to do.
func (v *Validator) dispatch() {
	v.phase = phFinish
	if v.rp.err != nil {
		v.requestFailed(v.rp.err)
		return
	}
	v.req = v.rp.req
	if len(v.req.Dropped) > 0 {
		v.note("Top-level keys other than the input fields and params are ignored: " +
			pyList(v.req.Dropped))
	}
	s := v.sig.Inputs
	if s == nil {
		data := v.req.Data
		v.input = &Input{Raw: &data}
		if v.sig.Outputs == nil && v.sig.Params == nil {
			v.note("The model has no signature: MLflow enforces nothing.")
		}
		return
	}
	switch v.req.Format {
	case FormatSplit, FormatRecords:
		var f *failure
		if v.req.Format == FormatSplit {
			v.scan, f = splitScan(v.req.Data)
		} else {
			v.scan, f = recordsScan(v.req.Data)
		}
		if f != nil {
			v.addFailure(f)
			return
		}
		v.kind = jobAstype
		if v.opts.Mode == Pyfunc {
			v.kind = jobRaw
		}
		v.phase = phScan
	case FormatCSV:
		if s.IsTensor() {
			v.add(Problem{stage: stFrame, Category: CatBadFormat, Row: -1, ColumnIndex: -1,
				Message: csvParseError + "a tensor-based schema has no pandas dtypes"})
			return
		}
		v.scan = newFrameScan(v.req.Data, v.req.Columns, "csv")
		v.scan.csv = true
		v.kind = jobCSV
		if v.opts.Mode == Pyfunc {
			v.kind = jobRawCSV
		}
		v.phase = phScan
	case FormatLLM:
		v.llm()
	default:
		v.inputs(v.req.Format == FormatInstances)
	}
}

// inputs handles the inputs and instances formats.
func (v *Validator) inputs(instances bool) {
	data := v.req.Data
	if v.sig.Inputs.IsTensor() {
		pyRecords := v.opts.Mode == Pyfunc && instances && data.Kind() == KindArray &&
			data.Len() > 0 && allDicts(data)
		if !pyRecords {
			v.tj = &tensorJob{v: v, s: v.sig.Inputs, serving: v.opts.Mode == Serving}
			v.tj.fromValue(data, instances)
			return
		}
	}
	f, kind, forced, fl := v.inputsFrame(data, instances)
	if fl != nil {
		v.addFailure(fl)
		return
	}
	if f == nil {
		return
	}
	v.kind, v.forced = kind, forced
	v.startFrame(f)
}

// llm handles a unified LLM request: the body minus the keys that name
// params is the input, as it is.
func (v *Validator) llm() {
	skip := map[string]bool{}
	if v.sig.Params != nil {
		for _, p := range v.sig.Params.Params {
			skip[p.Name] = true
		}
	}
	v.note("Unified LLM request: the body is passed to the model without parsing.")
	if v.sig.Inputs.IsTensor() {
		v.tj = &tensorJob{v: v, s: v.sig.Inputs}
		v.tj.fromValue(v.req.Data, false)
		return
	}
	f, kind, forced, fl := v.rawFrame(v.req.Data, skip)
	if fl != nil {
		v.addFailure(fl)
		return
	}
	v.kind, v.forced = kind, forced
	v.startFrame(f)
}

// startFrame sets up the per-row work on a frame.
func (v *Validator) startFrame(f *frame) {
	s := v.sig.Inputs
	if s.IsTensor() {
		v.tj = &tensorJob{v: v, s: s, serving: v.opts.Mode == Serving, f: f}
		v.tj.prepareFrame()
	} else {
		v.cj = &colJob{v: v, s: s, f: f, kind: v.kind, forced: v.forced}
		v.cj.prepare()
	}
	v.phase = phRows
}

// finish completes the input checks, checks the params and builds the result.
func (v *Validator) finish() {
	switch {
	case v.cj != nil:
		v.input = &Input{Table: v.cj.table()}
	case v.tj != nil:
		if v.tj.f != nil {
			v.tj.finishFrame()
		}
		v.input = &Input{Tensors: v.tj.out}
	}
	if v.req != nil {
		v.checkParams()
	}
	v.res = v.result()
}

// Result returns the outcome, finishing the remaining work if needed.
func (v *Validator) Result() *Result {
	for !v.Next(1 << 30) {
	}
	return v.res
}

func (v *Validator) result() *Result {
	r := &Result{Problems: v.probs.sorted(), ProblemCount: v.probs.count, Notes: v.notes,
		Mode: v.opts.Mode, Input: v.input, Params: v.params, HTTPStatus: 200}
	if v.req != nil {
		r.Format = v.req.Format
	}
	if first := v.probs.first; first != nil {
		r.Category = first.Category
		r.Message = wrapMessage(first, v.sig.Inputs)
		if first.stage == stParams {
			r.Message = v.paramsMessage()
		}
		r.ErrorCode = errorCode(first.stage)
		r.HTTPStatus = 400
		if v.status != 0 {
			r.HTTPStatus = v.status
		}
	} else {
		r.Accepted = true
	}
	return r
}
