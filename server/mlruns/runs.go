package mlruns

import (
	"os"
	"path/filepath"

	"mlscope/app/mlflow"
)

// reservedExpChildren are the folders inside an experiment that are not
// runs (MLflow 2.x and 3.x).
var reservedExpChildren = map[string]bool{
	"tags": true, "datasets": true, "traces": true, "models": true,
}

// runDir is a run folder found on disk.
type runDir struct {
	id   string
	path string
	exp  expDir
}

func (s *Store) runDirs(d expDir) []runDir {
	ents, err := os.ReadDir(d.path)
	if err != nil {
		s.warn(d.path, err.Error())
		return nil
	}
	var out []runDir
	for _, e := range ents {
		if e.IsDir() && !reservedExpChildren[e.Name()] && mlflow.ValidRunID(e.Name()) {
			out = append(out, runDir{e.Name(), filepath.Join(d.path, e.Name()), d})
		}
	}
	return out
}

// Run is a run read from disk with what the API does not show: when it was
// deleted and where its folder is.
type Run struct {
	mlflow.Run
	DeletedTime int64
	dir         runDir
}

// readRun loads a run folder. A folder without meta.yaml is not a run
// (artifact folders can share the tree) and yields nil quietly; a damaged
// meta.yaml or one naming another experiment yields nil with a warning.
func (s *Store) readRun(d runDir) *Run {
	if e := s.readRunEntry(d, false); e != nil {
		return e.run
	}
	return nil
}

// diskReadMax is the most runs read from disk for an answer while the index
// is being built; more wait for it.
const diskReadMax = 500

// Runs returns the readable runs of the experiments in view. Unknown
// experiment ids contribute nothing, as in MLflow's file store.
func (s *Store) Runs(experimentIDs []string, view mlflow.ViewType) ([]*Run, error) {
	if s.idx.ready.Load() {
		return s.idx.runsOf(experimentIDs, view), nil
	}
	var dirs []runDir
	for _, id := range experimentIDs {
		if d, ok := s.findExperiment(id); ok && mlflow.ValidExperimentID(id) {
			dirs = append(dirs, s.runDirs(d)...)
		}
	}
	// While the first scan runs, a read of many runs waits for it: read
	// beside it, the same files would be read twice on the same cores, and
	// both answers would come later than the scan's alone.
	if len(dirs) > diskReadMax && s.idx.waitFirstScan() {
		return s.idx.runsOf(experimentIDs, view), nil
	}
	var out []*Run
	for _, rd := range dirs {
		if r := s.readRun(rd); r != nil && view.Includes(r.Info.LifecycleStage) {
			out = append(out, r)
		}
	}
	return out, nil
}

// findRun locates a run folder by id, through the index when it knows the
// run.
func (s *Store) findRun(id string) (runDir, bool) {
	if e := s.idx.run(id); e != nil && isDir(e.dir.path) {
		return e.dir, true
	}
	return s.findRunOnDisk(id)
}

// findRunOnDisk locates a run folder by id in every active and deleted
// experiment.
func (s *Store) findRunOnDisk(id string) (runDir, bool) {
	dirs, err := s.experimentDirs(mlflow.ViewAll)
	if err != nil {
		return runDir{}, false
	}
	for _, d := range dirs {
		p := filepath.Join(d.path, id)
		if fi, err := os.Stat(filepath.Join(p, metaFile)); err == nil && fi.Mode().IsRegular() {
			return runDir{id, p, d}, true
		}
	}
	return runDir{}, false
}

// Run returns the run with the id, active or deleted, with
// INVALID_PARAMETER_VALUE for a malformed id and RESOURCE_DOES_NOT_EXIST
// for an unknown or unreadable one.
func (s *Store) Run(id string) (*Run, error) {
	if !mlflow.ValidRunID(id) {
		return nil, mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Invalid run ID: '%s'", id)
	}
	if e := s.idx.run(id); e != nil {
		return e.run, nil
	}
	if d, ok := s.findRunOnDisk(id); ok {
		if r := s.readRun(d); r != nil {
			s.idx.refreshRun(id) // a run the index has not seen yet
			return r, nil
		}
	}
	return nil, mlflow.Errorf(mlflow.CodeResourceDoesNotExist, "Run '%s' not found", id)
}

// Dir is the run's folder in the tree.
func (r *Run) Dir() string { return r.dir.path }
