package search

import "strings"

// ExperimentFilter is a parsed experiments/search filter: clauses that
// must all hold. A nil or empty ExperimentFilter matches every experiment.
// Build it with ParseExperimentFilter.
type ExperimentFilter struct {
	Clauses []Clause
}

// Experiment identifiers take only these prefixes, checked before any
// backticks are removed.
var expEntities = map[string]Kind{
	"attribute": KindAttribute, "tag": KindTag, "tags": KindTag,
}

const expEntityList = "('attribute', 'tag', 'tags')"

var (
	expSearchKeys   = newKeySet("creation_time", "last_update_time", "name")
	expOrderKeys    = newKeySet("creation_time", "experiment_id", "last_update_time", "name")
	numericExpAttrs = map[string]bool{"creation_time": true, "last_update_time": true}
)

// resolveExpIdent splits an experiment identifier into kind and key.
func resolveExpIdent(t token, attrs keySet) (ident, *Error) {
	id := ident{kind: KindAttribute, keyPos: t.pos, keyLen: len(t.text)}
	raw := t.text
	if dot := strings.IndexByte(raw, '.'); dot >= 0 {
		k, ok := expEntities[raw[:dot]]
		if !ok {
			return id, errAt(t.pos, dot, "Invalid entity type '%s'. Valid entity types are %s",
				raw[:dot], expEntityList)
		}
		id.kind, raw = k, raw[dot+1:]
		id.keyPos, id.keyLen = t.pos+dot+1, len(raw)
	}
	s, _ := stripQuotes(raw)
	id.key = trimBackticks(s)
	if id.kind == KindAttribute && !attrs.keys[id.key] {
		return id, errAt(id.keyPos, id.keyLen,
			"Invalid attribute key '%s' specified. Valid keys are '%s'", id.key, attrs.repr)
	}
	return id, nil
}

// ParseExperimentFilter parses the filter of experiments/search: name,
// creation_time, last_update_time and tags. An empty or blank filter
// matches every experiment. Errors are *Error values.
func ParseExperimentFilter(filter string) (*ExperimentFilter, error) {
	comps, err := splitStatement(filter, false)
	if err != nil {
		return nil, err
	}
	f := &ExperimentFilter{Clauses: make([]Clause, len(comps))}
	for i, c := range comps {
		if err := parseExpClause(c, &f.Clauses[i]); err != nil {
			return nil, err
		}
	}
	for i, c := range comps {
		if err := checkExpComparator(&f.Clauses[i], c); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// parseExpClause reads one comparison into cl.
func parseExpClause(c comparison, cl *Clause) *Error {
	if c.left.kind != tokIdent {
		return errTok(c.left, "Invalid comparison clause. Expected 'Identifier' found '%s'",
			c.left.text)
	}
	id, err := resolveExpIdent(c.left, expSearchKeys)
	if err != nil {
		return err
	}
	*cl = newClause(c, id.kind, id.key)
	r := c.right
	switch {
	case id.kind == KindTag:
		if !isStringy(r) {
			return errTok(r, "Expected a quoted string value for tag (e.g. 'my-value'). "+
				"Got value %s", r.text)
		}
		cl.Value, err = quotedValue(r)
		return err
	case numericExpAttrs[id.key]:
		if r.kind != tokNumber {
			return errTok(r, "Expected numeric value type for numeric attribute: %s. Found %s",
				id.key, r.text)
		}
		cl.setFloat(r.text)
		return nil
	}
	return cl.setStrings(r, "attributes", false)
}

// checkExpComparator rejects a comparator the clause's kind does not take.
func checkExpComparator(cl *Clause, c comparison) *Error {
	switch {
	case cl.Kind == KindTag:
		return cl.checkComparator(tagComparators, c.cmp)
	case cl.numeric:
		return cl.checkComparator(numericComparators, c.cmp)
	}
	if err := cl.checkComparator(stringComparators, c.cmp); err != nil {
		return err
	}
	return cl.checkList(c.right, "attributes")
}
