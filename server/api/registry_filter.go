package api

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"mlscope/app/mlflow"
)

// The filter grammar of registered-models/search and model-versions/search
// in MLflow's file registry: comparisons joined by AND, each an identifier
// (name, tags.<key>, …), a comparator and a quoted value, a number
// (version_number) or a parenthesised list of quoted strings (run_id IN).
//
// TODO: app/search holds the tracking grammar (issue 4); this small
// parser should move there once that package covers the registry, so the
// browser can check registry filters as the user types.

// regField says how an attribute of a registry search may be compared.
type regField int

const (
	regString regField = iota // =, !=, LIKE, ILIKE
	regNumber                 // =, !=, <, <=, >, >=
	regList                   // as regString, plus IN
)

// regClause is one comparison of a registry filter.
type regClause struct {
	tag   bool // tags.<key> rather than an attribute
	key   string
	op    string
	value string
	list  []string
	num   int64
	re    *regexp.Regexp // LIKE and ILIKE
}

// regToken is one lexical unit of a filter.
type regToken struct {
	kind string // ident, string, number, list, op
	text string
	list []string
}

// parseRegistryFilter reads a filter against the attributes allowed. An
// empty filter matches everything.
func parseRegistryFilter(filter string, attrs map[string]regField) ([]regClause, error) {
	toks, err := lexRegistryFilter(filter)
	if err != nil {
		return nil, err
	}
	var out []regClause
	for i := 0; i < len(toks); {
		if i > 0 {
			if toks[i].kind != "ident" || !strings.EqualFold(toks[i].text, "AND") {
				return nil, badRequest("Invalid clause(s) in filter string: '%s'", filter)
			}
			i++
		}
		if i+3 > len(toks) {
			return nil, badRequest("Invalid filter '%s'. Could not be parsed.", filter)
		}
		c, err := regComparison(toks[i], toks[i+1], toks[i+2], attrs)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
		i += 3
	}
	return out, nil
}

// regComparison checks one identifier, comparator and value.
func regComparison(id, op, val regToken, attrs map[string]regField) (regClause, error) {
	if id.kind != "ident" {
		return regClause{}, badRequest("Invalid filter: expected an identifier, got '%s'", id.text)
	}
	c := regClause{key: id.text}
	field := regString
	if kind, key, ok := strings.Cut(id.text, "."); ok {
		switch kind {
		case "tag", "tags":
			c.tag, c.key = true, trimQuotes(key)
		case "attribute":
			c.key = trimQuotes(key)
		default:
			return c, badRequest("Invalid entity type '%s'. Valid entity types are "+
				"('attribute', 'tag', 'tags')", kind)
		}
	}
	if !c.tag {
		f, ok := attrs[c.key]
		if !ok {
			return c, badRequest("Invalid attribute key '%s' specified. Valid keys are '%s'",
				c.key, keyList(attrs))
		}
		field = f
	}
	c.op = strings.ToUpper(op.text)
	allowed := map[regField]string{
		regString: "=, !=, LIKE, ILIKE", regNumber: "=, !=, <, <=, >, >=",
		regList: "=, !=, LIKE, ILIKE, IN",
	}[field]
	if (op.kind != "op" && op.kind != "ident") || !strings.Contains(", "+allowed+",", " "+c.op+",") {
		return c, badRequest("Invalid comparator '%s' not one of '%s'", op.text, allowed)
	}
	switch {
	case c.op == "IN":
		if val.kind != "list" {
			return c, badRequest("Expected a list of quoted string values for IN, got %s", val.text)
		}
		c.list = val.list
	case field == regNumber:
		n, err := strconv.ParseInt(val.text, 10, 64)
		if val.kind != "number" && val.kind != "string" || err != nil {
			return c, badRequest("Expected an integer value for %s, got %s", c.key, val.text)
		}
		c.num, c.value = n, strconv.FormatInt(n, 10)
	case val.kind != "string":
		return c, badRequest("Expected a quoted string value for %s (e.g. 'my-value'). "+
			"Got value %s", c.key, val.text)
	default:
		c.value = val.text
	}
	if c.op == "LIKE" || c.op == "ILIKE" {
		c.re = likePattern(c.value, c.op == "ILIKE")
	}
	return c, nil
}

func keyList(attrs map[string]regField) string {
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return "{" + strings.Join(keys, ", ") + "}"
}

func trimQuotes(s string) string {
	if len(s) >= 2 && (s[0] == '`' || s[0] == '"') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// likePattern turns SQL LIKE wildcards (% and _) into an anchored regexp.
func likePattern(p string, fold bool) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("(?s)")
	if fold {
		b.WriteString("(?i)")
	}
	b.WriteString("^")
	for _, r := range p {
		switch r {
		case '%':
			b.WriteString(".*")
		case '_':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// match reports whether a value passes the clause; ok is false when the
// entity has no such value (a missing tag), which never matches.
func (c regClause) match(v string, ok bool) bool {
	if !ok {
		return false
	}
	switch c.op {
	case "=":
		return v == c.value
	case "!=":
		return v != c.value
	case "LIKE", "ILIKE":
		return c.re.MatchString(v)
	case "IN":
		for _, x := range c.list {
			if v == x {
				return true
			}
		}
		return false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return false
	}
	switch c.op {
	case "<":
		return n < c.num
	case "<=":
		return n <= c.num
	case ">":
		return n > c.num
	}
	return n >= c.num
}

// matchAll reports whether an entity passes every clause. get returns an
// attribute's value; tags are looked up in the list.
func matchAll(cs []regClause, get func(key string) string, tags []mlflow.Tag) bool {
	for _, c := range cs {
		var v string
		ok := true
		if c.tag {
			v, ok = tagValue(tags, c.key)
		} else {
			v = get(c.key)
		}
		if !c.match(v, ok) {
			return false
		}
	}
	return true
}

func tagValue(tags []mlflow.Tag, key string) (string, bool) {
	for _, t := range tags {
		if t.Key == key {
			return t.Value, true
		}
	}
	return "", false
}
