package api

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"

	"mlscope/app/mlflow"
)

// zipPath is mlscope's own endpoint (not MLflow's) for a folder of a
// run's artifacts as one zip file: GET ...?run_id=<id>&path=<folder>, the
// whole artifact root when path is empty or absent.
const zipPath = "/2.0/mlscope/artifacts/zip"

// zipRoutes registers the zip download under both API prefixes.
func (s *Server) zipRoutes() {
	for _, prefix := range []string{"/api", "/ajax-api"} {
		s.mux.HandleFunc("GET "+prefix+zipPath, s.handleArtifactZip)
		s.methods[prefix+zipPath] = append(s.methods[prefix+zipPath], http.MethodGet)
	}
}

// handleArtifactZip streams a folder of a run's artifacts as a zip file,
// written as it is sent, so a large folder is never held in memory. Paths
// are checked and opened by the store (OpenArtifactDir): nothing outside
// the folder is read, and symbolic links are left out. A failure once the
// answer has started cuts the connection, so the client sees a broken
// download rather than a short zip.
func (s *Server) handleArtifactZip(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	id, err := queryRunID(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rel := q.Get("path")
	root, err := s.store.OpenArtifactDir(id, rel)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer root.Close()

	clean, _ := mlflow.CleanArtifactPath(rel) // OpenArtifactDir checked it
	name := id + "-artifacts.zip"
	if clean != "" {
		name = path.Base(clean) + ".zip"
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment",
		map[string]string{"filename": name}))
	zw := zip.NewWriter(w)
	err = writeZip(zw, root.FS())
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		s.log.Error("zip artifacts", "run_id", id, "path", rel, "err", err)
		panic(http.ErrAbortHandler)
	}
}

// writeZip adds every regular file below fsys to zw, in lexical order,
// with forward-slash names relative to fsys. Symbolic links and other
// special files are skipped; empty folders get an entry of their own.
func writeZip(zw *zip.Writer, fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("walk %s: %w", p, err)
		}
		if p == "." {
			return nil
		}
		if d.IsDir() {
			ents, err := fs.ReadDir(fsys, p)
			if err == nil && len(ents) == 0 {
				_, err = zw.Create(p + "/")
			}
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		return addZipFile(zw, fsys, p)
	})
}

func addZipFile(zw *zip.Writer, fsys fs.FS, p string) error {
	f, err := fsys.Open(p)
	if err != nil {
		return fmt.Errorf("open %s: %w", p, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("stat %s: %w", p, err)
	}
	h, err := zip.FileInfoHeader(fi)
	if err != nil {
		return fmt.Errorf("zip header of %s: %w", p, err)
	}
	h.Name, h.Method = p, zip.Deflate
	dst, err := zw.CreateHeader(h)
	if err != nil {
		return fmt.Errorf("zip entry %s: %w", p, err)
	}
	if _, err := io.Copy(dst, f); err != nil {
		return fmt.Errorf("zip %s: %w", p, err)
	}
	return nil
}
