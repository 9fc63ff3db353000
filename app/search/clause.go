package search

import "strings"

// Kind is the part of a run or experiment that an identifier names.
type Kind uint8

// Identifier kinds, named as MLflow names its entity types.
const (
	KindAttribute Kind = iota + 1 // attribute.<key> or a bare key
	KindMetric                    // metric.<key>, metrics.<key>
	KindParam                     // parameter.<key>, param.<key>, ...
	KindTag                       // tag.<key>, tags.<key>
	KindDataset                   // dataset.<key>, datasets.<key>
)

// String returns MLflow's canonical name of the kind.
func (k Kind) String() string {
	switch k {
	case KindAttribute:
		return "attribute"
	case KindMetric:
		return "metric"
	case KindParam:
		return "parameter"
	case KindTag:
		return "tag"
	case KindDataset:
		return "dataset"
	}
	return "unknown"
}

// Clause is one comparison of a filter, as parsed.
type Clause struct {
	// Kind says what the identifier names: an attribute, metric, ...
	Kind Kind
	// Key is the name after quotes are stripped and attribute aliases
	// (created, "run name", ...) are translated.
	Key string
	// Comparator is upper-cased: = != < <= > >= LIKE ILIKE IN NOT IN.
	Comparator string
	// Value is the unquoted string value, or the number or list as written.
	Value string
	// Values is the list of an IN or NOT IN comparison, after MLflow drops
	// the entries that are not lower-case.
	Values []string
	// Pos and Len give the clause's span in the filter.
	Pos, Len int

	op      op
	list    bool    // the value was a parenthesised list
	numeric bool    // compared as a number (metrics, numeric attributes)
	num     float64 // the number, for metrics and experiment times
	inum    int64   // the integer, for numeric run attributes
	over    int8    // +1 or -1 when the integer is beyond int64
}

// op is a comparator.
type op uint8

const (
	opEQ op = iota + 1
	opNE
	opLT
	opLE
	opGT
	opGE
	opLike
	opILike
	opIn
	opNotIn
)

var ops = map[string]op{
	"=": opEQ, "!=": opNE, "<": opLT, "<=": opLE, ">": opGT, ">=": opGE,
	"LIKE": opLike, "ILIKE": opILike, "IN": opIn, "NOT IN": opNotIn,
}

// Comparator sets as MLflow prints them (a Python set; sorted here so that
// the message is stable).
const (
	numericComparators = "{'!=', '<', '<=', '=', '>', '>='}"
	tagComparators     = "{'!=', '=', 'ILIKE', 'LIKE'}"
	stringComparators  = "{'!=', '=', 'ILIKE', 'IN', 'LIKE', 'NOT IN'}"
)

// allowed reports whether o is in the comparator set named by its repr.
func allowed(set string, o op) bool {
	switch set {
	case numericComparators:
		return o >= opEQ && o <= opGE
	case tagComparators:
		return o == opEQ || o == opNE || o == opLike || o == opILike
	}
	return o == opEQ || o == opNE || o == opLike || o == opILike || o == opIn || o == opNotIn
}

// checkComparator rejects a comparator outside set, with MLflow's message.
func (c *Clause) checkComparator(set string, t token) *Error {
	if c.op != 0 && allowed(set, c.op) {
		return nil
	}
	return errTok(t, "Invalid comparator '%s' not one of '%s'", c.Comparator, set)
}

// checkList rejects a list compared with anything but IN and NOT IN. MLflow
// compares a string with a tuple (never equal) or fails; we refuse it.
func (c *Clause) checkList(t token, what string) *Error {
	if c.list == (c.op == opIn || c.op == opNotIn) {
		return nil
	}
	return errTok(t, "Expected a quoted string value for %s. Got value %s", what, t.text)
}

// comparison is a clause's three tokens.
type comparison struct {
	left, cmp, right token
}

// span returns the clause's byte span.
func (c comparison) span() (int, int) { return c.left.pos, c.right.end - c.left.pos }

// newClause starts a Clause for a comparison.
func newClause(c comparison, kind Kind, key string) Clause {
	pos, n := c.span()
	cmp := strings.ToUpper(c.cmp.text)
	if c.cmp.word != "" {
		cmp = c.cmp.word
	}
	return Clause{Kind: kind, Key: key, Comparator: cmp, op: ops[cmp], Pos: pos, Len: n}
}

// isQuoted reports whether s is wrapped in q on both ends.
func isQuoted(s string, q byte) bool {
	return len(s) >= 2 && s[0] == q && s[len(s)-1] == q
}

// stripQuotes removes one pair of single or double quotes, as MLflow does
// for keys and values (no unescaping).
func stripQuotes(s string) (string, bool) {
	if isQuoted(s, '\'') || isQuoted(s, '"') {
		return s[1 : len(s)-1], true
	}
	return s, false
}

// trimBackticks removes one pair of backticks.
func trimBackticks(s string) string {
	if isQuoted(s, '`') {
		return s[1 : len(s)-1]
	}
	return s
}

// quotedValue returns the value of a string or identifier token, which
// must be quoted with single or double quotes.
func quotedValue(t token) (string, *Error) {
	v, ok := stripQuotes(t.text)
	if !ok {
		return "", errTok(t, "Parameter value is either not quoted or unidentified quote "+
			"types used for string value %s. Use either single or double quotes.", t.text)
	}
	return v, nil
}

// isStringy reports whether MLflow accepts t as a string value token.
func isStringy(t token) bool { return t.kind == tokString || t.kind == tokIdent }
