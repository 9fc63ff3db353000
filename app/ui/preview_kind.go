package ui

import (
	"path"
	"strings"

	"mlscope/app/mlflow"
)

// previewKind is how the artifact browser shows a file.
type previewKind int

const (
	kindNone     previewKind = iota // no preview: download only
	kindText                        // paged text with line numbers
	kindJSON                        // a foldable tree of the first part
	kindTable                       // CSV or TSV: a sortable table of the first rows
	kindImage                       // <img>, fit or 100 %
	kindMarkdown                    // rendered by app/markdown
	kindHTML                        // a sandboxed frame
	kindPDF                         // the browser's PDF viewer
	kindAudio                       // <audio controls>
	kindVideo                       // <video controls>
)

// kindByExt maps lower-case file extensions to their preview.
var kindByExt = map[string]previewKind{
	".txt": kindText, ".log": kindText, ".out": kindText, ".err": kindText,
	".yaml": kindText, ".yml": kindText, ".toml": kindText, ".ini": kindText,
	".cfg": kindText, ".conf": kindText, ".env": kindText, ".properties": kindText,
	".xml": kindText, ".jsonl": kindText, ".ndjson": kindText, ".py": kindText,
	".r": kindText, ".sql": kindText, ".sh": kindText, ".js": kindText, ".ts": kindText,
	".go": kindText, ".java": kindText, ".scala": kindText, ".c": kindText, ".h": kindText,
	".cpp": kindText, ".rs": kindText, ".tex": kindText, ".rst": kindText,
	".diff": kindText, ".patch": kindText, ".proto": kindText, ".lock": kindText,
	".json": kindJSON, ".ipynb": kindJSON, ".geojson": kindJSON,
	".csv": kindTable, ".tsv": kindTable,
	".png": kindImage, ".jpg": kindImage, ".jpeg": kindImage, ".gif": kindImage,
	".svg": kindImage, ".webp": kindImage, ".bmp": kindImage, ".avif": kindImage,
	".ico": kindImage,
	".md":  kindMarkdown, ".markdown": kindMarkdown,
	".html": kindHTML, ".htm": kindHTML,
	".pdf": kindPDF,
	".wav": kindAudio, ".mp3": kindAudio, ".ogg": kindAudio, ".oga": kindAudio,
	".flac": kindAudio, ".m4a": kindAudio, ".aac": kindAudio, ".opus": kindAudio,
	".mp4": kindVideo, ".webm": kindVideo, ".mov": kindVideo, ".m4v": kindVideo,
	".ogv": kindVideo,
}

// kindOf picks the preview of a file from its name. Files without an
// extension (MLmodel, LICENSE, Dockerfile) are shown as text; the text
// preview says so when they turn out to be binary.
func kindOf(name string) previewKind {
	base := path.Base(name)
	ext := strings.ToLower(path.Ext(base))
	if ext == "" || ext == base {
		return kindText
	}
	return kindByExt[ext]
}

// textual reports whether the preview reads the file's bytes itself,
// rather than handing its URL to an element of the browser.
func (k previewKind) textual() bool {
	return k == kindText || k == kindJSON || k == kindTable || k == kindMarkdown
}

// previewLimit bounds what offline keeping fetches ahead of a text
// artifact: the previews read larger files a page at a time.
const previewLimit = 1 << 20

// previewable reports whether a file is text small enough to fetch whole
// ahead of time (offline_keep.go). Its size must be known.
func previewable(f mlflow.FileInfo) bool {
	return !f.IsDir && kindOf(f.Path).textual() && f.FileSize != nil &&
		*f.FileSize <= previewLimit
}
