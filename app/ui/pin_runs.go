package ui

import (
	"slices"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Pinned runs and runs hidden in the charts (issue 11), both per row of
// the runs table and both kept in the URL (tableState.PinRuns, Hidden).
// A pinned run stays above the table whatever its sort, filter, groups or
// scroll: the server sends the pinned runs' rows with every window
// (app/runtable/pinned.go) and the table draws them in its sticky
// header, under the column titles, with the pin tint. The eye of a row
// hides its run in the Charts tab, whose legend toggles the same list.

// pinnedHeadRows draws the pinned runs as rows of the table's header;
// row i sticks at --pin-row i, under the column titles (table.css).
func (t *RunsTable) pinnedHeadRows(cols []tableCol, lefts []int, now time.Time) app.UI {
	pinned := t.pinned
	if !t.loaded && t.old != nil {
		pinned = t.old.pinned
	}
	if len(pinned) == 0 {
		return nil
	}
	return app.Range(pinned).Slice(func(i int) app.UI {
		return t.row(pinned[i], cols, lefts, now).Class("pinned-run").
			Style("--pin-row", itoa(i))
	})
}

// rowToggles are a run's pin and eye buttons in its name cell. They have
// no handlers of their own: the table's one click handler (onRowToggle)
// acts for them, which spares go-app rebinding two handlers per row at
// every sort and scroll. Their icons are CSS masks (table.css), not SVG
// elements, for the same reason.
func (t *RunsTable) rowToggles(id, name string) app.UI {
	pinned := slices.Contains(t.State.PinRuns, id)
	pinVerb := "Pin"
	if pinned {
		pinVerb = "Unpin"
	}
	pin := app.Button().Class("row-toggle run-pin").DataSet("toggle", "pin").
		Aria("pressed", pinned).Aria("label", pinVerb+" run "+name).
		Title("Pin the run above the table, or unpin it")
	if t.State.Trash {
		return pin
	}
	hidden := slices.Contains(t.State.Hidden, id)
	eyeVerb := "Hide"
	if hidden {
		eyeVerb = "Show"
	}
	return app.Span().Class("row-toggles").Body(
		pin,
		app.Button().Class("row-toggle run-eye").DataSet("toggle", "eye").
			Aria("pressed", !hidden).Aria("label", eyeVerb+" run "+name+" in the charts").
			Title("Show or hide the run in the charts"),
	)
}

// onRowToggle is the table's click handler: a click on a row's pin or
// eye pins or hides that row's run, through the URL as the other state.
func (t *RunsTable) onRowToggle(ctx app.Context, e app.Event) {
	b := e.Get("target").Call("closest", "button[data-toggle]")
	if !b.Truthy() {
		return
	}
	tr := b.Call("closest", "tr[data-run-id]")
	if !tr.Truthy() {
		return
	}
	id, s := tr.Get("dataset").Get("runId").String(), t.State
	switch b.Get("dataset").Get("toggle").String() {
	case "pin":
		s.PinRuns = toggled(s.PinRuns, id)
	case "eye":
		s.Hidden = toggled(s.Hidden, id)
	default:
		return
	}
	ctx.Navigate(s.url(t.ExperimentID))
}
