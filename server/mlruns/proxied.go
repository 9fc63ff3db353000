package mlruns

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"

	"mlscope/app/mlflow"
)

// The proxied artifact store: what mlflow server's --serve-artifacts keeps
// under --artifacts-destination and clients reach through the
// mlflow-artifacts API. Every path is checked with mlflow.CleanArtifactPath
// and used through an os.Root, so nothing outside the destination is read
// or written, symbolic links included.

func (s *Store) destRoot() (*os.Root, error) {
	if err := mkdirs(s.artDest); err != nil {
		return nil, fmt.Errorf("create artifacts destination: %w", err)
	}
	return os.OpenRoot(s.artDest)
}

// PutArtifact stores the body at rel below the destination, streaming it
// to a temporary file that replaces the target only when complete and
// synced.
func (s *Store) PutArtifact(rel string, body io.Reader) error {
	clean, err := mlflow.CleanArtifactPath(rel)
	if err != nil {
		return err
	}
	if clean == "" {
		return mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Invalid path: %s", rel)
	}
	root, err := s.destRoot()
	if err != nil {
		return err
	}
	defer root.Close()
	dir, name := path.Split(clean)
	if dir != "" {
		if err := root.MkdirAll(filepath.FromSlash(dir), 0o755); err != nil {
			return mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Invalid path: %s", rel)
		}
	}
	tmp := filepath.FromSlash(dir + "." + name + ".upload-" + newRunID()[:12])
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("store artifact %s: %w", clean, err)
	}
	_, err = io.Copy(f, body)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, filepath.FromSlash(clean))
	}
	if err != nil {
		root.Remove(tmp)
		return fmt.Errorf("store artifact %s: %w", clean, err)
	}
	return syncDir(filepath.Join(s.artDest, filepath.FromSlash(dir)))
}

// OpenProxiedArtifact opens a stored artifact file for download.
func (s *Store) OpenProxiedArtifact(rel string) (*os.File, fs.FileInfo, error) {
	clean, err := mlflow.CleanArtifactPath(rel)
	if err != nil {
		return nil, nil, err
	}
	notFound := mlflow.Errorf(mlflow.CodeResourceDoesNotExist, "File %s not found", rel)
	root, err := s.destRoot()
	if err != nil {
		return nil, nil, err
	}
	defer root.Close()
	f, err := root.Open(filepath.FromSlash(clean))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || clean == "" {
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

// ListProxiedArtifacts lists a folder of the destination; entries carry
// base names only, as the mlflow-artifacts API returns them. A missing
// folder lists as empty.
func (s *Store) ListProxiedArtifacts(rel string) ([]mlflow.FileInfo, error) {
	clean, err := mlflow.CleanArtifactPath(rel)
	if err != nil {
		return nil, err
	}
	root, err := s.destRoot()
	if err != nil {
		return nil, err
	}
	defer root.Close()
	name := filepath.FromSlash(clean)
	if name == "" {
		name = "."
	}
	f, err := root.Open(name)
	if err != nil {
		return nil, nil
	}
	defer f.Close()
	ents, err := f.ReadDir(-1)
	if err != nil {
		return nil, nil
	}
	var out []mlflow.FileInfo
	for _, e := range ents {
		if len(e.Name()) > 0 && e.Name()[0] == '.' {
			continue // uploads in flight
		}
		fi := mlflow.FileInfo{Path: e.Name(), IsDir: e.IsDir()}
		if !e.IsDir() {
			if info, err := e.Info(); err == nil {
				size := info.Size()
				fi.FileSize = &size
			}
		}
		out = append(out, fi)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// DeleteProxiedArtifact removes a file or a folder tree.
func (s *Store) DeleteProxiedArtifact(rel string) error {
	clean, err := mlflow.CleanArtifactPath(rel)
	if err != nil {
		return err
	}
	if clean == "" {
		return mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Invalid path: %s", rel)
	}
	root, err := s.destRoot()
	if err != nil {
		return err
	}
	defer root.Close()
	// Lstat through the root refuses a path that leaves it by a symbolic
	// link on the way, which RemoveAll would report as a failure of ours.
	if _, err := root.Lstat(filepath.FromSlash(clean)); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return mlflow.Errorf(mlflow.CodeInvalidParameterValue, "Invalid path: %s", rel)
	}
	if err := root.RemoveAll(filepath.FromSlash(clean)); err != nil {
		return fmt.Errorf("delete artifact %s: %w", clean, err)
	}
	return nil
}
