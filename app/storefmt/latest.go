package storefmt

import (
	"bufio"
	"bytes"
	"errors"
	"io"

	"mlscope/app/mlflow"
)

// maxMetricLine is the longest metric line read, newline included; a longer
// one is damage, not data.
const maxMetricLine = 32 << 10

// TailScan is what ScanLatest learned from a stretch of a metric file.
type TailScan struct {
	Latest   mlflow.Metric // the greatest (step, timestamp, value) seen
	Found    bool          // whether any whole line was read
	Consumed int64         // bytes through the last newline
	Bad      []LineError   // malformed whole lines (line numbers from the start of the read)
}

// ScanLatest reads metric lines from r (a file positioned where an earlier
// scan stopped, or at its start) and keeps the latest value, so that an
// index can follow a growing metric file by reading only what was
// appended. A last line without its newline is not consumed: it is either
// still being written or cut off by a crash, and a later scan decides.
func ScanLatest(r io.Reader, key string) (TailScan, error) {
	var ts TailScan
	br := bufio.NewReaderSize(r, maxMetricLine)
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			skipped := int64(len(line))
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = br.ReadSlice('\n')
				skipped += int64(len(line))
			}
			if err != nil {
				return ts, ignoreEOF(err)
			}
			ts.Consumed += skipped
			ts.Bad = append(ts.Bad, LineError{n, errors.New("line too long")})
			continue
		}
		if err != nil {
			return ts, ignoreEOF(err)
		}
		ts.add(n, key, line)
	}
}

// ScanLatestBytes is ScanLatest over a stretch of a metric file already in
// memory, which spares a reader and its buffer for each of the many small
// files of a first scan.
func ScanLatestBytes(b []byte, key string) TailScan {
	var ts TailScan
	for n := 1; ; n++ {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return ts
		}
		line := b[:i+1]
		b = b[i+1:]
		if len(line) > maxMetricLine {
			ts.Consumed += int64(len(line))
			ts.Bad = append(ts.Bad, LineError{n, errors.New("line too long")})
			continue
		}
		ts.add(n, key, line)
	}
}

// add takes in whole line n.
func (ts *TailScan) add(n int, key string, line []byte) {
	ts.Consumed += int64(len(line))
	m, err := parseMetricBytes(key, line)
	if err != nil {
		ts.Bad = append(ts.Bad, LineError{n, err})
		return
	}
	if !ts.Found || m.Later(ts.Latest) {
		ts.Latest, ts.Found = m, true
	}
}

func ignoreEOF(err error) error {
	if err == io.EOF {
		return nil
	}
	return err
}
