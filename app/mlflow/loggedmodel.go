package mlflow

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// LoggedModelStatus is the state of an MLflow 3 logged model. meta.yaml
// stores the number; JSON carries the name.
type LoggedModelStatus int

// Logged model states, numbered as in MLflow's protobuf enum.
const (
	LoggedModelUnspecified  LoggedModelStatus = 0
	LoggedModelPending      LoggedModelStatus = 1
	LoggedModelReady        LoggedModelStatus = 2
	LoggedModelUploadFailed LoggedModelStatus = 3
)

var loggedModelStatusNames = []string{
	"LOGGED_MODEL_STATUS_UNSPECIFIED", "LOGGED_MODEL_PENDING", "LOGGED_MODEL_READY",
	"LOGGED_MODEL_UPLOAD_FAILED",
}

// String returns the enum name.
func (s LoggedModelStatus) String() string {
	if s >= 0 && int(s) < len(loggedModelStatusNames) {
		return loggedModelStatusNames[s]
	}
	return strconv.Itoa(int(s))
}

// ParseLoggedModelStatus reads a name (any case, with or without the
// LOGGED_MODEL_ prefix) or a number.
func ParseLoggedModelStatus(v string) (LoggedModelStatus, error) {
	up := strings.ToUpper(strings.TrimSpace(v))
	for i, n := range loggedModelStatusNames {
		if up == n || "LOGGED_MODEL_"+up == n {
			return LoggedModelStatus(i), nil
		}
	}
	if n, err := strconv.Atoi(up); err == nil && n >= 0 && n < len(loggedModelStatusNames) {
		return LoggedModelStatus(n), nil
	}
	return 0, fmt.Errorf("invalid logged model status %q", v)
}

// MarshalJSON writes the name.
func (s LoggedModelStatus) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads the name MarshalJSON writes, or a number.
func (s *LoggedModelStatus) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	st, err := ParseLoggedModelStatus(fmt.Sprint(v))
	if err != nil {
		return err
	}
	*s = st
	return nil
}

// LoggedModelInfo is the metadata of an MLflow 3 logged model.
type LoggedModelInfo struct {
	ModelID                string            `json:"model_id"`
	ExperimentID           string            `json:"experiment_id"`
	Name                   string            `json:"name"`
	CreationTimestampMs    int64             `json:"creation_timestamp_ms"`
	LastUpdatedTimestampMs int64             `json:"last_updated_timestamp_ms"`
	ArtifactURI            string            `json:"artifact_uri"`
	Status                 LoggedModelStatus `json:"status"`
	ModelType              string            `json:"model_type,omitempty"`
	SourceRunID            string            `json:"source_run_id,omitempty"`
	StatusMessage          string            `json:"status_message,omitempty"`
	Tags                   []Tag             `json:"tags,omitempty"`
}

// LoggedModelData holds a logged model's params and latest metrics.
type LoggedModelData struct {
	Params  []Param  `json:"params,omitempty"`
	Metrics []Metric `json:"metrics,omitempty"`
}

// LoggedModel is an MLflow 3 logged model as the REST API returns it.
type LoggedModel struct {
	Info LoggedModelInfo `json:"info"`
	Data LoggedModelData `json:"data"`
}
