package demo

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"mlscope/app/mlflow"
)

// obj is a JSON object whose keys keep their order, as a Python dict does.
type obj []field

type field struct {
	key string
	val any
}

// pyJSON encodes v as Python's json.dumps does by default: ", " and ": "
// separators, floats spelled as repr spells them. v holds obj, []any,
// string, bool, int, int64, float64 and nil. Unlike Python, non-ASCII
// text is written as it is, not as \u escapes.
func pyJSON(v any) string {
	w := pyWriter{}
	w.value(v, 0)
	return w.String()
}

// pyJSONIndent is json.dumps(v, indent=2): one item per line, "," at the
// ends of lines.
func pyJSONIndent(v any) string {
	w := pyWriter{indent: "  "}
	w.value(v, 0)
	return w.String()
}

type pyWriter struct {
	strings.Builder
	indent string
}

// sep starts item i of a list or object at the given depth.
func (w *pyWriter) sep(i, depth int) {
	switch {
	case w.indent != "":
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n" + strings.Repeat(w.indent, depth))
	case i > 0:
		w.WriteString(", ")
	}
}

// close ends a non-empty list or object opened at depth.
func (w *pyWriter) close(c byte, depth int) {
	if w.indent != "" {
		w.WriteString("\n" + strings.Repeat(w.indent, depth))
	}
	w.WriteByte(c)
}

func (w *pyWriter) value(v any, depth int) {
	switch v := v.(type) {
	case nil:
		w.WriteString("null")
	case bool:
		w.WriteString(strconv.FormatBool(v))
	case int:
		w.WriteString(strconv.Itoa(v))
	case int64:
		w.WriteString(strconv.FormatInt(v, 10))
	case float64:
		w.WriteString(mlflow.PythonString(v))
	case string:
		var q bytes.Buffer
		enc := json.NewEncoder(&q)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(v) // a string always encodes
		w.Write(bytes.TrimSuffix(q.Bytes(), []byte("\n")))
	case []any:
		w.WriteByte('[')
		for i, e := range v {
			w.sep(i, depth+1)
			w.value(e, depth+1)
		}
		if len(v) > 0 {
			w.close(']', depth)
		} else {
			w.WriteByte(']')
		}
	case obj:
		w.WriteByte('{')
		for i, f := range v {
			w.sep(i, depth+1)
			w.value(f.key, depth+1)
			w.WriteString(": ")
			w.value(f.val, depth+1)
		}
		if len(v) > 0 {
			w.close('}', depth)
		} else {
			w.WriteByte('}')
		}
	default:
		panic("pyJSON: unsupported type") // a bug in this package, not bad input
	}
}
