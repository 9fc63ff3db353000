package search

import (
	"go/parser"
	gotoken "go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestPureImports keeps the package free of I/O: it is compiled to
// WebAssembly for the browser and must not import os, net/http,
// syscall/js or the like.
func TestPureImports(t *testing.T) {
	allowed := map[string]bool{
		"bytes": true, "cmp": true, "encoding/base64": true, "encoding/json": true,
		"errors": true, "fmt": true, "math": true, "slices": true, "strconv": true,
		"strings": true, "unicode": true, "unicode/utf8": true, "runtime": true, "sync": true,
		"mlscope/app/mlflow": true,
	}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := gotoken.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if !allowed[path] {
				t.Errorf("%s imports %q; the package must stay pure", name, path)
			}
		}
	}
}
