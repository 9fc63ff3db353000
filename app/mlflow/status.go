package mlflow

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// RunStatus is a run's state. The numbers are those of MLflow's protobuf
// enum, which meta.yaml stores; JSON carries the names.
type RunStatus int

// Run states.
const (
	StatusRunning   RunStatus = 1
	StatusScheduled RunStatus = 2
	StatusFinished  RunStatus = 3
	StatusFailed    RunStatus = 4
	StatusKilled    RunStatus = 5
)

var statusNames = map[RunStatus]string{
	StatusRunning:   "RUNNING",
	StatusScheduled: "SCHEDULED",
	StatusFinished:  "FINISHED",
	StatusFailed:    "FAILED",
	StatusKilled:    "KILLED",
}

// String returns the enum name, or the number for an unknown status.
func (s RunStatus) String() string {
	if n, ok := statusNames[s]; ok {
		return n
	}
	return strconv.Itoa(int(s))
}

// Terminal reports whether a run in this status has ended.
func (s RunStatus) Terminal() bool {
	return s == StatusFinished || s == StatusFailed || s == StatusKilled
}

// ParseRunStatus reads a status name (any letter case) or its number.
func ParseRunStatus(v string) (RunStatus, error) {
	up := strings.ToUpper(strings.TrimSpace(v))
	for s, n := range statusNames {
		if n == up {
			return s, nil
		}
	}
	if n, err := strconv.Atoi(up); err == nil {
		if _, ok := statusNames[RunStatus(n)]; ok {
			return RunStatus(n), nil
		}
	}
	return 0, fmt.Errorf("invalid run status %q", v)
}

// MarshalJSON writes the status name.
func (s RunStatus) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON accepts a name or a number, as protobuf's JSON parser does.
func (s *RunStatus) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	st, err := ParseRunStatus(fmt.Sprint(v))
	if err != nil {
		return err
	}
	*s = st
	return nil
}

// ViewType selects active runs or experiments, deleted ones, or both.
type ViewType int

// View types, numbered as in MLflow's protobuf enum.
const (
	ViewActiveOnly  ViewType = 1
	ViewDeletedOnly ViewType = 2
	ViewAll         ViewType = 3
)

// ParseViewType reads a view type name (any case) or number; empty means
// ACTIVE_ONLY, MLflow's default.
func ParseViewType(v string) (ViewType, error) {
	switch strings.ToUpper(strings.TrimSpace(v)) {
	case "", "ACTIVE_ONLY", "1":
		return ViewActiveOnly, nil
	case "DELETED_ONLY", "2":
		return ViewDeletedOnly, nil
	case "ALL", "3":
		return ViewAll, nil
	}
	return 0, fmt.Errorf("invalid view type %q", v)
}

// Includes reports whether an entity in the lifecycle stage is in view.
func (v ViewType) Includes(stage string) bool {
	switch v {
	case ViewDeletedOnly:
		return stage == StageDeleted
	case ViewAll:
		return true
	}
	return stage != StageDeleted
}
