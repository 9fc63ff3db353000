package mlflow

import (
	"path"
	"regexp"
	"strings"
)

// Limits of MLflow's tracking API (mlflow/utils/validation.py, 3.x values
// where they differ from 2.x: run tag values may hold 8000 characters).
const (
	MaxEntityKeyLength      = 250
	MaxParamValueLength     = 6000
	MaxTagValueLength       = 8000
	MaxExperimentNameLength = 500
	MaxExperimentTagValue   = 5000
	MaxMetricsPerBatch      = 1000
	MaxParamsTagsPerBatch   = 100
	MaxEntitiesPerBatch     = 1000
	MaxDatasetNameSize      = 500
	MaxDatasetDigestSize    = 36
	MaxDatasetSourceSize    = 65535
	MaxDatasetSchemaSize    = 1048575
	MaxDatasetProfileSize   = 16777215
	MaxInputTagKeySize      = 255
	MaxInputTagValueSize    = 500
)

// keyPattern is the characters MLflow allows in metric, param and tag keys
// off Windows; the colon is accepted since late 2.x.
var keyPattern = regexp.MustCompile(`^[/\w.\- :]*$`)

const badCharacters = "Names may only contain alphanumerics, underscores (_), dashes (-), " +
	"periods (.), spaces ( ), colon(:) and slashes (/)."

// ValidateKey checks a metric, param or tag key; kind is "metric",
// "parameter" or "tag", as it appears in MLflow's messages. Keys become
// file paths in the tree, so they must not resolve to another path.
func ValidateKey(kind, key string) error {
	if !keyPattern.MatchString(key) {
		return Errorf(CodeInvalidParameterValue, "Invalid %s name: '%s'. %s", kind, key, badCharacters)
	}
	norm := path.Clean(key)
	if key == "" {
		norm = "."
	}
	if norm != key || norm == "." || strings.HasPrefix(norm, "..") || strings.HasPrefix(norm, "/") {
		return Errorf(CodeInvalidParameterValue, "Invalid %s name: '%s'. Names may be treated "+
			"as files in certain cases, and must not resolve to other names when treated as "+
			"such. This name would resolve to '%s'", kind, key, norm)
	}
	if len([]rune(key)) > MaxEntityKeyLength {
		return lengthError(strings.ToUpper(kind[:1])+kind[1:]+" name", MaxEntityKeyLength, key)
	}
	return nil
}

// ValidateLength checks a value against a limit, with MLflow's message.
func ValidateLength(entity string, limit int, v string) error {
	if len([]rune(v)) > limit {
		return lengthError(entity, limit, v)
	}
	return nil
}

func lengthError(entity string, limit int, v string) error {
	r := []rune(v)
	shown := r
	if len(shown) > 250 {
		shown = shown[:250]
	}
	return Errorf(CodeInvalidParameterValue, "%s '%s' had length %d, which exceeded length limit of %d",
		entity, string(shown), len(r), limit)
}

// ValidateExperimentName checks a name for a new or renamed experiment.
func ValidateExperimentName(name string) error {
	if name == "" {
		return Errorf(CodeInvalidParameterValue, "Invalid experiment name: '%s'", name)
	}
	if len([]rune(name)) > MaxExperimentNameLength {
		return Errorf(CodeInvalidParameterValue,
			"Experiment name exceeds the maximum length of %d characters", MaxExperimentNameLength)
	}
	return nil
}

// ValidateArtifactLocation refuses the artifact locations MLflow refuses
// for a new experiment.
func ValidateArtifactLocation(loc string) error {
	switch {
	case strings.HasPrefix(loc, "runs:"):
		return Errorf(CodeInvalidParameterValue,
			"Artifact location cannot be a runs:/ URI. Given: '%s'", loc)
	case strings.Contains(loc, "#"):
		return Errorf(CodeInvalidParameterValue,
			"'artifact_location' URL can't include fragments or params.")
	}
	return nil
}

// ValidateBatchLimits checks the counts of a log-batch request.
func ValidateBatchLimits(metrics, params, tags int) error {
	check := func(entity string, limit, n int) error {
		if n > limit {
			return Errorf(CodeInvalidParameterValue, "A batch logging request can contain at "+
				"most %d %s. Got %d %s. Please split up %s across multiple requests and try again.",
				limit, entity, n, entity, entity)
		}
		return nil
	}
	for _, c := range []struct {
		entity   string
		limit, n int
	}{
		{"metrics", MaxMetricsPerBatch, metrics},
		{"params", MaxParamsTagsPerBatch, params},
		{"tags", MaxParamsTagsPerBatch, tags},
		{"metrics, params, and tags", MaxEntitiesPerBatch, metrics + params + tags},
	} {
		if err := check(c.entity, c.limit, c.n); err != nil {
			return err
		}
	}
	return nil
}

// ValidateDataset checks a dataset logged as a run input.
func ValidateDataset(d Dataset) error {
	for _, f := range []struct {
		name, v string
	}{{"name", d.Name}, {"digest", d.Digest}, {"source_type", d.SourceType}, {"source", d.Source}} {
		if f.v == "" {
			return Errorf(CodeInvalidParameterValue, "Dataset %s must be specified.", f.name)
		}
	}
	for _, f := range []struct {
		entity string
		limit  int
		v      string
	}{
		{"Dataset name", MaxDatasetNameSize, d.Name},
		{"Dataset digest", MaxDatasetDigestSize, d.Digest},
		{"Dataset source", MaxDatasetSourceSize, d.Source},
		{"Dataset schema", MaxDatasetSchemaSize, d.Schema},
		{"Dataset profile", MaxDatasetProfileSize, d.Profile},
	} {
		if len(f.v) > f.limit {
			return Errorf(CodeInvalidParameterValue, "%s exceeds the maximum length of %d",
				f.entity, f.limit)
		}
	}
	return nil
}

// ValidateInputTag checks a tag of a dataset input.
func ValidateInputTag(t Tag) error {
	if len(t.Key) > MaxInputTagKeySize {
		return Errorf(CodeInvalidParameterValue, "Tag key exceeds the maximum length of %d",
			MaxInputTagKeySize)
	}
	if len(t.Value) > MaxInputTagValueSize {
		return Errorf(CodeInvalidParameterValue, "Tag value exceeds the maximum length of %d",
			MaxInputTagValueSize)
	}
	return nil
}

// ParamConflict is MLflow's error for logging a param again with another
// value.
func ParamConflict(runID, key, old, new string) error {
	return Errorf(CodeInvalidParameterValue, "Changing param values is not allowed. Param "+
		"with key='%s' was already logged with value='%s' for run ID='%s'. Attempted logging "+
		"new value '%s'.", key, old, runID, new)
}

// NotActive is MLflow's error for changing a deleted run.
func NotActive(runID string) error {
	return Errorf(CodeInvalidParameterValue,
		"The run %s must be in 'active' lifecycle_stage.", runID)
}
