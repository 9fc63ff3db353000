package mlflow

import (
	"bytes"
	"encoding/json"
)

// DecodeBulkHistory reads an answer of metrics/get-history-bulk-interval
// (or get-history-bulk): values of several runs, each with its run id. Like
// DecodeHistory, it scans the shape MLflow and mlscope send without
// reflection, since an overlay of 100 runs brings hundreds of thousands of
// values, and leaves anything else to encoding/json.
func DecodeBulkHistory(b []byte) ([]MetricWithRunID, error) {
	if ms, ok := scanBulk(b); ok {
		return ms, nil
	}
	var out struct {
		Metrics []MetricWithRunID `json:"metrics"`
	}
	err := json.Unmarshal(b, &out)
	return out.Metrics, err
}

// scanBulk is DecodeBulkHistory's fast path; false means "ask
// encoding/json".
func scanBulk(b []byte) ([]MetricWithRunID, bool) {
	s := &historyScanner{b: b}
	var out []MetricWithRunID
	seen := false
	err := s.object(func(field []byte) error {
		if string(field) != "metrics" || seen {
			return errShape
		}
		seen = true
		return s.bulkMetrics(&out)
	})
	s.space()
	if err != nil || s.i != len(s.b) {
		return nil, false
	}
	return out, true
}

func (s *historyScanner) bulkMetrics(out *[]MetricWithRunID) error {
	if err := s.expect('['); err != nil {
		return err
	}
	if s.peek() == ']' {
		s.i++
		return nil
	}
	*out = make([]MetricWithRunID, 0, bytes.Count(s.b[s.i:], []byte(`"run_id"`)))
	run := "" // the last run id read, reused while it repeats
	for {
		var m MetricWithRunID
		err := s.object(func(field []byte) error {
			if string(field) != "run_id" {
				return s.field(&m.Metric, field)
			}
			tok, err := s.str()
			if string(tok) != run {
				run = string(tok)
			}
			m.RunID = run
			return err
		})
		if err != nil {
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
