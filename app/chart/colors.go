package chart

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
)

// Run colours. Each run has a hue of the Okabe-Ito set, chosen by a hash
// of its id, so that it keeps its colour from page to page; when more runs
// than hues are shown, shades of the hues follow: darker, lighter, then
// darker and lighter still.
var (
	// hues are the Okabe-Ito colours without black.
	hues = []string{"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"}
	// shades are the mixes that make the next sets of colours: with black
	// for negative amounts, with white for positive ones.
	shades = []float64{0, -0.35, 0.4, -0.6, 0.65}
)

// RunPalette lists every run colour in the order RunColors hands them
// out: the hues, then each shade of them.
var RunPalette = func() []string {
	var out []string
	for _, s := range shades {
		for _, h := range hues {
			out = append(out, mix(h, s))
		}
	}
	return out
}()

// runHash is a run id's place on the colour wheel.
func runHash(id string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(id))
	return h.Sum32()
}

// RunColor returns the colour of a run shown on its own: the hue its id
// picks. Two runs may share it; RunColors tells the runs of a set apart.
func RunColor(id string) string { return hues[runHash(id)%uint32(len(hues))] }

// RunColors gives each run of a set a colour of RunPalette. Runs take
// their own hue (RunColor) when no other run of the set has it, then the
// nearest free hue, in the order of their hashes; once every hue of a
// shade is taken the next shade begins, and past the palette's end the
// colours repeat. The answer depends only on the set, not its order, so
// every view that shows the same runs colours them alike. Duplicate ids
// share a colour.
func RunColors(ids []string) map[string]string {
	uniq := slices.Clone(ids)
	slices.SortFunc(uniq, func(a, b string) int {
		ha, hb := runHash(a), runHash(b)
		switch {
		case ha != hb:
			return int(int64(ha) - int64(hb))
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	})
	uniq = slices.Compact(uniq)
	out := make(map[string]string, len(uniq))
	n := len(hues)
	taken := make([]bool, len(RunPalette))
	for i, id := range uniq {
		shade := (i / n) % len(shades)
		if i%len(RunPalette) == 0 {
			clear(taken) // a new round of the palette
		}
		want := int(runHash(id) % uint32(n))
		for k := range n {
			slot := shade*n + (want+k)%n
			if !taken[slot] {
				taken[slot] = true
				out[id] = RunPalette[slot]
				break
			}
		}
	}
	return out
}

// mix blends a "#rrggbb" colour with white (amount > 0) or black
// (amount < 0).
func mix(hex string, amount float64) string {
	if amount == 0 {
		return hex
	}
	v, _ := strconv.ParseUint(hex[1:], 16, 32)
	c := [3]float64{float64(v >> 16), float64(v >> 8 & 0xff), float64(v & 0xff)}
	for i := range c {
		if amount > 0 {
			c[i] += (255 - c[i]) * amount
		} else {
			c[i] *= 1 + amount
		}
	}
	return fmt.Sprintf("#%02X%02X%02X", int(c[0]+0.5), int(c[1]+0.5), int(c[2]+0.5))
}
