package mlruns

import (
	"fmt"
	"io/fs"
	"path/filepath"
)

// Usage is how much of the disk some experiments take.
type Usage struct {
	Files int64 // regular files, meta.yaml files included
	Bytes int64 // their sizes summed (not the blocks they occupy)
}

// ExperimentUsage counts the files and bytes in the folders of the
// experiments, active or deleted, artifacts kept in the tree included.
// Artifacts under the artifacts destination are not counted. Unknown ids
// count nothing. Symbolic links are not followed.
func (s *Store) ExperimentUsage(ids []string) (Usage, error) {
	var u Usage
	for _, id := range ids {
		d, ok := s.findExperiment(id)
		if !ok {
			continue
		}
		err := filepath.WalkDir(d.path, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !e.Type().IsRegular() {
				return nil
			}
			fi, err := e.Info()
			if err != nil {
				return err
			}
			u.Files++
			u.Bytes += fi.Size()
			return nil
		})
		if err != nil {
			return u, fmt.Errorf("measure experiment %s: %w", id, err)
		}
	}
	return u, nil
}
