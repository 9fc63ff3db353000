package chart

import (
	"math"
	"strconv"
	"strings"
)

// FormatTick labels a linear tick at v on an axis whose ticks are step
// apart, with just the digits that tell neighbours apart: "0.25", "1200",
// "3e+06", "1.5e-05". A zero step labels v with up to four significant
// digits.
func FormatTick(v, step float64) string {
	if v == 0 {
		return "0"
	}
	abs := math.Abs(v)
	if step <= 0 {
		return trimExp(strconv.FormatFloat(v, 'g', 4, 64))
	}
	if abs >= 1e6 || abs < 1e-4 {
		// Digits after the mantissa's point: as many as the step needs.
		d := int(math.Floor(math.Log10(abs)) - math.Floor(math.Log10(step)+1e-9))
		return trimExp(strconv.FormatFloat(v, 'e', min(max(d, 0), 6), 64))
	}
	return trimZeros(strconv.FormatFloat(v, 'f', decimals(step), 64))
}

// trimZeros drops the trailing zeros of a decimal fraction: "1.50" becomes
// "1.5" and "2.0" becomes "2".
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}

// decimals is how many digits after the point make multiples of step
// exact: 0 for 5, 1 for 0.5, 2 for 0.25; at most 10.
func decimals(step float64) int {
	d := max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	for ; d < 10; d++ {
		scaled := step * math.Pow(10, float64(d))
		if math.Abs(scaled-math.Round(scaled)) < 1e-6*scaled {
			break
		}
	}
	return d
}

// FormatLogTick labels a tick of a logarithmic axis: plain between 0.0001
// and 99999, else as a power of ten, "1e-06" or "2e+07".
func FormatLogTick(v float64) string {
	abs := math.Abs(v)
	if abs >= 1e-4 && abs < 1e5 {
		return strconv.FormatFloat(v, 'g', 6, 64)
	}
	return trimExp(strconv.FormatFloat(v, 'e', -1, 64))
}

// trimExp drops the trailing zeros of a mantissa: "1.50e+06" becomes
// "1.5e+06"; text without an exponent is trimmed the same way.
func trimExp(s string) string {
	i := strings.IndexByte(s, 'e')
	if i < 0 {
		return trimZeros(s)
	}
	return trimZeros(s[:i]) + s[i:]
}
