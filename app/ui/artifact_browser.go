package ui

import (
	"net/url"
	"path"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/exportfmt"
	"mlscope/app/mlflow"
)

// ArtifactBrowser shows a run's artifact tree, loading folders as they are
// opened, beside the preview of the selected file or folder. The selection
// is the page's URL (/experiments/{id}/runs/{run_id}/artifacts/{path}):
// Target is the path it names, and a click on an entry opens its URL.
type ArtifactBrowser struct {
	app.Compo
	RunID        string
	ExperimentID string
	Target       string // the artifact path the URL names, "" for none

	loadedRun string
	rootURI   string
	rootNote  string // why the artifacts cannot be found, when they cannot
	load      loadState
	entries   map[string][]mlflow.FileInfo // folder path ("" = root) -> children
	open      map[string]bool
	shown     map[string]int // entries drawn per folder, when more than treePage
	selected  *mlflow.FileInfo
	openedDir string // the folder last clicked; its model view shows when it holds an MLmodel
	target    string // the Target last applied
	missing   string // a Target that is not in the tree
}

// treePage is how many entries of a folder the tree draws at a time.
const treePage = 200

// OnMount lists the root folder.
func (b *ArtifactBrowser) OnMount(ctx app.Context) { b.reset(ctx) }

// OnUpdate starts over for another run, and follows the URL within one.
func (b *ArtifactBrowser) OnUpdate(ctx app.Context) {
	switch {
	case b.RunID != b.loadedRun:
		b.reset(ctx)
	case b.Target != b.target:
		b.seek(ctx, b.Target)
	}
}

func (b *ArtifactBrowser) reset(ctx app.Context) {
	b.loadedRun, b.load = b.RunID, loading
	b.entries, b.open, b.shown = map[string][]mlflow.FileInfo{}, map[string]bool{}, map[string]int{}
	b.selected, b.openedDir = nil, ""
	b.list(ctx, "")
	b.seek(ctx, b.Target)
}

func (b *ArtifactBrowser) list(ctx app.Context, dir string) {
	run := b.RunID
	ctx.Async(func() {
		var resp struct {
			RootURI string            `json:"root_uri"`
			Files   []mlflow.FileInfo `json:"files"`
			Note    string            `json:"mlscope_note"`
		}
		q := url.Values{"run_id": {run}}
		if dir != "" {
			q.Set("path", dir)
		}
		err := getJSON("artifacts/list", q, &resp)
		ctx.Dispatch(func(ctx app.Context) {
			if b.loadedRun != run {
				return
			}
			if dir == "" {
				b.load, b.rootURI, b.rootNote = b.load.done(err), resp.RootURI, resp.Note
			}
			if resp.Files == nil {
				resp.Files = []mlflow.FileInfo{}
			}
			b.entries[dir] = resp.Files
			b.resolve(ctx)
		})
	})
}

// onEntry selects a file or folder and opens its URL, whose Target then
// matches the selection. A click on the selected, open folder closes it.
func (b *ArtifactBrowser) onEntry(f mlflow.FileInfo) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if f.IsDir && b.open[f.Path] && b.openedDir == f.Path {
			b.open[f.Path] = false
			return
		}
		b.seek(ctx, f.Path)
		ctx.Navigate(artifactPagePath(b.ExperimentID, b.RunID, f.Path))
	}
}

func (b *ArtifactBrowser) onMoreEntries(dir string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { b.shown[dir] = b.drawn(dir) + treePage }
}

// drawn is how many entries of a folder the tree draws.
func (b *ArtifactBrowser) drawn(dir string) int {
	if n, ok := b.shown[dir]; ok {
		return min(n, len(b.entries[dir]))
	}
	return min(treePage, len(b.entries[dir]))
}

// artifactURL is the download address of one artifact file.
func artifactURL(runID, p string) string {
	if inExport() {
		return sitePath("/" + exportfmt.ArtifactFilePath(runID, p))
	}
	return "/get-artifact?" + url.Values{"run_id": {runID}, "path": {p}}.Encode()
}

// Render draws the tree beside the preview.
func (b *ArtifactBrowser) Render() app.UI {
	switch {
	case b.load.status == statusFailed:
		return errorBox("The artifacts could not be listed.", b.load.err)
	case b.load.status == statusLoading:
		return app.Div().Class("skeleton-block")
	case len(b.entries[""]) == 0:
		return app.Div().Class("empty").Body(
			app.P().Text("No artifacts found for this run."),
			app.P().Class("muted").Body(app.Text("Artifact location: "),
				app.Code().Text(b.rootURI)),
			app.If(b.rootNote != "", app.P().Class("muted").ID("artifact-note").
				Text("Not found here: "+b.rootNote+".")),
		)
	}
	return app.Div().Class("artifacts").Body(
		app.Div().Class("tree-pane").Body(
			app.Ul().Class("tree").ID("artifact-tree").Aria("role", "tree").Body(b.tree("")...),
			// The server writes zips as it sends them; an export has none.
			app.If(writable(), app.A().Class("button small zip-all").ID("download-all").
				Href(zipURL(b.RunID, "")).Attr("download", zipName(b.RunID, "")).
				Text("Download all (zip)")),
		),
		app.Div().Class("preview").ID("artifact-preview").Body(b.previewPane()),
	)
}

func (b *ArtifactBrowser) tree(dir string) []app.UI {
	all := b.entries[dir]
	var out []app.UI
	for _, f := range all[:b.drawn(dir)] {
		out = append(out, b.item(f))
	}
	if rest := len(all) - b.drawn(dir); rest > 0 {
		out = append(out, app.Li().Body(app.Button().Class("link-button").
			OnClick(b.onMoreEntries(dir), b.RunID, dir).
			Text("Show "+formatCount(min(rest, treePage))+" more of "+formatCount(rest))))
	}
	if entries, ok := b.entries[dir]; dir != "" && ok && len(entries) == 0 {
		out = append(out, app.Li().Class("muted").Text("(empty)"))
	}
	return out
}

func (b *ArtifactBrowser) item(f mlflow.FileInfo) app.UI {
	cls, ico := "file", "file"
	if f.IsDir {
		cls, ico = "dir", "chevron-right"
		if b.open[f.Path] {
			ico = "chevron-down"
		}
	}
	if (b.selected != nil && b.selected.Path == f.Path) || (f.IsDir && b.openedDir == f.Path) {
		cls += " selected"
	}
	size := ""
	if f.FileSize != nil {
		size = formatBytes(*f.FileSize)
	}
	return app.Li().Aria("role", "treeitem").Body(
		app.Button().Class("entry "+cls).DataSet("path", f.Path).
			OnClick(b.onEntry(f), b.RunID, f.Path, f.IsDir).Body(
			app.Span().Class("icon").Body(icon(ico)),
			app.Span().Class("fname").Title(f.Path).Text(path.Base(f.Path)),
			app.Span().Class("size").Text(size),
		),
		when(f.IsDir && b.open[f.Path], func() app.UI {
			return app.Ul().Aria("role", "group").Body(b.tree(f.Path)...)
		}),
	)
}
