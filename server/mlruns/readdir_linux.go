package mlruns

import (
	"bytes"
	"io/fs"
	"os"
	"sync"
	"syscall"
	"unsafe"
)

// dirBufs holds the buffers readDir reads directory entries into.
var dirBufs = sync.Pool{New: func() any { b := make([]byte, 8<<10); return &b }}

// readDir lists a folder, sorted by name, with the kernel's getdents64
// directly: a first scan lists five folders a run, and os.ReadDir spends
// as much again on the runtime poller's registration, an os.File and a
// DirEntry a name.
func readDir(dir string) ([]dirEntry, error) {
	fd, err := openDirRetry(dir)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	defer syscall.Close(fd)
	bp := dirBufs.Get().(*[]byte)
	defer dirBufs.Put(bp)
	buf := (*bp)[:cap(*bp)]
	var out []dirEntry
	for {
		n, err := syscall.ReadDirent(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "readdirent", Path: dir, Err: err}
		}
		if n <= 0 {
			break
		}
		if out, err = appendDirents(out, dir, buf[:n]); err != nil {
			return nil, err
		}
	}
	sortEntries(out)
	return out, nil
}

// appendDirents parses linux_dirent64 records: inode (8 bytes), offset
// (8), record length (2), type (1), then the name and its NUL.
func appendDirents(out []dirEntry, dir string, b []byte) ([]dirEntry, error) {
	for len(b) >= 19 {
		reclen := int(*(*uint16)(unsafe.Pointer(&b[16])))
		if reclen < 19 || reclen > len(b) {
			return out, &fs.PathError{Op: "readdirent", Path: dir, Err: syscall.EIO}
		}
		typ, name := b[18], b[19:reclen]
		if nul := bytes.IndexByte(name, 0); nul >= 0 {
			name = name[:nul]
		}
		b = b[reclen:]
		if len(name) == 0 || string(name) == "." || string(name) == ".." {
			continue
		}
		e := dirEntry{name: string(name)}
		switch typ {
		case syscall.DT_DIR:
			e.isDir = true
		case syscall.DT_REG:
			e.isRegular = true
		case syscall.DT_UNKNOWN: // some file systems leave the type to lstat
			if fi, err := os.Lstat(dir + string(os.PathSeparator) + e.name); err == nil {
				e.isDir, e.isRegular = fi.IsDir(), fi.Mode().IsRegular()
			}
		}
		out = append(out, e)
	}
	return out, nil
}

func openDirRetry(path string) (int, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
