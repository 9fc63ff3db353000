package search

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseRunFilter(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // kind key comparator value [values]
	}{
		{"empty", "", nil},
		{"blank", "  \t\n", nil},
		{"metric", "metrics.acc > 0.5", []string{"metric acc > 0.5 []"}},
		{"metric alias prefix", "metric.acc <= -1", []string{"metric acc <= -1 []"}},
		{"and any case", "metrics.a = 1 and params.b = '2' AnD tags.c != '3'", []string{
			"metric a = 1 []", "parameter b = 2 []", "tag c != 3 []"}},
		{"param prefixes", "param.a = 'x' AND parameter.b = 'y' AND parameters.c = 'z'",
			[]string{"parameter a = x []", "parameter b = y []", "parameter c = z []"}},
		{"tag prefix", "tag.x LIKE '%a_'", []string{"tag x LIKE %a_ []"}},
		{"double-quoted value", `params.x = "v w"`, []string{"parameter x = v w []"}},
		{"quoted keys", "metrics.\"val loss\" < 1 and tags.`my-tag` ILIKE 'A%'",
			[]string{"metric val loss < 1 []", "tag my-tag ILIKE A% []"}},
		{"dotted key", "metrics.val.loss > 0", []string{"metric val.loss > 0 []"}},
		{"backticked prefix", "`params`.lr = '1'", []string{"parameter lr = 1 []"}},
		{"bare attributes", "status = 'FINISHED' and user_id != 'bob'",
			[]string{"attribute status = FINISHED []", "attribute user_id != bob []"}},
		{"attribute prefixes", "attr.run_id = 'a' and run.artifact_uri LIKE 's3%' and " +
			"attributes.end_time >= 5", []string{"attribute run_id = a []",
			"attribute artifact_uri LIKE s3% []", "attribute end_time >= 5 []"}},
		{"created alias", "created > 100 AND Created < 200",
			[]string{"attribute start_time > 100 []", "attribute start_time < 200 []"}},
		{"run name alias", "`Run Name` = 'x' and \"run name\" != 'y' and attributes.`Run name` = 'z'",
			[]string{"attribute run_name = x []", "attribute run_name != y []",
				"attribute run_name = z []"}},
		{"run_id in", "run_id IN ('abc', \"def\", 'GHI', '123')",
			[]string{"attribute run_id IN ('abc', \"def\", 'GHI', '123') [abc def]"}},
		{"run_id not in", "attributes.run_id not in ('a',)",
			[]string{"attribute run_id NOT IN ('a',) [a]"}},
		{"adjacent list strings", "run_id IN ('a' 'b', 'c')",
			[]string{"attribute run_id IN ('a' 'b', 'c') [ab c]"}},
		{"list escapes", `run_id IN ('a\'b', 'c''d')`,
			[]string{`attribute run_id IN ('a\'b', 'c''d') [a'b cd]`}},
		{"datasets", "dataset.name IN ('a','b') and datasets.digest = 'x' and " +
			"dataset.context LIKE 'train%'", []string{"dataset name IN ('a','b') [a b]",
			"dataset digest = x []", "dataset context LIKE train% []"}},
		{"dataset not in", "dataset.context NOT IN ('eval')",
			[]string{"dataset context NOT IN ('eval') [eval]"}},
		{"value kept raw", `tags.a = 'it''s'`, []string{"tag a = it''s []"}},
		{"alias applies to all kinds", "metrics.created > 1",
			[]string{"metric start_time > 1 []"}},
		{"comparisons without and", "metrics.a > 1 metrics.b < 2 AND",
			[]string{"metric a > 1 []", "metric b < 2 []"}},
		{"leading and", "AND metrics.a > 1", []string{"metric a > 1 []"}},
		{"empty key", "metrics. > 1", []string{"metric  > 1 []"}},
		{"huge integer", "start_time < 99999999999999999999",
			[]string{"attribute start_time < 99999999999999999999 []"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseRunFilter(tt.in)
			if err != nil {
				t.Fatalf("ParseRunFilter(%q): %v", tt.in, err)
			}
			got := clauseStrings(f.Clauses)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("ParseRunFilter(%q)\n got  %q\n want %q", tt.in, got, tt.want)
			}
			for _, c := range f.Clauses {
				if c.Pos < 0 || c.Pos+c.Len > len(tt.in) {
					t.Errorf("clause span %d+%d outside %q", c.Pos, c.Len, tt.in)
				}
			}
		})
	}
}

func clauseStrings(cs []Clause) []string {
	var out []string
	for _, c := range cs {
		out = append(out, fmt.Sprintf("%s %s %s %s %v", c.Kind, c.Key, c.Comparator, c.Value,
			c.Values))
	}
	return out
}

func TestParseRunFilterErrors(t *testing.T) {
	const (
		metricCmp = "{'!=', '<', '<=', '=', '>', '>='}"
		tagCmp    = "{'!=', '=', 'ILIKE', 'LIKE'}"
		strCmp    = "{'!=', '=', 'ILIKE', 'IN', 'LIKE', 'NOT IN'}"
		attrKeys  = "{'Created', 'Run Name', 'Run name', 'artifact_uri', 'created', " +
			"'end_time', 'run name', 'run_id', 'run_name', 'start_time', 'status', 'user_id'}"
		entities = "['metric', 'parameter', 'tag', 'attribute', 'dataset']"
	)
	tests := []struct {
		name, in, msg string
		pos, n        int
	}{
		{"or", "metrics.a > 1 OR metrics.b < 2",
			"Invalid clause(s) in filter string: 'OR'", 14, 2},
		{"is null", "metrics.a IS NULL",
			"Invalid clause(s) in filter string: 'metrics.a', 'IS', 'NULL'", 0, 17},
		{"is not null", "params.a is not null",
			"Invalid clause(s) in filter string: 'params.a', 'is', 'not', 'null'", 0, 20},
		{"grouping", "(metrics.a > 1) and metrics.b < 2",
			"Invalid clause(s) in filter string: '(metrics.a > 1)'", 0, 15},
		{"not", "NOT metrics.a > 1", "Invalid clause(s) in filter string: 'NOT'", 0, 3},
		{"lone identifier", "metrics.a", "Invalid clause(s) in filter string: 'metrics.a'", 0, 9},
		{"missing value", "metrics.a >",
			"Invalid clause(s) in filter string: 'metrics.a', '>'", 0, 11},
		{"two runs of junk", "x = 1 OR y = 2 OR z",
			"Invalid clause(s) in filter string: 'OR', 'OR', 'z'", 6, 2},
		{"trailing semicolon", "metrics.a > 1;",
			"Invalid clause(s) in filter string: ';'", 13, 1},
		{"unterminated string", "tags.a = 'x",
			"Invalid clause(s) in filter string: 'tags.a', '=', ''x'", 0, 11},
		{"unmatched paren", "run_id IN ('a'",
			"Invalid clause(s) in filter string: 'run_id', 'IN', '(', ''a''", 0, 14},
		{"in without list", "run_id IN 'a'",
			"Invalid clause(s) in filter string: 'run_id', 'IN', ''a''", 0, 13},
		{"operator junk", "metrics.val-loss > 1",
			"Invalid clause(s) in filter string: 'metrics.val', '-'", 0, 12},
		{"multiple statements", "metrics.a > 1; metrics.b < 2",
			"Search filter contained multiple expression 'metrics.a > 1; metrics.b < 2'. " +
				"Provide AND-ed expression list.", 13, 15},
		{"number on the left", "1 = metrics.a",
			"Invalid comparison clause. Expected 'Identifier' found '1'", 0, 1},
		{"string on the left", "'metrics.a' = 1",
			"Invalid comparison clause. Expected 'Identifier' found ''metrics.a''", 0, 11},
		{"null on the left", "NULL = 1",
			"Invalid comparison clause. Expected 'Identifier' found 'NULL'", 0, 4},
		{"bad entity", "metricz.a > 1",
			"Invalid entity type 'metricz'. Valid values are " + entities, 0, 7},
		{"double-quoted entity", `"metrics".a > 1`,
			`Invalid entity type '"metrics"'. Valid values are ` + entities, 0, 9},
		{"bad attribute", "attributes.lifecycle_stage = 'active'",
			"Invalid attribute key 'lifecycle_stage' specified. Valid keys are '" +
				attrKeys + "'", 11, 15},
		{"bad bare attribute", "foo = 'x'",
			"Invalid attribute key 'foo' specified. Valid keys are '" + attrKeys + "'", 0, 3},
		{"empty attribute", "attr. = 'x'",
			"Invalid attribute key '' specified. Valid keys are '" + attrKeys + "'", 5, 0},
		{"bad dataset key", "dataset.source = 'x'",
			"Invalid dataset key 'source' specified. Valid keys are " +
				"'{'context', 'digest', 'name'}'", 8, 6},
		{"metric string", "metrics.a = '1'",
			"Expected numeric value type for metric. Found '1'", 12, 3},
		{"metric identifier", "metrics.a = b",
			"Expected numeric value type for metric. Found b", 12, 1},
		{"metric hex", "metrics.a = 0x10",
			"Expected numeric value type for metric. Found 0x10", 12, 4},
		{"metric list", "metrics.a IN (1, 2)",
			"Expected numeric value type for metric. Found (1, 2)", 13, 6},
		{"param number", "params.a = 1",
			"Expected a quoted string value for parameter (e.g. 'my-value'). Got value 1", 11, 1},
		{"param list", "params.a IN ('x')",
			"Expected a quoted string value for parameter (e.g. 'my-value'). Got value ('x')",
			12, 5},
		{"tag null", "tags.a = NULL",
			"Expected a quoted string value for tag (e.g. 'my-value'). Got value NULL", 9, 4},
		{"param unquoted", "params.a = abc",
			"Parameter value is either not quoted or unidentified quote types used for " +
				"string value abc. Use either single or double quotes.", 11, 3},
		{"tag backticked value", "tags.a = `x`",
			"Parameter value is either not quoted or unidentified quote types used for " +
				"string value `x`. Use either single or double quotes.", 9, 3},
		{"attribute unquoted", "status = FINISHED",
			"Parameter value is either not quoted or unidentified quote types used for " +
				"string value FINISHED. Use either single or double quotes.", 9, 8},
		{"dataset unquoted", "dataset.name = x",
			"Parameter value is either not quoted or unidentified quote types used for " +
				"string value x. Use either single or double quotes.", 15, 1},
		{"numeric attribute string", "start_time > '5'",
			"Expected numeric value type for numeric attribute: start_time. Found '5'", 13, 3},
		{"alias keeps its name", "created > x",
			"Expected numeric value type for numeric attribute: created. Found x", 10, 1},
		{"numeric attribute float", "end_time < 1.5",
			"invalid literal for int() with base 10: '1.5'", 11, 3},
		{"numeric attribute exponent", "end_time < 1e3",
			"invalid literal for int() with base 10: '1e3'", 11, 3},
		{"list on other attribute", "status IN ('FINISHED')",
			"Only the 'run_id' attribute supports comparison with a list of quoted string " +
				"values.", 10, 12},
		{"attribute number", "status = 3",
			"Expected a quoted string value for attributes. Got value 3", 9, 1},
		{"run_id list with =", "run_id = ('a')",
			"Expected a quoted string value for attributes. Got value ('a')", 9, 5},
		{"dataset number", "dataset.digest = 1",
			"Expected a quoted string value for dataset attributes. Got value 1", 17, 1},
		{"dataset list with like", "dataset.name LIKE ('a')",
			"Expected a quoted string value for dataset attributes. Got value ('a')", 18, 5},
		{"empty list", "run_id IN ()",
			"While parsing a list in the query, expected a non-empty list of string values, " +
				"but got empty list", 10, 2},
		{"list of numbers", "run_id NOT IN (1, 'a')",
			"While parsing a list in the query, expected string value, punctuation, or " +
				"whitespace, but got different type in list: (1, 'a')", 14, 8},
		{"list of names", "dataset.name IN (a, b)",
			"While parsing a list in the query, expected a non-empty list of string values, " +
				"but got ill-formed list.", 16, 6},
		{"list double comma", "run_id IN ('a',,'b')",
			"While parsing a list in the query, expected a non-empty list of string values, " +
				"but got ill-formed list.", 10, 10},
		{"list leading comma", "run_id IN (,'a')",
			"While parsing a list in the query, expected a non-empty list of string values, " +
				"but got ill-formed list.", 10, 6},
		{"list missing comma", "run_id IN (1 'a')",
			"While parsing a list in the query, expected a non-empty list of string values, " +
				"but got ill-formed list.", 10, 7},
		{"metric like", "metrics.a LIKE 1",
			"Invalid comparator 'LIKE' not one of '" + metricCmp + "'", 10, 4},
		{"metric double equals", "metrics.a == 1",
			"Invalid comparator '==' not one of '" + metricCmp + "'", 10, 2},
		{"metric in", "metrics.a IN 1",
			"Invalid clause(s) in filter string: 'metrics.a', 'IN', '1'", 0, 14},
		{"param greater", "params.a > 'x'",
			"Invalid comparator '>' not one of '" + tagCmp + "'", 9, 1},
		{"tag not like", "tags.a not like 'x'",
			"Invalid comparator 'NOT LIKE' not one of '" + tagCmp + "'", 7, 8},
		{"tag rlike", "tags.a RLIKE 'x'",
			"Invalid comparator 'RLIKE' not one of '" + tagCmp + "'", 7, 5},
		{"string attribute less", "user_id < 'x'",
			"Invalid comparator '<' not one of '" + strCmp + "'", 8, 1},
		{"run name rlike", "attributes.run_name RLIKE 'a.*'",
			"Invalid comparator 'RLIKE' not one of '" + strCmp + "'", 20, 5},
		{"numeric attribute like", "start_time LIKE 1",
			"Invalid comparator 'LIKE' not one of '" + metricCmp + "'", 11, 4},
		{"dataset greater", "dataset.name > 'x'",
			"Invalid comparator '>' not one of '" + strCmp + "'", 13, 1},
		{"value faults before comparator faults", "params.a > 'x' and metrics.b = 'y'",
			"Expected numeric value type for metric. Found 'y'", 31, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseRunFilter(tt.in)
			if err == nil {
				t.Fatalf("ParseRunFilter(%q) = %q, want error %q", tt.in,
					clauseStrings(f.Clauses), tt.msg)
			}
			wantErr(t, tt.in, err, tt.msg, tt.pos, tt.n)
		})
	}
}
