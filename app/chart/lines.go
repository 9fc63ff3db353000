package chart

import (
	"fmt"
	"sort"
	"strings"
)

// Line widths and the opacity of a raw line under its smoothed one.
const (
	lineWidth   = 1.5
	smoothWidth = 2
	rawWidth    = 1
	rawOpacity  = 0.3
)

// seriesLines draws one series: its line, and beneath it the faint raw line
// when the series is smoothed. Short series get markers on their values.
func (p *Plot) seriesLines(i int, sr Series, v view) (faint []Line, main Line) {
	color := sr.Color
	p.Legend = append(p.Legend, LegendItem{Label: sr.Name, Color: color})
	_, _, inView := finiteBounds(v.raw[v.in0:v.in1])
	raw := p.line(i, color, v.raw, v, inView <= markerLimit)
	if v.smooth == nil {
		raw.Width = lineWidth
		return nil, raw
	}
	raw.Width, raw.Opacity = rawWidth, rawOpacity
	main = p.line(i, color, v.smooth, v, false)
	main.Width = smoothWidth
	return []Line{raw}, main
}

// line downsamples pts to one point per pixel of the plotting area and
// turns them into polylines, broken at non-finite values.
func (p *Plot) line(i int, color string, pts []Point, v view, markers bool) Line {
	l := Line{Series: i, Color: color, Opacity: 1}
	kept := LTTB(pts, max(int(p.Area.W), 2))
	p.Drawn += len(kept)
	for _, run := range splitAtGaps(kept, Gaps(pts)) {
		path := make([]Vec, len(run))
		for j, k := range run {
			path[j] = Vec{p.X.pos(pts[k].X), p.Y.pos(pts[k].Y)}
		}
		l.Paths = append(l.Paths, path)
	}
	if markers {
		for _, k := range kept {
			m := Vec{p.X.pos(pts[k].X), p.Y.pos(pts[k].Y)}
			if k >= v.in0 && k < v.in1 && p.inArea(m) {
				l.Markers = append(l.Markers, m)
			}
		}
	}
	return l
}

// inArea reports whether v lies in the plotting area, edges included.
// Renderers clip lines to the area but draw markers whole, so that a value
// on an edge shows as a full dot.
func (p *Plot) inArea(v Vec) bool {
	const eps = 1e-6
	a := p.Area
	return v.X >= a.X-eps && v.X <= a.X+a.W+eps && v.Y >= a.Y-eps && v.Y <= a.Y+a.H+eps
}

// addGaps marks where non-finite values were logged and says so in the
// notes, with the values a log scale had to leave out.
func (p *Plot) addGaps(views []view, s Spec) {
	for i, v := range views {
		var nan, pos, neg int
		for _, g := range v.gaps {
			x0, x1 := p.X.Pos(g.From), p.X.Pos(g.To)
			if x1-x0 < 2 {
				x0, x1 = (x0+x1)/2-1, (x0+x1)/2+1
			}
			p.Bands = append(p.Bands, Band{x0, x1})
			nan, pos, neg = nan+g.NaN, pos+g.PosInf, neg+g.NegInf
		}
		who := ""
		if len(views) > 1 {
			who = s.Series[i].Name + ": "
		}
		if note := gapNote(nan, pos, neg); note != "" {
			p.Notes = append(p.Notes, Note{Text: who + note, Gaps: true})
		}
		if v.nonPos > 0 {
			p.Notes = append(p.Notes, Note{Text: fmt.Sprintf(
				"%s%s at or below zero left out of the log scale.", who, plural(v.nonPos, "value"))})
		}
	}
	p.Bands = mergeBands(p.Bands)
}

// gapNote says how many values of each kind were not drawn.
func gapNote(nan, pos, neg int) string {
	var parts []string
	for _, c := range []struct {
		n    int
		name string
	}{{nan, "NaN"}, {pos, "+Inf"}, {neg, "-Inf"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.name))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	list := strings.Join(parts, ", ")
	if i := strings.LastIndex(list, ", "); i >= 0 {
		list = list[:i] + " and " + list[i+2:]
	}
	return list + " not drawn; shaded where they were logged."
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// mergeBands sorts bands and joins those less than a pixel apart.
func mergeBands(bs []Band) []Band {
	if len(bs) == 0 {
		return nil
	}
	sort.Slice(bs, func(i, j int) bool { return bs[i].X0 < bs[j].X0 })
	out := bs[:1]
	for _, b := range bs[1:] {
		last := &out[len(out)-1]
		if b.X0 <= last.X1+1 {
			last.X1 = max(last.X1, b.X1)
			continue
		}
		out = append(out, b)
	}
	return out
}
