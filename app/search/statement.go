package search

import "strings"

// splitStatement cuts a filter into comparisons joined by AND, the way
// MLflow reads a parsed SQL statement: comparisons and AND keywords are
// kept, any other token is an invalid clause. quoteClauses selects the
// runs' message form ('a', 'b') over the experiments' one (a, b).
func splitStatement(src string, quoteClauses bool) ([]comparison, *Error) {
	toks := lex(src)
	if err := checkSingleStatement(src, toks); err != nil {
		return nil, err
	}
	var comps []comparison
	var bad []token
	badEnd := -1 // index in toks just past the first run of invalid tokens
	for i := 0; i < len(toks); {
		if c, n := comparisonAt(toks, i); n > 0 {
			comps = append(comps, c)
			i += n
			continue
		}
		t := toks[i]
		i++
		if t.kind == tokKeyword && t.word == "AND" {
			continue
		}
		if len(bad) == 0 || badEnd == i-1 {
			badEnd = i
		}
		bad = append(bad, t)
	}
	if len(bad) == 0 {
		return comps, nil
	}
	parts := make([]string, len(bad))
	for i, t := range bad {
		parts[i] = t.text
		if quoteClauses {
			parts[i] = "'" + t.text + "'"
		}
	}
	first, last := bad[0], toks[badEnd-1]
	return nil, errAt(first.pos, last.end-first.pos,
		"Invalid clause(s) in filter string: %s", strings.Join(parts, ", "))
}

// checkSingleStatement rejects text after a top-level semicolon: MLflow
// then sees several SQL statements. A trailing semicolon alone is left to
// be reported as an invalid clause, as MLflow does.
func checkSingleStatement(src string, toks []token) *Error {
	for i, t := range toks {
		if t.kind == tokPunct && t.text == ";" && i+1 < len(toks) {
			return errAt(t.pos, len(src)-t.pos, "Search filter contained multiple expression "+
				"%s. Provide AND-ed expression list.", pyStr(src))
		}
	}
	return nil
}

// comparisonAt recognises a comparison starting at toks[i] and returns it
// with the number of tokens it takes, or 0.
func comparisonAt(toks []token, i int) (comparison, int) {
	if i+2 < len(toks) && isOperand(toks[i]) && toks[i+1].kind == tokOp &&
		isOperand(toks[i+2]) {
		return comparison{toks[i], toks[i+1], toks[i+2]}, 3
	}
	if toks[i].kind != tokIdent || i+2 >= len(toks) {
		return comparison{}, 0
	}
	a, b := toks[i+1], toks[i+2]
	if isWord(a, "IN") && b.kind == tokParen {
		a.word = "IN"
		return comparison{toks[i], a, b}, 3
	}
	if i+3 < len(toks) && isWord(a, "NOT") && isWord(b, "IN") && toks[i+3].kind == tokParen {
		op := token{kind: tokOp, pos: a.pos, end: b.end, text: a.text + " " + b.text,
			word: "NOT IN"}
		return comparison{toks[i], op, toks[i+3]}, 4
	}
	return comparison{}, 0
}

// isOperand reports whether t may stand on either side of a comparison
// operator in MLflow's SQL grouping.
func isOperand(t token) bool {
	switch t.kind {
	case tokIdent, tokNumber, tokString, tokParen:
		return true
	}
	return isWord(t, "NULL")
}

func isWord(t token, w string) bool { return t.kind == tokKeyword && t.word == w }
