package storefmt

import (
	"errors"
	"fmt"

	"mlscope/app/mlflow"
)

// runMeta is a run meta.yaml. MLflow 3 dropped run_uuid, 1.x lacks
// run_name, and status and lifecycle_stage may be missing in the oldest
// trees; the legacy name, source_*, entry_point_name and tags keys carry
// nothing and are ignored.
type runMeta struct {
	ArtifactURI    string `yaml:"artifact_uri"`
	EndTime        *int64 `yaml:"end_time"`
	ExperimentID   string `yaml:"experiment_id"`
	LifecycleStage string `yaml:"lifecycle_stage"`
	RunID          string `yaml:"run_id"`
	RunUUID        string `yaml:"run_uuid"`
	RunName        string `yaml:"run_name"`
	StartTime      *int64 `yaml:"start_time"`
	Status         *int   `yaml:"status"`
	UserID         string `yaml:"user_id"`
	DeletedTime    *int64 `yaml:"deleted_time"`
}

// RunMeta is what a run meta.yaml holds beyond mlflow.RunInfo: the time the
// run was deleted, when it is known.
type RunMeta struct {
	Info        mlflow.RunInfo
	DeletedTime int64 // zero when unset
}

// ParseRun reads a run meta.yaml. It fails on YAML that does not parse, an
// empty document, or a document without a run id (run_id, or run_uuid in
// trees before MLflow 3). A missing start_time reads as 0. Missing status
// means RUNNING and missing lifecycle_stage means active, as in MLflow.
// RunName is left empty when the file has none; the caller falls back to
// the mlflow.runName tag.
func ParseRun(b []byte) (*RunMeta, error) {
	m, ok := flatRunMeta(b)
	if !ok {
		if err := decodeYAML(b, &m); err != nil {
			return nil, err
		}
	}
	id := m.RunID
	if id == "" {
		id = m.RunUUID
	}
	if id == "" {
		return nil, errors.New("no run_id or run_uuid")
	}
	info := mlflow.RunInfo{
		RunID:          id,
		RunUUID:        id,
		RunName:        m.RunName,
		ExperimentID:   m.ExperimentID,
		UserID:         m.UserID,
		Status:         mlflow.StatusRunning,
		ArtifactURI:    m.ArtifactURI,
		LifecycleStage: m.LifecycleStage,
	}
	if m.Status != nil {
		info.Status = mlflow.RunStatus(*m.Status)
		if info.Status.String() == fmt.Sprint(*m.Status) {
			return nil, fmt.Errorf("unknown run status %d", *m.Status)
		}
	}
	if info.LifecycleStage == "" {
		info.LifecycleStage = mlflow.StageActive
	}
	if m.StartTime != nil {
		info.StartTime = *m.StartTime
	}
	if m.EndTime != nil {
		info.EndTime = *m.EndTime
	}
	rm := &RunMeta{Info: info}
	if m.DeletedTime != nil {
		rm.DeletedTime = *m.DeletedTime
	}
	return rm, nil
}
