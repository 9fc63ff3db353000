package api

import (
	"cmp"
	"strconv"
	"strings"
)

// regOrder is one key of a registry search's order_by.
type regOrder struct {
	key string
	asc bool
}

// parseRegistryOrder reads order_by clauses such as "name",
// "last_updated_timestamp DESC" or "attribute.name ASC", allowing the keys
// given. version_number is kept as the key "version".
func parseRegistryOrder(clauses []string, keys map[string]bool) ([]regOrder, error) {
	var out []regOrder
	for _, cl := range clauses {
		f := strings.Fields(cl)
		if len(f) == 0 || len(f) > 2 {
			return nil, badRequest("Invalid order_by clause '%s'. Could not be parsed.", cl)
		}
		o := regOrder{key: f[0], asc: true}
		if len(f) == 2 {
			switch strings.ToUpper(f[1]) {
			case "ASC":
			case "DESC":
				o.asc = false
			default:
				return nil, badRequest("Invalid ordering key in order_by clause '%s'.", cl)
			}
		}
		for _, p := range []string{"attribute.", "attributes."} {
			o.key = strings.TrimPrefix(o.key, p)
		}
		o.key = trimQuotes(o.key)
		if !keys[o.key] {
			return nil, badRequest("Invalid order by key '%s' specified. Valid keys are '%s'",
				o.key, boolKeyList(keys))
		}
		if o.key == "version_number" {
			o.key = "version"
		}
		out = append(out, o)
	}
	return out, nil
}

func boolKeyList(keys map[string]bool) string {
	m := map[string]regField{}
	for k := range keys {
		m[k] = regString
	}
	return keyList(m)
}

// withTieBreaks appends the registry's tie-breaks: name ascending unless
// name is ordered on already, then, for versions, the number descending.
func withTieBreaks(order []regOrder, versions bool) []regOrder {
	hasName := false
	for _, o := range order {
		hasName = hasName || o.key == "name"
	}
	if !hasName {
		order = append(order, regOrder{"name", true})
	}
	if versions {
		order = append(order, regOrder{"version", false})
	}
	return order
}

// compareBy compares two entities key by key; field returns a key's value,
// numbers as digits (timestamps, version numbers) compared as integers.
func compareBy(order []regOrder, a, b func(key string) string) int {
	for _, o := range order {
		x, y := a(o.key), b(o.key)
		var c int
		if o.key == "name" {
			c = cmp.Compare(x, y)
		} else {
			xi, _ := strconv.ParseInt(x, 10, 64)
			yi, _ := strconv.ParseInt(y, 10, 64)
			c = cmp.Compare(xi, yi)
		}
		if !o.asc {
			c = -c
		}
		if c != 0 {
			return c
		}
	}
	return 0
}
