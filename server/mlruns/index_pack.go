package mlruns

import (
	"unsafe"

	"mlscope/app/mlflow"
)

// A scan reads each run into many small objects among many more that die
// at once (buffers, YAML nodes, file names). The survivors end up spread
// over pages that are otherwise free, and the Go heap cannot give those
// pages back: at 100,000 runs that was a third of the heap. A packer
// copies what an index entry keeps into large blocks of its own, so the
// pages of the scan empty out completely.
//
// A block lives as long as any entry packed into it. Entries that are
// replaced later (a run a client logs to) leave their old copy in the
// block until every entry of that block is replaced; blocks grow from
// small, so that a rescan that packs few runs pins little.

// maxBlock bounds a block's length in elements (or bytes, for text).
const maxBlock = 4096

// block hands out slices of a large array, each cut to its length so that
// an append never reaches a neighbour.
type block[T any] struct {
	free []T
	last int // the length of the last array allocated
}

func (b *block[T]) room(n int) {
	if cap(b.free)-len(b.free) >= n {
		return
	}
	size := min(max(2*b.last, 16), maxBlock)
	size = max(size, n)
	b.free, b.last = make([]T, 0, size), size
}

// copy returns s in the block, or nil for an empty s.
func (b *block[T]) copy(s []T) []T {
	if len(s) == 0 {
		return nil
	}
	b.room(len(s))
	at := len(b.free)
	b.free = append(b.free, s...)
	return b.free[at:len(b.free):len(b.free)]
}

// one returns a pointer to a copy of v in the block.
func (b *block[T]) one(v T) *T {
	b.room(1)
	b.free = append(b.free, v)
	return &b.free[len(b.free)-1]
}

// textBlock holds the bytes of strings.
type textBlock struct{ bytes block[byte] }

func (t *textBlock) copy(s string) string {
	if s == "" {
		return ""
	}
	b := t.bytes.copy(unsafe.Slice(unsafe.StringData(s), len(s)))
	return unsafe.String(&b[0], len(b))
}

// packer packs the entries one worker of a scan reads. It is not safe for
// concurrent use.
type packer struct {
	entries block[runEntry]
	runs    block[Run]
	params  block[mlflow.Param]
	tags    block[mlflow.Tag]
	metrics block[mlflow.Metric]
	files   block[metricFile]
	sizes   block[int64]
	inputs  block[mlflow.DatasetInput]
	text    textBlock
}

// pack returns a copy of e whose run, slices and per-run strings live in
// the packer's blocks. Keys and short values are interned already and are
// shared, not copied.
func (p *packer) pack(e *runEntry) *runEntry {
	r := p.runs.one(*e.run)
	d := r.dir
	d.id = p.text.copy(d.id)
	d.path = p.text.copy(d.path)
	r.dir = d
	info := &r.Info
	info.RunID = d.id // the folder's name, checked against meta.yaml
	if info.RunUUID == d.id {
		info.RunUUID = d.id
	} else {
		info.RunUUID = p.text.copy(info.RunUUID)
	}
	info.ArtifactURI = p.text.copy(info.ArtifactURI)
	data := &r.Data
	data.Params = p.params.copy(data.Params)
	data.Tags = p.tags.copy(data.Tags)
	data.Metrics = p.metrics.copy(data.Metrics)
	if name, ok := r.Tag(mlflow.TagRunName); ok && name == info.RunName {
		info.RunName = name // most runs name themselves in a tag too
	} else {
		info.RunName = p.text.copy(info.RunName)
	}
	r.Inputs.DatasetInputs = p.inputs.copy(r.Inputs.DatasetInputs)

	out := p.entries.one(*e)
	out.dir, out.run = d, r
	out.sizes, out.metrics = p.sizes.copy(e.sizes), p.files.copy(e.metrics)
	return out
}
