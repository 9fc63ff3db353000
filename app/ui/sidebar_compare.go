package ui

import (
	"slices"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// The sidebar's check boxes (issue 11): check two or more experiments,
// as in mlflow ui, and "Compare" opens their runs in one table
// (experimentsPath). The page of several experiments checks its own.

// isSelected reports whether an experiment is on screen, alone or among
// several.
func (s *Sidebar) isSelected(id string) bool {
	return slices.Contains(experimentIDs(s.Selected), id)
}

// checkedIDs are the experiments checked, or, until one is checked or
// unchecked, those of a page of several on screen.
func (s *Sidebar) checkedIDs() []string {
	if s.checked == nil {
		if on := experimentIDs(s.Selected); len(on) > 1 {
			return on
		}
	}
	return s.checked
}

// checkBox checks an experiment for the comparison.
func (s *Sidebar) checkBox(e *mlflow.Experiment) app.UI {
	id := e.ExperimentID
	return app.Input().Type("checkbox").Class("exp-check").DataSet("experiment-id", id).
		Checked(slices.Contains(s.checkedIDs(), id)).
		Aria("label", "Compare experiment "+e.Name).
		OnChange(func(ctx app.Context, ev app.Event) {
			if s.checked = toggled(s.checkedIDs(), id); s.checked == nil {
				s.checked = []string{} // none, not the page's
			}
		}, id)
}

// compareLink opens the runs of the checked experiments, once there are
// two; with one checked it says so.
func (s *Sidebar) compareLink() app.UI {
	ids := s.checkedIDs()
	switch len(ids) {
	case 0:
		return nil
	case 1:
		return app.P().Class("muted exp-compare-hint").
			Text("Check another experiment to see their runs together.")
	}
	return app.Div().Class("exp-compare").Body(
		app.A().Class("button primary").ID("compare-experiments").Href(experimentsPath(ids)).
			Text("Compare "+plural(len(ids), "experiments")),
		app.Button().Class("link-button").ID("clear-experiments").Text("Clear").
			OnClick(func(ctx app.Context, e app.Event) {
				s.checked = []string{} // the page's own too
			}),
	)
}
