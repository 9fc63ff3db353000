package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Load states of a view's data.
const (
	statusLoading = iota
	statusFailed
	statusLoaded
)

// loadState is the explicit loading, failed or loaded state of data a
// component fetches.
type loadState struct {
	status int
	err    error
}

var loading = loadState{status: statusLoading}

// done returns the state after a fetch that ended with err.
func (loadState) done(err error) loadState {
	if err != nil {
		app.Logf("mlscope: %v", err)
		return loadState{status: statusFailed, err: err}
	}
	return loadState{status: statusLoaded}
}

// errorBox says in plain words what failed, with the detail folded below.
func errorBox(what string, err error) app.UI {
	detail := ""
	if err != nil {
		detail = err.Error()
	}
	return app.Div().Class("error-box").Aria("role", "alert").Body(
		app.P().Text(what),
		app.If(detail != "", app.Details().Body(
			app.Summary().Text("Details"),
			app.Code().Text(detail),
		)),
	)
}
