package storefmt

import (
	"errors"
	"fmt"
	"strconv"

	"mlscope/app/mlflow"
)

// registeredModelMeta is models/<name>/meta.yaml. The aliases mapping in it
// is not read: MLflow keeps aliases in the aliases folder and ignores it.
type registeredModelMeta struct {
	CreationTimestamp    *int64 `yaml:"creation_timestamp"`
	Description          string `yaml:"description"`
	LastUpdatedTimestamp *int64 `yaml:"last_updated_timestamp"`
	Name                 string `yaml:"name"`
}

// ParseRegisteredModel reads a registered model's meta.yaml. It fails on
// YAML that does not parse, an empty document and a missing name. Tags,
// aliases and latest versions live elsewhere and are left empty.
func ParseRegisteredModel(b []byte) (*mlflow.RegisteredModel, error) {
	var m registeredModelMeta
	if err := decodeYAML(b, &m); err != nil {
		return nil, err
	}
	if m.Name == "" {
		return nil, errors.New("registered model has no name")
	}
	rm := &mlflow.RegisteredModel{Name: m.Name, Description: m.Description}
	if m.CreationTimestamp != nil {
		rm.CreationTimestamp = *m.CreationTimestamp
	}
	if m.LastUpdatedTimestamp != nil {
		rm.LastUpdatedTimestamp = *m.LastUpdatedTimestamp
	}
	return rm, nil
}

// modelVersionMeta is models/<name>/version-<N>/meta.yaml. Its aliases
// list is ignored like the model's mapping; MLflow 3 keys that the REST
// shape does not carry (model_id, deployment_job_state) are too.
type modelVersionMeta struct {
	CreationTimestamp    *int64 `yaml:"creation_timestamp"`
	CurrentStage         string `yaml:"current_stage"`
	Description          string `yaml:"description"`
	LastUpdatedTimestamp *int64 `yaml:"last_updated_timestamp"`
	Name                 string `yaml:"name"`
	RunID                string `yaml:"run_id"`
	RunLink              string `yaml:"run_link"`
	Source               string `yaml:"source"`
	Status               string `yaml:"status"`
	StatusMessage        string `yaml:"status_message"`
	StorageLocation      string `yaml:"storage_location"`
	UserID               string `yaml:"user_id"`
	Version              string `yaml:"version"`
}

// VersionMeta is a model version read from its meta.yaml: the REST shape,
// its number, and the resolved artifact URI that MLflow 2.9 and later
// record beside the source (empty in older trees).
type VersionMeta struct {
	Version         mlflow.ModelVersion
	Number          int64
	StorageLocation string
}

// ParseModelVersion reads a model version's meta.yaml. It fails on YAML
// that does not parse, an empty document, a missing name, and a version
// that is not a positive integer. A missing status reads as READY, the
// file store's default.
func ParseModelVersion(b []byte) (*VersionMeta, error) {
	var m modelVersionMeta
	if err := decodeYAML(b, &m); err != nil {
		return nil, err
	}
	if m.Name == "" {
		return nil, errors.New("model version has no name")
	}
	n, err := strconv.ParseInt(m.Version, 10, 64)
	if err != nil || n < 1 {
		return nil, fmt.Errorf("version %q is not a positive integer", m.Version)
	}
	v := mlflow.ModelVersion{
		Name: m.Name, Version: strconv.FormatInt(n, 10), UserID: m.UserID,
		CurrentStage: m.CurrentStage, Description: m.Description, Source: m.Source,
		RunID: m.RunID, Status: m.Status, StatusMessage: m.StatusMessage, RunLink: m.RunLink,
	}
	if v.Status == "" {
		v.Status = "READY"
	}
	if m.CreationTimestamp != nil {
		v.CreationTimestamp = *m.CreationTimestamp
	}
	if m.LastUpdatedTimestamp != nil {
		v.LastUpdatedTimestamp = *m.LastUpdatedTimestamp
	}
	return &VersionMeta{Version: v, Number: n, StorageLocation: m.StorageLocation}, nil
}
