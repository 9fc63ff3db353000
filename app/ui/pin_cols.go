package ui

import (
	"slices"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Pinned columns of the runs table (issue 11). The check boxes, the
// Restore buttons and the run name always stay at the left while the
// table scrolls sideways; value columns the user pins follow the name, in
// the order of State.Pin, and stay too (position: sticky, table.css).

// pinnedCols moves the columns named in pins, in that order, right after
// the run name (cols[0]). Pins of columns not shown are ignored.
func pinnedCols(cols []tableCol, pins []string) []tableCol {
	if len(pins) == 0 || len(cols) == 0 {
		return cols
	}
	out := append(make([]tableCol, 0, len(cols)), cols[0])
	for _, p := range pins {
		if i := slices.IndexFunc(cols, func(c tableCol) bool { return c.id == p }); i > 0 &&
			cols[i].group != "attr" {
			out = append(out, cols[i])
		}
	}
	for _, c := range cols[1:] {
		if c.group == "attr" || !slices.Contains(pins, c.id) {
			out = append(out, c)
		}
	}
	return out
}

// leadWidth is the width of the check box and Restore columns, which come
// before the name.
func (t *RunsTable) leadWidth() int {
	w := 0
	if t.OnSelect != nil {
		w += selectWidth
	}
	if t.OnRestore != nil {
		w += restoreWidth
	}
	return w
}

// stickyLefts gives, for each column of cols, the px from the table's
// left edge where it sticks, or -1 for a column that scrolls: the name
// and the pinned columns after it stick.
func (t *RunsTable) stickyLefts(cols []tableCol) []int {
	out := make([]int, len(cols))
	left := t.leadWidth()
	for i, c := range cols {
		if i > 0 && (c.group == "attr" || !slices.Contains(t.State.Pin, c.id)) {
			out[i] = -1
			continue
		}
		out[i] = left
		left += c.width
	}
	return out
}

// lastSticky is the index of the last column that sticks; its right edge
// gets a shadow.
func lastSticky(lefts []int) int {
	last := 0
	for i, l := range lefts {
		if l >= 0 {
			last = i
		}
	}
	return last
}

// stick makes a cell stick at left px, or leaves it when left is -1.
func stick[E interface {
	app.UI
	Class(...string) E
	Style(string, string) E
}](e E, left int, edge bool) E {
	if left < 0 {
		return e
	}
	e = e.Class("sticky").Style("left", pixels(left))
	if edge {
		e = e.Class("sticky-edge")
	}
	return e
}

// onPin pins a value column or unpins it. The pins live in the URL, like
// the rest of the table's state, so the table navigates to the new state
// itself; the view reads it back as State.
func (t *RunsTable) onPin(col string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		s := t.State
		s.Pin = toggled(s.Pin, col)
		ctx.Navigate(s.url(t.ExperimentID))
	}
}

// pinIcon is a push pin, drawn like the icons of icon.go.
const pinIcon = `<path d="M6 1.5h4l-.5 4 2.5 2.5v1H4v-1l2.5-2.5z M8 9v5.5" fill="none" ` +
	`stroke="currentColor" stroke-width="1.3" stroke-linejoin="round"/>`

// pinButton toggles a value column's pin.
func (t *RunsTable) pinButton(c tableCol) app.UI {
	on := slices.Contains(t.State.Pin, c.id)
	verb := "Pin"
	if on {
		verb = "Unpin"
	}
	return app.Button().Class("col-pin").Aria("pressed", on).
		Aria("label", verb+" the column "+c.label).Title(verb+" the column").
		OnClick(t.onPin(c.id), c.id).Body(app.Raw(svgOpen + pinIcon + svgClose))
}
