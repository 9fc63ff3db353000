package storefmt

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"mlscope/app/mlflow"
)

// yamlWriter builds a meta.yaml the way MLflow's files look: one key per
// line, keys in alphabetical order (the caller adds them in that order).
// Every string is double-quoted, so that no YAML 1.1 reader (PyYAML) can
// take "yes", "1e5" or "0o17" for anything but a string.
type yamlWriter struct{ bytes.Buffer }

func (w *yamlWriter) str(key, v string) {
	w.WriteString(key)
	w.WriteString(": ")
	w.Write(quoteYAML(v))
	w.WriteByte('\n')
}

func (w *yamlWriter) int(key string, v int64) {
	w.WriteString(key + ": " + strconv.FormatInt(v, 10) + "\n")
}

func (w *yamlWriter) null(key string) { w.WriteString(key + ": null\n") }

func (w *yamlWriter) raw(key, v string) { w.WriteString(key + ": " + v + "\n") }

// quoteYAML returns v as a YAML double-quoted scalar. A JSON string is one,
// as long as HTML escaping is off and the text is valid UTF-8 (encoding/json
// replaces invalid bytes).
func quoteYAML(v string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // a string always encodes
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// EncodeExperiment writes an experiment meta.yaml with the keys MLflow 2.x
// and 3.x write at creation. Zero times are left out, as older trees do.
func EncodeExperiment(e *mlflow.Experiment) []byte {
	var w yamlWriter
	w.str("artifact_location", e.ArtifactLocation)
	if e.CreationTime != 0 {
		w.int("creation_time", e.CreationTime)
	}
	w.str("experiment_id", e.ExperimentID)
	if e.LastUpdateTime != 0 {
		w.int("last_update_time", e.LastUpdateTime)
	}
	w.str("lifecycle_stage", e.LifecycleStage)
	w.str("name", e.Name)
	return w.Bytes()
}

// EncodeRun writes a run meta.yaml with the MLflow 2.x superset of keys
// (run_id and run_uuid both, the legacy source_* and entry_point_name
// fields, tags: []), so that every MLflow version can read it. deletedTime
// is written only when non-zero: MLflow drops the key on every rewrite that
// is not a delete.
func EncodeRun(info *mlflow.RunInfo, deletedTime int64) []byte {
	var w yamlWriter
	w.str("artifact_uri", info.ArtifactURI)
	if deletedTime != 0 {
		w.int("deleted_time", deletedTime)
	}
	if info.EndTime != 0 {
		w.int("end_time", info.EndTime)
	} else {
		w.null("end_time")
	}
	w.str("entry_point_name", "")
	w.str("experiment_id", info.ExperimentID)
	w.str("lifecycle_stage", info.LifecycleStage)
	w.str("run_id", info.RunID)
	w.str("run_name", info.RunName)
	w.str("run_uuid", info.RunID)
	w.str("source_name", "")
	w.raw("source_type", "4")
	w.str("source_version", "")
	w.int("start_time", info.StartTime)
	w.int("status", int64(info.Status))
	w.raw("tags", "[]")
	w.str("user_id", info.UserID)
	return w.Bytes()
}

// FormatMetricLine returns the line MLflow appends to a metric file for one
// value, newline included: "<timestamp> <value> <step>\n" with the value
// spelled as Python's str(float). A value tied to a dataset gets MLflow 3's
// two more fields, when both have no spaces (they would break the line).
func FormatMetricLine(m mlflow.Metric) string {
	line := strconv.FormatInt(m.Timestamp, 10) + " " + mlflow.PythonString(float64(m.Value)) +
		" " + strconv.FormatInt(m.Step, 10)
	if name, digest := m.Dataset(); name != "" && digest != "" &&
		!strings.ContainsAny(name+digest, " \t\r\n") {
		line += " " + name + " " + digest
	}
	return line + "\n"
}

// EncodeDataset writes a dataset record, <experiment>/datasets/<id>/meta.yaml.
func EncodeDataset(d *mlflow.Dataset) []byte {
	var w yamlWriter
	w.str("digest", d.Digest)
	w.str("name", d.Name)
	optional := func(key, v string) {
		if v == "" {
			w.null(key)
		} else {
			w.str(key, v)
		}
	}
	optional("profile", d.Profile)
	optional("schema", d.Schema)
	w.str("source", d.Source)
	w.str("source_type", d.SourceType)
	return w.Bytes()
}

// EncodeInput writes a run's link to a dataset, <run>/inputs/<id>/meta.yaml.
// MLflow itself writes the dataset id into destination_id as well; the run
// id written here is what the field means, and no reader depends on it.
func EncodeInput(datasetID, runID string, tags []mlflow.Tag) []byte {
	var w yamlWriter
	w.str("destination_id", runID)
	w.str("destination_type", "RUN")
	w.str("source_id", datasetID)
	w.str("source_type", "DATASET")
	if len(tags) == 0 {
		w.raw("tags", "{}")
		return w.Bytes()
	}
	w.WriteString("tags:\n")
	for _, t := range tags {
		w.WriteString("  ")
		w.Write(quoteYAML(t.Key))
		w.WriteString(": ")
		w.Write(quoteYAML(t.Value))
		w.WriteByte('\n')
	}
	return w.Bytes()
}
