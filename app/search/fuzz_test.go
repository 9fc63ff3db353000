package search

import "testing"

var filterSeeds = []string{
	"", "metrics.acc > 0.5 AND params.lr = '0.1'", "metrics.`val loss` <= -1e-3",
	"tags.\"my tag\" ILIKE '%x_'", "run_id IN ('a', \"b\",)", "run_id NOT IN ()",
	"dataset.name IN ('a','b') and dataset.digest IN ('x','y')", "status = 'FINISHED'",
	"attributes.start_time >= 1700000000000", "created > 5 and `Run Name` LIKE 'x'",
	"metrics.a IS NULL", "(metrics.a > 1) OR b", "a = 1; b = 2", "tags.a = 'unterminated",
	"metrics.\"open = 1", "name = 'x' and creation_time > 1.5 and tags.t != 'y'",
	"run_id IN ((('a')))", "x NOT LIKE 'y'", "é.ü = 'ß'", "metrics. = .5", "'", "\"", "`",
	"(", ")", ";", "-", ".", "NOT", "IN (", "run_id IN ('a' 'b')", "end_time != 9e99",
}

// FuzzParseRunFilter checks that any text parses or fails with an *Error
// that lies within the text, and that a parsed filter can be evaluated.
func FuzzParseRunFilter(f *testing.F) {
	for _, s := range filterSeeds {
		f.Add(s)
	}
	runs := testRuns()
	f.Fuzz(func(t *testing.T, s string) {
		rf, err := ParseRunFilter(s)
		if err != nil {
			checkSpan(t, s, err)
			return
		}
		for _, c := range rf.Clauses {
			if c.Pos < 0 || c.Len < 0 || c.Pos+c.Len > len(s) {
				t.Fatalf("%q: clause span %d+%d outside the input", s, c.Pos, c.Len)
			}
		}
		rf.Filter(runs)
	})
}

// FuzzExperimentFilter is FuzzParseRunFilter for experiment filters.
func FuzzExperimentFilter(f *testing.F) {
	for _, s := range filterSeeds {
		f.Add(s)
	}
	exps := testExperiments()
	f.Fuzz(func(t *testing.T, s string) {
		ef, err := ParseExperimentFilter(s)
		if err != nil {
			checkSpan(t, s, err)
			return
		}
		ef.Filter(exps)
	})
}

// FuzzParseOrderBy checks run and experiment order_by entries the same
// way, and sorts with whatever parses.
func FuzzParseOrderBy(f *testing.F) {
	for _, s := range []string{
		"", "metrics.acc DESC", "params.`a b` asc", "tags.\"x\"", "created", "run name",
		"dataset.name", "name DESC", "experiment_id", "tags.owner", "a b c", "'x'",
		"metrics.x 'DESC'", "metrics.\"x", "attribute.creation_time Desc", "  start_time  ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if keys, err := ParseRunOrderBy([]string{s}); err != nil {
			checkSpan(t, s, err)
		} else {
			SortRuns(testRuns(), keys)
		}
		if keys, err := ParseExperimentOrderBy([]string{s}); err != nil {
			checkSpan(t, s, err)
		} else {
			SortExperiments(testExperiments(), keys)
		}
	})
}

// FuzzDecodePageToken checks that any token decodes or fails with an
// *Error spanning the token.
func FuzzDecodePageToken(f *testing.F) {
	for _, s := range []string{"", "eyJvZmZzZXQiOiAxMDB9", "abc", "!!!", b64(`{"offset": "x"}`),
		b64(`[1]`), b64(`{"offset": -1}`)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		off, err := DecodePageToken(s)
		if err != nil {
			checkSpan(t, s, err)
			return
		}
		if off < 0 {
			t.Fatalf("%q: negative offset %d", s, off)
		}
	})
}
