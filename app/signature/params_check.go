package signature

import (
	"sort"
	"strings"
)

// Params enforcement of a request (_enforce_params_schema).

// checkParams is _enforce_params_schema.
func (v *Validator) checkParams() {
	ps := v.sig.Params
	pv := v.req.Params
	if v.req.Format == FormatLLM {
		pv = Value{}
	}
	if ps == nil {
		if pv.Kind() != KindMissing && pv.Kind() != KindNull &&
			!(pv.Kind() == KindObject && pv.Len() == 0) {
			info := "params that are not even a dictionary"
			if pv.Kind() == KindObject {
				info = pyList(pv.Keys())
			}
			v.note("The model has no params schema, so the request's params are ignored: " +
				info + ".")
		}
		return
	}
	if pv.Kind() != KindMissing && pv.Kind() != KindNull && pv.Kind() != KindObject {
		v.add(Problem{stage: stParams, Category: CatBadParam, Row: -1, ColumnIndex: -1,
			Column: "params", Message: "Parameters must be a dictionary. Got type '" +
				pyTypeName(pv) + "'.", Expected: "dict", Found: describe(pv)})
		return
	}
	var unknown []string
	for _, k := range pv.Keys() {
		if ps.Lookup(k) == nil {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		names := make([]string, len(ps.Params))
		for i, p := range ps.Params {
			names[i] = p.Name
		}
		v.note("Params not in the params schema are ignored: " + pyList(unknown) +
			" (the schema has " + pyList(names) + ").")
	}
	for i := range ps.Params {
		spec := &ps.Params[i]
		val, ok := pv.Get(spec.Name)
		p := Param{Name: spec.Name, Type: spec.Type.String(), Value: val, Valid: true}
		if !ok {
			p.Value, p.Default = spec.Default, true
		} else if msg := validateParam(spec, val); msg != "" {
			p.Valid = false
			v.add(Problem{stage: stParams, Category: CatBadParam, Row: -1, ColumnIndex: -1,
				Column: "params", Path: spec.Name,
				Message: "Invalid parameters found: {(" + pyQuote(spec.Name) + ", " +
					pyQuote(msg) + ")}", Detail: msg, Expected: spec.String(),
				Found: describe(val)})
		}
		v.params = append(v.params, p)
	}
}

// paramsMessage is MLflow's message listing every invalid param.
func (v *Validator) paramsMessage() string {
	var parts []string
	for _, p := range v.probs.list {
		if p.stage == stParams && p.Detail != "" {
			parts = append(parts, "("+pyQuote(p.Path)+", "+pyQuote(p.Detail)+")")
		}
	}
	if len(parts) == 0 {
		return v.probs.first.Message
	}
	sort.Strings(parts)
	return "Invalid parameters found: {" + strings.Join(parts, ", ") + "}"
}
