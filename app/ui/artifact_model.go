package ui

import (
	"path"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlmodel"
)

// modelFolder is the folder whose model view the artifact preview shows:
// that of a selected MLmodel file, or else the folder last clicked (the
// root at first) when its listing holds an MLmodel file.
func (b *ArtifactBrowser) modelFolder() (string, bool) {
	if f := b.selected; f != nil {
		if path.Base(f.Path) != mlmodel.FileName {
			return "", false
		}
		if dir := path.Dir(f.Path); dir != "." {
			return dir, true
		}
		return "", true
	}
	for _, f := range b.entries[b.openedDir] {
		if !f.IsDir && path.Base(f.Path) == mlmodel.FileName {
			return b.openedDir, true
		}
	}
	return "", false
}

// modelPreview is the artifact preview of a model folder.
func modelPreview(runID, dir string) app.UI {
	file := path.Join(dir, mlmodel.FileName)
	return app.Div().Class("model-preview").Body(
		app.Div().Class("preview-head").Body(
			app.Code().Text(file),
			app.Div().Class("actions").Body(
				app.A().Class("button small").Href(artifactURL(runID, file)).
					Attr("download", mlmodel.FileName).Text("Download MLmodel"),
				zipButton(runID, dir),
			),
		),
		&ModelView{RunID: runID, Path: dir},
	)
}
