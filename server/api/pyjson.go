package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
)

// pythonJSON re-spells a JSON value as Python's json.dumps writes it by
// default: ", " and ": " separators, non-ASCII characters escaped, and the
// keys in their original order. MLflow stores the logged-model history tag
// in this spelling. drop lists object keys to leave out at depth two (the
// "config" of each flavor).
func pythonJSON(raw []byte, keep func(path []string) bool) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var out strings.Builder
	if err := writePy(dec, &out, nil, keep); err != nil {
		return "", err
	}
	if _, err := dec.Token(); err != io.EOF {
		return "", fmt.Errorf("trailing data after the JSON value")
	}
	return out.String(), nil
}

func writePy(dec *json.Decoder, out *strings.Builder, path []string, keep func([]string) bool) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '{':
			out.WriteByte('{')
			first := true
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return err
				}
				key := kt.(string)
				sub := append(append([]string(nil), path...), key)
				if keep != nil && !keep(sub) {
					var skip json.RawMessage
					if err := dec.Decode(&skip); err != nil {
						return err
					}
					continue
				}
				if !first {
					out.WriteString(", ")
				}
				first = false
				writePyString(out, key)
				out.WriteString(": ")
				if err := writePy(dec, out, sub, keep); err != nil {
					return err
				}
			}
			_, err := dec.Token()
			out.WriteByte('}')
			return err
		case '[':
			out.WriteByte('[')
			for i := 0; dec.More(); i++ {
				if i > 0 {
					out.WriteString(", ")
				}
				if err := writePy(dec, out, append(path, "[]"), keep); err != nil {
					return err
				}
			}
			_, err := dec.Token()
			out.WriteByte(']')
			return err
		}
	case string:
		writePyString(out, v)
	case json.Number:
		out.WriteString(v.String())
	case bool:
		fmt.Fprint(out, v)
	case nil:
		out.WriteString("null")
	}
	return nil
}

// writePyString writes s with Python's default escapes (ensure_ascii).
func writePyString(out *strings.Builder, s string) {
	out.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			out.WriteString(`\"`)
		case r == '\\':
			out.WriteString(`\\`)
		case r == '\n':
			out.WriteString(`\n`)
		case r == '\r':
			out.WriteString(`\r`)
		case r == '\t':
			out.WriteString(`\t`)
		case r == '\b':
			out.WriteString(`\b`)
		case r == '\f':
			out.WriteString(`\f`)
		case r < 0x20 || r == 0x7f || r > 0x7e && r < 0x10000:
			if r == 0x7f {
				out.WriteRune(r)
				continue
			}
			fmt.Fprintf(out, `\u%04x`, r)
		case r >= 0x10000:
			a, b := utf16.EncodeRune(r)
			fmt.Fprintf(out, `\u%04x\u%04x`, a, b)
		default:
			out.WriteRune(r)
		}
	}
	out.WriteByte('"')
}
