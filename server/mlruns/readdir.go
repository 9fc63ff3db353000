package mlruns

import (
	"slices"
	"strings"
)

// dirEntry is one name in a folder and what it is.
type dirEntry struct {
	name      string
	isDir     bool
	isRegular bool
}

func sortEntries(ents []dirEntry) {
	slices.SortFunc(ents, func(a, b dirEntry) int { return strings.Compare(a.name, b.name) })
}
