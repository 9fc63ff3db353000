// Package static holds the files the browser loads besides the pages: the
// WebAssembly app (built into web/app.wasm by make), CSS and icons. They are
// embedded so that the mlscope binary runs from any folder.
package static

import "embed"

// Web is the web folder: app.css, icons and, after a build, app.wasm.
//
//go:embed web
var Web embed.FS
