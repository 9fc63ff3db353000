package ui

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// saveFile offers text to the user as a file download.
func saveFile(ctx app.Context, name, mime, text string) {
	w := app.Window()
	blob := w.Get("Blob").New([]any{text}, map[string]any{"type": mime})
	saveBlob(ctx, name, blob)
}

// saveBlob offers a Blob to the user as a file download.
func saveBlob(ctx app.Context, name string, blob app.Value) {
	w := app.Window()
	u := w.Get("URL").Call("createObjectURL", blob)
	a := w.Get("document").Call("createElement", "a")
	a.Set("href", u)
	a.Set("download", name)
	a.Call("click")
	// The download has started by the time the click returns in current
	// browsers; the URL is released a little later to be safe.
	ctx.After(5*time.Second, func(app.Context) { w.Get("URL").Call("revokeObjectURL", u) })
}

// pngScale is how many image pixels a saved PNG has per CSS pixel: sharp
// on high-density screens and in slides.
const pngScale = 2

// savePNG offers an SVG document to the user as a PNG image: the browser
// draws it on a canvas, which encodes it. Failures are logged; the user
// sees no download.
func savePNG(ctx app.Context, name, svg string) {
	w := app.Window()
	img := w.Get("Image").New()
	var onload, onerror, onblob app.Func
	release := func() {
		onload.Release()
		onerror.Release()
	}
	onload = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer release()
		cv := w.Get("document").Call("createElement", "canvas")
		cv.Set("width", img.Get("naturalWidth").Int()*pngScale)
		cv.Set("height", img.Get("naturalHeight").Int()*pngScale)
		g := cv.Call("getContext", "2d")
		g.Call("scale", pngScale, pngScale)
		g.Call("drawImage", img, 0, 0)
		onblob = app.FuncOf(func(this app.Value, args []app.Value) any {
			defer onblob.Release()
			if len(args) == 0 || !args[0].Truthy() {
				app.Log("mlscope: the chart could not be encoded as PNG")
				return nil
			}
			saveBlob(ctx, name, args[0])
			return nil
		})
		cv.Call("toBlob", onblob, "image/png")
		return nil
	})
	onerror = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer release()
		app.Log("mlscope: the chart's SVG could not be drawn for the PNG")
		return nil
	})
	img.Set("onload", onload)
	img.Set("onerror", onerror)
	img.Set("src", "data:image/svg+xml;charset=utf-8,"+
		w.Call("encodeURIComponent", svg).String())
}

// fileName turns a chart's title into a file name with the extension.
func fileName(title, ext string) string {
	name := strings.NewReplacer("/", "_", " ", "_", "\\", "_", ":", "_").Replace(title)
	if name == "" {
		name = "chart"
	}
	return name + ext
}
