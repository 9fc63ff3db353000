// Package demo fills an mlruns tree with realistic, generated experiments:
// learning curves, hyperparameter sweeps with nested runs, failed and
// killed runs, a deleted run, dataset inputs and, in each experiment's best
// run, a logged scikit-learn model with a signature and an input example.
// `mlscope demo` uses it to make benchmark trees and trees for newcomers;
// the API uses it for the UI's empty state.
//
// Everything is written through the store's write methods (CreateRun,
// LogBatch, LogInputs, UpdateRun, DeleteRun, AppendLoggedModel,
// WriteArtifact), so the files are exactly those MLflow's file store
// writes. The content (names, params, tags, metric values and times) is a
// function of the seed; the run and experiment ids are not, because the
// store gives every new run and experiment a random id.
//
// The logged models are descriptions only: MLmodel, the environment files
// and the input example are written, the pickled model is not, so loading
// one with mlflow fails. Their MLmodel says so in its metadata.
//
// It must never import net/http or touch the tree other than through the
// store.
package demo
