package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// ImagePreview shows an image artifact fitted to the pane; a click, or
// the 100 % button, shows it at its own size.
type ImagePreview struct {
	app.Compo
	URL  string
	Name string

	actual bool   // at 100 %, rather than fitted
	size   string // "640 × 480 px" once loaded
	broken bool
}

// OnUpdate forgets the state of the previous image.
func (p *ImagePreview) OnUpdate(ctx app.Context) {
	p.actual, p.size, p.broken = false, "", false
}

func (p *ImagePreview) onLoad(ctx app.Context, e app.Event) {
	img := ctx.JSSrc()
	p.size = itoa(img.Get("naturalWidth").Int()) + " × " + itoa(img.Get("naturalHeight").Int()) +
		" px"
}

func (p *ImagePreview) onError(ctx app.Context, e app.Event) { p.broken = true }

func (p *ImagePreview) zoom(actual bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) { p.actual = actual }
}

// Render draws the zoom buttons and the image.
func (p *ImagePreview) Render() app.UI {
	cls := "img-fit"
	if p.actual {
		cls = "img-actual"
	}
	return app.Div().Class("image-view").Body(
		app.Div().Class("image-tools").Body(
			app.Button().Class("button small").ID("zoom-fit").Aria("pressed", !p.actual).
				OnClick(p.zoom(false)).Text("Fit"),
			app.Button().Class("button small").ID("zoom-actual").Aria("pressed", p.actual).
				OnClick(p.zoom(true)).Text("100 %"),
			app.Span().Class("muted").ID("image-size").Text(p.size),
		),
		when(p.broken, func() app.UI {
			return app.P().Class("muted preview-note").
				Text("The browser cannot show this image; download it to open it.")
		}),
		app.Div().Class("image-box").Body(
			app.Img().Class(cls).ID("preview-image").Src(p.URL).Alt(p.Name).
				Title("Click to switch between fit and 100 %").
				OnLoad(p.onLoad).On("error", p.onError).
				OnClick(p.zoom(!p.actual), p.actual),
		),
	)
}
