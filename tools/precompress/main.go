// Command precompress writes compressed copies of the files named on the
// command line, so that the server sends the WebAssembly app compressed
// without compressing it at run time:
//
//	name.<digest>.gz  gzip at its best level, for every browser
//	name.<digest>.br  Brotli, about a fifth smaller, for the browsers that
//	                  accept it
//
// <digest> is the first 16 hex digits of the SHA-256 of the file, so the
// server (server/web/static.go) uses a copy only while the file is the one
// it was made from. Copies of earlier versions are removed.
//
//	go run ./tools/precompress [-brotli-quality 7] static/web/app.wasm
//
// Brotli's quality 7 takes a few seconds for app.wasm; 11 makes it another
// tenth smaller but takes minutes with this pure-Go encoder.
package main

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

func main() {
	quality := flag.Int("brotli-quality", 7, "Brotli quality, 0 to 11")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: precompress [-brotli-quality n] file...")
		os.Exit(2)
	}
	for _, name := range flag.Args() {
		if err := precompress(name, *quality); err != nil {
			fmt.Fprintln(os.Stderr, "precompress:", err)
			os.Exit(1)
		}
	}
}

func precompress(name string, quality int) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	base := name + "." + hex.EncodeToString(sum[:8])
	old, _ := filepath.Glob(name + ".*.*")
	err = write(base+".gz", func(w io.Writer) error {
		zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
		if _, err := zw.Write(b); err != nil {
			return err
		}
		return zw.Close()
	})
	if err != nil {
		return err
	}
	err = write(base+".br", func(w io.Writer) error {
		// A 16 MB window lets Brotli find repeats across the whole module.
		bw := brotli.NewWriterOptions(w, brotli.WriterOptions{Quality: quality, LGWin: 24})
		if _, err := bw.Write(b); err != nil {
			return err
		}
		return bw.Close()
	})
	if err != nil {
		return err
	}
	for _, p := range old {
		if p != base+".gz" && p != base+".br" {
			os.Remove(p)
		}
	}
	return nil
}

// write writes a file through a temporary one, so that a failed run leaves
// no half-written copy for the server to embed.
func write(name string, encode func(io.Writer) error) error {
	// A leading dot keeps go:embed from picking the temporary file up.
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := encode(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("compress %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
