package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// NoteEditor shows the Markdown description of a run or an experiment (the
// mlflow.note.content tag) and edits it in place. Save sets the tag
// through the API and then calls OnSaved.
type NoteEditor struct {
	app.Compo
	RunID        string // one of RunID and ExperimentID is set
	ExperimentID string
	Text         string
	ReadOnly     bool // deleted runs and experiments cannot change
	OnSaved      func(ctx app.Context, text string)

	editing bool
	draft   string
	saving  bool
	err     error
}

func (n *NoteEditor) onEdit(ctx app.Context, e app.Event) {
	n.editing, n.draft, n.err = true, n.Text, nil
}

func (n *NoteEditor) onInput(ctx app.Context, e app.Event) {
	n.draft = ctx.JSSrc().Get("value").String()
}

func (n *NoteEditor) onCancel(ctx app.Context, e app.Event) { n.editing = false }

func (n *NoteEditor) onSave(ctx app.Context, e app.Event) {
	text, runID, expID := n.draft, n.RunID, n.ExperimentID
	n.saving = true
	ctx.Async(func() {
		var err error
		if runID != "" {
			err = setRunTag(runID, mlflow.TagNote, text)
		} else {
			err = postJSON("experiments/set-experiment-tag", map[string]any{
				"experiment_id": expID, "key": mlflow.TagNote, "value": text}, &struct{}{})
		}
		ctx.Dispatch(func(ctx app.Context) {
			n.saving, n.err = false, err
			if err == nil {
				n.editing, n.Text = false, text
				if n.OnSaved != nil {
					n.OnSaved(ctx, text)
				}
			}
		})
	})
}

// Render shows the description or its editor.
func (n *NoteEditor) Render() app.UI {
	if n.editing {
		return app.Div().Class("note-editor").Body(
			app.Textarea().ID("note-input").Aria("label", "Description (Markdown)").
				Rows(6).Text(n.draft).OnInput(n.onInput),
			app.Div().Class("actions").Body(
				app.Button().ID("note-save").Class("button primary").Disabled(n.saving).
					Text("Save").OnClick(n.onSave),
				app.Button().Class("button").Text("Cancel").OnClick(n.onCancel),
				app.Span().Class("muted").Text("Markdown is supported."),
			),
			app.If(n.err != nil, errorBox("The description could not be saved.", n.err)),
		)
	}
	return app.Div().Class("note").ID("note").Body(
		app.If(n.Text != "", markdownView(n.Text)).
			Else(app.P().Class("muted").Text("No description.")),
		app.If(!n.ReadOnly, app.Button().Class("link-button").ID("note-edit").
			Text("Edit description").OnClick(n.onEdit)),
	)
}

// setRunTag sets one tag of a run.
func setRunTag(runID, key, value string) error {
	return postJSON("runs/set-tag", map[string]any{"run_id": runID, "key": key, "value": value},
		&struct{}{})
}
