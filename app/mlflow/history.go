package mlflow

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
)

// History is the answer of metrics/get-history.
type History struct {
	Metrics       []Metric `json:"metrics,omitempty"`
	NextPageToken string   `json:"next_page_token,omitempty"`
}

// DecodeHistory reads a metrics/get-history answer. It gives the same
// result as encoding/json, but histories run to millions of values, so it
// first tries a scanner written for the shape MLflow and mlscope send:
// plain ASCII keys, numbers, the strings "NaN", "Infinity" and "-Infinity"
// for values, and no null. That is several times faster, in the browser
// too. Input the scanner does not expect (string escapes, other fields,
// other spellings) goes through encoding/json, which also reports errors.
func DecodeHistory(b []byte) (History, error) {
	if h, ok := scanHistory(b); ok {
		return h, nil
	}
	var h History
	err := json.Unmarshal(b, &h)
	return h, err
}

// errShape stops the scanner on anything it leaves to encoding/json.
var errShape = errors.New("not the expected shape")

// historyScanner walks the bytes of a history answer.
type historyScanner struct {
	b   []byte
	i   int
	key string // the last metric key read, reused while it repeats
}

// scanHistory is DecodeHistory's fast path; false means "ask
// encoding/json".
func scanHistory(b []byte) (History, bool) {
	s := &historyScanner{b: b}
	var h History
	seen := false
	err := s.object(func(field []byte) error {
		switch {
		case string(field) == "metrics" && !seen:
			// A second list would be merged into the first by
			// encoding/json's rules: left to it.
			seen = true
			return s.metrics(&h.Metrics)
		case string(field) == "next_page_token":
			tok, err := s.str()
			h.NextPageToken = string(tok)
			return err
		}
		return errShape
	})
	s.space()
	if err != nil || s.i != len(s.b) {
		return History{}, false
	}
	return h, true
}

func (s *historyScanner) metrics(out *[]Metric) error {
	if err := s.expect('['); err != nil {
		return err
	}
	if s.peek() == ']' {
		s.i++
		*out = []Metric{}
		return nil
	}
	// Every value names its field once: room for all of them at once
	// saves copying a long list as it grows.
	*out = make([]Metric, 0, bytes.Count(s.b[s.i:], []byte(`"value"`)))
	for {
		var m Metric
		if err := s.object(func(field []byte) error { return s.field(&m, field) }); err != nil {
			return err
		}
		*out = append(*out, m)
		switch s.next() {
		case ',':
		case ']':
			return nil
		default:
			return errShape
		}
	}
}

// field reads the value of one field of a metric.
func (s *historyScanner) field(m *Metric, name []byte) error {
	var err error
	switch string(name) {
	case "key":
		var tok []byte
		if tok, err = s.str(); err == nil {
			if string(tok) != s.key { // compared without allocating
				s.key = string(tok)
			}
			m.Key = s.key
		}
	case "value":
		err = s.value(&m.Value)
	case "timestamp":
		m.Timestamp, err = s.int()
	case "step":
		m.Step, err = s.int()
	case "dataset_name", "dataset_digest":
		var tok []byte
		if tok, err = s.str(); err == nil {
			dn, dd := m.Dataset()
			if string(name) == "dataset_name" {
				dn = string(tok)
			} else {
				dd = string(tok)
			}
			m.SetDataset(dn, dd)
		}
	default:
		err = errShape
	}
	return err
}

// object reads {"name": value, ...}, handing each name to field, which
// reads the value.
func (s *historyScanner) object(field func(name []byte) error) error {
	if err := s.expect('{'); err != nil {
		return err
	}
	if s.peek() == '}' {
		s.i++
		return nil
	}
	for {
		name, err := s.str()
		if err != nil {
			return err
		}
		if err := s.expect(':'); err != nil {
			return err
		}
		if err := field(name); err != nil {
			return err
		}
		switch s.next() {
		case ',':
		case '}':
			return nil
		default:
			return errShape
		}
	}
}

// value reads a JSON number or one of the strings Float writes.
func (s *historyScanner) value(f *Float) error {
	s.space()
	if s.i < len(s.b) && s.b[s.i] == '"' {
		tok, err := s.str()
		if err != nil {
			return err
		}
		switch string(tok) {
		case "NaN", "Infinity", "-Infinity":
			return f.UnmarshalJSON(tok)
		}
		return errShape
	}
	tok, ok := s.number()
	if !ok {
		return errShape
	}
	v, err := strconv.ParseFloat(string(tok), 64)
	if err != nil {
		return errShape // out of range: encoding/json says how
	}
	*f = Float(v)
	return nil
}

// int reads an integer without a fraction or exponent.
func (s *historyScanner) int() (int64, error) {
	tok, ok := s.number()
	if !ok {
		return 0, errShape
	}
	var n int64
	neg := tok[0] == '-'
	if neg {
		tok = tok[1:]
	}
	for _, c := range tok {
		if c < '0' || c > '9' || n > (1<<63-1-9)/10 {
			return 0, errShape // a fraction, an exponent, or near overflow
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, nil
}

// number returns the bytes of a number in JSON's grammar.
func (s *historyScanner) number() ([]byte, bool) {
	s.space()
	start := s.i
	s.skip('-')
	switch {
	case s.skip('0'):
	case s.digits() == 0:
		return nil, false
	}
	if s.skip('.') && s.digits() == 0 {
		return nil, false
	}
	if s.skip('e') || s.skip('E') {
		if !s.skip('+') {
			s.skip('-')
		}
		if s.digits() == 0 {
			return nil, false
		}
	}
	return s.b[start:s.i], true
}

// str returns the bytes of a string without escapes, control characters
// or non-ASCII bytes; those are left to encoding/json.
func (s *historyScanner) str() ([]byte, error) {
	if err := s.expect('"'); err != nil {
		return nil, err
	}
	start := s.i
	for ; s.i < len(s.b); s.i++ {
		switch c := s.b[s.i]; {
		case c == '"':
			s.i++
			return s.b[start : s.i-1], nil
		case c == '\\' || c < 0x20 || c >= 0x80:
			return nil, errShape
		}
	}
	return nil, errShape
}

func (s *historyScanner) digits() int {
	n := 0
	for s.i < len(s.b) && s.b[s.i] >= '0' && s.b[s.i] <= '9' {
		s.i++
		n++
	}
	return n
}

func (s *historyScanner) skip(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

func (s *historyScanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// peek returns the next byte after white space, or 0 at the end.
func (s *historyScanner) peek() byte {
	s.space()
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

// next consumes and returns the next byte after white space.
func (s *historyScanner) next() byte {
	c := s.peek()
	if s.i < len(s.b) {
		s.i++
	}
	return c
}

func (s *historyScanner) expect(c byte) error {
	if s.next() != c {
		return errShape
	}
	return nil
}
