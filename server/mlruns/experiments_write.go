package mlruns

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
)

// nowMillis is the clock of every write; a variable for tests.
var nowMillis = func() int64 { return time.Now().UnixMilli() }

// joinURI appends a path segment to an artifact URI, as MLflow's
// append_to_uri_path does.
func joinURI(base, seg string) string {
	return strings.TrimRight(base, "/") + "/" + seg
}

// CreateExperiment creates an experiment and returns its id. Names are
// unique among active and deleted experiments. artifactLocation may be
// empty for the default (<artifact root>/<id>).
func (s *Store) CreateExperiment(name, artifactLocation string, tags []mlflow.Tag) (string, error) {
	if err := mlflow.ValidateExperimentName(name); err != nil {
		return "", err
	}
	if err := mlflow.ValidateArtifactLocation(artifactLocation); err != nil {
		return "", err
	}
	for _, t := range tags {
		if err := validateExperimentTag(t); err != nil {
			return "", err
		}
	}
	s.expMu.Lock()
	defer s.expMu.Unlock()
	if err := s.checkNameFree(name); err != nil {
		return "", err
	}
	id := newExperimentID()
	for _, taken := s.findExperiment(id); taken; _, taken = s.findExperiment(id) {
		id = newExperimentID()
	}
	loc := artifactLocation
	if loc == "" {
		loc = joinURI(s.artRoot, id)
	} else if !strings.Contains(loc, ":") && filepath.IsAbs(loc) {
		loc = fileURI(loc)
	}
	now := nowMillis()
	e := &mlflow.Experiment{ExperimentID: id, Name: name, ArtifactLocation: loc,
		LifecycleStage: mlflow.StageActive, CreationTime: now, LastUpdateTime: now}
	dir := filepath.Join(s.root, id)
	if err := mkdirs(dir); err != nil {
		return "", fmt.Errorf("create experiment %s: %w", id, err)
	}
	if err := writeNewFile(filepath.Join(dir, metaFile), storefmt.EncodeExperiment(e)); err != nil {
		return "", fmt.Errorf("create experiment %s: %w", id, err)
	}
	for _, t := range tags {
		if err := s.writeTag(filepath.Join(dir, "tags"), t); err != nil {
			return "", fmt.Errorf("tag experiment %s: %w", id, err)
		}
	}
	s.idx.refreshExperiment(id, false)
	return id, nil
}

// checkNameFree fails with RESOURCE_ALREADY_EXISTS when an active or a
// deleted experiment has the name.
func (s *Store) checkNameFree(name string) error {
	exps, err := s.Experiments(mlflow.ViewAll)
	if err != nil {
		return err
	}
	for _, e := range exps {
		if e.Name != name {
			continue
		}
		if e.LifecycleStage == mlflow.StageDeleted {
			return mlflow.Errorf(mlflow.CodeResourceAlreadyExists, "Experiment '%s' already "+
				"exists in deleted state. You can restore the experiment, or permanently delete "+
				"the experiment from the .trash folder (under tracking server's root folder) in "+
				"order to use this experiment name again.", name)
		}
		return mlflow.Errorf(mlflow.CodeResourceAlreadyExists, "Experiment '%s' already exists.", name)
	}
	return nil
}

func validateExperimentTag(t mlflow.Tag) error {
	if err := mlflow.ValidateKey("tag", t.Key); err != nil {
		return err
	}
	return mlflow.ValidateLength("Tag value", mlflow.MaxExperimentTagValue, t.Value)
}

// activeExperiment returns an active experiment's folder and entity, or
// MLflow's errors for a missing or deleted one.
func (s *Store) activeExperiment(id string) (expDir, *mlflow.Experiment, error) {
	e, err := s.Experiment(id)
	if err != nil {
		return expDir{}, nil, err
	}
	d, _ := s.findExperiment(id)
	if d.trashed {
		return d, e, mlflow.Errorf(mlflow.CodeInvalidParameterValue,
			"The experiment %s must be in the 'active' lifecycle_stage.", id)
	}
	return d, e, nil
}

// RenameExperiment gives an active experiment a new, unused name.
func (s *Store) RenameExperiment(id, newName string) error {
	if err := mlflow.ValidateExperimentName(newName); err != nil {
		return err
	}
	s.expMu.Lock()
	defer s.expMu.Unlock()
	defer s.idx.refreshExperiment(id, false)
	d, e, err := s.activeExperiment(id)
	if err != nil {
		return err
	}
	if e.Name == newName {
		return nil
	}
	if err := s.checkNameFree(newName); err != nil {
		return err
	}
	e.Name, e.LastUpdateTime = newName, nowMillis()
	return s.writeExperimentMeta(d, e)
}

func (s *Store) writeExperimentMeta(d expDir, e *mlflow.Experiment) error {
	if err := replaceFile(filepath.Join(d.path, metaFile), storefmt.EncodeExperiment(e)); err != nil {
		return fmt.Errorf("write experiment %s: %w", e.ExperimentID, err)
	}
	return nil
}

// DeleteExperiment marks an experiment and its active runs deleted and
// moves its folder into .trash, as MLflow does. The Default experiment 0
// cannot be deleted.
func (s *Store) DeleteExperiment(id string) error {
	if id == "0" {
		return mlflow.Errorf(mlflow.CodeInvalidParameterValue,
			"Cannot delete the default experiment '0'. This is an internally reserved experiment.")
	}
	s.expMu.Lock()
	defer s.expMu.Unlock()
	defer s.idx.refreshExperiment(id, true)
	d, e, err := s.activeExperiment(id)
	if err != nil {
		if me, ok := err.(*mlflow.Error); ok && me.Code == mlflow.CodeInvalidParameterValue {
			return mlflow.Errorf(mlflow.CodeResourceDoesNotExist,
				"Could not find experiment with ID %s", id)
		}
		return err
	}
	now := nowMillis()
	for _, rd := range s.runDirs(d) {
		if err := s.setRunStage(rd, mlflow.StageDeleted, now, true); err != nil {
			return err
		}
	}
	e.LifecycleStage, e.LastUpdateTime = mlflow.StageDeleted, now
	if err := s.writeExperimentMeta(d, e); err != nil {
		return err
	}
	trash := filepath.Join(s.root, trashDir)
	if err := mkdirs(trash); err != nil {
		return fmt.Errorf("delete experiment %s: %w", id, err)
	}
	if err := os.Rename(d.path, filepath.Join(trash, id)); err != nil {
		return fmt.Errorf("move experiment %s to .trash: %w", id, err)
	}
	if err := syncDir(trash); err != nil {
		return err
	}
	return syncDir(s.root)
}

// RestoreExperiment moves a deleted experiment back and makes every deleted
// run in it active again.
func (s *Store) RestoreExperiment(id string) error {
	if !mlflow.ValidExperimentID(id) {
		return mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Invalid experiment ID: '%s'", id)
	}
	s.expMu.Lock()
	defer s.expMu.Unlock()
	defer s.idx.refreshExperiment(id, true)
	from := filepath.Join(s.root, trashDir, id)
	to := filepath.Join(s.root, id)
	if !isDir(from) {
		return mlflow.Errorf(mlflow.CodeResourceDoesNotExist,
			"Could not find deleted experiment with ID %s", id)
	}
	if isDir(to) {
		return mlflow.Errorf(mlflow.CodeResourceAlreadyExists,
			"Cannot restore experiment with ID %s. An experiment with same ID already exists.", id)
	}
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("restore experiment %s: %w", id, err)
	}
	if err := syncDir(s.root); err != nil {
		return err
	}
	d := expDir{id, to, false}
	e := s.readExperiment(d)
	if e == nil {
		return fmt.Errorf("restore experiment %s: its meta.yaml is unreadable", id)
	}
	for _, rd := range s.runDirs(d) {
		if err := s.setRunStage(rd, mlflow.StageActive, 0, false); err != nil {
			return err
		}
	}
	e.LifecycleStage, e.LastUpdateTime = mlflow.StageActive, nowMillis()
	return s.writeExperimentMeta(d, e)
}

// SetExperimentTag sets a tag of an active experiment.
func (s *Store) SetExperimentTag(id string, t mlflow.Tag) error {
	if err := validateExperimentTag(t); err != nil {
		return err
	}
	d, _, err := s.activeExperiment(id)
	if err != nil {
		return err
	}
	defer s.idx.refreshExperiment(id, false)
	return s.writeTag(filepath.Join(d.path, "tags"), t)
}

// DeleteExperimentTag removes a tag of an active experiment.
func (s *Store) DeleteExperimentTag(id, key string) error {
	if err := mlflow.ValidateKey("tag", key); err != nil {
		return err
	}
	d, _, err := s.activeExperiment(id)
	if err != nil {
		return err
	}
	defer s.idx.refreshExperiment(id, false)
	p := filepath.Join(d.path, "tags", filepath.FromSlash(key))
	if err := os.Remove(p); err != nil {
		if os.IsNotExist(err) {
			return mlflow.Errorf(mlflow.CodeResourceDoesNotExist,
				"No tag with name: %s in experiment with id %s", key, id)
		}
		return fmt.Errorf("delete tag %s of experiment %s: %w", key, id, err)
	}
	return syncDir(filepath.Dir(p))
}

// writeTag writes one tag file (a key with "/" nests folders) into dir, a
// run's or an experiment's tags folder.
func (s *Store) writeTag(dir string, t mlflow.Tag) error {
	p := filepath.Join(dir, filepath.FromSlash(t.Key))
	if err := mkdirs(filepath.Dir(p)); err != nil {
		return err
	}
	return replaceFileVia(filepath.Dir(dir), p, []byte(t.Value))
}
