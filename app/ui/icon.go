package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Inline SVG icons, 16 px, drawn with the current text colour so that they
// follow the theme.
const (
	svgOpen  = `<svg class="ico" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">`
	svgClose = `</svg>`
)

var icons = map[string]string{
	"file": `<path d="M4 1.5h5l3.5 3.5v9.5h-8.5z M9 1.5v3.5h3.5" fill="none" ` +
		`stroke="currentColor" stroke-width="1.2" stroke-linejoin="round"/>`,
	"folder": `<path d="M1.5 3.5h4.5l1.5 1.5h7v8.5h-13z" fill="none" stroke="currentColor" ` +
		`stroke-width="1.2" stroke-linejoin="round"/>`,
	"chevron-right": `<path d="M6 3.5l4.5 4.5-4.5 4.5" fill="none" stroke="currentColor" ` +
		`stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"/>`,
	"chevron-down": `<path d="M3.5 6l4.5 4.5 4.5-4.5" fill="none" stroke="currentColor" ` +
		`stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"/>`,
}

// icon returns the named icon.
func icon(name string) app.UI { return app.Raw(svgOpen + icons[name] + svgClose) }
