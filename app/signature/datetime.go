package signature

import (
	"math"
	"strings"
	"time"
)

// Date parsing. numpy's parser (np.datetime64, np.array(..., "datetime64"))
// takes ISO 8601 only; pandas' (astype, to_datetime) also takes the common
// dateutil shapes. Both are approximated here; see README-style notes in the
// package tests for what is covered.

// natNS is how NaT is stored in datetime columns.
const natNS = math.MinInt64

var unitForDigits = [...]string{"s", "ms", "ms", "ms", "us", "us", "us", "ns", "ns", "ns",
	"ps", "ps", "ps", "fs", "fs", "fs", "as", "as", "as"}

// dtParts is a broken-down date and time.
type dtParts struct {
	year, month, day   int
	hour, minute, sec  int
	nanos              int
	fracDigits         int
	unit               string // numpy unit implied by the text
	tzOffset           int    // seconds east of UTC
	hasTZ, nat, relNow bool
}

// toNS converts to nanoseconds since the epoch; ok is false when out of
// the datetime64[ns] range (years 1677 to 2262).
func (p dtParts) toNS() (int64, bool) {
	if p.nat {
		return natNS, true
	}
	t := time.Date(p.year, time.Month(p.month), p.day, p.hour, p.minute, p.sec, p.nanos,
		time.UTC)
	secs := t.Unix() - int64(p.tzOffset)
	if secs < -9223372035 || secs > 9223372035 {
		return 0, false
	}
	return secs*1e9 + int64(p.nanos), true
}

// parseNumpyDatetime parses text the way np.datetime64 does.
func parseNumpyDatetime(s string) (dtParts, bool) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "", "nat":
		return dtParts{nat: true, unit: "generic"}, true
	case "today":
		n := time.Now().UTC()
		return dtParts{year: n.Year(), month: int(n.Month()), day: n.Day(), unit: "D",
			relNow: true}, true
	case "now":
		n := time.Now().UTC()
		return dtParts{year: n.Year(), month: int(n.Month()), day: n.Day(), hour: n.Hour(),
			minute: n.Minute(), sec: n.Second(), unit: "s", relNow: true}, true
	}
	return parseISO(s, false)
}

// parseISO reads YYYY[-MM[-DD[(T| )HH[:MM[:SS[.f]]]]]][Z|±HH[:MM]].
// loose allows one-digit fields (pandas/dateutil accept them).
func parseISO(s string, loose bool) (dtParts, bool) {
	p := dtParts{month: 1, day: 1}
	sc := scanner{s: s}
	y, ok := sc.digits(4, 4)
	if !ok {
		return p, false
	}
	p.year, p.unit = y, "Y"
	if sc.done() {
		return p, true
	}
	minW := 2
	if loose {
		minW = 1
	}
	if !sc.eat('-') {
		return p, false
	}
	if p.month, ok = sc.digits(minW, 2); !ok || p.month < 1 || p.month > 12 {
		return p, false
	}
	p.unit = "M"
	if sc.done() {
		return p, true
	}
	if !sc.eat('-') {
		return p, false
	}
	if p.day, ok = sc.digits(minW, 2); !ok || p.day < 1 || p.day > daysIn(p.year, p.month) {
		return p, false
	}
	p.unit = "D"
	if sc.done() {
		return p, true
	}
	if !sc.eat('T') && !sc.eat(' ') {
		return p, false
	}
	if !parseClock(&sc, &p, minW) {
		return p, false
	}
	return p, parseTZ(&sc, &p) && sc.done()
}

// parseClock reads HH[:MM[:SS[.fraction]]].
func parseClock(sc *scanner, p *dtParts, minW int) bool {
	var ok bool
	if p.hour, ok = sc.digits(minW, 2); !ok || p.hour > 23 {
		return false
	}
	p.unit = "h"
	if !sc.eat(':') {
		return true
	}
	if p.minute, ok = sc.digits(2, 2); !ok || p.minute > 59 {
		return false
	}
	p.unit = "m"
	if !sc.eat(':') {
		return true
	}
	if p.sec, ok = sc.digits(2, 2); !ok || p.sec > 59 {
		return false
	}
	p.unit = "s"
	if sc.eat('.') || sc.eat(',') {
		start := sc.i
		for !sc.done() && isDigit(sc.peek()) {
			sc.i++
		}
		frac := sc.s[start:sc.i]
		if frac == "" {
			return false
		}
		p.fracDigits = len(frac)
		if len(frac) < len(unitForDigits) {
			p.unit = unitForDigits[len(frac)]
		} else {
			p.unit = "as"
		}
		for i := 0; i < 9; i++ {
			p.nanos *= 10
			if i < len(frac) {
				p.nanos += int(frac[i] - '0')
			}
		}
	}
	return true
}

// parseTZ reads an optional Z, UTC, GMT or ±HH[:MM] suffix.
func parseTZ(sc *scanner, p *dtParts) bool {
	rest := strings.TrimSpace(sc.s[sc.i:])
	if rest == "" {
		sc.i = len(sc.s)
		return true
	}
	switch strings.ToUpper(rest) {
	case "Z", "UTC", "GMT":
		p.hasTZ = true
		sc.i = len(sc.s)
		return true
	}
	t := scanner{s: rest}
	sign := 1
	switch {
	case t.eat('+'):
	case t.eat('-'):
		sign = -1
	default:
		return false
	}
	h, ok := t.digits(2, 2)
	if !ok || h > 23 {
		return false
	}
	m := 0
	t.eat(':')
	if !t.done() {
		if m, ok = t.digits(2, 2); !ok || m > 59 {
			return false
		}
	}
	if !t.done() {
		return false
	}
	p.hasTZ = true
	p.tzOffset = sign * (h*3600 + m*60)
	sc.i = len(sc.s)
	return true
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// scanner is a tiny cursor over a string.
type scanner struct {
	s string
	i int
}

func (sc *scanner) done() bool { return sc.i >= len(sc.s) }
func (sc *scanner) peek() byte { return sc.s[sc.i] }

func (sc *scanner) eat(c byte) bool {
	if sc.i < len(sc.s) && sc.s[sc.i] == c {
		sc.i++
		return true
	}
	return false
}

// digits reads between min and max digits.
func (sc *scanner) digits(min, max int) (int, bool) {
	n, k := 0, 0
	for k < max && sc.i < len(sc.s) && isDigit(sc.s[sc.i]) {
		n = n*10 + int(sc.s[sc.i]-'0')
		sc.i++
		k++
	}
	return n, k >= min
}

var monthNames = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
	"january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12}

var weekdayNames = map[string]bool{"mon": true, "tue": true, "wed": true, "thu": true,
	"fri": true, "sat": true, "sun": true, "monday": true, "tuesday": true,
	"wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}

// parsePandasDatetime parses text as pandas' to_datetime would (ISO 8601,
// compact YYYYMMDD, Y/M/D, M/D/Y, month names, AM/PM, time zones).
func parsePandasDatetime(s string) (dtParts, bool) {
	t := strings.TrimSpace(s)
	switch strings.ToLower(t) {
	case "", "nat", "nan", "none", "null":
		return dtParts{nat: true}, true
	case "now", "today":
		return parseNumpyDatetime(strings.ToLower(t))
	}
	if p, ok := parseISO(t, true); ok {
		return p, true
	}
	if len(t) >= 8 && allDigits(t[:8]) {
		iso := t[:4] + "-" + t[4:6] + "-" + t[6:8]
		rest := t[8:]
		if len(rest) >= 7 && rest[0] == 'T' && allDigits(rest[1:7]) {
			iso += "T" + rest[1:3] + ":" + rest[3:5] + ":" + rest[5:7]
			rest = rest[7:]
		}
		if p, ok := parseISO(iso+rest, false); ok {
			return p, true
		}
	}
	return parseLooseDate(t)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// parseLooseDate handles the dateutil-style shapes: 2020/01/02, 01/02/2020,
// Jan 2 2020, 2 January 2020, with an optional time and AM/PM.
func parseLooseDate(s string) (dtParts, bool) {
	p := dtParts{unit: "s"}
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' })
	if len(fields) > 0 && weekdayNames[strings.ToLower(strings.TrimSuffix(fields[0], "."))] {
		fields = fields[1:]
	}
	if len(fields) == 0 {
		return p, false
	}
	var nums []int
	month := 0
	i := 0
	for ; i < len(fields); i++ {
		f := strings.ToLower(strings.TrimSuffix(fields[i], "."))
		if m, ok := monthNames[f]; ok && month == 0 {
			month = m
			continue
		}
		if strings.ContainsAny(f, "/-.") && len(nums) == 0 && month == 0 {
			parts := strings.FieldsFunc(f, func(r rune) bool {
				return r == '/' || r == '-' ||
					r == '.'
			})
			for _, x := range parts {
				if !allDigits(x) || len(x) > 4 {
					return p, false
				}
				nums = append(nums, atoiSmall(x))
			}
			continue
		}
		if allDigits(f) && len(f) <= 4 && len(nums) < 3 {
			nums = append(nums, atoiSmall(f))
			continue
		}
		break
	}
	if !assignDate(&p, nums, month) {
		return p, false
	}
	if i < len(fields) {
		rest := strings.Join(fields[i:], " ")
		if !parseLooseTime(rest, &p) {
			return p, false
		}
	}
	return p, true
}

func atoiSmall(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// assignDate fills year, month and day from the numbers found.
func assignDate(p *dtParts, nums []int, month int) bool {
	switch {
	case month != 0 && len(nums) == 2:
		if nums[0] > 31 {
			p.year, p.day = nums[0], nums[1]
		} else {
			p.day, p.year = nums[0], nums[1]
		}
		p.month = month
	case month == 0 && len(nums) == 3 && nums[0] > 31:
		p.year, p.month, p.day = nums[0], nums[1], nums[2]
	case month == 0 && len(nums) == 3:
		p.month, p.day, p.year = nums[0], nums[1], nums[2]
		if p.month > 12 && p.day <= 12 {
			p.month, p.day = p.day, p.month
		}
		if p.year < 100 {
			p.year += 2000
			if p.year > time.Now().Year()+50 {
				p.year -= 100
			}
		}
	default:
		return false
	}
	return p.month >= 1 && p.month <= 12 && p.day >= 1 && p.day <= daysIn(p.year, p.month)
}

// parseLooseTime reads H[:MM[:SS[.f]]] [AM|PM] [tz].
func parseLooseTime(s string, p *dtParts) bool {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	pm, am := strings.Contains(lower, "pm"), strings.Contains(lower, "am")
	s = strings.TrimSpace(strings.NewReplacer("AM", "", "PM", "", "am", "", "pm", "").
		Replace(s))
	sc := scanner{s: s}
	if !parseClock(&sc, p, 1) || !parseTZ(&sc, p) || !sc.done() {
		return false
	}
	switch {
	case pm && p.hour < 12:
		p.hour += 12
	case am && p.hour == 12:
		p.hour = 0
	}
	return p.hour <= 23
}

// formatNS formats nanoseconds since the epoch like a pandas Timestamp.
func formatNS(ns int64) string {
	if ns == natNS {
		return "NaT"
	}
	t := time.Unix(0, ns).UTC()
	if t.Nanosecond() == 0 {
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format("2006-01-02 15:04:05.999999999")
}
