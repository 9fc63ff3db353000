package guard

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// sizeUnits are the binary multiples ParseSize takes and FormatSize
// writes, largest first.
var sizeUnits = []struct {
	suffix string
	factor int64
}{{"T", 1 << 40}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}}

// ParseSize reads a byte count such as "1048576", "512K", "16M", "64G" or
// "1T" (binary multiples; a trailing "B" or "iB" and any letter case are
// accepted: "16MiB", "64gb"). It refuses zero, negative and overflowing
// sizes.
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	factor := int64(1)
	for _, u := range sizeUnits {
		if rest, ok := cutAnySuffix(t, u.suffix+"IB", u.suffix+"B", u.suffix); ok {
			t, factor = strings.TrimSpace(rest), u.factor
			break
		}
	}
	if factor == 1 {
		t, _ = cutAnySuffix(t, "B")
		t = strings.TrimSpace(t)
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("size %q: want a positive number of bytes, such as 512M or 64G", s)
	}
	if n > math.MaxInt64/factor {
		return 0, fmt.Errorf("size %q is too large", s)
	}
	return n * factor, nil
}

// FormatSize writes a byte count with the largest binary unit that
// divides it ("16 MiB", "1500 bytes").
func FormatSize(n int64) string {
	for _, u := range sizeUnits {
		if n >= u.factor && n%u.factor == 0 {
			return fmt.Sprintf("%d %siB", n/u.factor, u.suffix)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

func cutAnySuffix(s string, suffixes ...string) (string, bool) {
	for _, x := range suffixes {
		if rest, ok := strings.CutSuffix(s, x); ok {
			return rest, true
		}
	}
	return s, false
}
