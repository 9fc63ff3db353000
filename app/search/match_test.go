package search

import (
	"strings"
	"testing"
)

func TestRunFilterMatch(t *testing.T) {
	tests := []struct {
		name, filter, want string // want: matching run ids, comma-separated
	}{
		{"empty", "", "aaa,bbb,ccc"},
		{"metric greater", "metrics.acc > 0.6", "aaa"},
		{"metric int literal", "metrics.acc >= 0", "aaa,bbb"},
		{"missing metric never matches !=", "metrics.acc != 0.9", "bbb"},
		{"nan only matches !=", "metrics.loss != 0", "aaa"},
		{"nan never equal", "metrics.loss = 0 ", ""},
		{"quoted metric key", "metrics.`val loss` = 1", "aaa"},
		{"param equal", "params.lr = '0.1'", "aaa"},
		{"param not equal skips missing", "params.lr != '0.1'", "bbb"},
		{"param like", "params.lr LIKE '0.0%'", "bbb"},
		{"like is case-sensitive", "params.opt LIKE 'adam'", ""},
		{"ilike", "params.opt ILIKE 'ADAM'", "aaa"},
		{"like underscore", "params.lr LIKE '0._'", "aaa"},
		{"tag", "tags.team = 'NLP'", "bbb"},
		{"tag ilike", "tags.team ILIKE '%I%'", "aaa"},
		{"status", "status = 'FINISHED'", "aaa"},
		{"status not", "attributes.status != 'RUNNING'", "aaa,ccc"},
		{"user like", "user_id LIKE '%o%'", "bbb,ccc"},
		{"artifact uri", "artifact_uri LIKE 's3://%'", "bbb"},
		{"start time", "start_time >= 200", "bbb,ccc"},
		{"created alias", "created < 200", "aaa"},
		{"end time skips unfinished", "end_time > 0", "aaa,ccc"},
		{"end time != skips unfinished", "end_time != 200", "ccc"},
		{"beyond int64", "start_time < 99999999999999999999", "aaa,bbb,ccc"},
		{"below int64", "start_time = -99999999999999999999", ""},
		{"run name from the tag", "run_name = 'beta'", "bbb"},
		{"run name alias", "`Run Name` LIKE '%a'", "aaa,bbb"},
		{"unnamed run never matches", "attributes.run_name != 'x'", "aaa,bbb"},
		{"run id falls back to uuid", "run_id = 'ccc'", "ccc"},
		{"run id in", "run_id IN ('aaa', 'ccc')", "aaa,ccc"},
		{"run id not in", "run_id NOT IN ('aaa')", "bbb,ccc"},
		{"upper-case ids dropped", "run_id IN ('AAA', 'bbb')", "bbb"},
		{"dataset name", "dataset.name = 'mnist'", "aaa"},
		{"dataset any input", "dataset.name = 'cifar'", "ccc"},
		{"dataset needs inputs even for !=", "dataset.name != 'zzz'", "aaa,ccc"},
		{"dataset digest in", "datasets.digest IN ('d1', 'd3')", "aaa,ccc"},
		{"dataset upper-case names dropped", "dataset.name IN ('MNIST')", ""},
		{"dataset ilike", "dataset.name ILIKE 'mnist'", "aaa,ccc"},
		{"dataset context", "dataset.context = 'eval'", "ccc"},
		{"dataset context not in", "dataset.context NOT IN ('training')", "ccc"},
		{"all clauses", "metrics.acc > 0 and tags.team LIKE '%' and start_time > 100", "bbb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseRunFilter(tt.filter)
			if err != nil {
				t.Fatalf("ParseRunFilter(%q): %v", tt.filter, err)
			}
			got := strings.Join(runIDs(f.Filter(testRuns())), ",")
			if got != tt.want {
				t.Errorf("filter %q\n got  %q\n want %q", tt.filter, got, tt.want)
			}
		})
	}
}

func TestNilFiltersMatch(t *testing.T) {
	var rf *RunFilter
	var ef *ExperimentFilter
	if !rf.Match(testRuns()[0]) || !ef.Match(testExperiments()[0]) {
		t.Error("nil filters must match everything")
	}
}

func TestExperimentFilterMatch(t *testing.T) {
	tests := []struct {
		name, filter, want string
	}{
		{"empty", "", "0,2,10,3"},
		{"name", "name = 'nlp'", "10"},
		{"name like", "name LIKE '%i%'", "2,3"},
		{"name ilike", "name ILIKE 'd%'", "0"},
		{"name not", "name != 'nlp'", "0,2,3"},
		{"creation time", "creation_time >= 300", "2,3"},
		{"float literal", "creation_time > 99.5", "0,2,3"},
		{"missing time never matches", "creation_time != 1", "0,2,3"},
		{"last update", "last_update_time < 400", "0,2"},
		{"tag", "tags.owner = 'bob'", "2"},
		{"missing tag never matches", "tags.owner != 'bob'", "0"},
		{"tag like", "tag.owner LIKE 'a%'", "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseExperimentFilter(tt.filter)
			if err != nil {
				t.Fatalf("ParseExperimentFilter(%q): %v", tt.filter, err)
			}
			got := strings.Join(expIDs(f.Filter(testExperiments())), ",")
			if got != tt.want {
				t.Errorf("filter %q\n got  %q\n want %q", tt.filter, got, tt.want)
			}
		})
	}
}

func TestLike(t *testing.T) {
	tests := []struct {
		name, s, p string
		fold, want bool
	}{
		{"exact", "abc", "abc", false, true},
		{"whole string only", "abcd", "abc", false, false},
		{"prefix", "abcd", "abc%", false, true},
		{"suffix", "xabc", "%abc", false, true},
		{"infix", "xabcx", "%b%", false, true},
		{"underscore", "abc", "a_c", false, true},
		{"underscore needs a char", "ac", "a_c", false, false},
		{"underscore is a rune", "aéc", "a_c", false, true},
		{"percent may be empty", "ac", "a%c", false, true},
		{"backtracking", "aXbXbc", "a%bc", false, true},
		{"only percent", "", "%", false, true},
		{"empty pattern", "a", "", false, false},
		{"empty both", "", "", false, true},
		{"regex characters are literal", "a.c", "a.c", false, true},
		{"dot is not a wildcard", "abc", "a.c", false, false},
		{"case-sensitive", "ABC", "abc", false, false},
		{"fold ascii", "ABC", "a%c", true, true},
		{"fold unicode", "ÉCOLE", "école", true, true},
		{"fold mismatch", "abd", "ABC", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := like(tt.s, tt.p, tt.fold); got != tt.want {
				t.Errorf("like(%q, %q, fold=%v) = %v, want %v", tt.s, tt.p, tt.fold, got, tt.want)
			}
		})
	}
}
