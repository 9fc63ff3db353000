// Package api serves MLflow's REST API (under /api/2.0/mlflow/ and
// /ajax-api/2.0/mlflow/) and the artifact download routes over an mlruns
// store, with MLflow's JSON shapes, error envelopes and status codes.
//
// Handlers decode a request, call the store and encode the answer; the one
// place that turns errors into HTTP statuses is writeError.
package api
