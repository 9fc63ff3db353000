package mlruns

import (
	"sync"
	"unsafe"
)

// maxInterned is the length of the longest param or tag value interned:
// longer ones rarely repeat.
const maxInterned = 64

// interned shares the storage of strings that repeat across runs (keys,
// short values such as "adam" or "LOCAL"), which keeps a 100,000-run index
// in memory several times smaller. Its strings never die, so their bytes
// are packed into blocks of their own rather than spread among the
// short-lived objects of a scan.
var interned struct {
	sync.RWMutex
	m    map[string]string
	text textBlock
}

func intern(s string) string {
	interned.RLock()
	v, ok := interned.m[s]
	interned.RUnlock()
	if ok {
		return v
	}
	return internNew(s)
}

// internBytes is intern(string(b)) without a copy of b: the view of b
// is only looked up, and internNew stores a copy of its own.
func internBytes(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return intern(unsafe.String(&b[0], len(b)))
}

func internNew(s string) string {
	interned.Lock()
	defer interned.Unlock()
	if v, ok := interned.m[s]; ok {
		return v
	}
	if interned.m == nil {
		interned.m = map[string]string{}
	}
	v := interned.text.copy(s)
	interned.m[v] = v
	return v
}
