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

// actionRefresh asks the view on screen to load its data again, after a
// child component changed it. Children post it rather than calling the
// view: a context belongs to one component, and only the view's own
// handler updates the view.
const actionRefresh = "refresh-view"

// refreshView posts actionRefresh; its signature fits the OnDone and
// OnSaved callbacks of the editing components.
func refreshView(ctx app.Context, _ string) { ctx.NewAction(actionRefresh) }

// form returns a <form> whose native submission is cancelled in the page
// itself: go-app runs event handlers on its own goroutine, too late for
// their PreventDefault to stop the browser from reloading the page.
func form() app.HTMLForm {
	return app.Form().Attr("onsubmit", "event.preventDefault()")
}

// actionNavigate asks the root component to open the path in its value.
const actionNavigate = "navigate"
