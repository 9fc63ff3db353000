package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The previews the browser draws itself, from the artifact's address.

// htmlFrame shows an HTML artifact in a frame with every sandbox
// restriction: no scripts, no forms, no plugins, its own opaque origin.
// The server adds a sandbox Content-Security-Policy to the inline answer
// as well, for the case the address is opened in a tab of its own.
func htmlFrame(u, name string) app.UI {
	return app.IFrame().Class("html-frame").ID("html-preview").Sandbox("").
		Src(u).Title(name).Attr("referrerpolicy", "no-referrer")
}

// pdfFrame shows a PDF artifact in the browser's own viewer. Sandboxed
// frames disable PDF viewers, so this one is not.
func pdfFrame(u, name string) app.UI {
	return app.IFrame().Class("pdf-frame").ID("pdf-preview").Src(u).Title(name)
}

// MediaPreview plays an audio or video artifact with the browser's
// controls, and says so when the browser cannot play it.
type MediaPreview struct {
	app.Compo
	URL   string
	Video bool

	failed bool
}

// OnUpdate forgets a failure of the previous file.
func (p *MediaPreview) OnUpdate(ctx app.Context) { p.failed = false }

func (p *MediaPreview) onError(ctx app.Context, e app.Event) { p.failed = true }

// Render draws the player.
func (p *MediaPreview) Render() app.UI {
	note := when(p.failed, func() app.UI {
		return app.P().Class("muted preview-note").ID("media-error").
			Text("The browser cannot play this file; download it to open it elsewhere.")
	})
	if p.Video {
		return app.Div().Class("media-view").Body(note,
			app.Video().ID("video-preview").Controls(true).Preload("metadata").Src(p.URL).
				On("error", p.onError))
	}
	return app.Div().Class("media-view").Body(note,
		app.Audio().ID("audio-preview").Controls(true).Preload("metadata").Src(p.URL).
			On("error", p.onError))
}
