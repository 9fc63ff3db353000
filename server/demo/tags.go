package demo

import (
	"fmt"

	"mlscope/app/mlflow"
)

// userTags are the tags people add, in order; runs asked for more get
// tag_<i> keys.
var userTags = []struct {
	key    string
	values []string
}{
	{"team", []string{"growth", "risk", "ml-platform"}},
	{"stage", []string{"dev", "dev", "staging", "prod"}},
	{"framework", []string{"sklearn"}},
	{"dataset_version", []string{"v3", "v4"}},
	{"hardware", []string{"cpu-8", "cpu-16", "gpu-a10g"}},
	{"priority", []string{"low", "normal", "high"}},
	{"ticket", []string{"ML-1024", "ML-1031", "ML-1187"}},
	{"owner_team", []string{"data-science", "analytics"}},
	{"experiment_kind", []string{"baseline", "ablation", "tuning"}},
	{"reviewed", []string{"true", "false"}},
}

// tags returns the run's tags at creation: MLflow's system tags (the run
// name is added by the store), the parent link of a trial, and o.Tags user
// tags. Their values follow from the seed and the run's place.
func (p *runPlan) tags(o Options, parentID string) []mlflow.Tag {
	tags := []mlflow.Tag{
		{Key: mlflow.TagUser, Value: p.user},
		{Key: mlflow.TagSourceName, Value: p.source},
		{Key: mlflow.TagSourceType, Value: p.sourceType},
		{Key: mlflow.TagGitCommit, Value: p.commit},
	}
	if parentID != "" {
		tags = append(tags, mlflow.Tag{Key: mlflow.TagParentRunID, Value: parentID})
	}
	if p.best {
		tags = append(tags, mlflow.Tag{Key: mlflow.TagNote, Value: "**Best run** of the " +
			"experiment so far. The model logged under `model/` has a signature and an " +
			"input example."})
	}
	for i := 0; i < o.Tags; i++ {
		if i < len(userTags) {
			vs := userTags[i].values
			h := mix(uint64(o.Seed) ^ uint64(p.exp)<<40 ^ uint64(p.index)<<8 ^ uint64(i))
			v := vs[h%uint64(len(vs))]
			tags = append(tags, mlflow.Tag{Key: userTags[i].key, Value: v})
			continue
		}
		tags = append(tags, mlflow.Tag{Key: fmt.Sprintf("tag_%d", i+1),
			Value: fmt.Sprintf("value_%d", (p.index+i)%7)})
	}
	return tags
}
