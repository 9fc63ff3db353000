package mlruns

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"mlscope/app/mlflow"
)

// maxModelHops bounds how many models:/ URIs are followed from one
// version to another, so that a cycle cannot loop.
const maxModelHops = 4

// modelPlace is a model folder found on disk: sub, a clean slash path
// below root. Files are opened through an os.Root on root, so that neither
// sub nor a request's path can leave it, not even by a symbolic link.
type modelPlace struct {
	root string
	sub  string
}

func (p modelPlace) dir() string { return filepath.Join(p.root, filepath.FromSlash(p.sub)) }

// ModelVersionFiles says where a model version's files are on this
// machine. URI is the download URI MLflow answers (storage_location, else
// source); Dir is empty when the files cannot be found, and Note says why.
func (s *Store) ModelVersionFiles(name, version string) (ArtifactRoot, error) {
	mv, err := s.ModelVersion(name, version)
	if err != nil {
		return ArtifactRoot{}, err
	}
	ar := ArtifactRoot{URI: DownloadURI(mv)}
	if p, ok := s.versionPlace(mv, 0); ok {
		ar.Dir = p.dir()
	} else {
		ar.Note = "the model version's files are not on this machine"
	}
	return ar, nil
}

// DownloadURI is where MLflow says a version's files are: the recorded
// storage location, else the source it was registered from.
func DownloadURI(mv *ModelVersion) string {
	if mv.StorageLocation != "" {
		return mv.StorageLocation
	}
	return mv.Source
}

// versionPlace finds a version's folder the way run artifacts are found:
// trees are often copied from another machine, so the storage location and
// the source are each tried, first as a folder of the version's run
// inside this tree, then as what they name on this machine.
func (s *Store) versionPlace(mv *ModelVersion, hops int) (modelPlace, bool) {
	for _, uri := range []string{mv.StorageLocation, mv.Source} {
		if uri == "" {
			continue
		}
		if p, ok := s.placeOf(uri, mv.RunID, hops); ok {
			return p, true
		}
	}
	return modelPlace{}, false
}

// placeOf resolves one model URI. runID, when known, names the run whose
// artifacts the URI most likely points into.
func (s *Store) placeOf(uri, runID string, hops int) (modelPlace, bool) {
	switch {
	case strings.HasPrefix(uri, "runs:/"):
		id, rel, _ := strings.Cut(strings.TrimPrefix(uri, "runs:/"), "/")
		return s.runPlace(id, rel)
	case strings.HasPrefix(uri, "models:/"):
		return s.modelsURIPlace(strings.TrimPrefix(uri, "models:/"), hops)
	}
	if runID != "" {
		if rel, ok := relToRun(uri, runID); ok {
			if p, ok := s.runPlace(runID, rel); ok {
				return p, true
			}
		}
	}
	if id, ok := loggedModelID(uri); ok {
		if p, ok := s.loggedModelPlace(id); ok {
			return p, true
		}
	}
	switch {
	case strings.HasPrefix(uri, "mlflow-artifacts:"):
		if p := uriPath(uri); p != "" {
			return placeIfDir(s.artDest, path.Clean("/" + p)[1:])
		}
	case strings.HasPrefix(uri, "file:") || strings.HasPrefix(uri, "/"):
		if p := localPath(uri); p != "" {
			return placeIfDir(p, "")
		}
	}
	return modelPlace{}, false
}

func placeIfDir(root, sub string) (modelPlace, bool) {
	p := modelPlace{root, sub}
	return p, isDir(p.dir())
}

// runPlace is the folder rel below a run's artifact root.
func (s *Store) runPlace(runID, rel string) (modelPlace, bool) {
	clean, err := mlflow.CleanArtifactPath(rel)
	if err != nil {
		return modelPlace{}, false
	}
	r, err := s.Run(runID)
	if err != nil {
		return modelPlace{}, false
	}
	ar := s.artifactRoot(r)
	if ar.Dir == "" {
		return modelPlace{}, false
	}
	return placeIfDir(ar.Dir, clean)
}

// relToRun returns the part of a URI below <run_id>/artifacts/, percent
// decoded, and whether the URI points there.
func relToRun(uri, runID string) (string, bool) {
	p := uriPath(uri)
	marker := "/" + runID + "/artifacts"
	i := strings.LastIndex(p, marker)
	if i < 0 {
		return "", false
	}
	rest := p[i+len(marker):]
	if rest != "" && rest[0] != '/' {
		return "", false
	}
	return strings.Trim(rest, "/"), true
}

// uriPath is the decoded path of a URI, or the text itself when it does
// not parse as one (Windows paths).
func uriPath(uri string) string {
	if u, err := url.Parse(uri); err == nil && u.Path != "" {
		return u.Path
	}
	return uri
}

// loggedModelID finds an MLflow 3 logged model id in a URI:
// .../models/m-<id>/artifacts/...
func loggedModelID(uri string) (string, bool) {
	parts := strings.Split(uriPath(uri), "/")
	for i := 0; i+2 < len(parts); i++ {
		if parts[i] == "models" && strings.HasPrefix(parts[i+1], "m-") && parts[i+2] == "artifacts" {
			return parts[i+1], true
		}
	}
	return "", false
}

// loggedModelPlace finds an MLflow 3 logged model's artifacts folder in
// any experiment, active or deleted.
func (s *Store) loggedModelPlace(id string) (modelPlace, bool) {
	if !mlflow.ValidRunID(id) {
		return modelPlace{}, false
	}
	dirs, err := s.experimentDirs(mlflow.ViewAll)
	if err != nil {
		return modelPlace{}, false
	}
	for _, d := range dirs {
		if p, ok := placeIfDir(filepath.Join(d.path, registryDir, id, artifactsDir), ""); ok {
			return p, true
		}
	}
	return modelPlace{}, false
}

// modelsURIPlace resolves models:/<name>/<version>, models:/<name>@<alias>,
// models:/<name>/<stage> (the stage's latest version) and MLflow 3's
// models:/m-<id>.
func (s *Store) modelsURIPlace(ref string, hops int) (modelPlace, bool) {
	if strings.HasPrefix(ref, "m-") && !strings.Contains(ref, "/") {
		return s.loggedModelPlace(ref)
	}
	if hops >= maxModelHops {
		return modelPlace{}, false
	}
	name, sel, ok := strings.Cut(ref, "/")
	if !ok {
		name, sel, ok = strings.Cut(ref, "@")
		sel = "@" + sel
	}
	if !ok {
		return modelPlace{}, false
	}
	rm, versions, err := s.modelFolder(name)
	if err != nil {
		return modelPlace{}, false
	}
	var target *ModelVersion
	for _, v := range versions {
		switch {
		case v.Version == sel, strings.EqualFold(v.CurrentStage, sel):
			target = v // versions are sorted: the last match of a stage is the latest
		case strings.HasPrefix(sel, "@"):
			for _, a := range rm.Aliases {
				if "@"+a.Alias == sel && a.Version == v.Version {
					target = v
				}
			}
		}
	}
	if target == nil {
		return modelPlace{}, false
	}
	return s.versionPlace(target, hops+1)
}

// OpenModelVersionArtifact opens one file of a model version for reading.
// The path is checked by mlflow.CleanArtifactPath and opened through an
// os.Root on the folder the version's files were found below, so neither
// ".." nor a symbolic link can reach outside it. A missing file, a folder,
// or a version whose files are not on this machine is
// RESOURCE_DOES_NOT_EXIST.
func (s *Store) OpenModelVersionArtifact(name, version, rel string) (*os.File, fs.FileInfo, error) {
	clean, err := mlflow.CleanArtifactPath(rel)
	if err != nil {
		return nil, nil, err
	}
	mv, err := s.ModelVersion(name, version)
	if err != nil {
		return nil, nil, err
	}
	notFound := mlflow.Errorf(mlflow.CodeResourceDoesNotExist,
		"Artifact '%s' of model '%s' version %s not found", rel, name, version)
	p, ok := s.versionPlace(mv, 0)
	if !ok || clean == "" {
		return nil, nil, notFound
	}
	root, err := os.OpenRoot(p.root)
	if err != nil {
		return nil, nil, notFound
	}
	defer root.Close()
	f, err := root.Open(filepath.FromSlash(path.Join(p.sub, clean)))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, notFound
		}
		return nil, nil, mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Invalid path: %s", rel)
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, notFound
	}
	return f, fi, nil
}
