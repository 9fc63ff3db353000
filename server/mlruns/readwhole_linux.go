package mlruns

import (
	"io/fs"
	"slices"
	"syscall"
)

// readWhole reads a regular file into buf, grown when too small, and
// returns its bytes and its stamp. It goes to the kernel directly: open,
// fstat, read, close. A first scan reads some 37 small files per run, and
// os.ReadFile spends as much again on the runtime poller's registration and
// on a second read to see the end of the file.
func readWhole(path string, buf []byte) ([]byte, fileStamp, error) {
	fd, err := openRetry(path)
	if err != nil {
		return buf[:0], fileStamp{}, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return buf[:0], fileStamp{}, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return buf[:0], fileStamp{}, &fs.PathError{Op: "read", Path: path, Err: errNotRegular}
	}
	stamp := fileStamp{st.Size, st.Mtim.Sec*1e9 + st.Mtim.Nsec}
	// One byte more than the size lets a single read see the end of a file
	// that did not grow since fstat.
	if need := int(st.Size) + 1; cap(buf) < need {
		buf = make([]byte, 0, need)
	}
	buf = buf[:cap(buf)]
	n := 0
	for {
		m, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return buf[:0], stamp, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		n += m
		if m == 0 || n < len(buf) && int64(n) >= st.Size {
			return buf[:n], stamp, nil
		}
		if n == len(buf) { // it grew since fstat
			buf = slices.Grow(buf[:n], n)
			buf = buf[:cap(buf)]
		}
	}
}

func openRetry(path string) (int, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
