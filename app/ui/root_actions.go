package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// OnMount lets any component open a page through actionNavigate: the root
// stays mounted for the app's life, so its context can always navigate.
// It also marks, in the browser's performance timeline, when the first
// page was drawn (BenchmarkFirstLoad reads the mark).
func (r *Root) OnMount(ctx app.Context) {
	app.Window().Get("performance").Call("mark", "mlscope-mounted")
	ctx.Handle(actionNavigate, func(ctx app.Context, a app.Action) {
		if path, ok := a.Value.(string); ok {
			ctx.Navigate(path)
		}
	})
}
