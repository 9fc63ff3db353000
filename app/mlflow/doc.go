// Package mlflow holds MLflow's tracking entities (experiments, runs, metrics,
// params, tags, datasets, artifact listings) in the JSON shapes of MLflow's
// REST API, shared by the server and the browser.
//
// It is pure: no file or network I/O and no syscall/js, so it builds for
// every target and tests natively. It must never import os, net/http or
// anything under server/.
package mlflow
