package ui

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// paletteItem is one entry of the command palette: a place to go or an
// action to run.
type paletteItem struct {
	Kind   string // "action", "experiment", "run" or "model"
	Label  string
	Detail string // shown muted after the label, and searched too
	// Target is the path to open, or for actions the action's name
	// (paletteActions).
	Target string
}

// Scores of one search word against an item, best first. A word must
// match the label or the detail for the item to be listed.
const (
	scoreExact     = 100 // the whole label
	scorePrefix    = 80  // the label's start
	scoreWordStart = 60  // the start of a word of the label
	scoreContains  = 40  // anywhere in the label
	scoreDetail    = 25  // anywhere in the detail
	scoreScattered = 20  // its letters in order in the label, at most this
)

// matchWord scores one lowercase word against an item's lowercase label
// and detail; 0 is no match.
func matchWord(label, detail, word string) int {
	switch i := strings.Index(label, word); {
	case label == word:
		return scoreExact
	case i == 0:
		return scorePrefix
	case i > 0 && wordStart(label, i):
		return scoreWordStart
	case i > 0:
		// A later occurrence may still start a word: "log" in "catalog-logs".
		for j := i + 1; j < len(label); j++ {
			if strings.HasPrefix(label[j:], word) && wordStart(label, j) {
				return scoreWordStart
			}
		}
		return scoreContains
	case strings.Contains(detail, word):
		return scoreDetail
	}
	return scattered(label, word)
}

// wordStart reports whether byte i of s starts a word: it follows a
// space, dash, underscore, dot, slash or colon.
func wordStart(s string, i int) bool {
	return i == 0 || strings.ContainsRune(" -_./:", rune(s[i-1]))
}

// scattered scores the letters of word found in order in s, less for
// every letter skipped between the first and the last; 0 when they are
// not all there.
func scattered(s, word string) int {
	first, skipped, at := -1, 0, 0
	for _, r := range word {
		j := strings.IndexRune(s[at:], r)
		if j < 0 {
			return 0
		}
		if first < 0 {
			first = at + j
		} else {
			skipped += utf8.RuneCountInString(s[at : at+j])
		}
		at += j + utf8.RuneLen(r)
	}
	return max(1, scoreScattered-skipped)
}

// rankItems returns the items that match every word of query, best
// first, at most limit of them. Equal scores keep the shorter label
// first, then the items' order; an empty query keeps the order.
func rankItems(items []paletteItem, query string, limit int) []paletteItem {
	words := strings.Fields(strings.ToLower(query))
	type scored struct {
		item  paletteItem
		score int
	}
	var hits []scored
	for _, it := range items {
		label, detail := strings.ToLower(it.Label), strings.ToLower(it.Detail)
		total := 0
		for _, w := range words {
			s := matchWord(label, detail, w)
			if s == 0 {
				total = -1
				break
			}
			total += s
		}
		if total >= 0 {
			hits = append(hits, scored{it, total})
		}
	}
	if len(words) > 0 {
		sort.SliceStable(hits, func(a, b int) bool {
			x, y := hits[a], hits[b]
			if x.score != y.score {
				return x.score > y.score
			}
			return len(x.item.Label) < len(y.item.Label)
		})
	}
	out := make([]paletteItem, 0, min(len(hits), limit))
	for _, h := range hits[:min(len(hits), limit)] {
		out = append(out, h.item)
	}
	return out
}
