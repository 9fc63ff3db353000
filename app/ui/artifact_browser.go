package ui

import (
	"net/url"
	"path"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// previewLimit is the largest file previewed as text. Larger files are
// offered for download only until paged previews arrive (issue 6).
const previewLimit = 1 << 20

// ArtifactBrowser shows a run's artifact tree, loading folders as they are
// opened, and a text preview of the selected file.
type ArtifactBrowser struct {
	app.Compo
	RunID string

	loadedRun string
	rootURI   string
	load      loadState
	entries   map[string][]mlflow.FileInfo // folder path ("" = root) -> children
	open      map[string]bool
	selected  *mlflow.FileInfo
	preview   string
	previewSt loadState
	openedDir string // the folder last clicked; its model view shows when it holds an MLmodel
}

// OnMount lists the root folder.
func (b *ArtifactBrowser) OnMount(ctx app.Context) { b.reset(ctx) }

// OnUpdate starts over for another run.
func (b *ArtifactBrowser) OnUpdate(ctx app.Context) {
	if b.RunID != b.loadedRun {
		b.reset(ctx)
	}
}

func (b *ArtifactBrowser) reset(ctx app.Context) {
	b.loadedRun, b.load = b.RunID, loading
	b.entries, b.open, b.selected = map[string][]mlflow.FileInfo{}, map[string]bool{}, nil
	b.openedDir = ""
	b.list(ctx, "")
}

func (b *ArtifactBrowser) list(ctx app.Context, dir string) {
	run := b.RunID
	ctx.Async(func() {
		var resp struct {
			RootURI string            `json:"root_uri"`
			Files   []mlflow.FileInfo `json:"files"`
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
				b.load, b.rootURI = b.load.done(err), resp.RootURI
			}
			if resp.Files == nil {
				resp.Files = []mlflow.FileInfo{}
			}
			b.entries[dir] = resp.Files
		})
	})
}

func (b *ArtifactBrowser) onEntry(f mlflow.FileInfo) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if f.IsDir {
			b.open[f.Path] = !b.open[f.Path]
			b.openedDir, b.selected = f.Path, nil
			if _, ok := b.entries[f.Path]; !ok && b.open[f.Path] {
				b.list(ctx, f.Path)
			}
			return
		}
		b.selected, b.preview = &f, ""
		if !previewable(f) {
			b.previewSt = loadState{status: statusLoaded}
			return
		}
		b.previewSt = loading
		run := b.RunID
		ctx.Async(func() {
			text, err := fetchText(artifactURL(run, f.Path))
			ctx.Dispatch(func(ctx app.Context) {
				if b.selected == nil || b.selected.Path != f.Path {
					return
				}
				b.preview, b.previewSt = text, b.previewSt.done(err)
			})
		})
	}
}

// artifactURL is the download address of one artifact file.
func artifactURL(runID, p string) string {
	return "/get-artifact?" + url.Values{"run_id": {runID}, "path": {p}}.Encode()
}

var textExtensions = map[string]bool{
	".txt": true, ".log": true, ".json": true, ".yaml": true, ".yml": true, ".csv": true,
	".tsv": true, ".md": true, ".py": true, ".cfg": true, ".ini": true, ".toml": true,
	".html": true, ".xml": true, ".sh": true, ".r": true, ".sql": true, "": true,
}

// previewable reports whether a file is small text worth showing inline.
func previewable(f mlflow.FileInfo) bool {
	name := path.Base(f.Path)
	ext := strings.ToLower(path.Ext(name))
	if name == "MLmodel" || name == "requirements.txt" || name == "conda.yaml" {
		return true
	}
	return textExtensions[ext] && f.FileSize != nil && *f.FileSize <= previewLimit
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
			app.P().Class("muted").Body(app.Text("Artifact location: "), app.Code().Text(b.rootURI)),
		)
	}
	return app.Div().Class("artifacts").Body(
		app.Ul().Class("tree").ID("artifact-tree").Aria("role", "tree").Body(b.tree("")...),
		app.Div().Class("preview").ID("artifact-preview").Body(b.previewPane()),
	)
}

func (b *ArtifactBrowser) tree(dir string) []app.UI {
	var out []app.UI
	for _, f := range b.entries[dir] {
		name := path.Base(f.Path)
		cls, ico := "file", "file"
		if f.IsDir {
			cls, ico = "dir", "chevron-right"
			if b.open[f.Path] {
				ico = "chevron-down"
			}
		}
		if b.selected != nil && b.selected.Path == f.Path {
			cls += " selected"
		}
		size := ""
		if f.FileSize != nil {
			size = formatBytes(*f.FileSize)
		}
		item := app.Li().Aria("role", "treeitem").Body(
			app.Button().Class("entry "+cls).DataSet("path", f.Path).OnClick(b.onEntry(f), f.Path).Body(
				app.Span().Class("icon").Body(icon(ico)),
				app.Span().Class("fname").Text(name),
				app.Span().Class("size").Text(size),
			),
			app.If(f.IsDir && b.open[f.Path], app.Ul().Aria("role", "group").Body(b.tree(f.Path)...)),
		)
		out = append(out, item)
	}
	if entries, ok := b.entries[dir]; dir != "" && ok && len(entries) == 0 {
		out = append(out, app.Li().Class("muted").Text("(empty)"))
	}
	return out
}

func (b *ArtifactBrowser) previewPane() app.UI {
	if dir, ok := b.modelFolder(); ok {
		return modelPreview(b.RunID, dir)
	}
	f := b.selected
	if f == nil {
		return app.P().Class("muted").Text("Select a file to preview it.")
	}
	head := app.Div().Class("preview-head").Body(
		app.Code().Text(f.Path),
		app.A().Class("button").Href(artifactURL(b.RunID, f.Path)).
			Attr("download", path.Base(f.Path)).Text("Download"),
	)
	switch {
	case !previewable(*f):
		return app.Div().Body(head, app.P().Class("muted").
			Text("No preview for this file type or size; download it to open it."))
	case b.previewSt.status == statusLoading:
		return app.Div().Body(head, app.Div().Class("skeleton-block"))
	case b.previewSt.status == statusFailed:
		return app.Div().Body(head, errorBox("The file could not be loaded.", b.previewSt.err))
	}
	return app.Div().Body(head, app.Pre().Class("text-preview").Text(b.preview))
}
