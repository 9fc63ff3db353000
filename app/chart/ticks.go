package chart

import "math"

// Tick is one labelled mark on an axis. Value is in data units; Pos is
// the pixel position the layout gave it.
type Tick struct {
	Value float64
	Pos   float64
	Label string
}

// NiceStep returns a round step (1, 2 or 5 times a power of ten) that cuts
// span into about n intervals. It returns 0 when span or n is not positive.
func NiceStep(span float64, n int) float64 {
	if !(span > 0) || n < 1 || math.IsInf(span, 0) {
		return 0
	}
	raw := span / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	switch f := raw / mag; {
	case f < 1.5:
		return mag
	case f < 3.5:
		return 2 * mag
	case f < 7.5:
		return 5 * mag
	}
	return 10 * mag
}

// LinearTicks returns about n round values inside [lo, hi], labelled with
// the precision their step needs.
func LinearTicks(lo, hi float64, n int) []Tick {
	step := NiceStep(hi-lo, n)
	if step == 0 {
		if lo == hi && !math.IsInf(lo, 0) && !math.IsNaN(lo) {
			return []Tick{{Value: lo, Label: FormatTick(lo, 0)}}
		}
		return nil
	}
	var out []Tick
	for i := math.Ceil(lo / step); ; i++ {
		v := i * step
		if v > hi+step*1e-9 {
			break
		}
		if math.Abs(v) < step*1e-9 {
			v = 0 // no "-0" or "1e-17" from rounding
		}
		out = append(out, Tick{Value: v, Label: FormatTick(v, step)})
	}
	return out
}

// LogTicks returns round values inside [lo, hi] (both positive) for a
// logarithmic axis: powers of ten, with 2 and 5 times them when the range
// spans few decades, and only every other (or fifth…) power when it spans
// many. A range too narrow for three such values gets linear ticks.
func LogTicks(lo, hi float64, n int) []Tick {
	if !(lo > 0) || !(hi >= lo) || n < 1 || math.IsInf(hi, 0) {
		return nil
	}
	span := math.Log10(hi / lo)
	mults := []float64{1}
	if span*3 <= float64(n) || countPowers(lo, hi) < 2 {
		mults = []float64{1, 2, 5}
	}
	every := math.Max(1, math.Ceil(span/float64(n)))
	d0 := math.Floor(math.Log10(lo))
	var out []Tick
	for d := d0; d <= math.Ceil(math.Log10(hi)); d += every {
		for _, m := range mults {
			v := m * math.Pow(10, d)
			if v >= lo*(1-1e-9) && v <= hi*(1+1e-9) {
				out = append(out, Tick{Value: v, Label: FormatLogTick(v)})
			}
		}
	}
	if len(out) < 3 {
		return LinearTicks(lo, hi, n)
	}
	return out
}

// countPowers counts the powers of ten in [lo, hi].
func countPowers(lo, hi float64) int {
	return int(math.Floor(math.Log10(hi)+1e-9) - math.Ceil(math.Log10(lo)-1e-9) + 1)
}
