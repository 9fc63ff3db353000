package mlruns

import (
	"errors"
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
		s.eachKeyFile(filepath.Join(d.path, kind), "", func(key, p string) {
			if info, err := os.Lstat(p); err == nil {
				add(runFile{kind, key, p, stampOf(info)})
			}
		})
	}
	eachLinkFile(d, func(key, p string, st fileStamp) { add(runFile{"inputs", key, p, st}) })
	return st, files, true
}

// eachKeyFile calls fn for every regular file below dir, the folder of a
// params, tags or metrics kind, with its key: its path below dir,
// "/"-separated ("eval/loss" for nested folders), after prefix. A missing
// folder has no keys. Hidden files and folders (.DS_Store,
// .ipynb_checkpoints) are debris from other tools, not keys, and are
// skipped with a warning.
func (s *Store) eachKeyFile(dir, prefix string, fn func(key, path string)) {
	ents, err := readDir(dir)
	if err != nil {
		if prefix != "" || !errors.Is(err, fs.ErrNotExist) {
			s.warn(dir, err.Error())
		}
		return
	}
	for _, e := range ents {
		p := dir + string(os.PathSeparator) + e.name
		key := e.name
		if prefix != "" {
			key = prefix + "/" + key
		}
		switch {
		case strings.HasPrefix(e.name, "."):
			s.warn(p, "hidden file or folder is not a key")
		case e.isDir:
			s.eachKeyFile(p, key, fn)
		case e.isRegular:
			fn(key, p)
		}
	}
}

// eachLinkFile calls fn for the meta.yaml of every input and output link
// of a run (inputs/<id>, outputs/<id>) with its key ("inputs/<id>") and
// stamp. Their contents are read by readInputs and readOutputs.
func eachLinkFile(d runDir, fn func(key, path string, st fileStamp)) {
	for _, kind := range []string{"inputs", "outputs"} {
		dir := filepath.Join(d.path, kind)
		ents, err := readDir(dir)
		if err != nil {
			continue
		}
		for _, e := range ents {
			p := filepath.Join(dir, e.name, metaFile)
			if info, err := os.Stat(p); err == nil {
				fn(kind+"/"+e.name, p, stampOf(info))
			}
		}
	}
}
