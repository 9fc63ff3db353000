package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// NewExperiment is the new-experiment dialog: a name and, optionally, an
// artifact location. On success it opens the new experiment and calls
// OnCreated.
type NewExperiment struct {
	app.Compo
	OnCreated func(ctx app.Context, id string)

	open           bool
	name, location string
	busy           bool
	err            error
}

func (d *NewExperiment) onOpen(ctx app.Context, e app.Event) {
	d.open, d.name, d.location, d.err = true, "", "", nil
}

func (d *NewExperiment) onClose(ctx app.Context, e app.Event) { d.open = false }

func (d *NewExperiment) onName(ctx app.Context, e app.Event) {
	d.name = ctx.JSSrc().Get("value").String()
}

func (d *NewExperiment) onLocation(ctx app.Context, e app.Event) {
	d.location = ctx.JSSrc().Get("value").String()
}

func (d *NewExperiment) onCreate(ctx app.Context, e app.Event) {
	e.PreventDefault()
	body := map[string]any{"name": d.name}
	if d.location != "" {
		body["artifact_location"] = d.location
	}
	d.busy = true
	ctx.Async(func() {
		var resp struct {
			ExperimentID string `json:"experiment_id"`
		}
		err := postJSON("experiments/create", body, &resp)
		ctx.Dispatch(func(ctx app.Context) {
			d.busy, d.err = false, err
			if err != nil {
				return
			}
			d.open = false
			if d.OnCreated != nil {
				d.OnCreated(ctx, resp.ExperimentID)
			}
			// The dialog's form leaves the page now, and go-app drops work
			// deferred on a removed element: the root navigates instead.
			ctx.NewActionWithValue(actionNavigate, experimentPath(resp.ExperimentID, ""))
		})
	})
}

// Render draws the button and, when open, the dialog.
func (d *NewExperiment) Render() app.UI {
	return app.Div().Body(
		app.Button().Class("button small").ID("new-experiment").Title("New experiment").
			Aria("label", "New experiment").Text("+ New").
			OnClick(d.onOpen),
		app.If(d.open, app.Div().Class("dialog-backdrop").Body(
			form().Class("dialog").ID("new-experiment-dialog").Aria("role", "dialog").
				Aria("label", "New experiment").OnSubmit(d.onCreate).Body(
				app.H2().Text("New experiment"),
				app.Label().For("new-experiment-name").Text("Name"),
				app.Input().ID("new-experiment-name").Value(d.name).OnInput(d.onName).
					Required(true).AutoFocus(true),
				app.Label().For("new-experiment-location").Text("Artifact location (optional)"),
				app.Input().ID("new-experiment-location").Value(d.location).
					Placeholder("default: the server's artifact root").OnInput(d.onLocation),
				app.If(d.err != nil, errorBox("The experiment could not be created.", d.err)),
				app.Div().Class("actions").Body(
					app.Button().Type("submit").Class("button primary").Disabled(d.busy).
						Text("Create"),
					app.Button().Type("button").Class("button").Text("Cancel").OnClick(d.onClose),
				),
			),
		)),
	)
}
