// Package mlruns is the only code that touches an MLflow file-store tree
// (the mlruns folder). It finds experiments, runs, metric histories and
// artifacts on disk, parses them with app/storefmt, and reports problems as
// *mlflow.Error values in MLflow's words, so the HTTP layer can pass them on.
//
// Damaged files are skipped with one warning per file and problem; the rest
// of the tree is served. Reads go to disk every time: nothing is cached yet.
package mlruns
