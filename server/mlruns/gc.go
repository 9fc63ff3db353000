package mlruns

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"mlscope/app/mlflow"
)

// GCOptions select what GC removes for good, as mlflow gc's options do.
type GCOptions struct {
	// OlderThan, when non-zero, keeps runs deleted less than this many
	// milliseconds ago (runs without a deletion time always qualify) and
	// experiments last updated more recently.
	OlderThanMillis int64
	RunIDs          []string // only these runs; each must be deleted
	ExperimentIDs   []string // only these experiments; each must be deleted
	// Progress, when set, is called after each run with the count done and
	// the total.
	Progress func(done, total int)
}

// GCResult counts what GC removed.
type GCResult struct {
	Runs, Experiments int
}

type gcRun struct {
	dir  runDir
	meta *Run
}

// GC removes deleted runs (their artifacts first) and deleted experiments
// from the tree, permanently. Named runs or experiments that are not
// deleted are refused before anything is removed.
func (s *Store) GC(opt GCOptions) (GCResult, error) {
	s.expMu.Lock()
	defer s.expMu.Unlock()
	now := nowMillis()
	old := func(t int64) bool {
		return opt.OlderThanMillis == 0 || t == 0 || now-t >= opt.OlderThanMillis
	}
	exps, err := s.gcExperiments(opt, old)
	if err != nil {
		return GCResult{}, err
	}
	runs, err := s.gcRuns(opt, exps, old)
	if err != nil {
		return GCResult{}, err
	}
	var res GCResult
	for i, r := range runs {
		if err := s.purgeRun(r); err != nil {
			return res, err
		}
		res.Runs++
		if opt.Progress != nil {
			opt.Progress(i+1, len(runs))
		}
	}
	for _, d := range exps {
		if err := os.RemoveAll(d.path); err != nil {
			return res, fmt.Errorf("remove experiment %s: %w", d.id, err)
		}
		res.Experiments++
	}
	if s.idx.ready.Load() {
		defer s.idx.rescan(nil)
	}
	return res, syncDir(filepath.Join(s.root, trashDir))
}

// gcExperiments picks the trashed experiments to remove.
func (s *Store) gcExperiments(opt GCOptions, old func(int64) bool) ([]expDir, error) {
	trashed, err := s.experimentDirs(mlflow.ViewDeletedOnly)
	if err != nil {
		return nil, err
	}
	var out []expDir
	if len(opt.ExperimentIDs) > 0 {
		for _, id := range opt.ExperimentIDs {
			i := slices.IndexFunc(trashed, func(d expDir) bool { return d.id == id })
			if i < 0 {
				return nil, mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Experiment %s is "+
					"not in the deleted lifecycle stage (or does not exist). Only experiments in "+
					"the deleted stage can be removed.", id)
			}
			out = append(out, trashed[i])
		}
		return out, nil
	}
	if len(opt.RunIDs) > 0 {
		return nil, nil
	}
	for _, d := range trashed {
		e := s.readExperiment(d)
		if e == nil || old(e.LastUpdateTime) {
			out = append(out, d)
		}
	}
	return out, nil
}

// gcRuns picks the deleted runs to remove: the named ones, or every
// deleted run old enough, plus every run of the experiments to remove.
func (s *Store) gcRuns(opt GCOptions, exps []expDir, old func(int64) bool) ([]gcRun, error) {
	var out []gcRun
	if len(opt.RunIDs) > 0 {
		for _, id := range opt.RunIDs {
			r, err := s.Run(id)
			if err != nil {
				return nil, err
			}
			if r.Info.LifecycleStage != mlflow.StageDeleted {
				return nil, mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Run %s is not in "+
					"`deleted` lifecycle stage. Only runs in `deleted` lifecycle stage can be "+
					"deleted.", id)
			}
			out = append(out, gcRun{r.dir, r})
		}
		return out, nil
	}
	for _, d := range exps {
		for _, rd := range s.runDirs(d) {
			if r := s.readRun(rd); r != nil {
				out = append(out, gcRun{rd, r})
			}
		}
	}
	if len(opt.ExperimentIDs) > 0 {
		return out, nil
	}
	dirs, err := s.experimentDirs(mlflow.ViewActiveOnly)
	if err != nil {
		return nil, err
	}
	for _, d := range dirs {
		for _, rd := range s.runDirs(d) {
			r := s.readRun(rd)
			if r != nil && r.Info.LifecycleStage == mlflow.StageDeleted && old(r.DeletedTime) {
				out = append(out, gcRun{rd, r})
			}
		}
	}
	return out, nil
}

// purgeRun removes a run's artifacts, where they are on this machine, and
// then its folder.
func (s *Store) purgeRun(r gcRun) error {
	ar := s.artifactRoot(r.meta)
	if ar.Dir != "" && !isInside(ar.Dir, r.dir.path) {
		if err := os.RemoveAll(ar.Dir); err != nil {
			return fmt.Errorf("remove artifacts of run %s: %w", r.dir.id, err)
		}
	}
	if err := os.RemoveAll(r.dir.path); err != nil {
		return fmt.Errorf("remove run %s: %w", r.dir.id, err)
	}
	return nil
}

func isInside(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !filepath.IsAbs(rel) &&
		(len(rel) < 3 || rel[:3] != "../")
}
