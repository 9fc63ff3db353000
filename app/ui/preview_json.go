package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// jsonLimit is how much of a JSON file the tree is built from: decoding
// in the browser runs at a few MB/s, so larger files show their start.
const jsonLimit = 512 << 10

// JSONPreview shows a JSON artifact as a tree whose objects and arrays
// fold. A file larger than jsonLimit shows its start, with a note.
type JSONPreview struct {
	app.Compo
	URL string

	loaded string
	load   loadState
	root   *jsonNode
	read   int64 // bytes the tree was built from
	total  int64
	bad    error // the file is not valid JSON: shown as text instead
}

// OnMount reads the start of the file.
func (p *JSONPreview) OnMount(ctx app.Context) { p.start(ctx) }

// OnUpdate starts over for another file.
func (p *JSONPreview) OnUpdate(ctx app.Context) {
	if p.URL != p.loaded {
		p.start(ctx)
	}
}

func (p *JSONPreview) start(ctx app.Context) {
	u := p.URL
	p.loaded, p.load, p.root, p.bad = u, loading, nil, nil
	ctx.Async(func() {
		c, err := fetchRange(u, 0, jsonLimit)
		var root *jsonNode
		var bad error
		if err == nil {
			if root, bad = parseJSONPrefix(c.data, c.eof()); bad == nil {
				openOuter(root)
			}
		}
		ctx.Dispatch(func(ctx app.Context) {
			if p.loaded != u {
				return
			}
			p.load = p.load.done(err)
			p.root, p.bad, p.read, p.total = root, bad, int64(len(c.data)), c.total
		})
	})
}

// Render draws the tree, or the text when the file is not valid JSON.
func (p *JSONPreview) Render() app.UI {
	switch {
	case p.load.status == statusFailed:
		return errorBox("The file could not be read.", p.load.err)
	case p.load.status == statusLoading:
		return app.Div().Class("skeleton-block")
	case p.bad != nil:
		return app.Div().Body(
			app.P().Class("muted preview-note").Text("Not valid JSON ("+p.bad.Error()+
				"); shown as text."),
			&TextPreview{URL: p.URL},
		)
	}
	note := "JSON · " + formatBytes(p.total)
	if p.read < p.total {
		note = "The first " + formatBytes(p.read) + " of " + formatBytes(p.total) +
			" are shown; the tree ends where that part ends (marked …). " +
			"Show it as text to page through the whole file, or download it."
	}
	return app.Div().Class("json-view").Body(
		app.P().Class("muted preview-note").ID("json-note").Text(note),
		app.Div().Class("json-tree").ID("json-tree").Body(p.node(p.root)),
	)
}

// node draws a value: a scalar on one row, an object or array as a
// <details> whose children are built only while it is open.
func (p *JSONPreview) node(n *jsonNode) app.UI {
	label := p.label(n)
	if !n.container() {
		return app.Div().Class("json-row").Body(label, app.Span().Class("json-"+string(n.kind)).
			Text(n.value))
	}
	open, shut, unit := "{", "}", " key"
	if n.kind == '[' {
		open, shut, unit = "[", "]", " item"
	}
	if len(n.children) != 1 {
		unit += "s"
	}
	count := formatCount(len(n.children)) + unit
	if n.cut {
		count += " so far…"
	}
	toggle := p.onToggle(n)
	return app.Details().Class("json-node").Open(n.open).On("toggle", toggle, p.loaded, n.id).Body(
		app.Summary().Body(label, app.Text(open+" "), app.Span().Class("muted").Text(count)),
		when(n.open, func() app.UI { return p.children(n, shut) }),
	)
}

func (p *JSONPreview) label(n *jsonNode) app.UI {
	switch {
	case n.index >= 0:
		return app.Span().Class("json-index").Text(itoa(n.index) + ": ")
	case n == p.root:
		return nil
	}
	return app.Span().Class("json-key").Text(quoteKey(n.key) + ": ")
}

func (p *JSONPreview) children(n *jsonNode, shut string) app.UI {
	shown := n.childrenShown()
	kids := n.children[:shown]
	rest := len(n.children) - shown
	end := shut
	if n.cut {
		end = "… " + shut
	}
	return app.Div().Class("json-children").Body(
		app.Range(kids).Slice(func(i int) app.UI { return p.node(kids[i]) }),
		when(rest > 0, func() app.UI {
			label := "Show " + formatCount(min(rest, jsonChildPage)) + " more of " +
				formatCount(rest)
			return app.Button().Class("link-button json-more").
				OnClick(p.onMoreKids(n), p.loaded, n.id).Text(label)
		}),
		app.Div().Class("json-close").Text(end),
	)
}

// onToggle follows the <details> as the user opens or closes it. Its
// scope is the file and the node: go-app keeps an element's old handler
// when the scope is the same, and ids repeat from one file to the next.
func (p *JSONPreview) onToggle(n *jsonNode) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		n.open = ctx.JSSrc().Get("open").Bool()
	}
}

func (p *JSONPreview) onMoreKids(n *jsonNode) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		n.shown = n.childrenShown() + jsonChildPage
	}
}
