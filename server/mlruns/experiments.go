package mlruns

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
)

// expDir is an experiment folder found on disk.
type expDir struct {
	id      string
	path    string
	trashed bool
}

// experimentDirs lists the experiment folders in view: root sub-folders for
// active ones, .trash sub-folders for deleted ones. Folders whose names
// cannot be experiment ids (.git, .ipynb_checkpoints) are passed over; the
// registry folder models is not an experiment.
func (s *Store) experimentDirs(view mlflow.ViewType) ([]expDir, error) {
	var dirs []expDir
	add := func(parent string, trashed bool) error {
		ents, err := os.ReadDir(parent)
		if errors.Is(err, fs.ErrNotExist) && trashed {
			return nil
		}
		if err != nil {
			return err
		}
		for _, e := range ents {
			name := e.Name()
			if !e.IsDir() || name == trashDir || (!trashed && name == registryDir) {
				continue
			}
			if !mlflow.ValidExperimentID(name) {
				continue
			}
			dirs = append(dirs, expDir{name, filepath.Join(parent, name), trashed})
		}
		return nil
	}
	if view != mlflow.ViewDeletedOnly {
		if err := add(s.root, false); err != nil {
			return nil, err
		}
	}
	if view != mlflow.ViewActiveOnly {
		if err := add(filepath.Join(s.root, trashDir), true); err != nil {
			return nil, err
		}
	}
	return dirs, nil
}

// readExperiment loads an experiment folder. A folder without a readable
// meta.yaml, or whose meta.yaml names another id, yields nil with a warning,
// as MLflow skips such "malformed" experiments; a folder just made, whose
// meta.yaml is still to come, yields nil quietly.
func (s *Store) readExperiment(d expDir) *mlflow.Experiment {
	p := filepath.Join(d.path, metaFile)
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		// A folder made in the last seconds is an experiment being created:
		// its meta.yaml follows the folder.
		if fi, serr := os.Stat(d.path); serr != nil || time.Since(fi.ModTime()) >= writeGrace {
			s.warn(d.path, "experiment folder without meta.yaml")
		}
		return nil
	}
	if err != nil {
		s.warn(p, err.Error())
		return nil
	}
	e, err := storefmt.ParseExperiment(b)
	if err != nil {
		s.warn(p, err.Error())
		return nil
	}
	if e.ExperimentID != d.id {
		s.warn(p, "experiment_id "+e.ExperimentID+" does not match its folder")
		return nil
	}
	switch {
	case d.trashed:
		e.LifecycleStage = mlflow.StageDeleted
	case e.LifecycleStage == "":
		e.LifecycleStage = mlflow.StageActive
	}
	e.Tags = s.readKeyed(filepath.Join(d.path, "tags"))
	return e
}

// Experiments returns every readable experiment in view, in folder order.
func (s *Store) Experiments(view mlflow.ViewType) ([]*mlflow.Experiment, error) {
	if s.idx.ready.Load() {
		return s.idx.experiments(view), nil
	}
	dirs, err := s.experimentDirs(view)
	if err != nil {
		return nil, err
	}
	out := make([]*mlflow.Experiment, 0, len(dirs))
	for _, d := range dirs {
		if e := s.readExperiment(d); e != nil {
			out = append(out, e)
		}
	}
	return out, nil
}

// findExperiment locates an experiment folder by id, active first.
func (s *Store) findExperiment(id string) (expDir, bool) {
	for _, d := range []expDir{
		{id, filepath.Join(s.root, id), false},
		{id, filepath.Join(s.root, trashDir, id), true},
	} {
		if fi, err := os.Stat(d.path); err == nil && fi.IsDir() {
			return d, true
		}
	}
	return expDir{}, false
}

// Experiment returns the experiment with the id, active or deleted. It
// fails with MLflow's INVALID_PARAMETER_VALUE for a malformed id and
// RESOURCE_DOES_NOT_EXIST for an unknown one.
func (s *Store) Experiment(id string) (*mlflow.Experiment, error) {
	if !mlflow.ValidExperimentID(id) || id == registryDir || id == trashDir {
		return nil, mlflow.Errorf(mlflow.CodeInvalidParameterValue,
			"Invalid experiment ID: '%s'", id)
	}
	if e := s.idx.experiment(id); e != nil {
		return e, nil
	}
	if d, ok := s.findExperiment(id); ok {
		if e := s.readExperiment(d); e != nil {
			s.idx.refreshExperiment(id, false) // one the index has not seen yet
			return e, nil
		}
	}
	return nil, mlflow.Errorf(mlflow.CodeResourceDoesNotExist,
		"Could not find experiment with ID %s", id)
}

// ExperimentByName returns the active experiment with the name, as the file
// store looks only at active experiments.
func (s *Store) ExperimentByName(name string) (*mlflow.Experiment, error) {
	exps, err := s.Experiments(mlflow.ViewActiveOnly)
	if err != nil {
		return nil, err
	}
	for _, e := range exps {
		if e.Name == name {
			return e, nil
		}
	}
	return nil, mlflow.Errorf(mlflow.CodeResourceDoesNotExist,
		"Could not find experiment with name '%s'", name)
}
