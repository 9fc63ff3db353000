package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// What the command palette draws (palette.go has its state and keys).

// searchGlyph is a magnifier drawn in the text colour.
const searchGlyph = svgOpen + `<circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" ` +
	`stroke-width="1.5"/><path d="M10.5 10.5l3.5 3.5" stroke="currentColor" ` +
	`stroke-width="1.5" stroke-linecap="round"/>` + svgClose

// paletteKinds name the kinds of items, as their tags show them.
var paletteKinds = map[string]string{
	"action": "Action", "experiment": "Experiment", "run": "Run", "model": "Model",
}

// Render draws the dialog over a backdrop.
func (p *Palette) Render() app.UI {
	active := ""
	if p.active < len(p.shown) {
		active = p.optionID(p.active)
	}
	return app.Div().Class("kbd-backdrop").OnClick(p.onBackdrop).Body(
		app.Div().ID("palette").Class("palette kbd-dialog").Attr("role", "dialog").
			Aria("modal", "true").Aria("labelledby", "palette-label").Body(
			app.Label().ID("palette-label").For("palette-input").Class("visually-hidden").
				Text("Go to an experiment, a run or a model, or run an action"),
			app.Div().Class("palette-field").Body(
				app.Raw(searchGlyph),
				app.Input().Type("text").ID("palette-input").Class("palette-input").
					Value(p.query).Placeholder("Go to an experiment, run, model or action").
					Attr("role", "combobox").Aria("expanded", "true").
					Aria("controls", "palette-list").Aria("autocomplete", "list").
					Aria("activedescendant", active).Aria("describedby", "palette-status").
					Attr("autocomplete", "off").Attr("spellcheck", "false").
					OnInput(p.onInput),
			),
			p.list(),
			app.Div().Class("palette-foot").Body(
				app.Span().ID("palette-status").Attr("role", "status").Text(p.statusText()),
				app.Span().Class("palette-hints").Aria("hidden", "true").Body(
					app.Kbd().Text("↑"), app.Kbd().Text("↓"), app.Text(" move  "),
					app.Kbd().Text("Enter"), app.Text(" open  "),
					app.Kbd().Text("Esc"), app.Text(" close"),
				),
			),
		),
	)
}

// list is the listbox of items. A mouse press on it must not take the
// focus from the input.
func (p *Palette) list() app.UI {
	return app.Ul().ID("palette-list").Class("palette-list").Attr("role", "listbox").
		Aria("label", "Results").Attr("onmousedown", "event.preventDefault()").Body(
		app.Range(p.shown).Slice(func(i int) app.UI {
			it := p.shown[i]
			return app.Li().ID(p.optionID(i)).Class("palette-option").Attr("role", "option").
				Aria("selected", i == p.active).DataSet("kind", it.Kind).
				DataSet("target", it.Target).
				OnClick(p.onPick(it), it.Kind, it.Target).OnMouseMove(p.onHover(i), i).Body(
				app.Span().Class("palette-kind").Text(paletteKinds[it.Kind]),
				app.Span().Class("palette-label").Text(it.Label),
				app.Span().Class("palette-detail").Text(it.Detail),
			)
		}),
	)
}

// statusText says what the list holds, for the eye and for screen readers.
func (p *Palette) statusText() string {
	var s string
	switch n := len(p.shown); {
	case n == 0 && p.pending > 0:
		s = "Loading…"
	case n == 0:
		s = "Nothing matches."
	case n == 1:
		s = "1 match"
	case n == paletteLimit:
		s = "The first " + itoa(n) + " matches; type to narrow them."
	default:
		s = itoa(n) + " matches"
	}
	for _, what := range p.failed {
		s += " The " + what + " could not be loaded."
	}
	return s
}
