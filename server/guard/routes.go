package guard

import (
	"net/http"
	"strings"
)

// What the guard knows of MLflow's routes: which POSTs only read, which
// requests are heavy, which carry an artifact upload. Paths are compared
// exactly as they arrive; a path that needs cleaning first is not a read
// RPC and not an upload here, and the router redirects it anyway.

// rpcPrefixes are where MLflow serves its RPCs.
var rpcPrefixes = []string{
	"/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/",
	"/api/3.0/mlflow/", "/ajax-api/3.0/mlflow/",
	"/api/2.0/mlscope/", "/ajax-api/2.0/mlscope/", // mlscope's own, beside MLflow's
}

// rpcName returns the part of an RPC path after ".../mlflow/", such as
// "runs/search", or "".
func rpcName(path string) string {
	for _, p := range rpcPrefixes {
		if name, ok := strings.CutPrefix(path, p); ok {
			return name
		}
	}
	return ""
}

// readPOSTs are the RPCs that MLflow defines as POST but that only read.
var readPOSTs = map[string]bool{
	"runs/search":                           true,
	"experiments/search":                    true,
	"logged-models/search":                  true,
	"registered-models/get-latest-versions": true,
	"experiments/search-datasets":           true,
	"runs/table":                            true, // mlscope's runs table
}

// heavyRPCs take much CPU or I/O per request.
var heavyRPCs = map[string]bool{
	"runs/search":                       true,
	"metrics/get-history-bulk":          true,
	"metrics/get-history-bulk-interval": true,
	"runs/table":                        true,
	"artifacts/zip":                     true, // mlscope's folder download
}

// artifactPrefixes hold the proxied artifact files (mlflow-artifacts API).
var artifactPrefixes = []string{
	"/api/2.0/mlflow-artifacts/artifacts/", "/ajax-api/2.0/mlflow-artifacts/artifacts/",
}

func isArtifactFile(path string) bool {
	for _, p := range artifactPrefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// isReadOnly reports whether a request cannot change the tree.
func isReadOnly(r *http.Request) bool {
	return !isWriteMethod(r.Method) ||
		(r.Method == http.MethodPost && readPOSTs[rpcName(r.URL.Path)])
}

// isHeavy reports whether a request counts against the heavy limit: run
// search, bulk metric history, and artifact downloads and uploads.
func isHeavy(r *http.Request) bool {
	p := r.URL.Path
	if heavyRPCs[rpcName(p)] {
		return true
	}
	if p == "/get-artifact" || p == "/model-versions/get-artifact" {
		return true
	}
	if strings.HasPrefix(rpcName(p), "logged-models/") && strings.Contains(p, "/artifacts/") {
		return true
	}
	return isArtifactFile(p) && r.Method != http.MethodDelete
}

// isUpload reports whether a request carries an artifact file.
func isUpload(r *http.Request) bool {
	return r.Method == http.MethodPut && isArtifactFile(r.URL.Path)
}
