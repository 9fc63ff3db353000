package mlflow

// Lifecycle stages of experiments and runs, as MLflow spells them.
const (
	StageActive  = "active"
	StageDeleted = "deleted"
)

// Tag is a key and value pair, used for run tags, experiment tags and the
// tags of dataset inputs. Params share its shape.
type Tag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Param is a run parameter: a key and its string value.
type Param = Tag

// Experiment is an MLflow experiment. Tags come from the experiment's tags
// folder; CreationTime and LastUpdateTime are zero when the tree predates
// them (MLflow before 1.29) and are then left out of the JSON.
type Experiment struct {
	ExperimentID     string `json:"experiment_id"`
	Name             string `json:"name"`
	ArtifactLocation string `json:"artifact_location,omitempty"`
	LifecycleStage   string `json:"lifecycle_stage,omitempty"`
	LastUpdateTime   int64  `json:"last_update_time,omitempty"`
	CreationTime     int64  `json:"creation_time,omitempty"`
	Tags             []Tag  `json:"tags,omitempty"`
}

// TagValue returns the value of the experiment tag key and whether it is set.
func (e *Experiment) TagValue(key string) (string, bool) {
	return lookup(e.Tags, key)
}

// Metric is one logged value of a metric. MLflow 3 may add the dataset a
// value was computed on; older trees leave those fields empty.
type Metric struct {
	Key           string `json:"key"`
	Value         Float  `json:"value"`
	Timestamp     int64  `json:"timestamp"`
	Step          int64  `json:"step"`
	DatasetName   string `json:"dataset_name,omitempty"`
	DatasetDigest string `json:"dataset_digest,omitempty"`
	// ModelID names the MLflow 3 logged model the value belongs to.
	ModelID string `json:"model_id,omitempty"`
}

// Later reports whether m is after o in MLflow's file-store order for the
// latest value: the greater (step, timestamp, value) tuple wins.
func (m Metric) Later(o Metric) bool {
	if m.Step != o.Step {
		return m.Step > o.Step
	}
	if m.Timestamp != o.Timestamp {
		return m.Timestamp > o.Timestamp
	}
	return m.Value.Greater(o.Value)
}

// MetricWithRunID is a metric value tagged with its run, as the bulk history
// endpoints return it.
type MetricWithRunID struct {
	Metric
	RunID string `json:"run_id"`
}

func lookup(tags []Tag, key string) (string, bool) {
	for _, t := range tags {
		if t.Key == key {
			return t.Value, true
		}
	}
	return "", false
}
