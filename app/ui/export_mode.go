package ui

import (
	"net/url"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// ExportEnv is the go-app environment variable that tells the browser app
// it runs from a static export (mlscope export, issue 10): no server, the
// data in static files below the site's root, nothing to write.
const ExportEnv = "MLSCOPE_EXPORT"

var exportOnce struct {
	sync.Once
	on   bool
	base string // the site's root path, with a trailing slash
}

// exportInit reads, once, in the browser, whether the page is an export
// and where the site's root is.
func exportInit() {
	exportOnce.Do(func() {
		exportOnce.base = "/"
		if app.Getenv(ExportEnv) != "1" {
			return
		}
		exportOnce.on = true
		// The page's <base> is the site's root (server/web/export.go).
		if u, err := url.Parse(app.Window().Get("document").Get("baseURI").String()); err == nil {
			exportOnce.base = u.Path
		}
		if !strings.HasSuffix(exportOnce.base, "/") {
			exportOnce.base += "/"
		}
	})
}

// inExport reports whether the app runs from a static export. On the
// server it is true while the exporter pre-renders the export's page
// (server/web.NewExportShell sets the variable for that time), so that
// the page shows no writes before the app starts.
func inExport() bool {
	if !app.IsClient {
		return app.Getenv(ExportEnv) == "1"
	}
	exportInit()
	return exportOnce.on
}

// siteBase is the site's root path, with a trailing slash. The export's
// pre-rendered page does not know where it will be served: its links are
// relative to its <base>, which is the site's root.
func siteBase() string {
	if !app.IsClient {
		if inExport() {
			return "./"
		}
		return "/"
	}
	exportInit()
	return exportOnce.base
}

// sitePath is the address of an app path ("/experiments/1"): the same on
// a server, below the site's root in an export served from a sub-path.
func sitePath(p string) string {
	base := siteBase()
	if base == "/" {
		return p
	}
	return base + strings.TrimPrefix(p, "/")
}

// appPath is the app's path of a page address: sitePath undone.
func appPath(p string) string {
	if rest, ok := strings.CutPrefix(p, siteBase()); ok {
		return "/" + rest
	}
	return p
}

// homePath is the address of the experiments list.
func homePath() string { return sitePath("/") }

// writable reports whether the app may change the tree: not in an export.
func writable() bool { return !inExport() }
