package ui

import (
	"reflect"
	"strings"
	"testing"
)

// spanText shows spans as "class:text" items, with ! for error spans.
func spanText(spans []querySpan) string {
	var parts []string
	for _, s := range spans {
		if strings.TrimSpace(s.Text) == "" && !s.Err {
			continue
		}
		p := s.Class + ":" + s.Text
		if s.Err {
			p = "!" + p
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

func TestHighlightQuery(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		pos, len int
		want     string
	}{
		{"clauses", "metrics.rmse < 0.8 and params.model = 'tree'", -1, 0,
			"q-prefix:metrics. q-key:rmse q-op:< q-num:0.8 q-kw:and q-prefix:params. " +
				"q-key:model q-op:= q-str:'tree'"},
		{"quoted key and IN list", "tags.`my key` IN ('a', 'b')", -1, 0,
			"q-prefix:tags. q-key:`my key` q-kw:IN q-punct:( q-str:'a' q-punct:, q-str:'b' q-punct:)"},
		{"bare attribute and LIKE", "status LIKE 'FIN%'", -1, 0,
			"q-key:status q-op:LIKE q-str:'FIN%'"},
		// A double-quoted value is an identifier to the grammar but reads as a string.
		{"double-quoted value", `params.a = "x"`, -1, 0,
			`q-prefix:params. q-key:a q-op:= q-str:"x"`},
		{"unclosed quote", "params.a = 'x", -1, 0, "q-prefix:params. q-key:a q-op:= q-bad:'x"},
		{"negative number", "metrics.a > -1e-3", -1, 0, "q-prefix:metrics. q-key:a q-op:> q-num:-1e-3"},
		{"error inside a token", "metrics.rmse ~ 1", 13, 1,
			"q-prefix:metrics. q-key:rmse !q-op:~ q-num:1"},
		{"error across tokens", "foo.b = 'x'", 0, 3, "!q-key:foo q-key:.b q-op:= q-str:'x'"},
		{"error at the end", "metrics.a <", 11, 0, "q-prefix:metrics. q-key:a q-op:< !:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := highlightQuery(tt.src, tt.pos, tt.len)
			var joined strings.Builder
			for _, s := range spans {
				joined.WriteString(s.Text)
			}
			if joined.String() != tt.src {
				t.Errorf("spans of %q join to %q", tt.src, joined.String())
			}
			if got := spanText(spans); got != tt.want {
				t.Errorf("highlightQuery(%q, %d, %d)\n got %s\nwant %s", tt.src, tt.pos, tt.len,
					got, tt.want)
			}
		})
	}
}

func TestCompletionAt(t *testing.T) {
	tests := []struct {
		name   string
		src    string // | marks the cursor
		want   completion
		wantOK bool
	}{
		{"prefix being typed", "met|", completion{0, 3, "", "met"}, true},
		{"metric key", "metrics.rm|", completion{0, 10, "metrics", "rm"}, true},
		{"singular prefix", "metric.rm|", completion{0, 9, "metrics", "rm"}, true},
		{"after and", "metrics.a < 1 and params.l|", completion{18, 26, "params", "l"}, true},
		{"cursor inside the word", "metrics.rm|se < 1", completion{0, 12, "metrics", "rm"}, true},
		{"backticked key", "tags.`my k|", completion{0, 10, "tags", "my k"}, true},
		{"empty after and", "metrics.a < 1 and |", completion{18, 18, "", ""}, true},
		{"empty box", "|", completion{}, false},
		{"in a value", "params.a = tre|", completion{}, false},
		{"after a key", "metrics.rmse |", completion{}, false},
		{"datasets are not completed", "datasets.na|", completion{}, false},
		{"unknown prefix", "foo.b|", completion{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := strings.Index(tt.src, "|")
			src := strings.Replace(tt.src, "|", "", 1)
			got, ok := completionAt(src, cur)
			if ok != tt.wantOK || (ok && got != tt.want) {
				t.Errorf("completionAt(%q, %d) = %+v, %v; want %+v, %v", src, cur, got, ok,
					tt.want, tt.wantOK)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	keys := tableKeys{Metrics: []string{"r2", "rmse", "train/loss", "val_rmse"},
		Params: []string{"alpha", "max_depth"}, Tags: []string{"team"}}
	labels := func(ss []suggestion) []string {
		var out []string
		for _, s := range ss {
			out = append(out, s.Label)
		}
		return out
	}
	tests := []struct {
		name string
		c    completion
		want []string
	}{
		{"metric keys, prefix matches first", completion{Kind: "metrics", Partial: "rm"},
			[]string{"metrics.rmse", "metrics.val_rmse"}},
		{"quoted when needed", completion{Kind: "metrics", Partial: "loss"},
			[]string{"metrics.`train/loss`"}},
		{"all params", completion{Kind: "params"}, []string{"params.alpha", "params.max_depth"}},
		{"attributes", completion{Kind: "attributes", Partial: "st"},
			[]string{"attributes.status", "attributes.start_time"}},
		{"nothing typed offers the prefixes and attributes", completion{},
			[]string{"metrics.", "params.", "tags.", "attributes.", "attributes.run_name",
				"attributes.status", "attributes.start_time", "attributes.end_time",
				"attributes.user_id", "attributes.run_id", "attributes.artifact_uri"}},
		{"a bare word finds prefixes and keys", completion{Partial: "t"},
			[]string{"tags.", "metrics.`train/loss`", "tags.team"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := labels(suggest(tt.c, keys)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("suggest(%+v) = %q, want %q", tt.c, got, tt.want)
			}
		})
	}
}

func TestApplySuggestion(t *testing.T) {
	src := "metrics.rm < 1"
	c, _ := completionAt(src, 10)
	got, at := applySuggestion(src, c, suggestion{Insert: "metrics.rmse "})
	if got != "metrics.rmse < 1" || at != 13 {
		t.Errorf("got %q, cursor %d", got, at)
	}
	got, at = applySuggestion("par", completion{0, 3, "", "par"}, suggestion{Insert: "params."})
	if got != "params." || at != 7 {
		t.Errorf("got %q, cursor %d", got, at)
	}
}

func TestByteOffsets(t *testing.T) {
	s := "a é 😀 b"
	for b := range s { // every rune start survives the round trip
		if back := byteOffset(s, utf16Offset(s, b)); back != b {
			t.Errorf("byte %d → UTF-16 %d → byte %d", b, utf16Offset(s, b), back)
		}
	}
	if got := byteOffset(s, 6); got != 9 { // after the emoji, two UTF-16 units
		t.Errorf("byteOffset after the emoji = %d, want 9", got)
	}
}
