package mlruns

import (
	"errors"
	"sync"
)

var errNotRegular = errors.New("not a regular file")

// readBufs holds the buffers readWhole reads into, one per loader at a time.
var readBufs = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}
