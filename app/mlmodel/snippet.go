package mlmodel

import (
	"strconv"
	"strings"
)

// RunURI is the models URI of a folder of a run's artifacts:
// runs:/<run_id>/<path>.
func RunURI(runID, artifactPath string) string {
	p := strings.Trim(artifactPath, "/")
	if p == "" {
		return "runs:/" + runID
	}
	return "runs:/" + runID + "/" + p
}

// RegistryURI is the models URI of a registered model version:
// models:/<name>/<version>.
func RegistryURI(name, version string) string {
	return "models:/" + name + "/" + version
}

// URI is the best URI the MLmodel file itself gives for loading the model:
// models:/<model_id> for an MLflow 3 logged model, runs:/<run>/<path>
// before, and "" when the file names neither a model id nor a run and a
// relative artifact path.
func (m *Model) URI() string {
	switch {
	case strings.HasPrefix(m.ModelID, "m-"):
		return "models:/" + m.ModelID
	case m.RunID != "" && m.ArtifactPath != "" && !strings.Contains(m.ArtifactPath, ":"):
		return RunURI(m.RunID, m.ArtifactPath)
	}
	return ""
}

// LoadSnippet returns Python that loads the model at uri through MLflow's
// generic pyfunc interface and scores a batch with it. The URI is quoted
// as a Python string literal, so any model name is safe to paste.
func LoadSnippet(uri string) string {
	return "import mlflow\n\n" +
		"model = mlflow.pyfunc.load_model(" + strconv.Quote(uri) + ")\n" +
		"# data: a pandas DataFrame (or array) shaped as the signature's inputs\n" +
		"predictions = model.predict(data)\n"
}
