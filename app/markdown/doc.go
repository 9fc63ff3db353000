// Package markdown parses the Markdown that people write in MLflow
// descriptions (the mlflow.note.content tag) into a small tree of blocks
// and inline spans, which the UI turns into DOM nodes. Raw HTML is kept as
// text, never interpreted, so a description cannot inject markup.
//
// It covers headings, paragraphs, bullet and numbered lists, block quotes,
// fenced and indented code, thematic breaks, emphasis, strong, inline
// code and links with http, https or mailto targets. It is pure: no I/O,
// no syscall/js.
package markdown
