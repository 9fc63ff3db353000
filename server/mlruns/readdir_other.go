//go:build !linux

package mlruns

import "os"

// readDir lists a folder, sorted by name.
func readDir(dir string) ([]dirEntry, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := make([]dirEntry, len(ents))
	for i, e := range ents {
		out[i] = dirEntry{name: e.Name(), isDir: e.IsDir(), isRegular: e.Type().IsRegular()}
	}
	return out, nil
}
