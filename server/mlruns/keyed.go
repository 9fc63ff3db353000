package mlruns

import (
	"os"
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
	s.eachKeyFile(dir, "", fn)
}
