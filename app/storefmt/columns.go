package storefmt

import (
	"bufio"
	"errors"
	"io"

	"mlscope/app/mlflow"
)

// Columns holds the values of one metric in file order, one slice per
// field: a third of the memory of a []mlflow.Metric, so that a server can
// keep long histories in memory. A file that grows is followed by
// appending: Append only writes past the end, so a copy of a Columns
// taken earlier stays valid (and unchanged) while the original is
// extended. Two goroutines must not extend the same Columns at once.
type Columns struct {
	Key    string
	Steps  []int64
	Times  []int64
	Values []float64
	// sets names the dataset of each value as an index into datasets plus
	// one, 0 for none; it stays nil until a value names a dataset.
	sets     []uint32
	datasets []dataset
}

// dataset is the MLflow 3 dataset a metric value was computed on.
type dataset struct{ name, digest string }

// Len is the number of values.
func (c *Columns) Len() int { return len(c.Steps) }

// Grow makes room for n more values.
func (c *Columns) Grow(n int) {
	if n <= 0 {
		return
	}
	grow := func(s []int64) []int64 { return append(make([]int64, 0, len(s)+n), s...) }
	if cap(c.Steps)-len(c.Steps) < n {
		c.Steps, c.Times = grow(c.Steps), grow(c.Times)
		c.Values = append(make([]float64, 0, len(c.Values)+n), c.Values...)
	}
}

// Append adds a value at the end.
func (c *Columns) Append(m mlflow.Metric) {
	c.Steps = append(c.Steps, m.Step)
	c.Times = append(c.Times, m.Timestamp)
	c.Values = append(c.Values, float64(m.Value))
	name, digest := m.Dataset()
	if name == "" && digest == "" {
		if c.sets != nil {
			c.sets = append(c.sets, 0)
		}
		return
	}
	if c.sets == nil {
		c.sets = make([]uint32, len(c.Steps)-1, cap(c.Steps))
	}
	ref := 0
	for i, d := range c.datasets {
		if d.name == name && d.digest == digest {
			ref = i + 1
			break
		}
	}
	if ref == 0 {
		c.datasets = append(c.datasets, dataset{name, digest})
		ref = len(c.datasets)
	}
	c.sets = append(c.sets, uint32(ref))
}

// Metric returns value i as MLflow's entity.
func (c *Columns) Metric(i int) mlflow.Metric {
	m := mlflow.Metric{Key: c.Key, Value: mlflow.Float(c.Values[i]),
		Timestamp: c.Times[i], Step: c.Steps[i]}
	if c.sets != nil && c.sets[i] != 0 {
		d := c.datasets[c.sets[i]-1]
		m.SetDataset(d.name, d.digest)
	}
	return m
}

// Metrics returns every value as MLflow's entities, in file order; nil
// when there are none.
func (c *Columns) Metrics() []mlflow.Metric {
	if c.Len() == 0 {
		return nil
	}
	out := make([]mlflow.Metric, c.Len())
	for i := range out {
		out[i] = c.Metric(i)
	}
	return out
}

// Bytes is roughly how much memory the columns hold, for caches that
// count it.
func (c *Columns) Bytes() int64 {
	n := int64(cap(c.Steps)+cap(c.Times)+cap(c.Values))*8 + int64(cap(c.sets))*4
	for _, d := range c.datasets {
		n += int64(len(d.name) + len(d.digest) + 32)
	}
	return n + int64(len(c.Key)) + 128
}

// ScanColumns appends the metric lines read from r to c: r is a metric
// file, at its start or where an earlier scan stopped. As with
// ScanLatest, a last line without its newline is not consumed, so that a
// later scan from consumed reads it whole once its writer is done.
// Malformed lines are skipped and reported in bad, numbered from the start
// of this read. The error is only for a failing reader.
func ScanColumns(r io.Reader, c *Columns) (consumed int64, bad []LineError, err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// Damage, not data: skip to the next newline.
			skipped := int64(len(line))
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = br.ReadSlice('\n')
				skipped += int64(len(line))
			}
			if err != nil {
				return consumed, bad, ignoreEOF(err)
			}
			consumed += skipped
			bad = append(bad, LineError{n, errors.New("line too long")})
			continue
		}
		if err != nil {
			return consumed, bad, ignoreEOF(err)
		}
		consumed += int64(len(line))
		if ts, v, step, ok := scanLine(line); ok {
			c.Steps = append(c.Steps, step)
			c.Times = append(c.Times, ts)
			c.Values = append(c.Values, v)
			if c.sets != nil {
				c.sets = append(c.sets, 0)
			}
			continue
		}
		m, perr := parseLineFields(c.Key, string(line))
		if perr != nil {
			bad = append(bad, LineError{n, perr})
			continue
		}
		c.Append(m)
	}
}
