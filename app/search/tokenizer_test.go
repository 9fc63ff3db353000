package search

import (
	"fmt"
	"strings"
	"testing"
)

func TestLex(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"comparison", "metrics.acc>=0.5", "ident:metrics.acc op:>= num:0.5"},
		{"quoted key", `metrics."val loss" < -1e-3`, `ident:metrics."val loss" op:< num:-1e-3`},
		{"backticks", "`tags`.`my-tag` = 'x'", "ident:`tags`.`my-tag` op:= str:'x'"},
		{"escaped quote", `tags.a = 'it''s' AND b='\''`,
			`ident:tags.a op:= str:'it''s' kw:AND ident:b op:= str:'\''`},
		{"keywords any case", "a not in ('x') or b is null",
			"ident:a kw:not kw:in paren:('x') kw:or ident:b kw:is kw:null"},
		{"not like joins", "a NOT  ilike 'x'", "ident:a op:NOT  ilike str:'x'"},
		{"like word", "a LIKE 'x'", "ident:a op:LIKE str:'x'"},
		{"number forms", "1 .5 2. -3 4e5 6E+7 0x1F 1abc",
			"num:1 num:.5 num:2. num:-3 num:4e5 num:6E+7 ident:0x1F ident:1abc"},
		{"punctuation", "a - b ; ,", "ident:a punct:- ident:b punct:; punct:,"},
		{"trailing dot", "metrics. = 1", "ident:metrics. op:= num:1"},
		{"digit key", "metrics.1st = 1", "ident:metrics.1st op:= num:1"},
		{"nested parens", "((a)) (", "paren:((a)) punct:("},
		{"unmatched close", ") a", "punct:) ident:a"},
		{"unterminated string", "a = 'x", "ident:a op:= bad:'x"},
		{"unterminated key", `metrics."x = 1`, `bad:metrics."x = 1`},
		{"unicode", "tags.ключ = 'значение'", "ident:tags.ключ op:= str:'значение'"},
	}
	names := map[tokKind]string{tokIdent: "ident", tokNumber: "num", tokString: "str",
		tokOp: "op", tokKeyword: "kw", tokParen: "paren", tokPunct: "punct", tokBad: "bad"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tok := range lex(tt.in) {
				if tok.text != tt.in[tok.pos:tok.end] {
					t.Errorf("token %q is not its span %d:%d", tok.text, tok.pos, tok.end)
				}
				got = append(got, fmt.Sprintf("%s:%s", names[tok.kind], tok.text))
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("lex(%q)\n got  %s\n want %s", tt.in, g, tt.want)
			}
		})
	}
}
