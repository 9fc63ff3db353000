//go:build !linux

package mlruns

import (
	"io"
	"io/fs"
	"os"
)

// readWhole reads a regular file into buf, grown when too small, and
// returns its bytes and its stamp.
func readWhole(path string, buf []byte) ([]byte, fileStamp, error) {
	f, err := os.Open(path)
	if err != nil {
		return buf[:0], fileStamp{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return buf[:0], fileStamp{}, err
	}
	if !fi.Mode().IsRegular() {
		return buf[:0], fileStamp{}, &fs.PathError{Op: "read", Path: path, Err: errNotRegular}
	}
	b := buf[:0]
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, stampOf(fi), nil
		}
		if err != nil {
			return b[:0], stampOf(fi), err
		}
	}
}
