package storefmt

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"mlscope/app/mlflow"
)

// ParseMetricLine reads one line of a run's metric file: "ts value",
// "ts value step" or, from MLflow 3, "ts value step dataset_name
// dataset_digest". Surrounding white space (a Windows "\r") is ignored. The
// value accepts Python's spellings nan, inf and -inf.
func ParseMetricLine(key, line string) (mlflow.Metric, error) {
	if ts, v, step, ok := scanLine(line); ok {
		return mlflow.Metric{Key: key, Value: mlflow.Float(v), Timestamp: ts, Step: step}, nil
	}
	return parseLineFields(key, line)
}

// parseMetricBytes is ParseMetricLine on the bytes of a line, without
// copying them in the common case.
func parseMetricBytes(key string, line []byte) (mlflow.Metric, error) {
	if ts, v, step, ok := scanLine(line); ok {
		return mlflow.Metric{Key: key, Value: mlflow.Float(v), Timestamp: ts, Step: step}, nil
	}
	return parseLineFields(key, string(line))
}

// parseLineFields is the general reader behind ParseMetricLine: it splits
// the fields and says exactly what is wrong with a line.
func parseLineFields(key, line string) (mlflow.Metric, error) {
	f := strings.Split(strings.TrimSpace(line), " ")
	m := mlflow.Metric{Key: key}
	switch len(f) {
	case 2, 3, 5:
	default:
		return m, fmt.Errorf("%d fields, want 2, 3 or 5", len(f))
	}
	ts, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return m, fmt.Errorf("timestamp %q is not an integer", f[0])
	}
	v, err := parsePythonFloat(f[1])
	if err != nil {
		return m, err
	}
	m.Timestamp, m.Value = ts, mlflow.Float(v)
	if len(f) >= 3 {
		// MLflow 3.0's reader took step 0 from five-field lines; the step
		// written is the real one, so it is read here.
		if m.Step, err = strconv.ParseInt(f[2], 10, 64); err != nil {
			return m, fmt.Errorf("step %q is not an integer", f[2])
		}
	}
	if len(f) == 5 {
		m.SetDataset(f[3], f[4])
	}
	return m, nil
}

func parsePythonFloat(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			return v, nil // Python also reads 1e400 as inf
		}
		return 0, fmt.Errorf("value %q is not a number", s)
	}
	return v, nil
}

// LineError names a metric line that could not be read.
type LineError struct {
	Line int // 1-based
	Err  error
}

func (e LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// ParseHistory reads a whole metric file in file order, which is the order
// MLflow logged it in. Lines that cannot be read are left out and reported
// in bad: a malformed line, or a last line without its newline, which is
// what an append cut short by a crash (or read while being written) looks
// like. The error is only for a failing reader.
func ParseHistory(r io.Reader, key string) (points []mlflow.Metric, bad []LineError, err error) {
	// MLflow's lines are a few dozen bytes: one that overflows the buffer
	// is damage, not data.
	br := bufio.NewReaderSize(r, 32<<10)
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			bad = append(bad, LineError{n, errors.New("line too long")})
			if err = skipLine(br); err == io.EOF {
				return points, bad, nil
			}
			if err != nil {
				return points, bad, err
			}
			continue
		}
		if err == io.EOF {
			if len(bytes.TrimSpace(line)) > 0 {
				bad = append(bad, LineError{n, errors.New("truncated last line (no newline)")})
			}
			return points, bad, nil
		}
		if err != nil {
			return points, bad, err
		}
		m, perr := parseMetricBytes(key, line)
		if perr != nil {
			bad = append(bad, LineError{n, perr})
			continue
		}
		points = append(points, m)
	}
}

func skipLine(br *bufio.Reader) error {
	for {
		_, err := br.ReadSlice('\n')
		if !errors.Is(err, bufio.ErrBufferFull) {
			return err
		}
	}
}

// Latest returns the point MLflow shows as a metric's current value: the
// greatest (step, timestamp, value). ok is false for an empty history.
func Latest(points []mlflow.Metric) (m mlflow.Metric, ok bool) {
	for i, p := range points {
		if i == 0 || p.Later(m) {
			m = p
		}
	}
	return m, len(points) > 0
}
