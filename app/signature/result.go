package signature

import (
	"sort"
	"strings"
)

// Category classifies a problem like MLflow's error classes (spec section 10).
type Category string

// Problem categories. The first eleven are the spec's; the last two cover
// requests refused before parsing.
const (
	CatMalformedJSON    Category = "malformed_json"
	CatBadFormat        Category = "bad_format"
	CatMissingColumn    Category = "missing_column"
	CatBadType          Category = "bad_type"
	CatMissingProperty  Category = "missing_property"
	CatExtraProperty    Category = "extra_property"
	CatShapeMismatch    Category = "shape_mismatch"
	CatBadDtype         Category = "bad_dtype"
	CatLengthMismatch   Category = "length_mismatch"
	CatBadParam         Category = "bad_param"
	CatEmptyInput       Category = "empty_input"
	CatUnsupportedMedia Category = "unsupported_media_type" // HTTP 415
	CatTooLarge         Category = "too_large"              // over Options.MaxBytes
)

// stage orders problems the way MLflow meets them; the first one in this
// order is the error MLflow would answer with.
type stage uint8

const (
	stBody    stage = iota // content type, size, JSON syntax
	stRequest              // top-level shape and format keys
	stFrame                // building the DataFrame or arrays
	stCast                 // the server casting values with the schema
	stLength               // instances column lengths
	stShape                // turning the input into a DataFrame in predict
	stNames                // missing inputs
	stEnforce              // per-column type enforcement
	stTensor               // tensor shape and dtype
	stParams               // params
)

// Problem is one reason the request is refused.
type Problem struct {
	Category    Category `json:"category"`
	Message     string   `json:"message"`          // MLflow's wording
	Detail      string   `json:"detail,omitempty"` // innermost cause in nested values
	Row         int      `json:"row"`              // -1 when not tied to one row
	Column      string   `json:"column,omitempty"` // input name, or "params"
	ColumnIndex int      `json:"columnIndex"`      // position in the schema, -1 if none
	Path        string   `json:"path,omitempty"`   // inside a nested value: [0].content
	Expected    string   `json:"expected,omitempty"`
	Found       string   `json:"found,omitempty"`
	stage       stage
}

// Result is the outcome of validating one request.
type Result struct {
	Accepted bool     `json:"accepted"`
	Category Category `json:"category,omitempty"` // of MLflow's first error
	// Message is the error text MLflow would answer with (first problem, with
	// MLflow's wrapping), empty when accepted.
	Message      string    `json:"message,omitempty"`
	HTTPStatus   int       `json:"httpStatus"`
	ErrorCode    string    `json:"errorCode,omitempty"` // BAD_REQUEST or INVALID_PARAMETER_VALUE
	Problems     []Problem `json:"problems"`            // sorted in MLflow's order
	ProblemCount int       `json:"problemCount"`        // total, even past Options.MaxProblems
	Notes        []string  `json:"notes,omitempty"`     // warnings MLflow would log
	Mode         Mode      `json:"mode"`
	Format       Format    `json:"format"`
	// Input is the data as it would reach the model's predict.
	Input *Input `json:"input,omitempty"`
	// Params are the params as predict would receive them, defaults filled in.
	Params []Param `json:"params,omitempty"`
}

// Input is the converted request data: a table for column-based schemas,
// tensors for tensor-based ones, or the unparsed payload (Raw) when there is
// no input schema or the request uses the unified LLM format.
type Input struct {
	Table   *Table   `json:"table,omitempty"`
	Tensors []Tensor `json:"tensors,omitempty"`
	Raw     *Value   `json:"raw,omitempty"`
}

// Param is one parameter as predict would receive it.
type Param struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Value   Value  `json:"value"`
	Default bool   `json:"default"` // the default was used
	Valid   bool   `json:"valid"`
}

// problems collects problems up to a cap and remembers the first one in
// MLflow's order even past the cap.
type problems struct {
	list  []Problem
	count int
	max   int
	first *Problem
	cells map[int]*bitset // schema column -> faulty rows
}

func (ps *problems) add(p Problem) {
	ps.count++
	if ps.first == nil || before(&p, ps.first) {
		c := p
		ps.first = &c
	}
	if ps.max < 0 || len(ps.list) < ps.max {
		ps.list = append(ps.list, p)
	}
	if p.Row >= 0 && p.ColumnIndex >= 0 {
		if ps.cells == nil {
			ps.cells = map[int]*bitset{}
		}
		b := ps.cells[p.ColumnIndex]
		if b == nil {
			b = &bitset{}
			ps.cells[p.ColumnIndex] = b
		}
		b.set(p.Row)
	}
}

func before(a, b *Problem) bool {
	if a.stage != b.stage {
		return a.stage < b.stage
	}
	if a.ColumnIndex != b.ColumnIndex {
		return a.ColumnIndex < b.ColumnIndex
	}
	return a.Row < b.Row
}

func (ps *problems) sorted() []Problem {
	out := ps.list
	sort.SliceStable(out, func(i, j int) bool { return before(&out[i], &out[j]) })
	if out == nil {
		out = []Problem{}
	}
	return out
}

// errorCode returns MLflow's error code for the first problem's stage.
func errorCode(s stage) string {
	if s <= stCast || s == stLength {
		return "BAD_REQUEST"
	}
	return "INVALID_PARAMETER_VALUE"
}

// wrapMessage adds the wrapping MLflow puts around an error of this stage.
func wrapMessage(p *Problem, schema *Schema) string {
	switch {
	case p.stage == stBody:
		return p.Message
	case p.stage <= stLength:
		if strings.HasPrefix(p.Message, "Invalid input.") ||
			strings.HasPrefix(p.Message, "The input must be") ||
			strings.HasPrefix(p.Message, csvParseError) {
			return p.Message
		}
		return "Invalid input. " + p.Message
	case p.stage == stParams:
		return p.Message
	}
	s := "[]"
	if schema != nil {
		s = schema.String()
	}
	return "Failed to enforce schema of data '...' with schema '" + s + "'. Error: " +
		p.Message
}

// bitset marks rows.
type bitset struct{ w []uint64 }

func (b *bitset) set(i int) {
	for len(b.w) <= i/64 {
		b.w = append(b.w, 0)
	}
	b.w[i/64] |= 1 << (i % 64)
}

func (b *bitset) has(i int) bool {
	return b != nil && i/64 < len(b.w) && b.w[i/64]&(1<<(i%64)) != 0
}
