package mlruns

import "sync"

// interned shares the storage of strings that repeat across runs (keys,
// short values such as "adam" or "LOCAL"), which keeps a 100,000-run index
// in memory several times smaller.
var interned sync.Map

func intern(s string) string {
	if v, ok := interned.Load(s); ok {
		return v.(string)
	}
	v, _ := interned.LoadOrStore(s, s)
	return v.(string)
}
