package mlruns

import (
	"fmt"
	"os"
	"path/filepath"
)

// File primitives for writing the tree so that MLflow, mlscope and a
// Python client writing the same folders never see half a file: new files
// are created exclusively, rewrites go through a temporary file and a
// rename, appends are one write each. Everything is synced to disk before
// the caller acknowledges the change.

// replaceFile atomically replaces (or creates) path with b, through a
// temporary file beside it.
func replaceFile(path string, b []byte) error {
	return replaceFileVia(filepath.Dir(path), path, b)
}

// replaceFileVia is replaceFile with the temporary file in tmpDir, which
// must be on the same file system. Tags and params use their run's folder:
// MLflow reads every file in tags/ as a tag, so a temporary file there,
// seen mid-write or left by a crash, would read as one; files in a run
// folder itself are ignored by every reader.
func replaceFileVia(tmpDir, path string, b []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(tmpDir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Chmod(name, 0o644); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	return syncDir(dir)
}

// tornMark ends a metric line torn by a crash (a writer killed mid-write,
// a full disk) before new lines are appended after it. Glued to the torn
// bytes, the first new line would be unreadable, though acknowledged;
// ended by a bare newline, the torn bytes could read as a wrong value.
// Its seven words make the torn line too long for every metric line form
// (2, 3 or 5 fields; 4 or 6 for logged models), so that every reader
// skips it as damaged.
const tornMark = " <- torn: its writer stopped in mid-line\n"

// appendFile appends b to path in a single write on a file opened with
// O_APPEND, so that concurrent appenders cannot interleave within it. A
// torn last line is first ended with tornMark, in the same write.
func appendFile(path string, b []byte) error {
	created := false
	if _, err := os.Stat(path); os.IsNotExist(err) {
		created = true
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if torn, err := endsTorn(f); err != nil {
		f.Close()
		return err
	} else if torn {
		b = append([]byte(tornMark), b...)
	}
	n, err := f.Write(b)
	if err == nil && n != len(b) {
		err = fmt.Errorf("short write: %d of %d bytes", n, len(b))
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && created {
		err = syncDir(filepath.Dir(path))
	}
	return err
}

// endsTorn reports whether f is not empty and does not end with a newline.
func endsTorn(f *os.File) (bool, error) {
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return false, err
	}
	last := make([]byte, 1)
	if _, err := f.ReadAt(last, fi.Size()-1); err != nil {
		return false, err
	}
	return last[0] != '\n', nil
}

// mkdirs creates a folder and its parents and makes the new entries
// durable.
func mkdirs(dir string) error {
	if isDir(dir) {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return syncDir(filepath.Dir(dir))
}

// syncDir flushes a folder's entries (new names, renames) to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
