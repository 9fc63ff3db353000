package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// previewPane is the right side of the artifact browser: the model view
// of a model folder, a file's preview, or a folder's download.
func (b *ArtifactBrowser) previewPane() app.UI {
	if b.missing != "" {
		return app.Div().Class("empty").ID("artifact-missing").Body(
			app.P().Body(app.Text("This run has no artifact "), app.Code().Text(b.missing),
				app.Text(".")),
			app.P().Class("muted").Text("It may have been deleted, or the link is mistyped."),
		)
	}
	if dir, ok := b.modelFolder(); ok {
		return modelPreview(b.RunID, dir)
	}
	if f := b.selected; f != nil {
		size := int64(-1)
		if f.FileSize != nil {
			size = *f.FileSize
		}
		return &ArtifactPreview{RunID: b.RunID, Path: f.Path, Size: size}
	}
	if b.openedDir != "" {
		return b.folderPane(b.openedDir)
	}
	return app.P().Class("muted").Text("Select a file to preview it.")
}

// folderPane offers a folder as a zip file.
func (b *ArtifactBrowser) folderPane(dir string) app.UI {
	n := len(b.entries[dir])
	return app.Div().Class("folder-preview").Body(
		app.Div().Class("preview-head").Body(
			app.Code().Class("preview-path").Text(dir+"/"),
			app.Span().Class("muted size").Text(formatCount(n)+" entries"),
			app.Div().Class("actions").Body(zipButton(b.RunID, dir)),
		),
		app.P().Class("muted").Text("Select a file in the folder to preview it."),
	)
}
