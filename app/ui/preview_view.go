package ui

import (
	"path"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// ArtifactPreview shows one artifact file of a run: its path, size and
// download link above the preview its type calls for (preview_kind.go).
type ArtifactPreview struct {
	app.Compo
	RunID string
	Path  string
	Size  int64 // -1 when unknown

	textOf string // the file shown as text instead of its own preview
}

// inlineURL is the artifact's address for a frame: the server answers it
// inline rather than as a download, for the types it knows to be safe so.
func inlineURL(runID, p string) string { return artifactURL(runID, p) + "&inline=1" }

// Render draws the head and the preview.
func (p *ArtifactPreview) Render() app.UI {
	kind := kindOf(p.Path)
	asText := p.textOf == p.Path
	if asText {
		kind = kindText
	}
	return app.Div().Class("file-preview").DataSet("kind", kindName[kind]).Body(
		p.head(kindOf(p.Path), asText),
		p.body(kind),
	)
}

func (p *ArtifactPreview) head(kind previewKind, asText bool) app.UI {
	size := ""
	if p.Size >= 0 {
		size = formatBytes(p.Size)
	}
	var toggle app.UI
	if kind != kindText && kind != kindImage && kind != kindAudio && kind != kindVideo &&
		kind != kindPDF {
		label := "Show as text"
		switch {
		case asText && kind == kindNone:
			label = "Hide the text"
		case asText:
			label = "Show " + kindName[kind]
		}
		toggle = app.Button().Class("button small").ID("preview-as-text").
			OnClick(p.onAsText(!asText), asText).Text(label)
	}
	return app.Div().Class("preview-head").Body(
		app.Code().Class("preview-path").Title(p.Path).Text(p.Path),
		app.Span().Class("muted size").Text(size),
		app.Div().Class("actions").Body(
			toggle,
			app.A().Class("button small").ID("download-file").Href(artifactURL(p.RunID, p.Path)).
				Attr("download", path.Base(p.Path)).Text("Download"),
		),
	)
}

func (p *ArtifactPreview) onAsText(on bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.textOf = ""
		if on {
			p.textOf = p.Path
		}
	}
}

// kindName names each preview in the toggle and in data-kind.
var kindName = map[previewKind]string{
	kindNone: "none", kindText: "text", kindJSON: "tree", kindTable: "table",
	kindImage: "image", kindMarkdown: "rendered", kindHTML: "page", kindPDF: "pdf",
	kindAudio: "audio", kindVideo: "video",
}

func (p *ArtifactPreview) body(kind previewKind) app.UI {
	u := artifactURL(p.RunID, p.Path)
	name := path.Base(p.Path)
	switch kind {
	case kindText:
		return &TextPreview{URL: u}
	case kindJSON:
		return &JSONPreview{URL: u}
	case kindTable:
		return &TablePreview{URL: u, Name: name}
	case kindMarkdown:
		return &MarkdownPreview{URL: u}
	case kindImage:
		return &ImagePreview{URL: u, Name: name}
	case kindHTML:
		return htmlFrame(inlineURL(p.RunID, p.Path), name)
	case kindPDF:
		return pdfFrame(inlineURL(p.RunID, p.Path), name)
	case kindAudio:
		return &MediaPreview{URL: u}
	case kindVideo:
		return &MediaPreview{URL: u, Video: true}
	}
	return app.P().Class("muted preview-note").ID("no-preview").
		Text("No preview for this type of file. Show it as text, or download it to open it.")
}
