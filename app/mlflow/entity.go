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
// value was computed on and the logged model it belongs to; those are
// held apart (MetricScope), since the index keeps the latest value of
// every metric of every run and older trees never set them.
type Metric struct {
	// Metrics are not comparable with ==, which would compare their
	// scopes' addresses: use reflect.DeepEqual.
	_         [0]func()
	Key       string `json:"key"`
	Value     Float  `json:"value"`
	Timestamp int64  `json:"timestamp"`
	Step      int64  `json:"step"`
	// Read it through Dataset and ModelOf, set it through SetDataset and
	// SetModel: it is nil for most values and may be shared by copies.
	*MetricScope
}

// MetricScope is what an MLflow 3 metric value may say it belongs to. Its
// fields appear in the JSON of the Metric that holds it.
type MetricScope struct {
	DatasetName   string `json:"dataset_name,omitempty"`
	DatasetDigest string `json:"dataset_digest,omitempty"`
	// ModelID names the MLflow 3 logged model the value belongs to.
	ModelID string `json:"model_id,omitempty"`
}

// Dataset returns the name and digest of the dataset the value was
// computed on, empty when it names none.
func (m Metric) Dataset() (name, digest string) {
	if m.MetricScope == nil {
		return "", ""
	}
	return m.DatasetName, m.DatasetDigest
}

// ModelOf returns the logged model the value belongs to, or "".
func (m Metric) ModelOf() string {
	if m.MetricScope == nil {
		return ""
	}
	return m.ModelID
}

// SetDataset sets the dataset the value was computed on.
func (m *Metric) SetDataset(name, digest string) {
	sc := m.scopeCopy()
	sc.DatasetName, sc.DatasetDigest = name, digest
	m.setScope(sc)
}

// SetModel sets the logged model the value belongs to.
func (m *Metric) SetModel(id string) {
	sc := m.scopeCopy()
	sc.ModelID = id
	m.setScope(sc)
}

func (m *Metric) scopeCopy() MetricScope {
	if m.MetricScope == nil {
		return MetricScope{}
	}
	return *m.MetricScope
}

// setScope never changes a scope in place: copies of m may share it.
func (m *Metric) setScope(sc MetricScope) {
	if sc == (MetricScope{}) {
		m.MetricScope = nil
		return
	}
	m.MetricScope = &sc
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
