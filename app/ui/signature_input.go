package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/signature"
)

// dropScript runs in the page itself when a file is dropped on the drop
// zone: go-app calls Go handlers after the event has ended, too late to
// stop the browser from opening the file and too late to read
// dataTransfer, which the browser empties once the drop is handled. It
// hands the files to the zone's file input, whose change event Go reads.
const dropScript = "event.preventDefault(); delete this.dataset.over;" +
	" const f = event.dataTransfer && event.dataTransfer.files;" +
	" if (f && f.length) { const i = this.querySelector('input[type=file]');" +
	" i.files = f; i.dispatchEvent(new Event('change', {bubbles: true})); }"

// inputs draws the drop zone, the paste box, the mode switch and the
// example button.
func (c *SignatureCheck) inputs() app.UI {
	return app.Div().Class("check-inputs").Body(
		app.Label().ID("signature-drop").Class("drop-zone").
			Attr("ondragover", "event.preventDefault(); this.dataset.over = ''").
			Attr("ondragleave", "delete this.dataset.over").
			Attr("ondrop", dropScript).
			Body(
				app.Input().Type("file").ID("signature-file").Class("visually-hidden").
					Accept(".json,.csv,application/json,text/csv").OnChange(c.onFile),
				app.Span().Class("drop-icon").Body(icon("file")),
				app.Span().Class("drop-text").Body(
					app.Strong().Text("Drop a JSON or CSV request here"),
					app.Text(" or "), app.Span().Class("link-like").Text("choose a file")),
				app.Span().Class("muted drop-hint").Text("dataframe_split, dataframe_records, "+
					"instances, inputs, or CSV with a header row"),
			),
		app.Textarea().ID("signature-paste").Class("paste-box").Rows(5).
			Placeholder("…or paste a request body").Attr("spellcheck", "false").
			Aria("label", "Request body").OnInput(c.onPaste),
		app.Div().Class("check-tools").Body(
			app.Span().Class("muted").Text("Check as"),
			app.Div().Class("segmented").ID("signature-mode").Aria("role", "group").
				Aria("label", "Check as").Body(
				c.modeButton(signature.Serving, "Scoring server",
					"mlflow models serve: values are cast with the schema first"),
				c.modeButton(signature.Pyfunc, "Python predict",
					"PyFuncModel.predict on the data as pandas builds it, not cast"),
			),
			c.exampleButton(),
		),
	)
}

func (c *SignatureCheck) modeButton(m signature.Mode, label, title string) app.UI {
	return app.Button().ID("signature-mode-"+m.String()).Title(title).
		Aria("pressed", c.mode == m).Text(label).OnClick(c.onMode(m), m)
}

// exampleButton loads the model's input example; models without one get
// none, and it waits until the model view has loaded the example files.
func (c *SignatureCheck) exampleButton() app.UI {
	if c.Example == nil {
		return app.Text("")
	}
	b := app.Button().Class("button small").ID("signature-example").
		Text("Use the model's input example")
	if !c.FilesDone {
		return b.Disabled(true).Title("Loading the example…")
	}
	from, ok := exampleFile(c.Example, c.Files)
	if !ok {
		return b.Disabled(true).Title("The example file is not in the model folder")
	}
	return b.Title("Check " + from).OnClick(c.onExample)
}
