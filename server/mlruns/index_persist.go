package mlruns

import (
	"bufio"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"

	"mlscope/app/mlflow"
)

// The persisted index: a snapshot of the index in a cache file outside the
// user's tree, so that a restart serves at once and then re-reads only the
// files whose size or modification time changed.

// snapshotVersion changes whenever the snapshot's shape or meaning does;
// a cache file of another version is ignored.
const snapshotVersion = 2

type snapDir struct {
	ID, Path string
	Trashed  bool
}

type snapExp struct {
	Dir        snapDir
	Exp        *mlflow.Experiment
	Stamp, Tag fileStamp
}

type snapRun struct {
	Dir, Exp    snapDir
	Run         mlflow.Run
	DeletedTime int64
	Stamp       runStamp
	Metrics     []metricFile
}

type snapshot struct {
	Version int
	Root    string
	Exps    []snapExp
	Runs    []snapRun
}

// save writes the index to path atomically.
func (ix *index) save(path string) error {
	ix.mu.RLock()
	snap := snapshot{Version: snapshotVersion, Root: ix.s.root}
	for _, e := range ix.exps {
		snap.Exps = append(snap.Exps, snapExp{Dir: snapDir{e.dir.id, e.dir.path, e.dir.trashed},
			Exp: e.exp, Stamp: e.stamp, Tag: e.tags})
	}
	for _, e := range ix.runs {
		d := e.dir
		snap.Runs = append(snap.Runs, snapRun{
			Dir: snapDir{d.id, d.path, false}, Exp: snapDir{d.exp.id, d.exp.path, d.exp.trashed},
			Run: e.run.Run, DeletedTime: e.run.DeletedTime, Stamp: e.stamp, Metrics: e.metricFiles()})
	}
	ix.mu.RUnlock()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".index-*")
	if err != nil {
		return fmt.Errorf("save index: %w", err)
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	err = gob.NewEncoder(w).Encode(&snap)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save index: %w", err)
	}
	return nil
}

// load fills the index from a snapshot written for this tree; entries are
// then served as they are until a rescan checks them against the disk.
func (ix *index) load(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var snap snapshot
	if err := gob.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&snap); err != nil {
		return 0, fmt.Errorf("read index cache %s: %w", path, err)
	}
	if snap.Version != snapshotVersion || snap.Root != ix.s.root {
		return 0, fmt.Errorf("index cache %s is for another tree or version", path)
	}
	exps := make(map[string]*expEntry, len(snap.Exps))
	for _, e := range snap.Exps {
		d := expDir{e.Dir.ID, e.Dir.Path, e.Dir.Trashed}
		exps[d.path] = &expEntry{dir: d, exp: e.Exp, stamp: e.Stamp, tags: e.Tag}
	}
	runs := make(map[string]*runEntry, len(snap.Runs))
	var p packer
	for i := range snap.Runs {
		sr := &snap.Runs[i]
		d := runDir{sr.Dir.ID, sr.Dir.Path, expDir{sr.Exp.ID, sr.Exp.Path, sr.Exp.Trashed}}
		if ee := exps[d.exp.path]; ee != nil && ee.dir == d.exp {
			d.exp = ee.dir // its strings, shared by every run of the experiment
		}
		internRun(&sr.Run)
		r := &Run{Run: sr.Run, DeletedTime: sr.DeletedTime, dir: d}
		e := &runEntry{dir: d, run: r, stamp: sr.Stamp}
		e.setMetricFiles(sr.Metrics)
		e = p.pack(e)
		runs[e.dir.id] = e
	}
	ix.mu.Lock()
	ix.exps, ix.runs = exps, runs
	ix.gen++
	ix.mu.Unlock()
	ix.ready.Store(true)
	return len(runs), nil
}

// internRun shares the strings of a decoded run with every other run.
func internRun(r *mlflow.Run) {
	for i := range r.Data.Params {
		r.Data.Params[i].Key = intern(r.Data.Params[i].Key)
		if len(r.Data.Params[i].Value) <= maxInterned {
			r.Data.Params[i].Value = intern(r.Data.Params[i].Value)
		}
	}
	for i := range r.Data.Tags {
		r.Data.Tags[i].Key = intern(r.Data.Tags[i].Key)
		if len(r.Data.Tags[i].Value) <= maxInterned {
			r.Data.Tags[i].Value = intern(r.Data.Tags[i].Value)
		}
	}
	for i := range r.Data.Metrics {
		r.Data.Metrics[i].Key = intern(r.Data.Metrics[i].Key)
	}
	// Runs that logged one dataset hold the same record: its schema and
	// profile, often kilobytes, are kept once.
	for i := range r.Inputs.DatasetInputs {
		in := &r.Inputs.DatasetInputs[i]
		for j := range in.Tags {
			in.Tags[j] = mlflow.Tag{Key: intern(in.Tags[j].Key), Value: intern(in.Tags[j].Value)}
		}
		ds := &in.Dataset
		ds.Name, ds.Digest, ds.SourceType = intern(ds.Name), intern(ds.Digest), intern(ds.SourceType)
		ds.Source, ds.Schema, ds.Profile = intern(ds.Source), intern(ds.Schema), intern(ds.Profile)
	}
	r.Info.RunUUID = r.Info.RunID
	r.Info.ExperimentID = intern(r.Info.ExperimentID)
	r.Info.UserID = intern(r.Info.UserID)
	r.Info.LifecycleStage = intern(r.Info.LifecycleStage)
}
