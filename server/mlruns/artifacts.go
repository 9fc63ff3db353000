package mlruns

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"mlscope/app/mlflow"
)

// ArtifactRoot says where a run's artifacts are on this machine. Dir is
// empty when they cannot be found; Note then says why, in plain words.
type ArtifactRoot struct {
	URI  string // the run's artifact_uri, as recorded
	Dir  string // local folder, or "" when not found
	Note string
}

// artifactRoot resolves a run's artifact location. Trees are often copied
// from another machine, so the run's own artifacts folder inside the tree
// wins over the recorded URI; then a file: URI or plain path that exists
// here; then an mlflow-artifacts: URI under the artifacts destination.
func (s *Store) artifactRoot(r *Run) ArtifactRoot {
	ar := ArtifactRoot{URI: r.Info.ArtifactURI}
	uri := r.Info.ArtifactURI
	local := filepath.Join(r.dir.path, artifactsDir)
	if isDir(local) && !strings.HasPrefix(uri, "mlflow-artifacts:") {
		ar.Dir = local
		return ar
	}
	switch {
	case strings.HasPrefix(uri, "mlflow-artifacts:"):
		p := strings.TrimPrefix(uri, "mlflow-artifacts:")
		if u, err := url.Parse(uri); err == nil && u.Path != "" {
			p = u.Path
		}
		p = path.Clean("/" + p)
		if dir := filepath.Join(s.artDest, filepath.FromSlash(p)); isDir(dir) {
			ar.Dir = dir
			return ar
		}
		if isDir(local) {
			ar.Dir = local // a tree copied together with its artifacts
			return ar
		}
		ar.Note = "artifacts are served by a tracking server; not found under " + s.artDest
	case strings.HasPrefix(uri, "file:") || strings.HasPrefix(uri, "/"):
		if p := localPath(uri); p != "" && isDir(p) {
			ar.Dir = p
			return ar
		}
		ar.Note = "the artifact folder recorded for this run is not on this machine"
	case uri == "":
		ar.Note = "the run has no artifact location"
	default:
		ar.Note = "artifacts are stored at a remote location mlscope does not read"
	}
	return ar
}

// localPath turns a file: URI or absolute path into a local path, or "".
func localPath(uri string) string {
	if !strings.HasPrefix(uri, "file:") {
		return uri
	}
	u, err := url.Parse(uri)
	if err != nil || (u.Host != "" && u.Host != "localhost") {
		return ""
	}
	return filepath.FromSlash(u.Path)
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// Artifacts returns the run's artifact root and the entries of the folder
// rel below it (the root itself when rel is empty), sorted by path. Paths
// in the entries are relative to the root, prefix included, as MLflow
// returns them. A folder that does not exist lists as empty.
func (s *Store) Artifacts(runID, rel string) (ArtifactRoot, []mlflow.FileInfo, error) {
	clean, err := mlflow.CleanArtifactPath(rel)
	if err != nil {
		return ArtifactRoot{}, nil, err
	}
	r, err := s.Run(runID)
	if err != nil {
		return ArtifactRoot{}, nil, err
	}
	ar := s.artifactRoot(r)
	if ar.Dir == "" {
		return ar, nil, nil
	}
	root, err := os.OpenRoot(ar.Dir)
	if err != nil {
		return ar, nil, nil
	}
	defer root.Close()
	dirName := clean
	if dirName == "" {
		dirName = "."
	}
	f, err := root.Open(filepath.FromSlash(dirName))
	if err != nil {
		return ar, nil, nil
	}
	defer f.Close()
	ents, err := f.ReadDir(-1)
	if err != nil {
		return ar, nil, nil
	}
	out := make([]mlflow.FileInfo, 0, len(ents))
	for _, e := range ents {
		if isPartialArtifact(e.Name()) {
			continue
		}
		fi := mlflow.FileInfo{Path: path.Join(clean, e.Name()), IsDir: e.IsDir()}
		if !e.IsDir() {
			info, err := e.Info()
			if err != nil {
				continue
			}
			size := info.Size()
			fi.FileSize = &size
		}
		out = append(out, fi)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return ar, out, nil
}

// isPartialArtifact reports whether name is a file that WriteArtifact or
// PutArtifact writes aside before renaming it into place
// (".model.pkl.tmp-0123456789ab", ".model.pkl.upload-0123456789ab"):
// one being written, or left behind by a crash. Other hidden files, such
// as a logged ".gitignore", are artifacts like any other.
func isPartialArtifact(name string) bool {
	if !strings.HasPrefix(name, ".") {
		return false
	}
	for _, infix := range []string{".tmp-", ".upload-"} {
		i := strings.LastIndex(name, infix)
		if i > 1 && isHex12(name[i+len(infix):]) {
			return true
		}
	}
	return false
}

// isHex12 reports whether s is the 12 lowercase hex digits of a temporary
// name's random part.
func isHex12(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// OpenArtifact opens one artifact file of a run for reading. The path is
// checked by mlflow.CleanArtifactPath and opened through an os.Root, so
// neither ".." nor a symbolic link can reach outside the artifact folder.
// A missing file, or a folder, is RESOURCE_DOES_NOT_EXIST.
func (s *Store) OpenArtifact(runID, rel string) (*os.File, fs.FileInfo, error) {
	clean, err := mlflow.CleanArtifactPath(rel)
	if err != nil {
		return nil, nil, err
	}
	r, err := s.Run(runID)
	if err != nil {
		return nil, nil, err
	}
	notFound := mlflow.Errorf(mlflow.CodeResourceDoesNotExist,
		"Artifact '%s' of run '%s' not found", rel, runID)
	ar := s.artifactRoot(r)
	if ar.Dir == "" || clean == "" {
		return nil, nil, notFound
	}
	root, err := os.OpenRoot(ar.Dir)
	if err != nil {
		return nil, nil, notFound
	}
	defer root.Close()
	f, err := root.Open(filepath.FromSlash(clean))
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

// ArtifactRootOf returns where the run's artifacts are.
func (s *Store) ArtifactRootOf(runID string) (ArtifactRoot, error) {
	r, err := s.Run(runID)
	if err != nil {
		return ArtifactRoot{}, err
	}
	return s.artifactRoot(r), nil
}
