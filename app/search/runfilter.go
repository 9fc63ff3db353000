package search

import "strings"

// RunFilter is a parsed runs/search filter: clauses that must all hold.
// A nil or empty RunFilter matches every run. The clauses are for reading
// (an editor may use their spans); build filters with ParseRunFilter.
type RunFilter struct {
	Clauses []Clause
}

// Entity prefixes of run identifiers. A backticked prefix is accepted too.
var runEntities = map[string]Kind{
	"metric": KindMetric, "metrics": KindMetric,
	"parameter": KindParam, "parameters": KindParam, "param": KindParam, "params": KindParam,
	"tag": KindTag, "tags": KindTag,
	"attribute": KindAttribute, "attributes": KindAttribute, "attr": KindAttribute,
	"run":     KindAttribute,
	"dataset": KindDataset, "datasets": KindDataset,
}

const runEntityList = "['metric', 'parameter', 'tag', 'attribute', 'dataset']"

// keySet is a set of allowed keys with its message form.
type keySet struct {
	keys map[string]bool
	repr string
}

func newKeySet(keys ...string) keySet {
	m := make(map[string]bool, len(keys))
	parts := make([]string, len(keys))
	for i, k := range keys {
		m[k] = true
		parts[i] = "'" + k + "'"
	}
	return keySet{m, "{" + strings.Join(parts, ", ") + "}"}
}

// Run attributes that filters and order_by accept (RunInfo's searchable
// attributes plus MLflow's aliases), sorted as the message lists them.
var (
	runSearchKeys = newKeySet("Created", "Run Name", "Run name", "artifact_uri", "created",
		"end_time", "run name", "run_id", "run_name", "start_time", "status", "user_id")
	runOrderKeys = newKeySet("Created", "artifact_uri", "created", "end_time", "run_id",
		"run_name", "start_time", "status", "user_id")
	datasetKeys = newKeySet("context", "digest", "name")
)

// numericRunAttrs are compared as integers; the rest are strings.
var numericRunAttrs = map[string]bool{
	"start_time": true, "end_time": true, "created": true, "Created": true,
}

// translateAlias maps MLflow's attribute aliases to attribute names. Like
// MLflow, it applies to every kind of key, not only attributes.
func translateAlias(key string) string {
	switch key {
	case "created", "Created":
		return "start_time"
	case "run name", "Run name", "Run Name":
		return "run_name"
	}
	return key
}

// ident is an identifier split into its kind and key.
type ident struct {
	kind   Kind
	key    string // unquoted, not yet alias-translated
	keyPos int
	keyLen int
}

// resolveRunIdent splits a run identifier at its first dot into entity and
// key, and checks both, with MLflow's messages.
func resolveRunIdent(t token, attrs keySet) (ident, *Error) {
	id := ident{kind: KindAttribute, keyPos: t.pos, keyLen: len(t.text)}
	raw := t.text
	if dot := strings.IndexByte(raw, '.'); dot >= 0 {
		ent := trimBackticks(raw[:dot])
		k, ok := runEntities[ent]
		if !ok {
			return id, errAt(t.pos, dot, "Invalid entity type '%s'. Valid values are %s",
				ent, runEntityList)
		}
		id.kind, raw = k, raw[dot+1:]
		id.keyPos, id.keyLen = t.pos+dot+1, len(raw)
	}
	s, _ := stripQuotes(raw)
	id.key = trimBackticks(s)
	switch {
	case id.kind == KindAttribute && !attrs.keys[id.key]:
		return id, errAt(id.keyPos, id.keyLen,
			"Invalid attribute key '%s' specified. Valid keys are '%s'", id.key, attrs.repr)
	case id.kind == KindDataset && !datasetKeys.keys[id.key]:
		return id, errAt(id.keyPos, id.keyLen,
			"Invalid dataset key '%s' specified. Valid keys are '%s'", id.key, datasetKeys.repr)
	}
	return id, nil
}

// ParseRunFilter parses the filter of runs/search. An empty or blank
// filter matches every run. Errors are *Error values with MLflow's message
// and the fault's position.
func ParseRunFilter(filter string) (*RunFilter, error) {
	comps, err := splitStatement(filter, true)
	if err != nil {
		return nil, err
	}
	f := &RunFilter{Clauses: make([]Clause, len(comps))}
	for i, c := range comps {
		if err := parseRunClause(c, &f.Clauses[i]); err != nil {
			return nil, err
		}
	}
	// MLflow checks comparators only while matching, after every clause
	// has parsed; keep that order so the same fault is reported first.
	for i, c := range comps {
		if err := checkRunComparator(&f.Clauses[i], c); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// parseRunClause reads one comparison into cl.
func parseRunClause(c comparison, cl *Clause) *Error {
	if c.left.kind != tokIdent {
		return errTok(c.left, "Invalid comparison clause. Expected 'Identifier' found '%s'",
			c.left.text)
	}
	id, err := resolveRunIdent(c.left, runSearchKeys)
	if err != nil {
		return err
	}
	*cl = newClause(c, id.kind, translateAlias(id.key))
	r := c.right
	switch id.kind {
	case KindMetric:
		if r.kind != tokNumber {
			return errTok(r, "Expected numeric value type for metric. Found %s", r.text)
		}
		cl.setFloat(r.text)
		return nil
	case KindParam, KindTag:
		if !isStringy(r) {
			return errTok(r, "Expected a quoted string value for %s (e.g. 'my-value'). "+
				"Got value %s", id.kind, r.text)
		}
		cl.Value, err = quotedValue(r)
		return err
	case KindDataset:
		return cl.setStrings(r, "dataset attributes", true)
	}
	if numericRunAttrs[id.key] {
		if r.kind != tokNumber {
			return errTok(r, "Expected numeric value type for numeric attribute: %s. Found %s",
				id.key, r.text)
		}
		return cl.setInt(r)
	}
	return cl.setStrings(r, "attributes", id.key == "run_id")
}

// checkRunComparator rejects a comparator the clause's kind does not take.
func checkRunComparator(cl *Clause, c comparison) *Error {
	switch cl.Kind {
	case KindMetric:
		return cl.checkComparator(numericComparators, c.cmp)
	case KindParam, KindTag:
		return cl.checkComparator(tagComparators, c.cmp)
	case KindDataset:
		if err := cl.checkComparator(stringComparators, c.cmp); err != nil {
			return err
		}
		return cl.checkList(c.right, "dataset attributes")
	}
	if cl.numeric {
		return cl.checkComparator(numericComparators, c.cmp)
	}
	if err := cl.checkComparator(stringComparators, c.cmp); err != nil {
		return err
	}
	return cl.checkList(c.right, "attributes")
}
