package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// RenameForm renames a run or an experiment in place. Save calls Rename
// (which talks to the API, off the UI goroutine) and then OnDone with the
// new name.
type RenameForm struct {
	app.Compo
	Current string
	Rename  func(name string) error
	OnDone  func(ctx app.Context, name string)

	open  bool
	draft string
	busy  bool
	err   error
}

func (f *RenameForm) onOpen(ctx app.Context, e app.Event) {
	f.open, f.draft, f.err = true, f.Current, nil
}

func (f *RenameForm) onInput(ctx app.Context, e app.Event) {
	f.draft = ctx.JSSrc().Get("value").String()
}

func (f *RenameForm) onCancel(ctx app.Context, e app.Event) { f.open = false }

func (f *RenameForm) onSave(ctx app.Context, e app.Event) {
	e.PreventDefault()
	name, rename := f.draft, f.Rename
	f.busy = true
	ctx.Async(func() {
		err := rename(name)
		ctx.Dispatch(func(ctx app.Context) {
			f.busy, f.err = false, err
			if err == nil {
				f.open = false
				if f.OnDone != nil {
					f.OnDone(ctx, name)
				}
			}
		})
	})
}

// Render draws the button, or the form when open.
func (f *RenameForm) Render() app.UI {
	if !f.open {
		return app.Button().Class("button").ID("rename").Text("Rename").OnClick(f.onOpen)
	}
	return form().Class("inline-form").ID("rename-form").OnSubmit(f.onSave).Body(
		app.Input().ID("rename-input").Aria("label", "New name").Value(f.draft).
			OnInput(f.onInput).Required(true).AutoFocus(true),
		app.Button().Type("submit").Class("button primary").Disabled(f.busy).Text("Save"),
		app.Button().Type("button").Class("button").Text("Cancel").OnClick(f.onCancel),
		app.If(f.err != nil, errorBox("The name could not be changed.", f.err)),
	)
}
