package chart

import (
	"fmt"
	"html"
	"strings"
)

// Theme holds the colours of a chart's frame, as CSS colours.
type Theme struct {
	Background string
	Text       string // tick labels, legend, notes
	Muted      string // axis lines
	Grid       string
	Gap        string // bands where non-finite values were logged
	Font       string // a CSS font-family list
	// Palette lists the series colours of the theme, for Spec.Palette;
	// nil means the package's Palette.
	Palette []string
}

// LightTheme is the light theme of mlscope's stylesheet, for exports made
// without a page to read colours from.
var LightTheme = Theme{
	Background: "#ffffff",
	Text:       "#1c1f24",
	Muted:      "#5b6470",
	Grid:       "#dde1e6",
	Gap:        "#c62828",
	Font:       "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
}

// Heights of the rows SVG adds around the plot: the title above, the
// legend and each note below.
const (
	svgTitleRow = 24
	svgTextRow  = 18
)

// SVG writes p as a standalone SVG document in theme t, with the title
// above the plot and the legend and notes below it, so that a chart can be
// saved as a file.
func SVG(p Plot, t Theme) string {
	var b strings.Builder
	h := p.Height + svgTitleRow + svgTextRow*float64(1+len(p.Notes))
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" `+
		`viewBox="0 0 %[1]s %[2]s" font-family="%s" font-size="11">`+"\n",
		num(p.Width), num(h), esc(t.Font))
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="%s"/>`+"\n", esc(t.Background))
	fmt.Fprintf(&b, `<text x="%s" y="16" font-size="13" font-weight="600" fill="%s">%s</text>`+"\n",
		num(p.Area.X), esc(t.Text), esc(p.Title))
	fmt.Fprintf(&b, `<g transform="translate(0 %d)">`+"\n", svgTitleRow)
	svgFrame(&b, p, t)
	svgLines(&b, p)
	b.WriteString("</g>\n")
	svgFooter(&b, p, t)
	b.WriteString("</svg>\n")
	return b.String()
}

// svgFrame writes the gap bands, gridlines, axes and tick labels.
func svgFrame(b *strings.Builder, p Plot, t Theme) {
	a := p.Area
	fmt.Fprintf(b, `<clipPath id="area"><rect x="%s" y="%s" width="%s" height="%s"/></clipPath>`+"\n",
		num(a.X), num(a.Y), num(a.W), num(a.H))
	for _, band := range p.Bands {
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s" fill-opacity="0.15"/>`+"\n",
			num(band.X0), num(a.Y), num(band.X1-band.X0), num(a.H), esc(t.Gap))
	}
	bottom := a.Y + a.H
	for _, tk := range p.Y.Ticks {
		fmt.Fprintf(b, `<line x1="%s" x2="%s" y1="%s" y2="%[3]s" stroke="%s"/>`+"\n",
			num(a.X), num(a.X+a.W), num(tk.Pos), esc(t.Grid))
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="end" fill="%s">%s</text>`+"\n",
			num(a.X-tickGap), num(tk.Pos+4), esc(t.Text), esc(tk.Label))
	}
	for _, tk := range p.X.Ticks {
		fmt.Fprintf(b, `<line x1="%s" x2="%[1]s" y1="%s" y2="%s" stroke="%s"/>`+"\n",
			num(tk.Pos), num(a.Y), num(bottom), esc(t.Grid))
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" fill="%s">%s</text>`+"\n",
			num(tk.Pos), num(bottom+16), esc(t.Text), esc(tk.Label))
	}
	fmt.Fprintf(b, `<path d="M%s %sV%sH%s" fill="none" stroke="%s"/>`+"\n",
		num(a.X), num(a.Y), num(bottom), num(a.X+a.W), esc(t.Muted))
	if p.Empty != "" {
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" fill="%s">%s</text>`+"\n",
			num(p.Width/2), num(p.Height/2), esc(t.Muted), esc(p.Empty))
	}
}

// svgLines writes the lines, clipped to the plotting area, and markers.
func svgLines(b *strings.Builder, p Plot) {
	for _, l := range p.Lines {
		fmt.Fprintf(b, `<path d="%s" fill="none" stroke="%s" stroke-width="%s" `+
			`stroke-opacity="%s" stroke-linejoin="round" stroke-linecap="round" `+
			`clip-path="url(#area)"/>`+"\n",
			PathData(l.Paths), esc(l.Color), num(l.Width), num(l.Opacity))
		for _, m := range l.Markers {
			fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="2.5" fill="%s" fill-opacity="%s"/>`+"\n",
				num(m.X), num(m.Y), esc(l.Color), num(l.Opacity))
		}
	}
}

// svgFooter writes the legend in one row and the notes one per row.
func svgFooter(b *strings.Builder, p Plot, t Theme) {
	y := svgTitleRow + p.Height + 12
	x := p.Area.X
	for _, it := range p.Legend {
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="12" height="3" fill="%s"/>`+"\n",
			num(x), num(y-4), esc(it.Color))
		fmt.Fprintf(b, `<text x="%s" y="%s" fill="%s">%s</text>`+"\n",
			num(x+16), num(y), esc(t.Text), esc(it.Label))
		x += 16 + float64(len([]rune(it.Label)))*charWidth + 16
	}
	for i, n := range p.Notes {
		fmt.Fprintf(b, `<text x="%s" y="%s" fill="%s">%s</text>`+"\n",
			num(p.Area.X), num(y+svgTextRow*float64(i+1)), esc(t.Muted), esc(n.Text))
	}
}

func esc(s string) string { return html.EscapeString(s) }
