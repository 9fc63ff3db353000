package mlruns

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// fileStamp identifies a version of a file by its size and modification
// time, the key the index uses to know what to read again.
type fileStamp struct{ Size, Mtime int64 }

func stampOf(fi fs.FileInfo) fileStamp {
	return fileStamp{fi.Size(), fi.ModTime().UnixNano()}
}

// runStamp sums up every file of a run folder the index reads: when it is
// unchanged, so is the run.
type runStamp struct {
	Meta  fileStamp
	Files int   // params, tags, metrics and input files
	Size  int64 // their total size
	Mtime int64 // the latest of their modification times
}

// runFile is one params, tags, metrics or inputs file of a run.
type runFile struct {
	kind  string // "params", "tags", "metrics" or "inputs"
	key   string // its key (path below the kind's folder, "/"-separated)
	path  string
	stamp fileStamp
}

// statRun lists a run folder's files with their stamps, without reading
// them. ok is false when the folder has no meta.yaml (it is not a run).
// Hidden files and folders are skipped with a warning, as readKeyed does.
func (s *Store) statRun(d runDir) (runStamp, []runFile, bool) {
	fi, err := os.Stat(filepath.Join(d.path, metaFile))
	if err != nil || !fi.Mode().IsRegular() {
		return runStamp{}, nil, false
	}
	st := runStamp{Meta: stampOf(fi)}
	var files []runFile
	add := func(f runFile) {
		files = append(files, f)
		st.Files++
		st.Size += f.stamp.Size
		st.Mtime = max(st.Mtime, f.stamp.Mtime)
	}
	for _, kind := range []string{"params", "tags", "metrics"} {
		dir := filepath.Join(d.path, kind)
		_ = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil || p == dir {
				return nil
			}
			if strings.HasPrefix(e.Name(), ".") {
				s.warn(p, "hidden file or folder is not a key")
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if e.IsDir() || !e.Type().IsRegular() {
				return nil
			}
			info, err := e.Info()
			if err != nil {
				return nil
			}
			rel, _ := filepath.Rel(dir, p)
			add(runFile{kind, filepath.ToSlash(rel), p, stampOf(info)})
			return nil
		})
	}
	for _, kind := range []string{"inputs", "outputs"} {
		dir := filepath.Join(d.path, kind)
		ents, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range ents {
			p := filepath.Join(dir, e.Name(), metaFile)
			if info, err := os.Stat(p); err == nil {
				add(runFile{"inputs", kind + "/" + e.Name(), p, stampOf(info)})
			}
		}
	}
	return st, files, true
}
