package storefmt

import (
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"

	"mlscope/app/mlflow"
)

// experimentMeta is an experiment meta.yaml as any MLflow version wrote it.
// Decoding a YAML scalar into a string keeps its text, so a legacy integer
// experiment_id arrives as "3". Unknown keys (such as a stray tags mapping)
// are ignored, as MLflow ignores them.
type experimentMeta struct {
	ArtifactLocation string `yaml:"artifact_location"`
	CreationTime     *int64 `yaml:"creation_time"`
	ExperimentID     string `yaml:"experiment_id"`
	LastUpdateTime   *int64 `yaml:"last_update_time"`
	LifecycleStage   string `yaml:"lifecycle_stage"`
	Name             string `yaml:"name"`
}

// ParseExperiment reads an experiment meta.yaml. It fails on YAML that does
// not parse, on an empty document and on a missing experiment_id or name.
// A missing lifecycle_stage (very old trees) is left empty for the caller,
// which knows whether the folder sits in .trash.
func ParseExperiment(b []byte) (*mlflow.Experiment, error) {
	var m experimentMeta
	if err := decodeYAML(b, &m); err != nil {
		return nil, err
	}
	if m.ExperimentID == "" {
		return nil, errors.New("no experiment_id")
	}
	e := &mlflow.Experiment{
		ExperimentID:     m.ExperimentID,
		Name:             m.Name,
		ArtifactLocation: m.ArtifactLocation,
		LifecycleStage:   m.LifecycleStage,
	}
	if m.CreationTime != nil {
		e.CreationTime = *m.CreationTime
	}
	if m.LastUpdateTime != nil {
		e.LastUpdateTime = *m.LastUpdateTime
	}
	return e, nil
}

// decodeYAML decodes one YAML document into v, refusing an empty document:
// MLflow treats a meta.yaml that parses to nothing as unreadable (it is what
// a concurrent writer or a crash leaves behind).
func decodeYAML(b []byte, v any) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("invalid yaml: %w", err)
	}
	if len(doc.Content) == 0 {
		return errors.New("empty yaml document")
	}
	if doc.Content[0].Kind != yaml.MappingNode {
		return errors.New("yaml document is not a mapping")
	}
	if err := doc.Decode(v); err != nil {
		return fmt.Errorf("invalid yaml: %w", err)
	}
	return nil
}
