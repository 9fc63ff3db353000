package storefmt

import "strconv"

// maxIntDigits is how many digits scanInt reads: any 18-digit number fits
// an int64, so no overflow check is needed below it.
const maxIntDigits = 18

// scanLine is the fast path of ParseMetricLine for the lines MLflow
// writes: "ts value" or "ts value step" with single spaces and an optional
// "\n" or "\r\n". It allocates nothing (strconv.ParseFloat gets a copy on
// the stack). ok is false for anything else, valid or not, which the
// general reader then handles: leading or other white space, dataset
// fields, a value strconv refuses, numbers of 19 digits or more.
func scanLine[S ~string | ~[]byte](line S) (ts int64, v float64, step int64, ok bool) {
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		n--
	}
	if n > 0 && line[n-1] == '\r' {
		n--
	}
	line = line[:n]
	ts, i, ok := scanInt(line, 0)
	if !ok || i >= n || line[i] != ' ' {
		return 0, 0, 0, false
	}
	j := i + 1
	for j < n && line[j] != ' ' {
		j++
	}
	// Python writes at most 24 characters for a float; a longer token would
	// not fit the stack copy and is left to the general reader.
	if j == i+1 || j-i-1 > 32 {
		return 0, 0, 0, false
	}
	v, exact := scanFloat(line[i+1 : j])
	if !exact {
		var err error
		if v, err = strconv.ParseFloat(string(line[i+1:j]), 64); err != nil {
			return 0, 0, 0, false
		}
	}
	if j == n {
		return ts, v, 0, true
	}
	step, k, ok := scanInt(line, j+1)
	if !ok || k != n {
		return 0, 0, 0, false
	}
	return ts, v, step, true
}

// scanInt reads a signed decimal integer of 1 to maxIntDigits digits at
// line[i:], as strconv.ParseInt does, and returns it with the index after
// it.
func scanInt[S ~string | ~[]byte](line S, i int) (int64, int, bool) {
	neg := false
	if i < len(line) && (line[i] == '-' || line[i] == '+') {
		neg = line[i] == '-'
		i++
	}
	start := i
	var n int64
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		n = n*10 + int64(line[i]-'0')
		i++
	}
	if i == start || i-start > maxIntDigits {
		return 0, i, false
	}
	if neg {
		n = -n
	}
	return n, i, true
}

// pow10 holds the powers of ten that a float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// scanFloat reads the decimal numbers Python writes ("0.25", "-3.0",
// "1e-05") when their digits fit a float64 exactly: then one
// multiplication or division by an exact power of ten rounds correctly
// (Clinger's fast path), and the result is the one strconv.ParseFloat
// gives. exact is false for everything else, which strconv then reads.
func scanFloat[S ~string | ~[]byte](s S) (v float64, exact bool) {
	i, neg := 0, false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	var mant uint64
	digits, exp := 0, 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		mant = mant*10 + uint64(s[i]-'0')
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			mant = mant*10 + uint64(s[i]-'0')
			digits++
			exp--
		}
	}
	if digits == 0 || digits > 19 {
		return 0, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		e, j, ok := scanInt(s, i+1)
		if !ok || e > 400 || e < -400 {
			return 0, false
		}
		exp += int(e)
		i = j
	}
	if i != len(s) || mant > 1<<53 || exp < -22 || exp > 22 {
		return 0, false
	}
	v = float64(mant)
	if exp < 0 {
		v /= pow10[-exp]
	} else {
		v *= pow10[exp]
	}
	if neg {
		v = -v
	}
	return v, true
}
