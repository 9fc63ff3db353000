package mlflow

import "regexp"

var (
	experimentIDPattern = regexp.MustCompile(`^[a-zA-Z0-9][\w\-]{0,63}$`)
	runIDPattern        = regexp.MustCompile(`^[a-zA-Z0-9][\w\-]{0,255}$`)
)

// ValidExperimentID reports whether id has the form MLflow accepts for an
// experiment id (and so for an experiment folder name).
func ValidExperimentID(id string) bool { return experimentIDPattern.MatchString(id) }

// ValidRunID reports whether id has the form MLflow accepts for a run id.
func ValidRunID(id string) bool { return runIDPattern.MatchString(id) }
