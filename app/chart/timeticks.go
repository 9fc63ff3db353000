package chart

import (
	"math"
	"time"
)

// Milliseconds in the units time axes count in.
const (
	msSecond = 1e3
	msMinute = 60 * msSecond
	msHour   = 60 * msMinute
	msDay    = 24 * msHour
)

// timeSteps are the round intervals of time axes, in milliseconds.
var timeSteps = []float64{
	msSecond, 2 * msSecond, 5 * msSecond, 10 * msSecond, 15 * msSecond, 30 * msSecond,
	msMinute, 2 * msMinute, 5 * msMinute, 10 * msMinute, 15 * msMinute, 30 * msMinute,
	msHour, 2 * msHour, 3 * msHour, 6 * msHour, 12 * msHour,
	msDay, 2 * msDay, 7 * msDay,
}

// timeStep returns a round interval that cuts span milliseconds into about
// n parts: a decimal step below a second, a clock step up to a week, and a
// decimal number of days beyond.
func timeStep(span float64, n int) float64 {
	raw := span / float64(max(n, 1))
	if raw < msSecond*0.75 {
		return NiceStep(span, n)
	}
	for _, s := range timeSteps {
		if s >= raw*0.75 {
			return s
		}
	}
	return NiceStep(span/msDay, n) * msDay
}

// TimeTicks returns about n ticks inside [lo, hi], epoch milliseconds,
// on round times of the clock in loc: whole minutes, hours or local
// midnights. Labels show the time of day, the date as well when the range
// crosses midnight, or only the date for steps of a day or more.
func TimeTicks(lo, hi float64, n int, loc *time.Location) []Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		if lo == hi {
			return []Tick{{Value: lo, Label: clockLabel(lo, 0, false, loc)}}
		}
		return nil
	}
	step := timeStep(hi-lo, n)
	multiDay := dayOf(lo, loc) != dayOf(hi, loc)
	var out []Tick
	add := func(v float64) {
		out = append(out, Tick{Value: v, Label: clockLabel(v, step, multiDay, loc)})
	}
	if step >= msDay {
		days := int(math.Round(step / msDay))
		t := time.UnixMilli(int64(lo)).In(loc)
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
		if d.Before(t) {
			d = d.AddDate(0, 0, 1)
		}
		for ; float64(d.UnixMilli()) <= hi; d = d.AddDate(0, 0, days) {
			add(float64(d.UnixMilli()))
		}
		return out
	}
	// Round in local time, with the zone offset at lo (a DST change within
	// the range shifts the later ticks by its size).
	_, off := time.UnixMilli(int64(lo)).In(loc).Zone()
	shift := float64(off) * 1e3
	for v := math.Ceil((lo+shift)/step)*step - shift; v <= hi; v += step {
		add(v)
	}
	return out
}

func dayOf(ms float64, loc *time.Location) int {
	t := time.UnixMilli(int64(ms)).In(loc)
	return t.Year()*1000 + t.YearDay()
}

// clockLabel labels a time tick with the detail its step needs.
func clockLabel(ms, step float64, withDate bool, loc *time.Location) string {
	t := time.UnixMilli(int64(math.Round(ms))).In(loc)
	layout := "15:04"
	switch {
	case step >= msDay:
		return t.Format("Jan 2")
	case step > 0 && step < msSecond:
		layout = "15:04:05.000"
	case step > 0 && step < msMinute:
		layout = "15:04:05"
	}
	if withDate {
		layout = "Jan 2 " + layout
	}
	return t.Format(layout)
}

// DurationTicks returns about n ticks inside [lo, hi], milliseconds since
// a start, on round durations, labelled in the unit of their step: "30 s",
// "15 min", "6 h", "2 d", or seconds with decimals below one second.
func DurationTicks(lo, hi float64, n int) []Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		if lo == hi {
			return []Tick{{Value: lo, Label: FormatDuration(lo, 0)}}
		}
		return nil
	}
	step := timeStep(hi-lo, n)
	var out []Tick
	for v := math.Ceil(lo/step) * step; v <= hi+step*1e-9; v += step {
		out = append(out, Tick{Value: v, Label: FormatDuration(v, step)})
	}
	return out
}

// FormatDuration writes ms milliseconds in the unit that suits step.
func FormatDuration(ms, step float64) string {
	unit, name := msSecond, " s"
	switch {
	case step >= msDay:
		unit, name = msDay, " d"
	case step >= msHour:
		unit, name = msHour, " h"
	case step >= msMinute:
		unit, name = msMinute, " min"
	}
	if step <= 0 {
		step = unit
	}
	return FormatTick(ms/unit, step/unit) + name
}
