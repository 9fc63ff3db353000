package chart

import (
	"fmt"
	"strings"
)

// Scatter layout, in CSS pixels.
const (
	scatterTop    = 28
	scatterBottom = 40 // ticks and the x name
	scatterLeft   = 64 // ticks and the y name
	scatterRight  = 16
)

// Scatter draws one dot per run at its values of two dimensions, as an
// SVG document, with linear ticks (or the categories) on both axes and
// the dimensions' names beside them. Runs without both values are left
// out. The root carries data-points, the number of dots drawn, and data-x
// and data-y, the names of the dimensions.
func Scatter(title string, x, y Dimension, runs []Mark, width, height float64, t Theme) string {
	var b strings.Builder
	a := Rect{scatterLeft, scatterTop, width - scatterLeft - scatterRight,
		height - scatterTop - scatterBottom}
	type dot struct {
		x, y float64
		m    Mark
		vx   float64
		vy   float64
	}
	sx, sy := dimScale(x, a.X, a.X+a.W), dimScale(y, a.Y+a.H, a.Y)
	var dots []dot
	for r, m := range runs {
		vx, vy := value(x, r), value(y, r)
		if isFinite(vx) && isFinite(vy) {
			dots = append(dots, dot{sx.pos(vx), sy.pos(vy), m, vx, vy})
		}
	}
	svgDoc(&b, title, width, height, t, fmt.Sprintf(` data-points="%d" data-x="%s" data-y="%s"`,
		len(dots), esc(x.Name), esc(y.Name)))
	scatterTicks(&b, x, sx, a, true, t)
	scatterTicks(&b, y, sy, a, false, t)
	fmt.Fprintf(&b, `<path d="M%s %sV%sH%s" fill="none" stroke="%s"/>`+"\n",
		num(a.X), num(a.Y), num(a.Y+a.H), num(a.X+a.W), esc(t.Muted))
	fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle" fill="%s" font-weight="600">%s</text>`+"\n",
		num(a.X+a.W/2), num(height-6), esc(t.Text), esc(x.Name))
	fmt.Fprintf(&b, `<text transform="translate(12 %s) rotate(-90)" text-anchor="middle" `+
		`fill="%s" font-weight="600">%s</text>`+"\n", num(a.Y+a.H/2), esc(t.Text), esc(y.Name))
	for _, d := range dots {
		fmt.Fprintf(&b, `<circle cx="%s" cy="%s" r="5" fill="%s" fill-opacity="0.85">`+
			`<title>%s: %s = %s, %s = %s</title></circle>`+"\n",
			num(d.x), num(d.y), esc(d.m.Color), esc(d.m.Label),
			esc(x.Name), esc(dimText(x, d.vx)), esc(y.Name), esc(dimText(y, d.vy)))
	}
	if len(dots) == 0 {
		fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle" fill="%s">%s</text>`+"\n",
			num(a.X+a.W/2), num(a.Y+a.H/2), esc(t.Muted), "No run has values of both.")
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// dimText writes a value of a dimension: its category, or the number.
func dimText(d Dimension, v float64) string {
	if d.Categories != nil && int(v) >= 0 && int(v) < len(d.Categories) {
		return d.Categories[int(v)]
	}
	return exact(v)
}

// scatterTicks draws the gridlines and labels of one axis.
func scatterTicks(b *strings.Builder, d Dimension, sc scale, a Rect, horizontal bool, t Theme) {
	var ticks []Tick
	if d.Categories != nil {
		for i, c := range d.Categories {
			ticks = append(ticks, Tick{Value: float64(i), Label: shorten(c, 12)})
		}
	} else {
		n := max(2, int(a.H/40))
		if horizontal {
			n = max(2, int(a.W/80))
		}
		ticks = LinearTicks(min(sc.lo, sc.hi), max(sc.lo, sc.hi), n)
	}
	for _, tk := range ticks {
		p := sc.pos(tk.Value)
		if horizontal {
			fmt.Fprintf(b, `<line x1="%[1]s" x2="%[1]s" y1="%[2]s" y2="%[3]s" stroke="%[4]s"/>`+
				`<text x="%[1]s" y="%[5]s" text-anchor="middle" fill="%[6]s">%[7]s</text>`+"\n",
				num(p), num(a.Y), num(a.Y+a.H), esc(t.Grid), num(a.Y+a.H+14), esc(t.Muted),
				esc(tk.Label))
			continue
		}
		fmt.Fprintf(b, `<line x1="%s" x2="%s" y1="%s" y2="%[3]s" stroke="%s"/>`+
			`<text x="%s" y="%s" text-anchor="end" fill="%s">%s</text>`+"\n",
			num(a.X), num(a.X+a.W), num(p), esc(t.Grid), num(a.X-6), num(p+4), esc(t.Muted), esc(tk.Label))
	}
}
