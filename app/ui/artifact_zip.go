package ui

import (
	"net/url"
	"path"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// zipURL is the address of a run's artifact folder ("" for all of them)
// as one zip file, which the server writes as it sends it.
func zipURL(runID, dir string) string {
	q := url.Values{"run_id": {runID}}
	if dir != "" {
		q.Set("path", dir)
	}
	return "/ajax-api/2.0/mlscope/artifacts/zip?" + q.Encode()
}

// zipName is the file name offered for a folder's zip.
func zipName(runID, dir string) string {
	if dir == "" {
		return shortID(runID) + "-artifacts.zip"
	}
	return path.Base(dir) + ".zip"
}

// zipButton downloads a folder as a zip file.
func zipButton(runID, dir string) app.UI {
	if !writable() {
		return app.Span() // an export has no server to write zips
	}
	return app.A().Class("button small").ID("download-zip").Href(zipURL(runID, dir)).
		Attr("download", zipName(runID, dir)).Text("Download folder (zip)")
}
