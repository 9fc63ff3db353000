package storefmt

import (
	"errors"

	"mlscope/app/mlflow"
)

// datasetMeta is <experiment>/datasets/<dataset_id>/meta.yaml (MLflow 2.4+).
type datasetMeta struct {
	Digest     string  `yaml:"digest"`
	Name       string  `yaml:"name"`
	Profile    *string `yaml:"profile"`
	Schema     *string `yaml:"schema"`
	Source     string  `yaml:"source"`
	SourceType string  `yaml:"source_type"`
}

// ParseDataset reads a dataset record. It fails without a name.
func ParseDataset(b []byte) (*mlflow.Dataset, error) {
	var m datasetMeta
	if err := decodeYAML(b, &m); err != nil {
		return nil, err
	}
	if m.Name == "" {
		return nil, errors.New("dataset has no name")
	}
	d := &mlflow.Dataset{
		Name: m.Name, Digest: m.Digest, Source: m.Source, SourceType: m.SourceType,
	}
	if m.Schema != nil {
		d.Schema = *m.Schema
	}
	if m.Profile != nil {
		d.Profile = *m.Profile
	}
	return d, nil
}

// Input is a run's link to something it consumed:
// <run>/inputs/<input_id>/meta.yaml. SourceType is DATASET (SourceID is
// then the dataset id) or, in MLflow 3, MODEL (SourceID is the model id).
// MLflow writes the source id into destination_id as well, so that field
// is not read: the run is the folder the file sits in.
type Input struct {
	SourceType string
	SourceID   string
	Tags       []mlflow.Tag
}

type inputMeta struct {
	SourceType string            `yaml:"source_type"`
	SourceID   string            `yaml:"source_id"`
	Tags       map[string]string `yaml:"tags"`
}

// ParseInput reads a run input link. It fails without a source id.
func ParseInput(b []byte) (*Input, error) {
	m, ok := flatInputMeta(b)
	if !ok {
		if err := decodeYAML(b, &m); err != nil {
			return nil, err
		}
	}
	if m.SourceID == "" {
		return nil, errors.New("input has no source_id")
	}
	in := &Input{SourceType: m.SourceType, SourceID: m.SourceID}
	for k, v := range m.Tags {
		in.Tags = append(in.Tags, mlflow.Tag{Key: k, Value: v})
	}
	sortTags(in.Tags)
	return in, nil
}

func sortTags(t []mlflow.Tag) {
	for i := 1; i < len(t); i++ {
		for j := i; j > 0 && t[j].Key < t[j-1].Key; j-- {
			t[j], t[j-1] = t[j-1], t[j]
		}
	}
}
