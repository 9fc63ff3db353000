package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// textPageSize is how much of a text file one page reads.
const textPageSize = 64 << 10

// TextPreview shows a text artifact a page at a time, with line numbers:
// the first page at once, the next ones when asked for. It never reads the
// file whole.
type TextPreview struct {
	app.Compo
	URL string // the artifact's address

	loaded   string
	load     loadState
	pages    []textPage
	total    int64
	binary   bool
	fetching bool
	moreErr  error
}

// OnMount reads the first page.
func (p *TextPreview) OnMount(ctx app.Context) { p.start(ctx) }

// OnUpdate starts over for another file.
func (p *TextPreview) OnUpdate(ctx app.Context) {
	if p.URL != p.loaded {
		p.start(ctx)
	}
}

func (p *TextPreview) start(ctx app.Context) {
	p.loaded, p.load, p.pages, p.binary, p.moreErr = p.URL, loading, nil, false, nil
	p.fetch(ctx, 0, 1, false)
}

// fetch reads the page at off, whose first line is number line.
func (p *TextPreview) fetch(ctx app.Context, off int64, line int, cont bool) {
	u := p.URL
	p.fetching = true
	ctx.Async(func() {
		c, err := fetchRange(u, off, textPageSize)
		ctx.Dispatch(func(ctx app.Context) {
			if p.loaded != u {
				return
			}
			p.fetching = false
			switch {
			case err != nil && len(p.pages) == 0:
				p.load = p.load.done(err)
			case err != nil:
				p.moreErr = err
			default:
				p.total, p.moreErr = c.total, nil
				p.binary = p.binary || (len(p.pages) == 0 && looksBinary(c.data))
				p.pages = append(p.pages, cutPage(c, line, cont))
				p.load = loadState{status: statusLoaded}
			}
		})
	})
}

func (p *TextPreview) onMore(ctx app.Context, e app.Event) {
	if p.fetching || len(p.pages) == 0 {
		return
	}
	last := p.pages[len(p.pages)-1]
	p.fetch(ctx, last.next, last.line, last.cont)
}

func (p *TextPreview) next() int64 {
	if len(p.pages) == 0 {
		return 0
	}
	return p.pages[len(p.pages)-1].next
}

// Render draws the pages read so far and a button for the next one.
func (p *TextPreview) Render() app.UI {
	switch {
	case p.load.status == statusFailed:
		return errorBox("The file could not be read.", p.load.err)
	case p.load.status == statusLoading:
		return app.Div().Class("skeleton-block")
	case p.binary:
		return app.P().Class("muted preview-note").
			Text("This file looks binary, not text; download it to open it.")
	}
	more := p.next() < p.total
	return app.Div().Class("text-view").Body(
		app.P().Class("muted preview-note").ID("text-note").Text(p.note()),
		app.Div().Class("text-pages").Body(
			app.Range(p.pages).Slice(func(i int) app.UI {
				return app.Div().Class("text-page").Body(
					app.Pre().Class("gutter").Aria("hidden", "true").Text(p.pages[i].gutter),
					app.Pre().Class("code").Text(p.pages[i].text),
				)
			}),
		),
		when(p.moreErr != nil, func() app.UI {
			return errorBox("The next page could not be read.", p.moreErr)
		}),
		when(more, func() app.UI {
			label := "Load more"
			if p.fetching {
				label = "Loading…"
			}
			return app.Button().Class("button").ID("text-more").Disabled(p.fetching).
				OnClick(p.onMore).Text(label)
		}),
	)
}

// note says how much of the file is shown.
func (p *TextPreview) note() string {
	last := p.pages[len(p.pages)-1]
	lines := last.line - 1
	if last.cont {
		lines++ // the line cut at the end of the page is shown in part
	}
	if p.next() >= p.total {
		return "All " + formatCount(lines) + " lines · " + formatBytes(p.total)
	}
	return "Lines 1–" + formatCount(lines) + " · " + formatBytes(p.next()) + " of " +
		formatBytes(p.total) + " read"
}
