package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/markdown"
)

// markdownView renders Markdown text as DOM nodes. It builds elements, not
// HTML strings, so the text can never inject markup.
func markdownView(src string) app.UI {
	return app.Div().Class("markdown").Body(blocksUI(markdown.Parse(src))...)
}

func blocksUI(blocks []markdown.Block) []app.UI {
	out := make([]app.UI, 0, len(blocks))
	for _, b := range blocks {
		out = append(out, blockUI(b))
	}
	return out
}

func blockUI(b markdown.Block) app.UI {
	switch b.Kind {
	case markdown.Heading:
		// Descriptions sit under the page title: their headings start at h3.
		return app.Elem("h" + itoa(min(b.Level+2, 6))).Body(inlinesUI(b.Inlines)...)
	case markdown.List, markdown.Ordered:
		items := make([]app.UI, len(b.Items))
		for i, it := range b.Items {
			items[i] = app.Li().Body(blocksUI(it)...)
		}
		if b.Kind == markdown.Ordered {
			return app.Ol().Body(items...)
		}
		return app.Ul().Body(items...)
	case markdown.Quote:
		return app.Blockquote().Body(blocksUI(b.Children)...)
	case markdown.Code:
		return app.Pre().Body(app.Code().Text(b.Text))
	case markdown.Rule:
		return app.Hr()
	}
	return app.P().Body(inlinesUI(b.Inlines)...)
}

func inlinesUI(spans []markdown.Inline) []app.UI {
	out := make([]app.UI, 0, len(spans))
	for _, s := range spans {
		switch s.Kind {
		case markdown.Em:
			out = append(out, app.Em().Body(inlinesUI(s.Children)...))
		case markdown.Strong:
			out = append(out, app.Strong().Body(inlinesUI(s.Children)...))
		case markdown.Mono:
			out = append(out, app.Code().Text(s.Text))
		case markdown.Link:
			out = append(out, app.A().Href(s.Href).Target("_blank").Rel("noopener noreferrer").
				Body(inlinesUI(s.Children)...))
		case markdown.Break:
			out = append(out, app.Br())
		default:
			out = append(out, app.Text(s.Text))
		}
	}
	return out
}
