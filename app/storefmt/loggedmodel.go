package storefmt

import (
	"errors"
	"strings"

	"mlscope/app/mlflow"
)

// loggedModelMeta is <experiment>/models/<model_id>/meta.yaml (MLflow 3).
type loggedModelMeta struct {
	ArtifactLocation     string  `yaml:"artifact_location"`
	CreationTimestamp    int64   `yaml:"creation_timestamp"`
	ExperimentID         string  `yaml:"experiment_id"`
	LastUpdatedTimestamp int64   `yaml:"last_updated_timestamp"`
	LifecycleStage       string  `yaml:"lifecycle_stage"`
	ModelID              string  `yaml:"model_id"`
	ModelType            *string `yaml:"model_type"`
	Name                 string  `yaml:"name"`
	SourceRunID          *string `yaml:"source_run_id"`
	Status               *int    `yaml:"status"`
	StatusMessage        *string `yaml:"status_message"`
}

// LoggedModelMeta is a logged model's meta.yaml: its info and whether it
// was deleted (MLflow marks deletion here and keeps the folder).
type LoggedModelMeta struct {
	Info    mlflow.LoggedModelInfo
	Deleted bool
}

// ParseLoggedModel reads a logged model's meta.yaml. It fails without a
// model_id.
func ParseLoggedModel(b []byte) (*LoggedModelMeta, error) {
	var m loggedModelMeta
	if err := decodeYAML(b, &m); err != nil {
		return nil, err
	}
	if m.ModelID == "" {
		return nil, errors.New("no model_id")
	}
	info := mlflow.LoggedModelInfo{
		ModelID: m.ModelID, ExperimentID: m.ExperimentID, Name: m.Name,
		CreationTimestampMs: m.CreationTimestamp, LastUpdatedTimestampMs: m.LastUpdatedTimestamp,
		ArtifactURI: m.ArtifactLocation,
	}
	if m.Status != nil {
		info.Status = mlflow.LoggedModelStatus(*m.Status)
	}
	if m.ModelType != nil {
		info.ModelType = *m.ModelType
	}
	if m.SourceRunID != nil {
		info.SourceRunID = *m.SourceRunID
	}
	if m.StatusMessage != nil {
		info.StatusMessage = *m.StatusMessage
	}
	return &LoggedModelMeta{Info: info, Deleted: m.LifecycleStage == mlflow.StageDeleted}, nil
}

// EncodeLoggedModel writes a logged model's meta.yaml with the keys MLflow
// 3 writes, in its sorted order.
func EncodeLoggedModel(m *LoggedModelMeta) []byte {
	var w yamlWriter
	i := &m.Info
	optional := func(key, v string) {
		if v == "" {
			w.null(key)
		} else {
			w.str(key, v)
		}
	}
	w.str("artifact_location", i.ArtifactURI)
	w.int("creation_timestamp", i.CreationTimestampMs)
	w.str("experiment_id", i.ExperimentID)
	w.int("last_updated_timestamp", i.LastUpdatedTimestampMs)
	stage := mlflow.StageActive
	if m.Deleted {
		stage = mlflow.StageDeleted
	}
	w.str("lifecycle_stage", stage)
	w.str("model_id", i.ModelID)
	optional("model_type", i.ModelType)
	w.str("name", i.Name)
	optional("source_run_id", i.SourceRunID)
	w.int("status", int64(i.Status))
	optional("status_message", i.StatusMessage)
	return w.Bytes()
}

// EncodeOutput writes a run's link to a model it produced,
// <run>/outputs/<model_id>/meta.yaml, as MLflow 3 writes it.
func EncodeOutput(modelID string, step int64) []byte {
	var w yamlWriter
	w.str("destination_id", modelID)
	w.str("destination_type", "MODEL_OUTPUT")
	w.str("source_id", modelID)
	w.str("source_type", "RUN_OUTPUT")
	w.int("step", step)
	w.raw("tags", "{}")
	return w.Bytes()
}

// outputMeta is <run>/outputs/<model_id>/meta.yaml.
type outputMeta struct {
	DestinationID string `yaml:"destination_id"`
	Step          int64  `yaml:"step"`
}

// ParseOutput reads a run output link: the model id and the step.
func ParseOutput(b []byte) (mlflow.ModelOutput, error) {
	var m outputMeta
	if err := decodeYAML(b, &m); err != nil {
		return mlflow.ModelOutput{}, err
	}
	if m.DestinationID == "" {
		return mlflow.ModelOutput{}, errors.New("output has no destination_id")
	}
	return mlflow.ModelOutput{ModelID: m.DestinationID, Step: m.Step}, nil
}

// FormatModelMetricLine returns the line MLflow 3 appends to a logged
// model's metric file: "<timestamp> <value> <step> <run_id>", plus the
// dataset's name and digest when the value has them.
func FormatModelMetricLine(m mlflow.Metric, runID string) string {
	line := FormatMetricLine(mlflow.Metric{Timestamp: m.Timestamp, Value: m.Value, Step: m.Step})
	line = line[:len(line)-1] + " " + runID
	if name, digest := m.Dataset(); name != "" && digest != "" {
		line += " " + name + " " + digest
	}
	return line + "\n"
}

// ParseModelMetricLine reads a line of a logged model's metric file (four
// or six fields: timestamp, value, step, run id, and maybe the dataset).
func ParseModelMetricLine(key, line string) (mlflow.Metric, error) {
	f := strings.Fields(line)
	switch len(f) {
	case 4:
		return ParseMetricLine(key, strings.Join(f[:3], " "))
	case 6:
		return ParseMetricLine(key, strings.Join(append(f[:3:3], f[4:]...), " "))
	}
	return mlflow.Metric{Key: key}, errors.New("model metric lines have 4 or 6 fields")
}
