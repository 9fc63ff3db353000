package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"path"
	"strings"
)

// seek makes the artifact path p (a file or a folder; "" for none) the
// selection: its parent folders open, and are listed when they were not.
// The entry itself is picked by resolve once its folder's listing is in.
func (b *ArtifactBrowser) seek(ctx app.Context, p string) {
	b.target, b.missing = p, ""
	b.selected, b.openedDir = nil, ""
	if p == "" {
		return
	}
	for _, dir := range parents(p) {
		if dir == "" {
			continue
		}
		b.open[dir] = true
		if _, ok := b.entries[dir]; !ok {
			b.list(ctx, dir)
		}
	}
	b.resolve(ctx)
}

// resolve selects the target once the listing of its folder is in: a
// file is previewed, a folder opened. A target that is not there is noted.
func (b *ArtifactBrowser) resolve(ctx app.Context) {
	p := b.target
	if p == "" || b.selected != nil || b.openedDir == p {
		return
	}
	entries, ok := b.entries[parentDir(p)]
	if !ok {
		return
	}
	for i := range entries {
		f := entries[i]
		if f.Path != p {
			continue
		}
		if f.IsDir {
			b.openedDir, b.open[p] = p, true
			if _, ok := b.entries[p]; !ok {
				b.list(ctx, p)
			}
		} else {
			b.selected = &f
		}
		return
	}
	b.missing = p
}

// parents lists the folders above an artifact path, the root ("") first.
func parents(p string) []string {
	out := []string{""}
	parts := strings.Split(p, "/")
	for i := 1; i < len(parts); i++ {
		out = append(out, strings.Join(parts[:i], "/"))
	}
	return out
}

// parentDir is the folder holding an artifact path, "" for the root.
func parentDir(p string) string {
	if d := path.Dir(p); d != "." {
		return d
	}
	return ""
}
