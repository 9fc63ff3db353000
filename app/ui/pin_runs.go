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
// (server/api/table_pinned.go) and the table draws them in its sticky
// header, under the column titles, with the pin tint. The eye of a row
// hides its run in the Charts tab, whose legend toggles the same list.

// Icons of the row toggles, drawn like those of icon.go.
const (
	eyeIcon = `<path d="M1.5 8s2.5-4.5 6.5-4.5 6.5 4.5 6.5 4.5-2.5 4.5-6.5 4.5S1.5 8 1.5 8z" ` +
		`fill="none" stroke="currentColor" stroke-width="1.2"/><circle cx="8" cy="8" r="2" ` +
		`fill="none" stroke="currentColor" stroke-width="1.2"/>`
	eyeOffIcon = eyeIcon + `<path d="M2.5 13.5l11-11" stroke="currentColor" stroke-width="1.3"/>`
)

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

// rowToggles are a run's pin and eye buttons in its name cell.
func (t *RunsTable) rowToggles(id, name string) app.UI {
	pinned := slices.Contains(t.State.PinRuns, id)
	pinVerb := "Pin"
	if pinned {
		pinVerb = "Unpin"
	}
	pin := app.Button().Class("row-toggle run-pin").Aria("pressed", pinned).
		Aria("label", pinVerb+" run "+name).Title(pinVerb+" the run above the table").
		OnClick(t.onPinRun(id), id).Body(app.Raw(svgOpen + pinIcon + svgClose))
	if t.State.Trash {
		return pin
	}
	hidden := slices.Contains(t.State.Hidden, id)
	eyeVerb, ico := "Hide", eyeIcon
	if hidden {
		eyeVerb, ico = "Show", eyeOffIcon
	}
	return app.Span().Class("row-toggles").Body(
		pin,
		app.Button().Class("row-toggle run-eye").Aria("pressed", !hidden).
			Aria("label", eyeVerb+" run "+name+" in the charts").
			Title(eyeVerb+" the run in the charts").
			OnClick(t.onHideRun(id), id).Body(app.Raw(svgOpen+ico+svgClose)),
	)
}

// onPinRun pins a run or unpins it, through the URL as the other state.
func (t *RunsTable) onPinRun(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		s := t.State
		s.PinRuns = toggled(s.PinRuns, id)
		ctx.Navigate(s.url(t.ExperimentID))
	}
}

// onHideRun hides a run in the charts or shows it again.
func (t *RunsTable) onHideRun(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		s := t.State
		s.Hidden = toggled(s.Hidden, id)
		ctx.Navigate(s.url(t.ExperimentID))
	}
}
