package api

import (
	"strings"
	"testing"

	"mlscope/app/mlflow"
)

// FuzzRegistryFilter throws filters at the registry's filter parser, for
// models and for versions, and matches what parses against a version: no
// panic, and every refusal an MLflow error.
func FuzzRegistryFilter(f *testing.F) {
	for _, s := range []string{
		``, `name = 'm'`, `name LIKE 'wine%'`, `name ILIKE '%NET%'`, `tags.stage = "prod"`,
		"tags.`a b` != 'x'", `run_id IN ('a', 'b')`, `version_number > 3`,
		`source_path = 'x' AND name = 'y'`, `name = `, `= 'x'`, `name IN ()`, `'`, `"`,
		`name = 'a' AND`, `version_number = 'x'`, `tags. = 'v'`, `name LIKE '\'`,
	} {
		f.Add(s)
	}
	get := func(key string) string {
		return map[string]string{"name": "wine", "run_id": "a", "source_path": "s",
			"version_number": "3"}[key]
	}
	tags := []mlflow.Tag{{Key: "stage", Value: "prod"}}
	f.Fuzz(func(t *testing.T, filter string) {
		for _, attrs := range []map[string]regField{modelFilterAttrs, versionFilterAttrs} {
			cs, err := parseRegistryFilter(filter, attrs)
			if err != nil {
				mustBeMLflow(t, err, []byte(filter))
				continue
			}
			matchAll(cs, get, tags)
		}
	})
}

// FuzzRegistryOrder throws order_by clauses at the registry's parser.
func FuzzRegistryOrder(f *testing.F) {
	for _, s := range []string{"name", "name DESC", "version_number asc", "x", "", "a b c",
		"attribute.name ASC", "last_updated_timestamp DESC,name"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, clauses string) {
		for _, keys := range []map[string]bool{modelOrderKeys, versionOrderKeys} {
			if _, err := parseRegistryOrder(strings.Split(clauses, ","), keys); err != nil {
				mustBeMLflow(t, err, []byte(clauses))
			}
		}
	})
}
