package search

import "mlscope/app/mlflow"

// findMetric returns the latest value of metric key, trying index *hint
// first and leaving there the index it was found at.
func findMetric(ms []mlflow.Metric, key string, hint *int) (float64, bool) {
	if h := *hint; h < len(ms) && ms[h].Key == key {
		return float64(ms[h].Value), true
	}
	for i := range ms {
		if ms[i].Key == key {
			*hint = i
			return float64(ms[i].Value), true
		}
	}
	return 0, false
}

// findTag is findMetric for params and tags.
func findTag(ts []mlflow.Tag, key string, hint *int) (string, bool) {
	if h := *hint; h < len(ts) && ts[h].Key == key {
		return ts[h].Value, true
	}
	for i := range ts {
		if ts[i].Key == key {
			*hint = i
			return ts[i].Value, true
		}
	}
	return "", false
}

// runString returns a string attribute of a run and whether it is set.
func runString(r *mlflow.Run, key string) (string, bool) {
	switch key {
	case "run_id":
		if r.Info.RunID == "" {
			return r.Info.RunUUID, true
		}
		return r.Info.RunID, true
	case "run_name":
		if r.Info.RunName != "" {
			return r.Info.RunName, true
		}
		return r.Tag(mlflow.TagRunName)
	case "status":
		return r.Info.Status.String(), true
	case "user_id":
		return r.Info.UserID, true
	case "artifact_uri":
		return r.Info.ArtifactURI, true
	}
	return "", false
}

// runInt returns a numeric attribute of a run and whether it is set; an
// end_time of zero means the run has not ended.
func runInt(r *mlflow.Run, key string) (int64, bool) {
	if key == "end_time" {
		return r.Info.EndTime, r.Info.EndTime != 0
	}
	return r.Info.StartTime, true
}
