package chart

import (
	"fmt"
	"math"
	"strings"
)

// svgDoc starts a standalone SVG document of the given size in theme t,
// with a background and a title, for the charts that are drawn as SVG
// only (bars, parallel coordinates, scatter). attrs are extra attributes
// of the root element, such as data- attributes that tests read.
func svgDoc(b *strings.Builder, title string, w, h float64, t Theme, attrs string) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" `+
		`viewBox="0 0 %[1]s %[2]s" font-family="%s" font-size="11"%s>`+"\n",
		num(w), num(h), esc(t.Font), attrs)
	fmt.Fprintf(b, `<rect width="100%%" height="100%%" fill="%s"/>`+"\n", esc(t.Background))
	if title != "" {
		fmt.Fprintf(b, `<text x="8" y="16" font-size="13" font-weight="600" fill="%s">%s</text>`+"\n",
			esc(t.Text), esc(title))
	}
}

// scale maps data values in [lo, hi] to pixels in [p0, p1].
type scale struct{ lo, hi, p0, p1 float64 }

// newScale makes a scale over the finite values, padded by 5% (or around
// a single value) so that no mark sits on the frame. ok is false when
// no value is finite.
func newScale(vs []float64, p0, p1 float64) (scale, bool) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range vs {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	if lo > hi {
		return scale{0, 1, p0, p1}, false
	}
	lo, hi = pad(lo, hi, false)
	return scale{lo, hi, p0, p1}, true
}

func (s scale) pos(v float64) float64 {
	if s.hi == s.lo {
		return (s.p0 + s.p1) / 2
	}
	return s.p0 + (v-s.lo)/(s.hi-s.lo)*(s.p1-s.p0)
}

// isFinite reports whether v is an ordinary number.
func isFinite(v float64) bool { return v-v == 0 }

// shorten cuts a label to n characters with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:max(n-1, 1)]) + "…"
}

// label writes a value as a tick label would.
func label(v float64) string {
	if !isFinite(v) {
		return fmt.Sprint(v)
	}
	return FormatTick(v, 0)
}
