package mlruns

import (
	"bytes"
	"container/list"
	"io"
	"os"
	"strconv"
	"sync"

	"mlscope/app/storefmt"
)

// historyCacheBytes bounds the memory the parsed histories of the cache
// hold: about ten histories of a million values each.
const historyCacheBytes = 256 << 20

// historyCache keeps parsed metric histories, most recently used first,
// within a byte budget. An entry is good while its file keeps the size
// and modification time it was read at; a file that only grew is read
// from where the last read stopped, so that following a live run costs
// the new lines only. Its methods may be called from any goroutine.
type historyCache struct {
	mu    sync.Mutex
	max   int64
	used  int64
	items map[historyKey]*list.Element // of *historyEntry
	lru   list.List                    // front: most recently used
}

type historyKey struct{ run, key string }

// historyEntry is one cached history. mu serialises its reads from disk,
// so that two requests for the same history read it once.
type historyEntry struct {
	k     historyKey
	mu    sync.Mutex
	path  string
	stamp fileStamp // of the file when last read
	read  int64     // bytes read, through the last whole line
	lines int       // whole lines read, for the line numbers of warnings
	cols  storefmt.Columns
	size  int64 // what cols counts against the budget
}

func newHistoryCache(max int64) *historyCache {
	return &historyCache{max: max, items: map[historyKey]*list.Element{}}
}

// entry returns the entry of a history, new and empty when there is none,
// and marks it as the most recently used.
func (c *historyCache) entry(k historyKey) *historyEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		c.lru.MoveToFront(el)
		return el.Value.(*historyEntry)
	}
	e := &historyEntry{k: k}
	c.items[k] = c.lru.PushFront(e)
	return e
}

// resize records the new size of an entry and evicts the least recently
// used others until the cache fits its budget. An entry larger than the
// whole budget is dropped right away: it is served once, not kept.
func (c *historyCache) resize(e *historyEntry, size int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[e.k]
	if !ok || el.Value != e {
		return // evicted while it was being read
	}
	c.used += size - e.size
	e.size = size
	for c.used > c.max && c.lru.Len() > 0 {
		last := c.lru.Back()
		old := last.Value.(*historyEntry)
		c.lru.Remove(last)
		delete(c.items, old.k)
		c.used -= old.size
	}
}

// columns returns a run's metric history from the file at path, through
// the cache. The Columns returned are the caller's to read, never to
// change: later appends by the cache do not touch what it holds.
func (s *Store) columns(runID, key, path string) (storefmt.Columns, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return storefmt.Columns{}, err
	}
	st := stampOf(fi)
	e := s.hist.entry(historyKey{runID, key})
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.path == path && e.stamp == st {
		return e.cols, nil
	}
	grown := e.path == path && st.Size >= e.stamp.Size && e.read <= st.Size
	if !grown {
		e.path, e.read, e.lines = path, 0, 0
		e.cols = storefmt.Columns{Key: key}
	}
	if err := s.readHistory(e, st); err != nil {
		e.path = "" // read it whole next time
		s.hist.resize(e, 0)
		return storefmt.Columns{}, err
	}
	s.hist.resize(e, e.cols.Bytes())
	return e.cols, nil
}

// readHistory reads the lines of e's file past e.read and appends them to
// its columns. A file read from its start is read whole first, so that
// the columns get room for exactly its number of lines.
func (s *Store) readHistory(e *historyEntry, st fileStamp) error {
	f, err := os.Open(e.path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if e.read > 0 {
		if _, err := f.Seek(e.read, io.SeekStart); err != nil {
			return err
		}
	} else {
		b, err := io.ReadAll(io.LimitReader(f, st.Size+64<<10))
		if err != nil {
			return err
		}
		e.cols.Grow(bytes.Count(b, []byte{'\n'}))
		r = bytes.NewReader(b)
	}
	before := e.cols.Len()
	n, bad, err := storefmt.ScanColumns(r, &e.cols)
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		msg := "line " + strconv.Itoa(e.lines+bad[0].Line) + ": " + bad[0].Err.Error()
		if len(bad) > 1 {
			msg += " (and " + strconv.Itoa(len(bad)-1) + " more lines)"
		}
		s.warn(e.path, "skipped metric lines: "+msg)
	}
	if e.read+n < st.Size {
		// Either an append in progress or one cut short by a crash; the
		// line is read once its newline is there.
		s.warn(e.path, "skipped metric lines: truncated last line (no newline)")
	}
	e.read += n
	e.lines += e.cols.Len() - before + len(bad)
	e.stamp = st
	return nil
}
