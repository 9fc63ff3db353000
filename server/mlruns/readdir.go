package mlruns

import "strings"

// dirEntry is one name in a folder and what it is.
type dirEntry struct {
	name      string
	isDir     bool
	isRegular bool
}

func sortEntries(ents []dirEntry) {
	// Folders of a run hold tens of names: an insertion sort allocates
	// nothing.
	for i := 1; i < len(ents); i++ {
		for j := i; j > 0 && strings.Compare(ents[j].name, ents[j-1].name) < 0; j-- {
			ents[j], ents[j-1] = ents[j-1], ents[j]
		}
	}
}
