package mlruns

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
)

// maxPooledRead is the largest read buffer kept for the next file: a long
// metric history is read whole once, and its buffer is then dropped.
const maxPooledRead = 1 << 20

// readRunEntry reads a run folder the index has not seen (at the first
// scan, or a run new to it): every file once, its stamp from the same open,
// which makes a first scan about half the system calls of a stat pass
// followed by reads. nil when the folder is not a readable run.
//
// With grace (the index, which reads again on the writer's next event),
// what looks like another program's write in progress is passed over
// quietly: an empty meta.yaml written in the last seconds, a metric file's
// last line without its newline. Without it (a one-off read from disk),
// both are damage and warned about.
func (s *Store) readRunEntry(d runDir, grace bool) *runEntry {
	bp := readBufs.Get().(*[]byte)
	buf := *bp
	defer func() {
		if cap(buf) <= maxPooledRead {
			*bp = buf[:0]
			readBufs.Put(bp)
		}
	}()
	read := func(p string) ([]byte, fileStamp, bool) {
		b, st, err := readWhole(p, buf)
		buf = b[:0]
		if err != nil {
			s.warn(p, err.Error())
			return nil, st, false
		}
		return b, st, true
	}

	metaPath := d.path + string(os.PathSeparator) + metaFile
	b, metaStamp, err := readWhole(metaPath, buf)
	buf = b[:0]
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, errNotRegular) {
		return nil // not a run, as statRun says
	}
	if err != nil {
		s.warn(metaPath, err.Error())
		return nil
	}
	r := s.runFromMeta(d, metaPath, b, metaStamp, grace)
	if r == nil {
		return nil
	}
	e := &runEntry{dir: d, run: r, stamp: runStamp{Meta: metaStamp}}
	count := func(st fileStamp) {
		e.stamp.Files++
		e.stamp.Size += st.Size
		e.stamp.Mtime = max(e.stamp.Mtime, st.Mtime)
	}
	data := &r.Data
	var files []metricFile
	s.eachKeyFile(filepath.Join(d.path, "params"), "", func(key, p string) {
		if b, st, ok := read(p); ok {
			count(st)
			data.Params = append(data.Params, mlflow.Param{Key: intern(key), Value: s.valueOf(p, b)})
		}
	})
	s.eachKeyFile(filepath.Join(d.path, "tags"), "", func(key, p string) {
		if b, st, ok := read(p); ok {
			count(st)
			data.Tags = append(data.Tags, mlflow.Tag{Key: intern(key), Value: s.valueOf(p, b)})
		}
	})
	s.eachKeyFile(filepath.Join(d.path, "metrics"), "", func(key, p string) {
		b, st, ok := read(p)
		if !ok {
			return
		}
		count(st)
		key = intern(key)
		ts := storefmt.ScanLatestBytes(b, key)
		if rest := b[ts.Consumed:]; !grace && len(bytes.TrimSpace(rest)) > 0 {
			ts.Bad = append(ts.Bad, storefmt.LineError{Line: bytes.Count(b, []byte("\n")) + 1,
				Err: errors.New("truncated last line (no newline)")})
		}
		s.warnBadLines(p, ts.Bad)
		files = append(files, metricFile{Key: key, Size: st.Size, Offset: ts.Consumed})
		if ts.Found {
			data.Metrics = append(data.Metrics, ts.Latest)
		}
	})
	// Keys come sorted within a folder, not across nested ones. A hundred
	// thousand runs are held: their slices are cut to size.
	data.Params, data.Tags = exact(data.Params), exact(data.Tags)
	data.Metrics = exact(data.Metrics)
	slices.SortFunc(data.Params, func(a, b mlflow.Param) int { return strings.Compare(a.Key, b.Key) })
	slices.SortFunc(data.Tags, func(a, b mlflow.Tag) int { return strings.Compare(a.Key, b.Key) })
	slices.SortFunc(data.Metrics, func(a, b mlflow.Metric) int { return strings.Compare(a.Key, b.Key) })
	slices.SortFunc(files, func(a, b metricFile) int { return strings.Compare(a.Key, b.Key) })
	e.setMetricFiles(files)
	// The links' files count in the run's stamp, as statRun counts them.
	readLink := func(p string) ([]byte, error) {
		b, st, err := readWhole(p, buf)
		buf = b[:0]
		if err == nil {
			count(st)
		}
		return b, err
	}
	r.Inputs = s.readInputsWith(d, readLink)
	r.Outputs = s.readOutputsWith(d, readLink)
	if r.Info.RunName == "" {
		r.Info.RunName, _ = r.Tag(mlflow.TagRunName)
	}
	return e
}

// exact returns s in an array of its length.
func exact[T any](s []T) []T {
	if cap(s) == len(s) {
		return s
	}
	return append(make([]T, 0, len(s)), s...)
}
