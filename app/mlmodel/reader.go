package mlmodel

import (
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"
)

// reader takes typed fields out of a decoded YAML or JSON mapping and
// notes the ones of the wrong type instead of failing.
type reader struct {
	doc      map[string]any
	problems []string
}

func (r *reader) bad(key, want string) {
	r.problems = append(r.problems, key+": not "+want)
}

// str returns a scalar field as text, "" when absent or null.
func (r *reader) str(key string) string {
	switch v := r.doc[key].(type) {
	case nil:
		return ""
	case map[string]any, []any, map[any]any:
		r.bad(key, "a single value")
		return ""
	default:
		return scalarText(v)
	}
}

// int returns an integer field, 0 when absent, null or not a whole number.
func (r *reader) int(key string) int64 {
	switch v := r.doc[key].(type) {
	case nil:
		return 0
	case int:
		return int64(v)
	case int64:
		return v
	case uint64:
		if v <= math.MaxInt64 {
			return int64(v)
		}
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<62 {
			return int64(v)
		}
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return n
		}
	case string:
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
			return n
		}
	}
	r.bad(key, "a whole number")
	return 0
}

// mapping returns a mapping field, nil when absent or null.
func (r *reader) mapping(key string) map[string]any {
	switch v := r.doc[key].(type) {
	case nil:
		return nil
	case map[string]any:
		return v
	}
	r.bad(key, "a mapping")
	return nil
}

// flavors returns the flavors sorted by name with python_function, the
// generic loader every flavor shares, last.
func (r *reader) flavors() []Flavor {
	fl := r.mapping("flavors")
	out := make([]Flavor, 0, len(fl))
	for name, cfg := range fl {
		switch c := cfg.(type) {
		case nil:
			out = append(out, Flavor{Name: name, Config: map[string]any{}})
		case map[string]any:
			out = append(out, Flavor{Name: name, Config: c})
		default:
			r.bad("flavors."+name, "a mapping")
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Name, out[j].Name
		if (a == pyfunc) != (b == pyfunc) {
			return b == pyfunc
		}
		return a < b
	})
	return out
}

// pyfunc is the generic flavor every MLflow model can be loaded with.
const pyfunc = "python_function"
