package ui

import (
	"slices"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The runs of several experiments in one table (issue 11): the view's
// ExperimentID lists them, joined by commas (/compare-experiments), the
// server searches them all, and an Experiment column after the run name
// says where each run comes from.

// experimentCol is the value of the Experiment column's tableCol, which
// is none of the fixed columns cell draws.
const experimentCol = -2

// severalExperiments reports whether the table shows more than one
// experiment.
func (t *RunsTable) severalExperiments() bool {
	return len(experimentIDs(t.ExperimentID)) > 1
}

// withExperiment adds the Experiment column after the run name when the
// table shows several experiments. The server cannot sort by it.
func (t *RunsTable) withExperiment(cols []tableCol) []tableCol {
	if !t.severalExperiments() || len(cols) == 0 {
		return cols
	}
	c := tableCol{label: "Experiment", group: "attr", width: 150, value: experimentCol}
	return slices.Insert(slices.Clone(cols), 1, c)
}

// runExperiment is the experiment of a row's run: the row's own, or the
// table's when the server did not say.
func (t *RunsTable) runExperiment(r runRow) string {
	if r.Experiment != "" {
		return r.Experiment
	}
	return experimentIDs(t.ExperimentID)[0]
}

// experimentCell names a run's experiment, linking to it.
func (t *RunsTable) experimentCell(r runRow) app.HTMLTd {
	id := t.runExperiment(r)
	name := t.ExperimentNames[id]
	if name == "" {
		name = id
	}
	return app.Td().Class("experiment").Title(name + " (id " + id + ")").Body(
		app.A().Href(experimentPath(id, "")).Text(name))
}
