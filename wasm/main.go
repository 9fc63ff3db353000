// Command wasm is mlscope's browser entry point: it registers the UI's
// routes and starts go-app. Build it with GOOS=js GOARCH=wasm into
// static/web/app.wasm. It must not import anything under server/.
package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/ui"
)

func main() {
	// The module is compiled, instantiated and its packages initialised:
	// BenchmarkFirstLoad (server/load_bench_test.go) reads this mark.
	app.Window().Get("performance").Call("mark", "mlscope-main")
	ui.Register()
	app.RunWhenOnBrowser()
}
