package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// defaultCharted is how many runs the Charts tab shows when none is
// selected: the first of the table as it is sorted and filtered.
const defaultCharted = 10

// ExperimentCharts is the Charts tab of an experiment page: the selected
// runs (at most maxCompared) overlaid in a RunsOverlay, or, with none
// selected, the first defaultCharted runs of the table in its order.
type ExperimentCharts struct {
	app.Compo
	ExperimentID string
	State        tableState

	key  string // what runs holds: the selection, or the table's state
	load loadState
	runs []*mlflow.Run
	note string
}

// OnMount loads the runs.
func (c *ExperimentCharts) OnMount(ctx app.Context) { c.fetch(ctx) }

// OnUpdate loads again when the selection or the table changed.
func (c *ExperimentCharts) OnUpdate(ctx app.Context) {
	if c.stateKey() != c.key {
		c.fetch(ctx)
	}
}

func (c *ExperimentCharts) stateKey() string {
	if len(c.State.Selected) > 0 {
		return "sel\x00" + strings.Join(c.State.Selected, ",")
	}
	return strings.Join([]string{"top", c.ExperimentID, c.State.Filter, c.State.Sort,
		strings.Join(c.State.PinRuns, ",")}, "\x00")
}

func (c *ExperimentCharts) fetch(ctx app.Context) {
	key, expID, s := c.stateKey(), c.ExperimentID, c.State
	c.key, c.load = key, loading
	ctx.Async(func() {
		ids, note, err := chartedRuns(expID, s)
		var runs []*mlflow.Run
		if err == nil {
			runs, err = searchRunsByID(expID, ids)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if c.key != key {
				return
			}
			c.load, c.runs, c.note = c.load.done(err), runs, note
		})
	})
}

// chartedRuns picks the runs to chart and says which they are.
func chartedRuns(expID string, s tableState) (ids []string, note string, err error) {
	if n := len(s.Selected); n > 0 {
		ids = s.Selected[:min(n, maxCompared)]
		note = "The " + plural(len(ids), "selected runs") + "."
		if n > maxCompared {
			note = "The first " + itoa(maxCompared) + " of " + itoa(n) + " selected runs."
		}
		return ids, note, nil
	}
	req := tableRequest{ExperimentIDs: experimentIDs(expID), ViewType: "ACTIVE_ONLY",
		Filter: s.Filter, Limit: defaultCharted, Columns: []string{}}
	if s.Sort != "" {
		req.OrderBy = []string{s.Sort}
	}
	_, rows, err := fetchTable(req)
	if err != nil {
		return nil, "", err
	}
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	note = "No runs selected: the first " + plural(len(ids), "runs") +
		" of the table. Select runs in the table to chart them instead."
	return ids, note, nil
}

// onHide hides a run in the charts or shows it again, through the URL,
// which the table's eye toggles read too.
func (c *ExperimentCharts) onHide(ctx app.Context, runID string) {
	s := c.State
	s.Hidden = toggled(s.Hidden, runID)
	ctx.Navigate(s.url(c.ExperimentID))
}

// Render draws the note and the overlay.
func (c *ExperimentCharts) Render() app.UI {
	box := app.Div().Class("experiment-charts").ID("experiment-charts")
	switch c.load.status {
	case statusFailed:
		return box.Body(errorBox("The runs could not be loaded.", c.load.err))
	case statusLoaded:
		return box.Body(app.P().Class("muted").ID("charts-note").Text(c.note),
			&RunsOverlay{Runs: c.runs, Hidden: c.State.Hidden, OnHide: c.onHide})
	}
	return box.Body(app.Div().Class("skeleton-block"))
}
