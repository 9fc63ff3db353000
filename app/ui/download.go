package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// saveFile offers text to the user as a file download.
func saveFile(ctx app.Context, name, mime, text string) {
	w := app.Window()
	blob := w.Get("Blob").New([]any{text}, map[string]any{"type": mime})
	u := w.Get("URL").Call("createObjectURL", blob)
	a := w.Get("document").Call("createElement", "a")
	a.Set("href", u)
	a.Set("download", name)
	a.Call("click")
	// The download has started by the time the click returns in current
	// browsers; the URL is released a little later to be safe.
	ctx.After(5*time.Second, func(app.Context) { w.Get("URL").Call("revokeObjectURL", u) })
}
