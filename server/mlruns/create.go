package mlruns

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
)

// createTree makes a new tree with the Default experiment, as MLflow does
// when its tracking folder does not exist. Its artifact location follows
// the default artifact root like any new experiment's: mlflow-artifacts:/0
// under a server that serves artifacts, file:///abs/mlruns/0 otherwise.
func (s *Store) createTree() error {
	now := time.Now().UnixMilli()
	def := &mlflow.Experiment{
		ExperimentID:     "0",
		Name:             "Default",
		ArtifactLocation: joinURI(s.artRoot, "0"),
		LifecycleStage:   mlflow.StageActive,
		CreationTime:     now,
		LastUpdateTime:   now,
	}
	dir := filepath.Join(s.root, "0")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create tree: %w", err)
	}
	if err := writeNewFile(filepath.Join(dir, metaFile), storefmt.EncodeExperiment(def)); err != nil {
		return fmt.Errorf("create default experiment: %w", err)
	}
	if err := os.MkdirAll(filepath.Join(s.root, trashDir), 0o755); err != nil {
		return fmt.Errorf("create tree: %w", err)
	}
	return nil
}

// writeNewFile writes a file that must not exist yet, with its temporary
// file beside it.
func writeNewFile(path string, b []byte) error {
	return writeNewFileVia(filepath.Dir(path), path, b)
}

// writeNewFileVia creates path with content b, failing with fs.ErrExist
// when it exists. The content is written and synced in a temporary file in
// tmpDir and then hard-linked into place, so that no reader (a watcher
// reacting to the new name, MLflow itself) ever sees the file half
// written. tmpDir must be on the same file system; see replaceFileVia.
func writeNewFileVia(tmpDir, path string, b []byte) error {
	tmp, err := os.CreateTemp(tmpDir, "."+filepath.Base(path)+".new-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fs.ErrExist
		}
		return err
	}
	return syncDir(filepath.Dir(path))
}

// fileURI turns an absolute local path into a file:// URI as MLflow writes
// it (file:///home/u/mlruns/0).
func fileURI(abs string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	return u.String()
}
