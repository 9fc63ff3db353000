package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// markdownLimit is how much of a Markdown file is rendered.
const markdownLimit = 512 << 10

// MarkdownPreview renders a Markdown artifact with app/markdown, as run
// descriptions are; a file larger than markdownLimit renders its start.
type MarkdownPreview struct {
	app.Compo
	URL string

	loaded string
	load   loadState
	text   string
	total  int64
}

// OnMount reads the file.
func (p *MarkdownPreview) OnMount(ctx app.Context) { p.start(ctx) }

// OnUpdate starts over for another file.
func (p *MarkdownPreview) OnUpdate(ctx app.Context) {
	if p.URL != p.loaded {
		p.start(ctx)
	}
}

func (p *MarkdownPreview) start(ctx app.Context) {
	u := p.URL
	p.loaded, p.load = u, loading
	ctx.Async(func() {
		c, err := fetchRange(u, 0, markdownLimit)
		text := ""
		if err == nil {
			text = cutPage(c, 1, false).text
		}
		ctx.Dispatch(func(ctx app.Context) {
			if p.loaded == u {
				p.load, p.text, p.total = p.load.done(err), text, c.total
			}
		})
	})
}

// Render draws the rendered text, with a note when it is cut.
func (p *MarkdownPreview) Render() app.UI {
	switch {
	case p.load.status == statusFailed:
		return errorBox("The file could not be read.", p.load.err)
	case p.load.status == statusLoading:
		return app.Div().Class("skeleton-block")
	}
	return app.Div().Class("markdown-view").ID("markdown-preview").Body(
		when(int64(len(p.text)) < p.total, func() app.UI {
			return app.P().Class("muted preview-note").Text("The first " +
				formatBytes(int64(len(p.text))) + " of " + formatBytes(p.total) + " are shown.")
		}),
		markdownView(p.text),
	)
}
