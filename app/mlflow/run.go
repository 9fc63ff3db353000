package mlflow

// RunInfo is the metadata of a run. EndTime is zero while the run has not
// ended and is then left out of the JSON, as MLflow does.
type RunInfo struct {
	RunID          string    `json:"run_id"`
	RunUUID        string    `json:"run_uuid"`
	RunName        string    `json:"run_name,omitempty"`
	ExperimentID   string    `json:"experiment_id"`
	UserID         string    `json:"user_id,omitempty"`
	Status         RunStatus `json:"status"`
	StartTime      int64     `json:"start_time"`
	EndTime        int64     `json:"end_time,omitempty"`
	ArtifactURI    string    `json:"artifact_uri,omitempty"`
	LifecycleStage string    `json:"lifecycle_stage"`
}

// RunData holds a run's latest metric values (one per key), its params and
// its tags.
type RunData struct {
	Metrics []Metric `json:"metrics,omitempty"`
	Params  []Param  `json:"params,omitempty"`
	Tags    []Tag    `json:"tags,omitempty"`
}

// Dataset describes a dataset a run used (MLflow 2.4 and later).
type Dataset struct {
	Name       string `json:"name"`
	Digest     string `json:"digest"`
	SourceType string `json:"source_type"`
	Source     string `json:"source"`
	Schema     string `json:"schema,omitempty"`
	Profile    string `json:"profile,omitempty"`
}

// DatasetInput links a dataset to a run, with tags such as
// mlflow.data.context.
type DatasetInput struct {
	Tags    []Tag   `json:"tags,omitempty"`
	Dataset Dataset `json:"dataset"`
}

// ModelInput names an MLflow 3 logged model that a run used.
type ModelInput struct {
	ModelID string `json:"model_id"`
}

// ModelOutput names an MLflow 3 logged model that a run produced.
type ModelOutput struct {
	ModelID string `json:"model_id"`
	Step    int64  `json:"step"`
}

// RunInputs lists what a run consumed.
type RunInputs struct {
	DatasetInputs []DatasetInput `json:"dataset_inputs,omitempty"`
	ModelInputs   []ModelInput   `json:"model_inputs,omitempty"`
}

// RunOutputs lists what a run produced (MLflow 3).
type RunOutputs struct {
	ModelOutputs []ModelOutput `json:"model_outputs,omitempty"`
}

// Run is a run as MLflow's REST API returns it.
type Run struct {
	Info    RunInfo     `json:"info"`
	Data    RunData     `json:"data"`
	Inputs  RunInputs   `json:"inputs"`
	Outputs *RunOutputs `json:"outputs,omitempty"`
}

// Tag returns the value of the run tag key and whether it is set.
func (r *Run) Tag(key string) (string, bool) { return lookup(r.Data.Tags, key) }

// Param returns the value of the param key and whether it was logged.
func (r *Run) Param(key string) (string, bool) { return lookup(r.Data.Params, key) }

// Metric returns the latest value of the metric key and whether it exists.
func (r *Run) Metric(key string) (Metric, bool) {
	for _, m := range r.Data.Metrics {
		if m.Key == key {
			return m, true
		}
	}
	return Metric{}, false
}

// Reserved tag keys the UI and the store give a meaning to.
const (
	TagRunName         = "mlflow.runName"
	TagUser            = "mlflow.user"
	TagSourceName      = "mlflow.source.name"
	TagSourceType      = "mlflow.source.type"
	TagGitCommit       = "mlflow.source.git.commit"
	TagGitBranch       = "mlflow.source.git.branch"
	TagGitRepoURL      = "mlflow.source.git.repoURL"
	TagParentRunID     = "mlflow.parentRunId"
	TagNote            = "mlflow.note.content"
	TagLogModelHistory = "mlflow.log-model.history"
	TagDataContext     = "mlflow.data.context"
)

// FileInfo is one entry of an artifact listing. FileSize is nil for
// folders, so that it is left out of the JSON as MLflow leaves it out.
type FileInfo struct {
	Path     string `json:"path"`
	IsDir    bool   `json:"is_dir"`
	FileSize *int64 `json:"file_size,omitempty"`
}
