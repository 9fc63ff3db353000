// Package exportfmt is the layout of a static export (mlscope export,
// issue 10): where each answer of the API is stored as a file, and the
// manifest that says what the export holds. The exporter (server/export)
// writes these paths and the browser (app/ui, in export mode) reads them,
// so both take them from here. It is pure: no I/O.
package exportfmt

import (
	"slices"
	"strconv"
	"strings"
)

// Paths are relative to the export's root, without a leading slash, so
// that the site works from any folder of any static host.
const (
	ManifestPath    = "data/export.json"
	ExperimentsPath = "data/experiments.json"
)

// Name makes s safe as one segment of a file path and of a URL path: lower
// case ASCII letters, digits, '_', '-' and '.' stay; every other byte
// becomes ~XX (its hex value), and so does a leading dot, so that no
// segment is "." or "..", or hidden. Upper case letters are escaped too,
// so that keys differing in case only ("Loss", "loss") stay two files on
// the case-insensitive disks of macOS and Windows. A static server
// decodes %XX in URLs before it looks for a file, so escaping with %
// would not survive; ~ does.
func Name(s string) string {
	if s == "" {
		return "~"
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
			c == '_' || c == '-' || c == '.' && i > 0
		if ok {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('~')
		b.WriteString(strings.ToUpper(strconv.FormatUint(uint64(c)>>4, 16)))
		b.WriteString(strings.ToUpper(strconv.FormatUint(uint64(c)&15, 16)))
	}
	return b.String()
}

// segments applies Name to each part of a slash-separated path.
func segments(p string) string {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	for i, s := range parts {
		parts[i] = Name(s)
	}
	return strings.Join(parts, "/")
}

// ExperimentPath is experiments/get of one experiment.
func ExperimentPath(id string) string { return "data/experiments/" + Name(id) + ".json" }

// RunsPagePath is page n (from 0) of an experiment's active runs, as
// runs/search answers it.
func RunsPagePath(expID string, n int) string {
	return "data/runs/" + Name(expID) + "/page-" + strconv.Itoa(n) + ".json"
}

// RunPath is runs/get of one run.
func RunPath(runID string) string { return "data/run/" + Name(runID) + ".json" }

// HistoryPath is a metric's history as get-history answers it, reduced
// when it is long (see History).
func HistoryPath(runID, key string) string {
	return "data/history/" + Name(runID) + "/" + Name(key) + ".json"
}

// HistoryChunkPath is chunk n of a long history, every value of a range
// of steps.
func HistoryChunkPath(runID, key string, n int) string {
	return "data/history/" + Name(runID) + "/" + Name(key) + "/" + strconv.Itoa(n) + ".json"
}

// ArtifactListPath is artifacts/list of a folder of a run's artifacts
// ("" for the root).
func ArtifactListPath(runID, dir string) string {
	return "data/artifacts/" + Name(runID) + "/list-" + Name(strings.Trim(dir, "/")) + ".json"
}

// ArtifactFilePath is a copy of an artifact file. Segments keep their
// extension, so that the static server sends the right content type.
func ArtifactFilePath(runID, p string) string {
	return "data/artifacts/" + Name(runID) + "/files/" + segments(p)
}

// MLmodelJSONPath is an MLmodel file of a run's artifacts as JSON, which
// the app reads instead of the file (it has no YAML decoder).
func MLmodelJSONPath(runID, p string) string {
	return "data/artifacts/" + Name(runID) + "/mlmodel-json/" + segments(p) + ".json"
}

// MLmodelJSONOf is the JSON copy of the MLmodel file at p, a copy of a
// model's file: a run's artifact (ArtifactFilePath), a registered model
// version's (VersionFilePath) or a logged model's (LoggedModelFilePath);
// ok is false when p is none of these.
func MLmodelJSONOf(p string) (string, bool) {
	// Each owner's folder has as many segments below its prefix.
	for _, o := range []struct {
		prefix string
		n      int
	}{{"data/artifacts/", 1}, {"data/registry/versions/", 2}, {"data/logged-models/", 1}} {
		rest, ok := strings.CutPrefix(p, o.prefix)
		parts := strings.SplitN(rest, "/", o.n+2)
		if ok && len(parts) == o.n+2 && parts[o.n] == "files" && parts[o.n+1] != "" &&
			!slices.Contains(parts[:o.n], "") {
			return o.prefix + strings.Join(parts[:o.n], "/") + "/mlmodel-json/" + parts[o.n+1] +
				".json", true
		}
	}
	return "", false
}

// The model registry: registered-models/search's answer (every model),
// model-versions/search's (every version, in the server's order), and
// each model's and version's get.
const (
	RegisteredModelsPath = "data/registry/models.json"
	ModelVersionsPath    = "data/registry/versions.json"
)

// RegisteredModelPath is registered-models/get of one model.
func RegisteredModelPath(name string) string {
	return "data/registry/models/" + Name(name) + ".json"
}

// ModelVersionPath is model-versions/get of one version.
func ModelVersionPath(name, version string) string {
	return "data/registry/versions/" + Name(name) + "/" + Name(version) + ".json"
}

// VersionFilePath is a copy of a file of a model version's model (its
// MLmodel, input examples and environment files).
func VersionFilePath(name, version, p string) string {
	return "data/registry/versions/" + Name(name) + "/" + Name(version) + "/files/" + segments(p)
}

// LoggedModelsPath is logged-models/search of one experiment: every
// MLflow 3 logged model of it.
func LoggedModelsPath(expID string) string { return "data/logged-models/" + Name(expID) + ".json" }

// LoggedModelFilePath is a copy of a file of a logged model's artifacts.
func LoggedModelFilePath(modelID, p string) string {
	return "data/logged-models/" + Name(modelID) + "/files/" + segments(p)
}

// PageDir is the folder of the copy of the app's page for a path of the
// app ("experiments/1", "models/My model"), so that a static server finds
// a page when the address is opened or reloaded. A static server looks
// for the address's segments decoded, as they are, so the folder's names
// are the segments themselves, not Name's. ok is false when a segment
// cannot be a folder's name served as a page ("", ".", "..", "index.html",
// or with a slash, a backslash or a control byte); that address then
// opens only once the service worker holds the export. Every copy of a
// depth is the same page, so names that differ in case only may share a
// folder on a case-insensitive disk.
func PageDir(appPath string) (string, bool) {
	parts := strings.Split(strings.Trim(appPath, "/"), "/")
	for _, s := range parts {
		if s == "" || s == "." || s == ".." || s == "index.html" || strings.ContainsFunc(s,
			func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
			return "", false
		}
	}
	return strings.Join(parts, "/"), true
}

// ArtifactParam is the query parameter of a run page's address, in an
// export, that names the artifact shown: experiments/1/runs/ab?artifact=
// model/MLmodel. A server's address has the path in the URL's path
// instead (…/runs/ab/artifacts/model/MLmodel), which a static host could
// answer only with a copy of the page for every artifact; the run page's
// one copy serves every artifact of the run this way.
const ArtifactParam = "artifact"
