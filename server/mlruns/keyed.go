package mlruns

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"mlscope/app/mlflow"
)

// readKeyed reads a params or tags folder: every file below it is one entry
// whose key is its path relative to the folder ("eval/loss" for nested
// folders) and whose value is its content. A missing folder means no
// entries. Hidden files and folders (.DS_Store, .ipynb_checkpoints) are
// debris from other tools, not entries, and are skipped with a warning.
func (s *Store) readKeyed(dir string) []mlflow.Tag {
	var out []mlflow.Tag
	s.walkKeys(dir, func(key, path string) {
		b, err := os.ReadFile(path)
		if err != nil {
			s.warn(path, err.Error())
			return
		}
		if !utf8.Valid(b) {
			s.warn(path, "value is not valid UTF-8")
			b = []byte(strings.ToValidUTF8(string(b), "\uFFFD"))
		}
		out = append(out, mlflow.Tag{Key: key, Value: string(b)})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// walkKeys calls fn for every regular file below dir with its key.
func (s *Store) walkKeys(dir string, fn func(key, path string)) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != dir {
				s.warn(p, err.Error())
			}
			return nil
		}
		if p == dir {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			s.warn(p, "hidden file or folder is not a key")
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		fn(filepath.ToSlash(rel), p)
		return nil
	})
}
