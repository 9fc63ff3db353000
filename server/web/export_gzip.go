package web

import (
	"bytes"
	_ "embed"
	"errors"
)

// The export's WebAssembly module (11 MB) is written gzipped too (3 MB),
// and the page loads the gzipped copy: see export_loader.js. The page
// does not preload it, unlike the server's pages: a <link rel=preload>
// of the gzipped copy made the first load slower, by 0.35 s on loopback
// and 0.6 s at 40 Mbit/s (BenchmarkExportFirstLoad, 4 December).

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
