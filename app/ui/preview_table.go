package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

const (
	tableChunk    = 256 << 10 // bytes of a CSV file read at a time
	tableRowPage  = 100       // rows drawn at a time
	tableMaxCols  = 60        // columns drawn; wider files are cut, with a note
	tableNoColumn = -1
)

// TablePreview shows a CSV or TSV artifact as a table of its first rows,
// read a chunk at a time, and sorts the rows read by a clicked header.
type TablePreview struct {
	app.Compo
	URL  string
	Name string // the file name, which tells the separator

	loaded   string
	load     loadState
	header   []string
	rows     [][]string
	numeric  []bool // columns whose values are all numbers
	next     int64  // file offset of the first record not read
	total    int64
	shown    int
	sortCol  int
	desc     bool
	fetching bool
	moreErr  error
	badRow   error // a malformed record ended the reading
}

// OnMount reads the first chunk.
func (p *TablePreview) OnMount(ctx app.Context) { p.start(ctx) }

// OnUpdate starts over for another file.
func (p *TablePreview) OnUpdate(ctx app.Context) {
	if p.URL != p.loaded {
		p.start(ctx)
	}
}

func (p *TablePreview) start(ctx app.Context) {
	p.loaded, p.load, p.header, p.rows, p.next = p.URL, loading, nil, nil, 0
	p.shown, p.sortCol, p.desc, p.moreErr, p.badRow = tableRowPage, tableNoColumn, false, nil, nil
	p.fetch(ctx)
}

// fetch reads the records of the next chunk.
func (p *TablePreview) fetch(ctx app.Context) {
	u, off, sep := p.URL, p.next, separator(p.Name)
	p.fetching = true
	ctx.Async(func() {
		c, err := fetchRange(u, off, tableChunk)
		var rows [][]string
		var used int64
		var bad error
		if err == nil {
			rows, used, bad = csvRows(c.data, sep, c.eof())
		}
		ctx.Dispatch(func(ctx app.Context) {
			if p.loaded != u {
				return
			}
			p.fetching = false
			if err != nil {
				if p.load.status == statusLoading {
					p.load = p.load.done(err)
				} else {
					p.moreErr = err
				}
				return
			}
			p.add(rows, c, used, bad)
		})
	})
}

// add takes in the records of a chunk.
func (p *TablePreview) add(rows [][]string, c chunk, used int64, bad error) {
	p.load, p.total, p.badRow, p.moreErr = loadState{status: statusLoaded}, c.total, bad, nil
	p.next = c.off + used
	if used == 0 && !c.eof() {
		// One record longer than a chunk: the preview cannot go on.
		p.badRow = errRecordTooLong
		p.next = c.total
	}
	if p.header == nil && len(rows) > 0 {
		p.header, rows = rows[0], rows[1:]
	}
	p.rows = append(p.rows, rows...)
	if p.sortCol != tableNoColumn {
		sortRows(p.rows, p.sortCol, p.desc)
	}
	p.numeric = numericColumns(p.header, p.rows)
}

func (p *TablePreview) onMore(ctx app.Context, e app.Event) {
	if p.shown < len(p.rows) {
		p.shown += tableRowPage
		return
	}
	if !p.fetching && p.next < p.total {
		p.shown += tableRowPage
		p.fetch(ctx)
	}
}

func (p *TablePreview) onSort(col int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.desc = p.sortCol == col && !p.desc
		p.sortCol = col
		sortRows(p.rows, col, p.desc)
	}
}

// numericColumns marks the columns whose values are all numbers.
func numericColumns(header []string, rows [][]string) []bool {
	out := make([]bool, len(header))
	for i := range out {
		out[i] = true
		seen := false
		for _, r := range rows {
			v := csvCell(r, i)
			if v == "" {
				continue
			}
			seen = true
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				out[i] = false
				break
			}
		}
		out[i] = out[i] && seen
	}
	return out
}
