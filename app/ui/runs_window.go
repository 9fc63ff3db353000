package ui

// The runs table draws only the rows in view and a few beyond: every row
// is rowHeight pixels high, so the rows under a scroll position follow by
// arithmetic, and the rows come from the server in pages of pageSize.

// Geometry of the virtualized runs table.
const (
	rowHeight  = 32  // px per row; table.css fixes the same height
	overscan   = 8   // rows drawn beyond each edge of the view
	windowStep = 8   // the drawn range moves by this many rows at a time
	pageSize   = 100 // rows per request
	maxPages   = 40  // pages kept in memory; the farthest go first
)

// rowRange is the rows [first, last) of the table's tree.
type rowRange struct{ first, last int }

func (r rowRange) len() int { return r.last - r.first }

// drawnRows returns the rows to draw when the rows area is scrolled top
// pixels down and shows height pixels of it: those in view, overscan more
// on each side, widened to whole steps so that small scrolls change
// nothing.
func drawnRows(top, height, total int) rowRange {
	if total <= 0 {
		return rowRange{}
	}
	top, height = max(top, 0), max(height, rowHeight)
	first := max(top/rowHeight-overscan, 0) / windowStep * windowStep
	last := (top+height+rowHeight-1)/rowHeight + overscan
	last = min((last+windowStep-1)/windowStep*windowStep, total)
	return rowRange{min(first, last), last}
}

// maxDrawn is the most rows drawnRows returns for a view of height pixels.
func maxDrawn(height int) int {
	return (height+rowHeight-1)/rowHeight + 1 + 2*overscan + 2*(windowStep-1)
}

// pagesOf lists the pages that hold the rows of r.
func pagesOf(r rowRange) []int {
	if r.len() <= 0 {
		return nil
	}
	var out []int
	for p := r.first / pageSize; p <= (r.last-1)/pageSize; p++ {
		out = append(out, p)
	}
	return out
}

// rowCache keeps the pages of rows fetched for one state of the table.
type rowCache struct {
	pages   map[int][]runRow
	pending map[int]bool
}

func newRowCache() *rowCache {
	return &rowCache{pages: map[int][]runRow{}, pending: map[int]bool{}}
}

// row returns row i when its page is here. A nil cache, as before the
// table's first load, holds nothing.
func (c *rowCache) row(i int) (runRow, bool) {
	if c == nil {
		return runRow{}, false
	}
	p, ok := c.pages[i/pageSize]
	if !ok || i%pageSize >= len(p) {
		return runRow{}, false
	}
	return p[i%pageSize], true
}

// missing lists the pages of r that are neither here nor asked for, and
// marks them as asked for.
func (c *rowCache) missing(r rowRange) []int {
	var out []int
	for _, p := range pagesOf(r) {
		if _, ok := c.pages[p]; !ok && !c.pending[p] {
			c.pending[p] = true
			out = append(out, p)
		}
	}
	return out
}

// put stores page p and, beyond maxPages, drops the pages farthest from
// the rows in view.
func (c *rowCache) put(p int, rows []runRow, view rowRange) {
	delete(c.pending, p)
	c.pages[p] = rows
	mid := (view.first + view.last) / 2 / pageSize
	for len(c.pages) > maxPages {
		far, dist := -1, -1
		for q := range c.pages {
			if d := abs(q - mid); d > dist {
				far, dist = q, d
			}
		}
		delete(c.pages, far)
	}
}

// failed forgets that page p was asked for, so that it is asked again.
func (c *rowCache) failed(p int) { delete(c.pending, p) }

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
