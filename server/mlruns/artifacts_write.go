package mlruns

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"mlscope/app/mlflow"
)

// WriteArtifact stores b as the artifact rel (a slash path such as
// "model/MLmodel") of a run, replacing a file of that name, as a client's
// mlflow.log_artifact does. Two places can be written: a local folder (the
// run's artifacts folder in the tree, or a file: URI that exists here) and
// the artifacts destination, for mlflow-artifacts: URIs. Any other artifact
// location is NOT_IMPLEMENTED. The file is written through an os.Root on
// the artifact folder, so neither ".." nor a symbolic link leaves it; it
// replaces the target only once complete and synced. It does not check
// that the run is active: MLflow does not either.
func (s *Store) WriteArtifact(runID, rel string, b []byte) error {
	clean, err := mlflow.CleanArtifactPath(rel)
	if err != nil {
		return err
	}
	if clean == "" {
		return mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Invalid path: %s", rel)
	}
	r, err := s.Run(runID)
	if err != nil {
		return err
	}
	if uri := r.Info.ArtifactURI; strings.HasPrefix(uri, "mlflow-artifacts:") {
		return s.PutArtifact(path.Join(proxiedPath(uri), clean), bytes.NewReader(b))
	}
	ar := s.artifactRoot(r)
	if ar.Dir == "" {
		return mlflow.Errorf(mlflow.CodeNotImplemented,
			"Cannot write artifacts of run '%s': %s", runID, ar.Note)
	}
	if err := mkdirs(ar.Dir); err != nil {
		return fmt.Errorf("write artifact %s of run %s: %w", clean, runID, err)
	}
	if err := writeInRoot(ar.Dir, clean, b); err != nil {
		return fmt.Errorf("write artifact %s of run %s: %w", clean, runID, err)
	}
	return nil
}

// proxiedPath returns the destination-relative folder that an
// mlflow-artifacts: URI names ("mlflow-artifacts:/1/abc/artifacts" and
// "mlflow-artifacts://host/1/abc/artifacts" both give "1/abc/artifacts").
func proxiedPath(uri string) string {
	p := strings.TrimPrefix(uri, "mlflow-artifacts:")
	if u, err := url.Parse(uri); err == nil && u.Path != "" {
		p = u.Path
	}
	return strings.TrimPrefix(path.Clean("/"+p), "/")
}

// writeInRoot writes b to the clean slash path rel below dir through an
// os.Root: a hidden temporary sibling, synced, then renamed over the
// target.
func writeInRoot(dir, rel string, b []byte) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	sub, name := path.Split(rel)
	if sub != "" {
		if err := root.MkdirAll(filepath.FromSlash(sub), 0o755); err != nil {
			return err
		}
	}
	tmp := filepath.FromSlash(sub + "." + name + ".tmp-" + newRunID()[:12])
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, filepath.FromSlash(rel))
	}
	if err != nil {
		root.Remove(tmp)
		return err
	}
	return syncDir(filepath.Join(dir, filepath.FromSlash(sub)))
}
