package mlruns

import (
	"os"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
)

// metricFile is the index's place in one metric file: how far it has read,
// so that appended lines are read alone.
type metricFile struct {
	Key    string
	Size   int64 // the file's size at the last read
	Offset int64 // bytes read, through the last whole line
}

// runEntry is an indexed run: the run as the API shows it and what is
// needed to bring it up to date cheaply. Entries are never changed once
// published; an update builds a new one.
type runEntry struct {
	dir   runDir
	run   *Run
	stamp runStamp
	// The read positions in the metric files (see metricFiles), in one of
	// two forms: sizes alone, one for each of run.Data.Metrics, when every
	// file was read to its end and has a latest value (nearly always, and
	// a fifth of the size); otherwise metrics.
	sizes   []int64
	metrics []metricFile // sorted by key
}

// setMetricFiles records the read positions files, sorted by key.
func (e *runEntry) setMetricFiles(files []metricFile) {
	e.sizes, e.metrics = nil, nil
	latest := e.run.Data.Metrics
	regular := len(files) == len(latest)
	for i := 0; regular && i < len(files); i++ {
		regular = files[i].Key == latest[i].Key && files[i].Offset == files[i].Size
	}
	if !regular {
		e.metrics = exact(files)
		return
	}
	if len(files) > 0 {
		e.sizes = make([]int64, len(files))
		for i, f := range files {
			e.sizes[i] = f.Size
		}
	}
}

// metricFiles returns the read positions in the run's metric files,
// sorted by key.
func (e *runEntry) metricFiles() []metricFile {
	if e.sizes == nil {
		return e.metrics
	}
	files := make([]metricFile, len(e.sizes))
	for i, size := range e.sizes {
		files[i] = metricFile{Key: e.run.Data.Metrics[i].Key, Size: size, Offset: size}
	}
	return files
}

// loadRun brings a run up to date from disk, reading only what changed
// since prev (which may be nil). It returns prev itself when nothing
// changed, and nil when the folder is not a readable run.
func (s *Store) loadRun(d runDir, prev *runEntry) *runEntry {
	if prev == nil || prev.dir != d {
		return s.readRunEntry(d, true)
	}
	st, runFiles, ok := s.statRun(d)
	if !ok {
		return nil
	}
	if prev != nil && prev.dir == d && prev.stamp == st {
		return prev
	}
	var r *Run
	if prev != nil && prev.dir == d && prev.stamp.Meta == st.Meta {
		cp := *prev.run
		r = &cp
	} else if r = s.readRunMeta(d, st.Meta); r == nil {
		if prev != nil && prev.dir == d {
			return prev // keep serving what was last read while it is rewritten
		}
		return nil
	}
	e := &runEntry{dir: d, run: r, stamp: st}
	r.Data = mlflow.RunData{}
	var prevMetrics, files []metricFile
	if prev != nil && prev.dir == d {
		prevMetrics = prev.metricFiles()
	}
	inputsChanged := prev == nil
	for _, f := range runFiles {
		switch f.kind {
		case "params":
			r.Data.Params = append(r.Data.Params, mlflow.Param{Key: intern(f.key), Value: s.readValue(f.path)})
		case "tags":
			r.Data.Tags = append(r.Data.Tags, mlflow.Tag{Key: intern(f.key), Value: s.readValue(f.path)})
		case "metrics":
			mf, m, found := s.followMetric(f, findMetric(prevMetrics, f.key), prev)
			files = append(files, mf)
			if found {
				r.Data.Metrics = append(r.Data.Metrics, m)
			}
		case "inputs":
			inputsChanged = true // cheap: few runs have inputs
		}
	}
	r.Data.Params, r.Data.Tags = exact(r.Data.Params), exact(r.Data.Tags)
	r.Data.Metrics = exact(r.Data.Metrics)
	sortByKey(r.Data.Params)
	sortByKey(r.Data.Tags)
	sort.Slice(r.Data.Metrics, func(i, j int) bool { return r.Data.Metrics[i].Key < r.Data.Metrics[j].Key })
	sort.Slice(files, func(i, j int) bool { return files[i].Key < files[j].Key })
	e.setMetricFiles(files)
	if inputsChanged {
		r.Inputs = s.readInputs(d)
		r.Outputs = s.readOutputs(d)
	}
	if r.Info.RunName == "" {
		r.Info.RunName, _ = r.Tag(mlflow.TagRunName)
	}
	return e
}

// writeGrace is how long a file or folder that looks unfinished is taken
// for another program's write in progress rather than damage.
const writeGrace = 5 * time.Second

// readRunMeta parses a run's meta.yaml into a Run without data; nil (with
// a warning) when it is damaged or misplaced. An empty file modified in
// the last seconds is another program's write in progress (MLflow writes
// meta.yaml in place), and so is a missing meta.yaml in a folder made in
// the last seconds: they are skipped quietly, and read again when their
// writer's next event arrives.
func (s *Store) readRunMeta(d runDir, st fileStamp) *Run {
	p := d.path + string(os.PathSeparator) + metaFile
	b, err := os.ReadFile(p)
	if err != nil {
		// A writer makes the run's folder, then its meta.yaml: a folder
		// made in the last seconds without one is a run being created.
		if fi, serr := os.Stat(d.path); !os.IsNotExist(err) || serr != nil ||
			time.Since(fi.ModTime()) >= writeGrace {
			s.warn(p, err.Error())
		}
		return nil
	}
	return s.runFromMeta(d, p, b, st, true)
}

// runFromMeta makes a Run without data of the bytes of its meta.yaml at p;
// nil (with a warning) when they are damaged or misplaced, and, with grace,
// quietly for an empty file written in the last seconds.
func (s *Store) runFromMeta(d runDir, p string, b []byte, st fileStamp, grace bool) *Run {
	if grace && len(b) == 0 && time.Since(time.Unix(0, st.Mtime)) < writeGrace {
		return nil
	}
	meta, err := storefmt.ParseRun(b)
	if err != nil {
		s.warn(p, err.Error())
		return nil
	}
	if meta.Info.ExperimentID != d.exp.id {
		s.warn(p, "experiment_id "+meta.Info.ExperimentID+" does not match its folder")
		return nil
	}
	if meta.Info.RunID != d.id {
		s.warn(p, "run id "+meta.Info.RunID+" does not match its folder")
		return nil
	}
	r := &Run{DeletedTime: meta.DeletedTime, dir: d}
	r.Info = meta.Info
	r.Info.ExperimentID = intern(r.Info.ExperimentID)
	r.Info.UserID = intern(r.Info.UserID)
	r.Info.LifecycleStage = intern(r.Info.LifecycleStage)
	if d.exp.trashed {
		r.Info.LifecycleStage = mlflow.StageDeleted
	}
	return r
}

// followMetric reads a metric file from where the last read stopped when
// it only grew, or whole otherwise, and returns its latest value.
func (s *Store) followMetric(f runFile, prev *metricFile, prevEntry *runEntry) (metricFile, mlflow.Metric, bool) {
	mf := metricFile{Key: intern(f.key), Size: f.stamp.Size}
	var base mlflow.Metric
	baseFound := false
	from := int64(0)
	if prev != nil && f.stamp.Size >= prev.Size && prev.Offset <= f.stamp.Size {
		if m, ok := prevEntry.run.Metric(f.key); ok || prev.Offset == 0 {
			base, baseFound, from = m, ok, prev.Offset
		}
	}
	if prev != nil && prev.Size == f.stamp.Size && from == prev.Offset && baseFound {
		mf.Offset = prev.Offset
		return mf, base, true
	}
	file, err := os.Open(f.path)
	if err != nil {
		s.warn(f.path, err.Error())
		return mf, base, baseFound
	}
	defer file.Close()
	if from > 0 {
		if _, err := file.Seek(from, 0); err != nil {
			from = 0
			baseFound = false
		}
	}
	ts, err := storefmt.ScanLatest(file, mf.Key)
	if err != nil {
		s.warn(f.path, err.Error())
	}
	s.warnBadLines(f.path, ts.Bad)
	mf.Offset = from + ts.Consumed
	switch {
	case ts.Found && (!baseFound || ts.Latest.Later(base)):
		return mf, ts.Latest, true
	default:
		return mf, base, baseFound
	}
}

func findMetric(ms []metricFile, key string) *metricFile {
	i := sort.Search(len(ms), func(i int) bool { return ms[i].Key >= key })
	if i < len(ms) && ms[i].Key == key {
		return &ms[i]
	}
	return nil
}

// warnBadLines reports the damaged lines of a metric file.
func (s *Store) warnBadLines(path string, bad []storefmt.LineError) {
	if len(bad) > 0 {
		msg := bad[0].Error()
		if len(bad) > 1 {
			msg += " (and more)"
		}
		s.warn(path, "skipped metric lines: "+msg)
	}
}

// readValue reads a param or tag file.
func (s *Store) readValue(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		s.warn(path, err.Error())
		return ""
	}
	return s.valueOf(path, b)
}

// valueOf is the value of a param or tag file with content b.
func (s *Store) valueOf(path string, b []byte) string {
	if !utf8.Valid(b) {
		s.warn(path, "value is not valid UTF-8")
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	if len(b) <= maxInterned {
		return internBytes(b)
	}
	return string(b)
}

func sortByKey(t []mlflow.Tag) {
	sort.Slice(t, func(i, j int) bool { return t[i].Key < t[j].Key })
}
