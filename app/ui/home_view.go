package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// HomeView is the landing page: it points at the sidebar.
type HomeView struct {
	app.Compo
}

// Render draws the page.
func (h *HomeView) Render() app.UI {
	return app.Div().Class("page home").Body(
		app.H1().Text("Experiments"),
		app.P().Text("Choose an experiment on the left to see its runs."),
		app.P().Class("muted").Text(homeNote()),
	)
}

func homeNote() string {
	if inExport() {
		return "This is a read-only copy of an MLflow tracking tree, made by mlscope export."
	}
	return "mlscope reads the MLflow tracking tree this server was started on, and " +
		"MLflow clients can log to it."
}

// timeText shows a time relative to now, with the exact time on hover.
func timeText(ms int64) app.UI {
	return app.Span().Class("time").Title(formatTime(ms)).
		Text(formatAgo(millis(ms), nowFunc()))
}
