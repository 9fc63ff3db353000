package mlflow

// Stages of a model version, as MLflow spells them on disk and in the API.
// StageDeletedInternal marks a deleted version, which the file store keeps
// on disk and hides.
const (
	StageNone            = "None"
	StageStaging         = "Staging"
	StageProduction      = "Production"
	StageArchived        = "Archived"
	StageDeletedInternal = "Deleted_Internal"
)

// VersionStages are the visible stages in the order the registry lists the
// latest version of each.
var VersionStages = []string{StageNone, StageStaging, StageProduction, StageArchived}

// RegisteredModelAlias names one version of a registered model.
type RegisteredModelAlias struct {
	Alias   string `json:"alias"`
	Version string `json:"version"`
}

// RegisteredModel is a model of the registry in the JSON shape of MLflow's
// REST API. LatestVersions holds the newest version of each stage; empty
// descriptions, tag and alias lists are left out, as MLflow leaves them out.
type RegisteredModel struct {
	Name                 string                 `json:"name"`
	CreationTimestamp    int64                  `json:"creation_timestamp"`
	LastUpdatedTimestamp int64                  `json:"last_updated_timestamp,omitempty"`
	Description          string                 `json:"description,omitempty"`
	LatestVersions       []*ModelVersion        `json:"latest_versions,omitempty"`
	Tags                 []Tag                  `json:"tags,omitempty"`
	Aliases              []RegisteredModelAlias `json:"aliases,omitempty"`
}

// ModelVersion is one version of a registered model, as MLflow's REST API
// returns it: the version number is a string there, and Status is the name
// of the status (READY, PENDING_REGISTRATION, FAILED_REGISTRATION).
type ModelVersion struct {
	Name                 string   `json:"name"`
	Version              string   `json:"version"`
	CreationTimestamp    int64    `json:"creation_timestamp"`
	LastUpdatedTimestamp int64    `json:"last_updated_timestamp,omitempty"`
	UserID               string   `json:"user_id,omitempty"`
	CurrentStage         string   `json:"current_stage,omitempty"`
	Description          string   `json:"description,omitempty"`
	Source               string   `json:"source,omitempty"`
	RunID                string   `json:"run_id,omitempty"`
	Status               string   `json:"status,omitempty"`
	StatusMessage        string   `json:"status_message,omitempty"`
	Tags                 []Tag    `json:"tags,omitempty"`
	RunLink              string   `json:"run_link,omitempty"`
	Aliases              []string `json:"aliases,omitempty"`
}

// Tag returns the value of the version tag key and whether it is set.
func (v *ModelVersion) Tag(key string) (string, bool) { return lookup(v.Tags, key) }
