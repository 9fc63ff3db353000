package ui

import (
	"errors"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

var errRecordTooLong = errors.New("a record is longer than the part read at a time")

// Render draws the header, the rows shown so far and what is left.
func (p *TablePreview) Render() app.UI {
	switch {
	case p.load.status == statusFailed:
		return errorBox("The file could not be read.", p.load.err)
	case p.load.status == statusLoading:
		return app.Div().Class("skeleton-block")
	case p.header == nil:
		return app.P().Class("muted preview-note").Text("The file is empty.")
	}
	cols := min(len(p.header), tableMaxCols)
	rows := p.rows[:min(p.shown, len(p.rows))]
	return app.Div().Class("table-view").Body(
		app.P().Class("muted preview-note").ID("table-note").Text(p.note(len(rows), cols)),
		app.Div().Class("table-scroll").Body(app.Table().Class("csv").ID("csv-table").Body(
			app.THead().Body(app.Tr().Body(p.headCells(cols)...)),
			app.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
				return p.row(rows[i], cols)
			})),
		)),
		when(p.badRow != nil, func() app.UI {
			return errorBox("The file could not be read past this row.", p.badRow)
		}),
		when(p.moreErr != nil, func() app.UI {
			return errorBox("The next rows could not be read.", p.moreErr)
		}),
		when(len(rows) < len(p.rows) || p.next < p.total, func() app.UI {
			return app.Button().Class("button").ID("table-more").Disabled(p.fetching).
				OnClick(p.onMore).Text("Show more rows")
		}),
	)
}

func (p *TablePreview) headCells(cols int) []app.UI {
	cells := make([]app.UI, cols)
	for i := range cols {
		arrow, sorted := "", "none"
		if p.sortCol == i {
			arrow, sorted = " ▲", "ascending"
			if p.desc {
				arrow, sorted = " ▼", "descending"
			}
		}
		cls := ""
		if p.numeric[i] {
			cls = "num"
		}
		cells[i] = app.Th().Class(cls).Title(p.header[i]).Aria("sort", sorted).Body(
			app.Button().Class("sort").DataSet("col", i).OnClick(p.onSort(i), i).
				Text(p.header[i] + arrow),
		)
	}
	return cells
}

func (p *TablePreview) row(r []string, cols int) app.UI {
	cells := make([]app.UI, cols)
	for i := range cols {
		v := csvCell(r, i)
		cls := ""
		if p.numeric[i] {
			cls = "num"
		}
		cells[i] = app.Td().Class(cls).Title(v).Text(v)
	}
	return app.Tr().Body(cells...)
}

// note says how many rows are shown, of how many read, of how big a file.
func (p *TablePreview) note(shown, cols int) string {
	s := formatCount(shown) + " of " + formatCount(len(p.rows)) + " rows read"
	if p.next < p.total {
		s = "The first " + s + " (" + formatBytes(p.next) + " of " + formatBytes(p.total) +
			"); more rows follow in the file"
	} else {
		s = "Showing " + s + ", the whole file"
	}
	if p.sortCol != tableNoColumn {
		s += "; sorted among the rows read"
	}
	if cols < len(p.header) {
		s += "; the first " + itoa(cols) + " of " + itoa(len(p.header)) + " columns"
	}
	return s + "."
}
