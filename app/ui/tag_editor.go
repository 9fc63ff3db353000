package ui

import (
	"sort"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// TagEditor lists a run's tags (those the overview does not already show)
// and adds, changes and removes them through the API. ReadOnly hides the
// controls (deleted runs cannot change).
type TagEditor struct {
	app.Compo
	RunID    string
	Tags     []mlflow.Tag
	ReadOnly bool
	OnChange func(ctx app.Context)

	key, value string
	busy       bool
	err        error
}

func (t *TagEditor) onKey(ctx app.Context, e app.Event) { t.key = ctx.JSSrc().Get("value").String() }
func (t *TagEditor) onValue(ctx app.Context, e app.Event) {
	t.value = ctx.JSSrc().Get("value").String()
}

// change runs one tag write and reports back.
func (t *TagEditor) change(ctx app.Context, write func() error) {
	t.busy, t.err = true, nil
	ctx.Async(func() {
		err := write()
		ctx.Dispatch(func(ctx app.Context) {
			t.busy, t.err = false, err
			if err == nil {
				t.key, t.value = "", ""
				if t.OnChange != nil {
					t.OnChange(ctx)
				}
			}
		})
	})
}

func (t *TagEditor) onAdd(ctx app.Context, e app.Event) {
	e.PreventDefault()
	run, key, value := t.RunID, t.key, t.value
	t.change(ctx, func() error { return setRunTag(run, key, value) })
}

func (t *TagEditor) onEdit(tag mlflow.Tag) app.EventHandler {
	return func(ctx app.Context, e app.Event) { t.key, t.value = tag.Key, tag.Value }
}

func (t *TagEditor) onDelete(key string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		run := t.RunID
		t.change(ctx, func() error {
			return postJSON("runs/delete-tag", map[string]any{"run_id": run, "key": key}, &struct{}{})
		})
	}
}

// Render draws the table and the form.
func (t *TagEditor) Render() app.UI {
	tags := userTags(t.Tags)
	sort.Slice(tags, func(i, j int) bool { return tags[i].Key < tags[j].Key })
	return app.Div().Class("tag-editor").Body(
		app.If(len(tags) == 0, app.P().Class("muted").Text("No tags.")),
		app.If(len(tags) > 0, app.Table().Class("kv").ID("tags-table").Body(
			app.THead().Body(app.Tr().Body(app.Th().Text("Name"), app.Th().Text("Value"),
				app.If(!t.ReadOnly, app.Th().Class("actions-col").Aria("label", "Actions")))),
			app.TBody().Body(app.Range(tags).Slice(func(i int) app.UI { return t.row(tags[i]) })),
		)),
		app.If(!t.ReadOnly, t.form()),
		app.If(t.err != nil, errorBox("The tag could not be changed.", t.err)),
	)
}

func (t *TagEditor) row(tag mlflow.Tag) app.UI {
	return app.Tr().DataSet("tag", tag.Key).Body(
		app.Td().Class("key").Title(tag.Key).Text(tag.Key),
		app.Td().Class("value").Title(tag.Value).Text(tag.Value),
		app.If(!t.ReadOnly, app.Td().Class("actions-col").Body(
			app.Button().Class("link-button").Aria("label", "Edit tag "+tag.Key).Text("Edit").
				OnClick(t.onEdit(tag), tag.Key, tag.Value),
			app.Button().Class("link-button danger").Aria("label", "Delete tag "+tag.Key).
				Text("Delete").OnClick(t.onDelete(tag.Key), tag.Key),
		)),
	)
}

func (t *TagEditor) form() app.UI {
	return form().Class("inline-form").ID("tag-form").OnSubmit(t.onAdd).Body(
		app.Input().ID("tag-key").Placeholder("Tag name").Aria("label", "Tag name").
			Value(t.key).OnInput(t.onKey).Required(true),
		app.Input().ID("tag-value").Placeholder("Value").Aria("label", "Tag value").
			Value(t.value).OnInput(t.onValue),
		app.Button().Type("submit").Class("button").Disabled(t.busy).Text("Set tag"),
	)
}
