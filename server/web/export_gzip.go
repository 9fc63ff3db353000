package web

import (
	"bytes"
	_ "embed"
	"errors"
	"html"
	"strings"
)

// The export's WebAssembly module (11 MB) is written gzipped too (3 MB),
// and the page loads the gzipped copy: see export_loader.js.

// Paths of the module in an export. ExportPlainWASM is the fallback for
// a browser without DecompressionStream: the service worker does not
// store it ahead (exportfmt.Manifest.Files leaves it out).
const (
	ExportPlainWASM = "web/app.wasm"
	ExportGzipWASM  = "web/app.wasm.gz"
)

//go:embed export_loader.js
var exportLoaderJS string

// goappWASMFetch is how go-app's app.js asks for the module.
const goappWASMFetch = `fetchWithProgress("web/app.wasm`

// gzipLoader makes app.js ask for the module through the export's loader.
func gzipLoader(appJS []byte) ([]byte, error) {
	if !bytes.Contains(appJS, []byte(goappWASMFetch)) {
		return nil, errors.New("app.js has no " + goappWASMFetch + `": go-app's loader changed`)
	}
	b := bytes.Replace(appJS, []byte(goappWASMFetch), []byte(`mlscopeFetchWASM("web/app.wasm`), 1)
	return append(append(b, '\n'), exportLoaderJS...), nil
}

// gzipPreload starts the gzipped module's download as the page's head is
// read, as the server's pages do with the module (wasmPreload): the
// loader's fetch has the same address, mode and credentials.
func gzipPreload(page []byte, wasmURL string) []byte {
	gz := strings.Replace(wasmURL, "app.wasm", "app.wasm.gz", 1)
	link := `<link rel="preload" href="` + html.EscapeString(gz) +
		`" as="fetch" crossorigin="anonymous">`
	return bytes.Replace(page, []byte(exportBaseScript), []byte(exportBaseScript+link), 1)
}
