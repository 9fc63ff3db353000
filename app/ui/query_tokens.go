package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"mlscope/app/search"
)

// This file reads a runs filter as it is typed, for the search box: it cuts
// the text into coloured spans and finds the key being typed for
// completion. It only needs to look right; app/search decides what is
// valid.

// qtoken kinds.
const (
	qSpace = iota
	qWord  // identifier: words, "double" or `back` quoted parts joined by dots
	qString
	qNumber
	qOp
	qKeyword
	qPunct
	qOther
)

// qtoken is a token of a filter being typed. bad marks a quote that is
// not closed yet.
type qtoken struct {
	kind     int
	pos, end int
	bad      bool
}

// filterKeywords are the words of the grammar that are not identifiers.
var filterKeywords = map[string]int{
	"AND": qKeyword, "OR": qKeyword, "NOT": qKeyword, "IN": qKeyword, "IS": qKeyword,
	"NULL": qKeyword, "LIKE": qOp, "ILIKE": qOp, "RLIKE": qOp, "REGEXP": qOp,
}

func isFilterKeyword(w string) bool {
	_, ok := filterKeywords[strings.ToUpper(w)]
	return ok
}

// scanFilter cuts src into tokens that cover it end to end.
func scanFilter(src string) []qtoken {
	var out []qtoken
	for i := 0; i < len(src); {
		t := scanOne(src, i)
		out = append(out, t)
		i = t.end
	}
	return out
}

func scanOne(src string, i int) qtoken {
	r, w := utf8.DecodeRuneInString(src[i:])
	switch {
	case unicode.IsSpace(r):
		j := i
		for j < len(src) {
			r, w := utf8.DecodeRuneInString(src[j:])
			if !unicode.IsSpace(r) {
				break
			}
			j += w
		}
		return qtoken{kind: qSpace, pos: i, end: j}
	case r == '\'':
		end, ok := search.QuotedEnd(src, i)
		return qtoken{kind: qString, pos: i, end: end, bad: !ok}
	case search.NumberEnd(src, i) > i:
		return qtoken{kind: qNumber, pos: i, end: search.NumberEnd(src, i)}
	case r == '"' || r == '`' || search.IsWordStart(r):
		return scanWord(src, i)
	case strings.ContainsRune("<>=!~", r):
		j := i
		for j < len(src) && strings.IndexByte("<>=!~", src[j]) >= 0 {
			j++
		}
		return qtoken{kind: qOp, pos: i, end: j}
	case strings.ContainsRune("(),", r):
		return qtoken{kind: qPunct, pos: i, end: i + w}
	}
	return qtoken{kind: qOther, pos: i, end: i + w}
}

// scanWord reads an identifier, or a keyword spelled like one.
func scanWord(src string, i int) qtoken {
	t := qtoken{kind: qWord, pos: i}
	j := i
	for {
		if j < len(src) && (src[j] == '"' || src[j] == '`') {
			end, ok := search.QuotedEnd(src, j)
			j = end
			if !ok {
				t.bad = true
				break
			}
		} else {
			for j < len(src) {
				r, w := utf8.DecodeRuneInString(src[j:])
				if !search.IsWordRune(r) {
					break
				}
				j += w
			}
		}
		if j >= len(src) || src[j] != '.' {
			break
		}
		j++ // a dot joins parts, and a trailing one belongs to the word
	}
	t.end = j
	if k, ok := filterKeywords[strings.ToUpper(src[i:j])]; ok {
		t.kind = k
	}
	return t
}

// entityKinds maps the entity prefixes of identifiers to the plural form
// the UI writes.
var entityKinds = map[string]string{
	"metric": "metrics", "metrics": "metrics",
	"param": "params", "params": "params", "parameter": "params", "parameters": "params",
	"tag": "tags", "tags": "tags",
	"attribute": "attributes", "attributes": "attributes", "attr": "attributes",
	"run": "attributes", "dataset": "datasets", "datasets": "datasets",
}

// splitEntity cuts an identifier at its first dot outside quotes. ok is
// false when the text before the dot is not an entity prefix.
func splitEntity(word string) (kind, key string, ok bool) {
	dot := strings.IndexByte(word, '.')
	if dot < 0 || strings.ContainsAny(word[:dot], "\"`") {
		return "", "", false
	}
	kind, ok = entityKinds[strings.ToLower(strings.Trim(word[:dot], "`"))]
	return kind, word[dot+1:], ok
}

// querySpan is a piece of the search box's text with its colour class
// (q-prefix, q-key, q-op, q-kw, q-str, q-num, q-punct, or "" for plain
// text); err marks the part an error is about.
type querySpan struct {
	Text  string
	Class string
	Err   bool
}

// highlightQuery cuts src into spans that join back into src, and marks
// the error span [errPos, errPos+errLen) when errPos is not negative. An
// error of length zero (at the end of the text) becomes an empty span
// with Err set, which the box draws as a marker.
func highlightQuery(src string, errPos, errLen int) []querySpan {
	var spans []querySpan
	afterOp := false // a value is expected: quoted words are strings there
	for _, t := range scanFilter(src) {
		text := src[t.pos:t.end]
		switch t.kind {
		case qWord:
			spans = append(spans, wordSpans(text, afterOp)...)
		default:
			spans = append(spans, querySpan{Text: text, Class: tokenClass(t)})
		}
		if t.kind != qSpace {
			afterOp = t.kind == qOp || (t.kind == qKeyword && strings.EqualFold(text, "IN"))
		}
	}
	if errPos < 0 {
		return spans
	}
	return markSpans(spans, errPos, errLen)
}

func tokenClass(t qtoken) string {
	switch {
	case t.bad:
		return "q-bad"
	case t.kind == qString:
		return "q-str"
	case t.kind == qNumber:
		return "q-num"
	case t.kind == qOp:
		return "q-op"
	case t.kind == qKeyword:
		return "q-kw"
	case t.kind == qPunct:
		return "q-punct"
	}
	return ""
}

// wordSpans colours an identifier: its entity prefix and its key, or a
// string when it stands where a value goes.
func wordSpans(text string, value bool) []querySpan {
	if value {
		return []querySpan{{Text: text, Class: "q-str"}}
	}
	if _, key, ok := splitEntity(text); ok {
		prefix := text[:len(text)-len(key)]
		return []querySpan{{Text: prefix, Class: "q-prefix"}, {Text: key, Class: "q-key"}}
	}
	return []querySpan{{Text: text, Class: "q-key"}}
}

// markSpans splits the spans at the error's bounds and marks those inside.
func markSpans(spans []querySpan, pos, n int) []querySpan {
	var out []querySpan
	at := 0
	marked := false
	for _, s := range spans {
		a, b := at, at+len(s.Text)
		at = b
		if n == 0 && pos == a && !marked {
			out = append(out, querySpan{Err: true})
			marked = true
		}
		lo, hi := max(a, pos), min(b, pos+n)
		if n == 0 || lo >= hi {
			out = append(out, s)
			continue
		}
		if lo > a {
			out = append(out, querySpan{Text: s.Text[:lo-a], Class: s.Class})
		}
		out = append(out, querySpan{Text: s.Text[lo-a : hi-a], Class: s.Class, Err: true})
		if hi < b {
			out = append(out, querySpan{Text: s.Text[hi-a:], Class: s.Class})
		}
		marked = true
	}
	if !marked {
		out = append(out, querySpan{Err: true})
	}
	return out
}

// completion is the key being typed at the cursor: src[Start:End] is the
// identifier the chosen suggestion replaces. Kind is "" while no entity
// prefix is typed yet, else "metrics", "params", "tags" or "attributes";
// Partial is the part of the key typed so far.
type completion struct {
	Start, End int
	Kind       string
	Partial    string
}

// completionAt finds the identifier being typed at the cursor (a byte
// offset) in a place where a clause starts: at the beginning or after
// AND. ok is false elsewhere, such as in a value.
func completionAt(src string, cursor int) (completion, bool) {
	cursor = min(max(cursor, 0), len(src))
	var prev, cur *qtoken // the last significant token before the word, and the word
	toks := scanFilter(src)
	for i := range toks {
		t := &toks[i]
		if t.pos >= cursor {
			break
		}
		if t.kind == qSpace {
			continue
		}
		if t.end >= cursor && t.kind == qWord {
			cur = t
			break
		}
		prev = t
	}
	atStart := prev == nil || (prev.kind == qKeyword && strings.EqualFold(src[prev.pos:prev.end], "AND"))
	if !atStart {
		return completion{}, false
	}
	if cur == nil {
		// Nothing typed yet: offer the prefixes only after an AND, not in an
		// empty box.
		if prev == nil {
			return completion{}, false
		}
		return completion{Start: cursor, End: cursor}, true
	}
	c := completion{Start: cur.pos, End: cur.end}
	word := src[cur.pos:cursor]
	if kind, key, ok := splitEntity(word); ok {
		c.Kind, c.Partial = kind, strings.Trim(key, "`\"")
		return c, kind != "datasets"
	}
	if strings.Contains(word, ".") {
		return completion{}, false
	}
	c.Partial = word
	return c, true
}

// suggestion is one entry of the completion list: the text to put in
// place of the identifier, and a label with the kind of the key.
type suggestion struct {
	Insert string
	Label  string
	Kind   string // "metric", "param", "tag", "attribute" or "prefix"
}

// runAttributes are the attributes a filter may name.
var runAttributes = []string{"run_name", "status", "start_time", "end_time", "user_id",
	"run_id", "artifact_uri"}

// maxSuggestions bounds the completion list.
const maxSuggestions = 40

// suggest lists the completions of c from the known keys: the keys of the
// typed kind that start with the typed part, then those that contain it;
// with no kind typed yet, the entity prefixes, attributes and keys of
// every kind that start with it.
func suggest(c completion, keys tableKeys) []suggestion {
	p := strings.ToLower(c.Partial)
	var head, tail []suggestion
	add := func(kind, label, insert, name string) {
		s := suggestion{Insert: insert, Label: label, Kind: kind}
		n := strings.ToLower(name)
		switch {
		case strings.HasPrefix(n, p):
			head = append(head, s)
		case c.Kind != "" && strings.Contains(n, p):
			tail = append(tail, s)
		}
	}
	addKeys := func(kind, plural string, list []string) {
		for _, k := range list {
			id := identifier(plural, k)
			add(kind, id, id+" ", k)
		}
	}
	switch c.Kind {
	case "":
		for _, pre := range []string{"metrics", "params", "tags", "attributes"} {
			add("prefix", pre+".", pre+".", pre)
		}
		for _, a := range runAttributes {
			add("attribute", "attributes."+a, "attributes."+a+" ", a)
		}
		if p != "" { // keys too, once something is typed
			addKeys("metric", "metrics", keys.Metrics)
			addKeys("param", "params", keys.Params)
			addKeys("tag", "tags", keys.Tags)
		}
	case "metrics":
		addKeys("metric", "metrics", keys.Metrics)
	case "params":
		addKeys("param", "params", keys.Params)
	case "tags":
		addKeys("tag", "tags", keys.Tags)
	case "attributes":
		for _, a := range runAttributes {
			add("attribute", "attributes."+a, "attributes."+a+" ", a)
		}
	}
	out := append(head, tail...)
	return out[:min(len(out), maxSuggestions)]
}

// applySuggestion puts s in place of the completed identifier and returns
// the new text and the cursor after the insertion.
func applySuggestion(src string, c completion, s suggestion) (string, int) {
	rest := src[c.End:]
	if strings.HasSuffix(s.Insert, " ") && strings.HasPrefix(rest, " ") {
		rest = rest[1:]
	}
	return src[:c.Start] + s.Insert + rest, c.Start + len(s.Insert)
}
