// Command wasmgoapp prepares the go-app module that the WebAssembly build
// uses (issue 8: a smaller module that starts sooner). go-app's package app
// holds both the browser side and the server side (its Handler, in http.go
// and resource.go, with net/http, crypto/tls and text/template); built for
// the browser, those files only add package initialisation and about
// 1.8 MB of module, a seventh of it. This command writes, under the folder
// given (build/wasm by default):
//
//	go-app/   the go-app module the build lists in go.mod, from the Go
//	          module cache, with http.go and resource.go kept out of
//	          browser builds by a build constraint, and goapp_wasm.go
//	          (below) that gives the browser side the three names it takes
//	          from them
//	go.mod    the project's go.mod, go-app replaced by that folder
//	go.sum    the project's go.sum
//
// The Makefile builds the module with -modfile=build/wasm/go.mod. Nothing
// else changes: the server is built from the module as it is, and the code
// of go-app is not in this repository.
//
//	go run ./tools/wasmgoapp [-out build/wasm]
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const goApp = "github.com/maxence-charriere/go-app/v9"

// serverOnly are go-app's files that the browser build leaves out.
var serverOnly = []string{"pkg/app/http.go", "pkg/app/resource.go"}

// browserStubs gives the browser side of go-app what it took from the
// server-only files: the Handler type, which GenerateStaticWebsite names
// (it panics in the browser), and the two URL tests the static resource
// resolver calls.
const browserStubs = `//go:build wasm

// Written by mlscope's tools/wasmgoapp: http.go and resource.go are left
// out of the browser build.

package app

import "strings"

// Handler is go-app's server-side handler; the browser has none.
type Handler struct{}

func isRemoteLocation(path string) bool {
	return strings.HasPrefix(path, "https://") || strings.HasPrefix(path, "http://")
}

func isStaticResourcePath(path string) bool {
	return strings.HasPrefix(path, "/web/") || strings.HasPrefix(path, "web/")
}
`

func main() {
	out := flag.String("out", "build/wasm", "folder to write the module and go.mod to")
	flag.Parse()
	if err := prepare(*out); err != nil {
		fmt.Fprintln(os.Stderr, "wasmgoapp:", err)
		os.Exit(1)
	}
}

func prepare(out string) error {
	src, err := moduleDir(goApp)
	if err != nil {
		return err
	}
	dst := filepath.Join(out, "go-app")
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	if err := copyModule(src, dst); err != nil {
		return fmt.Errorf("copy %s: %w", goApp, err)
	}
	for _, name := range serverOnly {
		if err := excludeFromWasm(filepath.Join(dst, name)); err != nil {
			return err
		}
	}
	stubs := filepath.Join(dst, "pkg/app/goapp_wasm.go")
	if err := os.WriteFile(stubs, []byte(browserStubs), 0o644); err != nil {
		return err
	}
	return writeModFiles(out, dst)
}

// moduleDir is where the Go module cache holds the version of mod that
// go.mod requires, downloading it when needed.
func moduleDir(mod string) (string, error) {
	b, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", mod).Output()
	dir := strings.TrimSpace(string(b))
	if err != nil || dir == "" {
		if exec.Command("go", "mod", "download", mod).Run() == nil {
			b, err = exec.Command("go", "list", "-m", "-f", "{{.Dir}}", mod).Output()
			dir = strings.TrimSpace(string(b))
		}
	}
	if err != nil || dir == "" {
		return "", fmt.Errorf("find module %s (go list -m): %v", mod, err)
	}
	return dir, nil
}

// copyModule copies the Go files and go.mod of a module, without tests.
func copyModule(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := d.Name()
		if name != "go.mod" && (!strings.HasSuffix(name, ".go") ||
			strings.HasSuffix(name, "_test.go")) {
			return nil
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// excludeFromWasm puts a build constraint that leaves the file out of
// WebAssembly builds at its top. A file that has a constraint already is an
// error: a new go-app version must be looked at again.
func excludeFromWasm(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("%s of %s: %w (has go-app changed?)", filepath.Base(path), goApp, err)
	}
	if bytes.HasPrefix(b, []byte("//go:build")) || !bytes.HasPrefix(b, []byte("package app")) {
		return errors.New(path + ": does not start with its package clause; " +
			"look at this go-app version's files before leaving them out")
	}
	return os.WriteFile(path, append([]byte("//go:build !wasm\n\n"), b...), 0o644)
}

// writeModFiles writes out/go.mod, the project's with go-app replaced by
// dir, and out/go.sum.
func writeModFiles(out, dir string) error {
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		return fmt.Errorf("run from the repository's root: %w", err)
	}
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	mod = fmt.Appendf(mod, "\n// Written by tools/wasmgoapp for the WebAssembly build.\nreplace %s => %s\n",
		goApp, abs)
	if err := os.WriteFile(filepath.Join(out, "go.mod"), mod, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "go.sum"), sum, 0o644)
}
