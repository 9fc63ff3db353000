package ui

import (
	"slices"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The runs table's part of the keyboard (issue 11): a current row that j,
// k and the arrows move, Enter opens and x (or Space) selects. The current
// row is a run id, so that it stays on its run while the virtualized table
// draws other rows in the same elements. A grouped table's header rows
// are rows too (groupRowKey): Enter, x and Space fold or unfold them. The
// pinned runs come first, above the rows, at negative indexes (rowAt).

// actionRowKey carries a command (cmdNextRow, cmdPrevRow, cmdOpenRow or
// cmdSelectRow) from the keyboard to the runs table on screen.
const actionRowKey = "row-key"

// followKeys lets the keyboard drive the table; OnMount calls it.
func (t *RunsTable) followKeys(ctx app.Context) {
	ctx.Handle(actionRowKey, func(ctx app.Context, a app.Action) {
		switch c, _ := a.Value.(command); c {
		case cmdNextRow:
			t.moveCurrent(ctx, 1)
		case cmdPrevRow:
			t.moveCurrent(ctx, -1)
		case cmdOpenRow, cmdSelectRow:
			t.actOnCurrent(ctx, c)
		}
	})
}

// moveCurrent makes the row by rows below (above, when negative) the
// current one current, or the first row in view when none is, scrolls it
// into view and gives the table the focus, so that Enter opens it.
func (t *RunsTable) moveCurrent(ctx app.Context, by int) {
	total := t.total()
	if !t.loaded || total == 0 {
		return
	}
	i, ok := t.indexOf(t.current)
	switch {
	case ok:
		i += by
	case len(t.pinned) > 0:
		i = -len(t.pinned) // the pinned runs are always in view
	default:
		i = (t.top + rowHeight - 1) / rowHeight
	}
	i = max(-len(t.pinned), min(i, total-1))
	row, ok := t.rowAt(i)
	if !ok {
		return // its page is still on its way
	}
	t.current = rowKey(row)
	box := t.JSValue()
	if box == nil || !box.Truthy() {
		return
	}
	if top := revealTop(t.top, t.viewH, i); i >= 0 && top != t.top {
		box.Set("scrollTop", top)
		t.scrolled(ctx, top, t.viewH)
	}
	sel := `tbody tr.run-row[data-run-id="` + row.ID + `"]`
	if i < 0 {
		sel = `thead tr.pinned-run[data-run-id="` + row.ID + `"]`
	}
	if row.Group != nil {
		sel = `tr.group-row[aria-current="true"]`
	}
	ctx.Defer(func(app.Context) {
		box.Call("focus", map[string]any{"preventScroll": true})
		tr := box.Call("querySelector", sel)
		if tr.Truthy() {
			// The window too, when the table is taller than the screen.
			tr.Call("scrollIntoView", map[string]any{"block": "nearest"})
		}
	})
}

// actOnCurrent opens (cmdOpenRow) or selects (cmdSelectRow) the current
// run, or folds the current group either way.
func (t *RunsTable) actOnCurrent(ctx app.Context, c command) {
	i, ok := t.indexOf(t.current)
	if !ok {
		return
	}
	row, _ := t.rowAt(i)
	switch {
	case row.Group != nil:
		t.foldGroup(ctx, row.Group.key())
	case c == cmdOpenRow:
		ctx.Navigate(experimentPath(t.runExperiment(row), row.ID))
	case t.OnSelect != nil:
		t.OnSelect(ctx, row.ID, !slices.Contains(t.Selected, row.ID))
	}
}

// rowKey is what t.current holds for a row: its run id, or its group's
// groupRowKey.
func rowKey(r runRow) string {
	if r.Group != nil {
		return groupRowKey(r.Group.key())
	}
	return r.ID
}

// indexOf finds a row, by rowKey, among the pinned runs and the rows
// fetched, those drawn first.
func (t *RunsTable) indexOf(id string) (int, bool) {
	if id == "" || t.rows == nil {
		return 0, false
	}
	for j, r := range t.pinned {
		if r.ID == id {
			return j - len(t.pinned), true
		}
	}
	for i := t.drawn.first; i < t.drawn.last; i++ {
		if r, ok := t.rows.row(i); ok && rowKey(r) == id {
			return i, true
		}
	}
	for p, rows := range t.rows.pages {
		for j, r := range rows {
			if rowKey(r) == id {
				return p*pageSize + j, true
			}
		}
	}
	return 0, false
}

// rowAt is row i as the keyboard counts: the pinned runs at
// -len(t.pinned) to -1, then the table's rows from 0.
func (t *RunsTable) rowAt(i int) (runRow, bool) {
	if i < 0 {
		if j := len(t.pinned) + i; j >= 0 {
			return t.pinned[j], true
		}
		return runRow{}, false
	}
	return t.rows.row(i)
}

// revealTop is the scroll position that shows row i whole in a view of
// height pixels scrolled top pixels down, moving as little as it can.
func revealTop(top, height, i int) int {
	y := i * rowHeight
	switch {
	case y < top:
		return y
	case y+rowHeight > top+height:
		return max(0, y+rowHeight-height)
	}
	return top
}
