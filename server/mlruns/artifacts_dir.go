package mlruns

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"mlscope/app/mlflow"
)

// OpenArtifactDir opens a folder of a run's artifacts (rel "" for all of
// them) as an os.Root, for reading a whole folder, as the zip download
// does. The path is checked by mlflow.CleanArtifactPath and opened below
// the artifact root through an os.Root, so neither ".." nor a symbolic
// link reaches outside the root; links inside it are followed by the
// returned Root only as far as they stay inside the folder. A folder that
// does not exist, or a file, is RESOURCE_DOES_NOT_EXIST. The caller closes
// the Root.
func (s *Store) OpenArtifactDir(runID, rel string) (*os.Root, error) {
	clean, err := mlflow.CleanArtifactPath(rel)
	if err != nil {
		return nil, err
	}
	r, err := s.Run(runID)
	if err != nil {
		return nil, err
	}
	notFound := mlflow.Errorf(mlflow.CodeResourceDoesNotExist,
		"Artifact folder '%s' of run '%s' not found", rel, runID)
	ar := s.artifactRoot(r)
	if ar.Dir == "" {
		return nil, notFound
	}
	root, err := os.OpenRoot(ar.Dir)
	if err != nil {
		return nil, notFound
	}
	if clean == "" {
		return root, nil
	}
	defer root.Close()
	name := filepath.FromSlash(clean)
	sub, err := root.OpenRoot(name)
	if err == nil {
		return sub, nil
	}
	if fi, serr := root.Stat(name); errors.Is(err, fs.ErrNotExist) || (serr == nil && !fi.IsDir()) {
		return nil, notFound
	}
	return nil, mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Invalid path: %s", rel)
}
