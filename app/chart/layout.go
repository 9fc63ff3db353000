package chart

import (
	"math"
	"time"
)

// Layout constants, in CSS pixels. charWidth is a generous average width
// of a character of the 11 px labels, used to leave room for them.
const (
	padTop     = 10
	padRight   = 16
	padBottom  = 24
	tickGap    = 6
	charWidth  = 6.5
	minTickGap = 20 // between two x labels
)

// layout places the plotting area and the ticks of both axes. lo and hi
// are in scale units (log10 on a log y-axis).
func (p *Plot) layout(xlo, xhi, ylo, yhi float64, s Spec) {
	p.Area.Y = padTop
	p.Area.H = max(p.Height-padTop-padBottom, 10)
	p.Y = Axis{Log: s.YLog, lo: ylo, hi: yhi, p0: p.Area.Y + p.Area.H, p1: p.Area.Y}
	p.Y.Min, p.Y.Max = p.Y.Value(p.Y.p0), p.Y.Value(p.Y.p1)
	n := max(2, int(p.Area.H/40))
	if s.YLog {
		p.Y.Ticks = LogTicks(p.Y.Min, p.Y.Max, n)
	} else {
		p.Y.Ticks = LinearTicks(p.Y.Min, p.Y.Max, n)
	}
	place(&p.Y)

	left := max(float64(longest(p.Y.Ticks))*charWidth+2*tickGap, 32)
	p.Area.X = left
	p.Area.W = max(p.Width-left-padRight, 10)
	p.X = Axis{Min: xlo, Max: xhi, lo: xlo, hi: xhi, p0: p.Area.X, p1: p.Area.X + p.Area.W}
	p.X.Ticks = xTicks(xlo, xhi, p.Area.W, s)
	place(&p.X)
	p.clipLabels()
}

// xTicks asks for a tick every 80 px, then for fewer if the labels turn
// out too wide to sit side by side.
func xTicks(lo, hi, width float64, s Spec) []Tick {
	loc := s.Location
	if loc == nil {
		loc = time.Local
	}
	gen := func(n int) []Tick {
		switch s.XMode {
		case XWallTime:
			return TimeTicks(lo, hi, n, loc)
		case XRelative:
			return DurationTicks(lo, hi, n)
		case XMetric:
			return LinearTicks(lo, hi, n)
		}
		return stepTicks(lo, hi, n)
	}
	n := max(2, int(width/80))
	ticks := gen(n)
	w := float64(longest(ticks))*charWidth + minTickGap
	if float64(len(ticks))*w > width && n > 2 {
		ticks = gen(max(2, int(width/w)))
	}
	return ticks
}

// stepTicks are linear ticks on whole steps only.
func stepTicks(lo, hi float64, n int) []Tick {
	if NiceStep(hi-lo, n) >= 1 {
		return LinearTicks(lo, hi, n)
	}
	var out []Tick
	for v := math.Ceil(lo); v <= hi; v++ {
		out = append(out, Tick{Value: v, Label: FormatTick(v, 1)})
	}
	return out
}

// place sets the pixel position of each tick.
func place(a *Axis) {
	for i := range a.Ticks {
		a.Ticks[i].Pos = a.Pos(a.Ticks[i].Value)
	}
}

// clipLabels blanks the x labels that would stick out of the chart's box;
// their ticks and gridlines stay.
func (p *Plot) clipLabels() {
	for i, t := range p.X.Ticks {
		half := float64(len([]rune(t.Label))) * charWidth / 2
		if t.Pos-half < 0 || t.Pos+half > p.Width {
			p.X.Ticks[i].Label = ""
		}
	}
}

// longest is the length in characters of the longest tick label.
func longest(ts []Tick) int {
	n := 0
	for _, t := range ts {
		n = max(n, len([]rune(t.Label)))
	}
	return n
}
