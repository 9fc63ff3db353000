package export

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// siteWriter writes the export's files below its root and counts them.
// Its methods are safe for concurrent use.
type siteWriter struct {
	root string

	mu    sync.Mutex
	files int
	bytes int64
	dirs  map[string]bool
	// listed are the files the service worker stores at the first visit
	// (exportfmt.Manifest.Files): all but the app's page copies.
	listed []string
}

func newSiteWriter(root string) *siteWriter {
	return &siteWriter{root: root, dirs: map[string]bool{}}
}

// mkdirFor makes the folder of a file, once.
func (w *siteWriter) mkdirFor(rel string) (string, error) {
	full := filepath.Join(w.root, filepath.FromSlash(rel))
	dir := filepath.Dir(full)
	w.mu.Lock()
	made := w.dirs[dir]
	w.mu.Unlock()
	if !made {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", fmt.Errorf("write %s: %w", full, err)
		}
		w.mu.Lock()
		w.dirs[dir] = true
		w.mu.Unlock()
	}
	return full, nil
}

func (w *siteWriter) count(rel string, n int64, listed bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.files++
	w.bytes += n
	if listed {
		w.listed = append(w.listed, rel)
	}
}

// write writes b at rel (slash-separated, below the root). listed says
// whether the service worker stores it.
func (w *siteWriter) write(rel string, b []byte, listed bool) error {
	full, err := w.mkdirFor(rel)
	if err != nil {
		return err
	}
	if err := os.WriteFile(full, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", full, err)
	}
	w.count(rel, int64(len(b)), listed)
	return nil
}

// writeJSON writes v as JSON.
func (w *siteWriter) writeJSON(rel string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", rel, err)
	}
	return w.write(rel, b, true)
}

// copyFrom copies r to rel.
func (w *siteWriter) copyFrom(rel string, r io.Reader) error {
	full, err := w.mkdirFor(rel)
	if err != nil {
		return err
	}
	f, err := os.Create(full)
	if err != nil {
		return fmt.Errorf("write %s: %w", full, err)
	}
	n, err := io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", full, err)
	}
	w.count(rel, n, true)
	return nil
}

// listedFiles returns the listed files, sorted.
func (w *siteWriter) listedFiles() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := append([]string(nil), w.listed...)
	sort.Strings(out)
	return out
}
