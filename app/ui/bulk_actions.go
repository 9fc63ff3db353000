package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// BulkActions are the actions on the selected runs of an experiment page:
// delete and tag them in the runs view, restore them in the trash. Each
// action writes run by run, a few at a time (bulkWrite), and says how many
// writes failed. It draws nothing but its last error while no run is
// selected.
type BulkActions struct {
	app.Compo
	Selected []string
	Trash    bool // the trash view: restore instead of delete and tag
	// OnDone is called after an action with the runs that stay selected:
	// those a delete or restore could not move, or all after tagging.
	OnDone func(ctx app.Context, selected []string)

	tagging    bool   // the tag form is open
	key, value string // of the tag form
	busy       bool
	failure    string // what went wrong, for people
	err        error  // the first error of the last action
}

// run writes every selected run with write and reports to OnDone; done is
// the past participle for the error message ("deleted"). keep says whether
// the runs written stay selected.
func (b *BulkActions) run(ctx app.Context, done string, keep bool, write func(string) error) {
	ids := append([]string(nil), b.Selected...)
	b.busy, b.failure, b.err = true, "", nil
	ctx.Async(func() {
		failed, err := bulkWrite(ids, bulkLimit, write)
		ctx.Dispatch(func(ctx app.Context) {
			b.busy, b.err, b.tagging = false, err, false
			if err != nil {
				b.failure = bulkFailure(len(failed), len(ids), done)
			}
			sel := failed
			if keep {
				sel = ids
			}
			if b.OnDone != nil {
				b.OnDone(ctx, sel)
			}
		})
	})
}

func (b *BulkActions) onDelete(ctx app.Context, e app.Event) {
	n := plural(len(b.Selected), "runs")
	if !app.Window().Call("confirm", "Delete "+n+
		"? They can be restored from the deleted runs.").Bool() {
		return
	}
	b.run(ctx, "deleted", false, func(id string) error {
		return postJSON("runs/delete", map[string]any{"run_id": id}, &struct{}{})
	})
}

func (b *BulkActions) onRestore(ctx app.Context, e app.Event) {
	b.run(ctx, "restored", false, func(id string) error {
		return postJSON("runs/restore", map[string]any{"run_id": id}, &struct{}{})
	})
}

func (b *BulkActions) onTagOpen(ctx app.Context, e app.Event) {
	b.tagging, b.key, b.value = !b.tagging, "", ""
}

func (b *BulkActions) onKey(ctx app.Context, e app.Event) {
	b.key = ctx.JSSrc().Get("value").String()
}

func (b *BulkActions) onValue(ctx app.Context, e app.Event) {
	b.value = ctx.JSSrc().Get("value").String()
}

func (b *BulkActions) onTag(ctx app.Context, e app.Event) {
	e.PreventDefault()
	key, value := strings.TrimSpace(b.key), b.value
	if key == "" {
		return // the input is required; the browser says so
	}
	// The form stays until the writes are done: go-app drops a Dispatch
	// whose source element is gone.
	b.run(ctx, "tagged", true, func(id string) error { return setRunTag(id, key, value) })
}

// Render draws the buttons for the selection, the tag form when open and
// the last failure.
func (b *BulkActions) Render() app.UI {
	n := len(b.Selected)
	runs := plural(n, "runs")
	return app.Div().Class("bulk-actions").Body(
		app.If(n > 0 && b.Trash, app.Button().Class("button").ID("bulk-restore").
			Disabled(b.busy).Text("Restore "+runs).OnClick(b.onRestore)),
		app.If(n > 0 && !b.Trash, app.Button().Class("button").ID("bulk-tag").
			Disabled(b.busy).Aria("expanded", b.tagging).Text("Tag "+runs).
			OnClick(b.onTagOpen)),
		app.If(n > 0 && !b.Trash, app.Button().Class("button danger").ID("bulk-delete").
			Disabled(b.busy).Text("Delete "+runs).OnClick(b.onDelete)),
		app.If(n > 0 && !b.Trash && b.tagging, b.tagForm()),
		app.If(b.err != nil, errorBox(b.failure, b.err)),
	)
}

// tagForm asks for the tag to set on every selected run. The inputs are
// not bound to the fields while the user types (go-app trims values).
func (b *BulkActions) tagForm() app.UI {
	return form().Class("inline-form").ID("bulk-tag-form").OnSubmit(b.onTag).Body(
		app.Input().ID("bulk-tag-key").Placeholder("Tag name").Aria("label", "Tag name").
			OnInput(b.onKey).Required(true),
		app.Input().ID("bulk-tag-value").Placeholder("Value").Aria("label", "Tag value").
			OnInput(b.onValue),
		app.Button().Type("submit").Class("button").Disabled(b.busy).Text("Set tag on "+
			plural(len(b.Selected), "runs")),
	)
}
