package mlruns

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
)

// CreateRunRequest holds the fields of MLflow's CreateRun.
type CreateRunRequest struct {
	ExperimentID string
	UserID       string
	RunName      string
	StartTime    int64 // 0 means now
	Tags         []mlflow.Tag
}

// CreateRun starts a run in an active experiment, naming it after the
// request, its mlflow.runName tag, or a new random name.
func (s *Store) CreateRun(req CreateRunRequest) (*Run, error) {
	if req.ExperimentID == "" {
		req.ExperimentID = "0"
	}
	for _, t := range req.Tags {
		if err := validateRunTag(t); err != nil {
			return nil, err
		}
	}
	e, err := s.Experiment(req.ExperimentID)
	if err != nil {
		return nil, err
	}
	d, _ := s.findExperiment(req.ExperimentID)
	if d.trashed || e.LifecycleStage != mlflow.StageActive {
		return nil, mlflow.Errorf(mlflow.CodeInvalidState, "Could not create run under "+
			"non-active experiment with ID %s.", req.ExperimentID)
	}
	name := req.RunName
	tags := append([]mlflow.Tag(nil), req.Tags...)
	if tagName, ok := lookupTag(tags, mlflow.TagRunName); ok {
		if name != "" && tagName != name {
			return nil, mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Both 'run_name' "+
				"argument and 'mlflow.runName' tag are specified, but with different values "+
				"(run_name='%s', mlflow.runName='%s').", name, tagName)
		}
		name = tagName
	}
	if name == "" {
		name = newRunName()
	}
	if _, ok := lookupTag(tags, mlflow.TagRunName); !ok {
		tags = append(tags, mlflow.Tag{Key: mlflow.TagRunName, Value: name})
	}
	id := newRunID()
	start := req.StartTime
	if start == 0 {
		start = nowMillis()
	}
	info := mlflow.RunInfo{RunID: id, RunUUID: id, RunName: name, ExperimentID: e.ExperimentID,
		UserID: req.UserID, Status: mlflow.StatusRunning, StartTime: start,
		ArtifactURI:    joinURI(joinURI(e.ArtifactLocation, id), artifactsDir),
		LifecycleStage: mlflow.StageActive}
	dir := filepath.Join(d.path, id)
	subs := []string{"metrics", "params"}
	if strings.HasPrefix(info.ArtifactURI, "file:") {
		// Only a local artifact root gets a folder in the tree; MLflow's
		// tracking server leaves it out for proxied artifacts.
		subs = append(subs, artifactsDir)
	}
	for _, sub := range subs {
		if err := mkdirs(filepath.Join(dir, sub)); err != nil {
			return nil, fmt.Errorf("create run %s: %w", id, err)
		}
	}
	if err := writeNewFile(filepath.Join(dir, metaFile), storefmt.EncodeRun(&info, 0)); err != nil {
		return nil, fmt.Errorf("create run %s: %w", id, err)
	}
	for _, t := range tags {
		if err := s.writeTag(filepath.Join(dir, "tags"), t); err != nil {
			return nil, fmt.Errorf("tag run %s: %w", id, err)
		}
	}
	s.idx.refreshRun(id)
	return s.Run(id)
}

func lookupTag(tags []mlflow.Tag, key string) (string, bool) {
	v, ok := "", false
	for _, t := range tags {
		if t.Key == key {
			v, ok = t.Value, true // the last one wins, as in MLflow's batches
		}
	}
	return v, ok
}

func validateRunTag(t mlflow.Tag) error {
	if err := mlflow.ValidateKey("tag", t.Key); err != nil {
		return err
	}
	return mlflow.ValidateLength("Tag value", mlflow.MaxTagValueLength, t.Value)
}

// runMeta reads a run's meta.yaml only (no params, tags or metrics).
func (s *Store) runMeta(id string) (runDir, *storefmt.RunMeta, error) {
	if !mlflow.ValidRunID(id) {
		return runDir{}, nil, mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Invalid run ID: '%s'", id)
	}
	d, ok := s.findRun(id)
	if !ok {
		return runDir{}, nil, mlflow.Errorf(mlflow.CodeResourceDoesNotExist, "Run '%s' not found", id)
	}
	b, err := os.ReadFile(filepath.Join(d.path, metaFile))
	if err != nil {
		return d, nil, fmt.Errorf("read run %s: %w", id, err)
	}
	m, err := storefmt.ParseRun(b)
	if err != nil {
		return d, nil, mlflow.Errorf(mlflow.CodeInvalidState, "Run '%s' metadata is in invalid state.", id)
	}
	if d.exp.trashed {
		m.Info.LifecycleStage = mlflow.StageDeleted
	}
	return d, m, nil
}

// activeRun is runMeta for a change: the run must be active.
func (s *Store) activeRun(id string) (runDir, *storefmt.RunMeta, error) {
	d, m, err := s.runMeta(id)
	if err == nil && m.Info.LifecycleStage != mlflow.StageActive {
		err = mlflow.NotActive(id)
	}
	return d, m, err
}

func (s *Store) writeRunMeta(d runDir, m *storefmt.RunMeta) error {
	if err := replaceFile(filepath.Join(d.path, metaFile), storefmt.EncodeRun(&m.Info, m.DeletedTime)); err != nil {
		return fmt.Errorf("write run %s: %w", d.id, err)
	}
	return nil
}

// RunUpdate holds the optional fields of MLflow's UpdateRun.
type RunUpdate struct {
	Status  *mlflow.RunStatus
	EndTime *int64
	RunName string
}

// UpdateRun changes an active run's status, end time or name and returns
// its info.
func (s *Store) UpdateRun(id string, u RunUpdate) (*mlflow.RunInfo, error) {
	defer s.lockRun(id)()
	defer s.idx.refreshRun(id)
	d, m, err := s.activeRun(id)
	if err != nil {
		return nil, err
	}
	if u.Status != nil {
		m.Info.Status = *u.Status
	}
	if u.EndTime != nil {
		m.Info.EndTime = *u.EndTime
	}
	if u.RunName != "" {
		m.Info.RunName = u.RunName
		if err := s.writeTag(filepath.Join(d.path, "tags"),
			mlflow.Tag{Key: mlflow.TagRunName, Value: u.RunName}); err != nil {
			return nil, err
		}
	}
	m.DeletedTime = 0
	if err := s.writeRunMeta(d, m); err != nil {
		return nil, err
	}
	return &m.Info, nil
}

// DeleteRun marks a run deleted; its folder stays until gc.
func (s *Store) DeleteRun(id string) error {
	defer s.lockRun(id)()
	defer s.idx.refreshRun(id)
	d, _, err := s.runMeta(id)
	if err != nil {
		return err
	}
	return s.setRunStage(d, mlflow.StageDeleted, nowMillis(), false)
}

// RestoreRun makes a deleted run active again.
func (s *Store) RestoreRun(id string) error {
	defer s.lockRun(id)()
	defer s.idx.refreshRun(id)
	d, _, err := s.runMeta(id)
	if err != nil {
		return err
	}
	return s.setRunStage(d, mlflow.StageActive, 0, false)
}

// setRunStage rewrites a run's lifecycle stage. With onlyActive, runs that
// are already deleted keep their deletion time (an experiment delete).
func (s *Store) setRunStage(d runDir, stage string, deletedAt int64, onlyActive bool) error {
	b, err := os.ReadFile(filepath.Join(d.path, metaFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil // not a run: artifact folders may share the tree
	}
	if err != nil {
		return fmt.Errorf("read run %s: %w", d.id, err)
	}
	m, err := storefmt.ParseRun(b)
	if err != nil {
		s.warn(filepath.Join(d.path, metaFile), err.Error())
		return nil
	}
	if onlyActive && m.Info.LifecycleStage != mlflow.StageActive {
		return nil
	}
	m.Info.LifecycleStage, m.DeletedTime = stage, deletedAt
	return s.writeRunMeta(d, m)
}
