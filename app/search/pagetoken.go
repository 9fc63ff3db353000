package search

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
)

// Limits of max_results in the file store's searches.
const (
	// MaxResultsThreshold is the largest max_results accepted
	// (MLflow's SEARCH_MAX_RESULTS_THRESHOLD).
	MaxResultsThreshold = 50000
	// DefaultMaxResults is used when a request does not say.
	DefaultMaxResults = 1000
)

// EncodePageToken returns the file store's token for a page starting at
// offset: base64 of the JSON text {"offset": N}.
func EncodePageToken(offset int) string {
	doc := `{"offset": ` + strconv.Itoa(offset) + `}`
	return base64.StdEncoding.EncodeToString([]byte(doc))
}

// DecodePageToken returns the offset a page token starts at; "" starts at
// 0. A token that is not base64, not a JSON object, or whose offset is
// missing, zero, negative or not an integer is refused with MLflow's
// "Invalid page token, ..." message, spanning the whole token.
func DecodePageToken(token string) (int, error) {
	if token == "" {
		return 0, nil
	}
	fail := func(format string, args ...any) (int, error) {
		return 0, errAt(0, len(token), format, args...)
	}
	doc, err := b64decode(token)
	if err != nil {
		return fail("Invalid page token, could not base64-decode")
	}
	var obj map[string]json.RawMessage
	if !json.Valid(doc) {
		return fail("Invalid page token, decoded value=%s", pyBytes(doc))
	}
	if json.Unmarshal(doc, &obj) != nil {
		return fail("Invalid page token, parsed value=%s", pyJSON(doc))
	}
	off, ok, bad := offsetValue(obj["offset"])
	switch {
	case bad != "":
		return fail("Invalid page token, not stringable %s", bad)
	case !ok:
		return fail("Invalid page token, parsed value=%s", pyJSON(doc))
	}
	return off, nil
}

// b64decode decodes standard base64 leniently, as Python's b64decode does
// by default: characters outside the alphabet are skipped.
func b64decode(s string) ([]byte, error) {
	clean := strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' ||
			r == '+' || r == '/' || r == '=' {
			return r
		}
		return -1
	}, s)
	return base64.StdEncoding.DecodeString(clean)
}

// offsetValue reads the token's offset as Python's int() would. ok is
// false when the value is missing, falsy (0, "", null, ...) or negative;
// bad is the value's text when int() would refuse it.
func offsetValue(raw json.RawMessage) (off int, ok bool, bad string) {
	var v any
	if raw == nil || json.Unmarshal(raw, &v) != nil {
		return 0, false, ""
	}
	switch x := v.(type) {
	case float64:
		n := math.Trunc(x)
		return clampInt(n), n > 0, ""
	case string:
		if x == "" {
			return 0, false, ""
		}
		n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		if errors.Is(err, strconv.ErrRange) && n > 0 {
			return math.MaxInt, true, ""
		}
		if err != nil {
			return 0, false, x
		}
		return clampInt(float64(n)), n >= 0, "" // "0" is truthy in Python
	case bool:
		return 1, x, ""
	case []any:
		if len(x) > 0 {
			return 0, false, pyJSON(raw)
		}
	case map[string]any:
		if len(x) > 0 {
			return 0, false, pyJSON(raw)
		}
	}
	return 0, false, ""
}

func clampInt(f float64) int {
	if f >= math.MaxInt {
		return math.MaxInt
	}
	return int(f)
}

// PageBounds selects the page of n results that a page token and
// max_results pick: results [start, end), and the token of the next page,
// "" when this page is the last. A negative maxResults counts as zero.
func PageBounds(n, maxResults int, pageToken string) (start, end int, next string, err error) {
	off, err := DecodePageToken(pageToken)
	if err != nil {
		return 0, 0, "", err
	}
	maxResults = max(maxResults, 0)
	final := off + maxResults
	if final < off { // overflow
		final = math.MaxInt
	}
	if final < n {
		next = EncodePageToken(final)
	}
	return min(off, n), min(final, n), next, nil
}

// Paginate returns the page of items that a page token and max_results
// pick, and the next page's token ("" on the last page).
func Paginate[T any](items []T, pageToken string, maxResults int) ([]T, string, error) {
	start, end, next, err := PageBounds(len(items), maxResults, pageToken)
	if err != nil {
		return nil, "", err
	}
	return items[start:end], next, nil
}

// CheckRunMaxResults refuses a runs/search max_results above
// MaxResultsThreshold, with the file store's message.
func CheckRunMaxResults(n int64) error {
	if n > MaxResultsThreshold {
		return &Error{Msg: "Invalid value for request parameter max_results. It must be at " +
			"most " + strconv.Itoa(MaxResultsThreshold) + ", but got value " +
			strconv.FormatInt(n, 10)}
	}
	return nil
}

// CheckExperimentMaxResults refuses an experiments/search max_results
// below 1 or above MaxResultsThreshold, with the file store's message.
func CheckExperimentMaxResults(n int64) error {
	msg := "Invalid value " + strconv.FormatInt(n, 10) + " for parameter 'max_results' " +
		"supplied. It must be "
	switch {
	case n < 1:
		return &Error{Msg: msg + "a positive integer"}
	case n > MaxResultsThreshold:
		return &Error{Msg: msg + "at most " + strconv.Itoa(MaxResultsThreshold)}
	}
	return nil
}
