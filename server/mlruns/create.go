package mlruns

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"mlscope/app/mlflow"
	"mlscope/app/storefmt"
)

// createTree makes a new tree with the Default experiment, as MLflow does
// when its tracking folder does not exist.
func (s *Store) createTree() error {
	now := time.Now().UnixMilli()
	def := &mlflow.Experiment{
		ExperimentID:     "0",
		Name:             "Default",
		ArtifactLocation: fileURI(filepath.Join(s.root, "0")),
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

// writeNewFile writes a file that must not exist yet and syncs it to disk.
func writeNewFile(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
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
