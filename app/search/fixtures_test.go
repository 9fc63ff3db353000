package search

import (
	"math"

	"mlscope/app/mlflow"
)

// testRuns returns three runs that cover present, missing and odd values:
//
//	aaa: finished, named, ended; acc 0.9, loss NaN; lr 0.1; dataset mnist (training)
//	bbb: running, named only by tag, not ended; acc 0.5; lr 0.01; no inputs
//	ccc: failed, unnamed; no metrics, params or tags; datasets cifar (eval), MNIST
func testRuns() []*mlflow.Run {
	return []*mlflow.Run{
		{
			Info: mlflow.RunInfo{RunID: "aaa", RunName: "alpha", UserID: "alice",
				Status: mlflow.StatusFinished, StartTime: 100, EndTime: 200,
				ArtifactURI: "file:///mlruns/0/aaa/artifacts", LifecycleStage: "active"},
			Data: mlflow.RunData{
				Metrics: []mlflow.Metric{{Key: "acc", Value: 0.9}, {Key: "loss",
					Value: mlflow.Float(math.NaN())}, {Key: "val loss", Value: 1}},
				Params: []mlflow.Param{{Key: "lr", Value: "0.1"}, {Key: "opt", Value: "Adam"}},
				Tags: []mlflow.Tag{{Key: "team", Value: "vision"},
					{Key: mlflow.TagRunName, Value: "alpha"}},
			},
			Inputs: mlflow.RunInputs{DatasetInputs: []mlflow.DatasetInput{{
				Tags:    []mlflow.Tag{{Key: mlflow.TagDataContext, Value: "training"}},
				Dataset: mlflow.Dataset{Name: "mnist", Digest: "d1"},
			}}},
		},
		{
			Info: mlflow.RunInfo{RunID: "bbb", UserID: "bob", Status: mlflow.StatusRunning,
				StartTime: 300, ArtifactURI: "s3://bucket/bbb", LifecycleStage: "active"},
			Data: mlflow.RunData{
				Metrics: []mlflow.Metric{{Key: "acc", Value: 0.5}},
				Params:  []mlflow.Param{{Key: "lr", Value: "0.01"}, {Key: "opt", Value: "sgd"}},
				Tags: []mlflow.Tag{{Key: "team", Value: "NLP"},
					{Key: mlflow.TagRunName, Value: "beta"}},
			},
		},
		{
			Info: mlflow.RunInfo{RunUUID: "ccc", UserID: "carol", Status: mlflow.StatusFailed,
				StartTime: 200, EndTime: 250, LifecycleStage: "active"},
			Inputs: mlflow.RunInputs{DatasetInputs: []mlflow.DatasetInput{
				{Tags: []mlflow.Tag{{Key: mlflow.TagDataContext, Value: "eval"}},
					Dataset: mlflow.Dataset{Name: "cifar", Digest: "d2"}},
				{Dataset: mlflow.Dataset{Name: "MNIST", Digest: "d3"}},
			}},
		},
	}
}

// runIDs lists the runs' ids.
func runIDs(runs []*mlflow.Run) []string {
	ids := make([]string, len(runs))
	for i, r := range runs {
		ids[i], _ = runString(r, "run_id")
	}
	return ids
}

// testExperiments returns experiments with ids that sort differently as
// strings and numbers, and one without times.
func testExperiments() []*mlflow.Experiment {
	return []*mlflow.Experiment{
		{ExperimentID: "0", Name: "Default", CreationTime: 100, LastUpdateTime: 150,
			Tags: []mlflow.Tag{{Key: "owner", Value: "alice"}}},
		{ExperimentID: "2", Name: "vision", CreationTime: 300, LastUpdateTime: 300,
			Tags: []mlflow.Tag{{Key: "owner", Value: "bob"}}},
		{ExperimentID: "10", Name: "nlp"},
		{ExperimentID: "3", Name: "audio", CreationTime: 300, LastUpdateTime: 400},
	}
}

func expIDs(exps []*mlflow.Experiment) []string {
	ids := make([]string, len(exps))
	for i, e := range exps {
		ids[i] = e.ExperimentID
	}
	return ids
}
