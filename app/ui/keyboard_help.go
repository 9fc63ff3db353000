package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// shortcut is one line of the shortcut list: the keys that do it, each a
// key or a chord with its keys separated by spaces ("Ctrl K").
type shortcut struct {
	Keys []string
	What string
}

// shortcutGroup is a titled part of the list.
type shortcutGroup struct {
	Title string
	Keys  []shortcut
}

// shortcutGroups are every shortcut of the app, as the ? dialog lists
// them; resolveKey (keyboard_keys.go) and the palette implement them.
var shortcutGroups = []shortcutGroup{
	{"Anywhere", []shortcut{
		{[]string{"Ctrl K", "⌘ K"},
			"Command palette: go to any experiment, run or model, or run an action"},
		{[]string{"/"}, "Search the runs (elsewhere: filter the experiments)"},
		{[]string{"?"}, "Show these shortcuts"},
		{[]string{"Esc"}, "Close a dialog, leave a text field, or go up one level"},
	}},
	{"Runs table and experiment list", []shortcut{
		{[]string{"j", "↓"}, "Next run, or next experiment"},
		{[]string{"k", "↑"}, "Previous run, or previous experiment"},
		{[]string{"Enter"}, "Open the run or the experiment; fold or unfold a group"},
		{[]string{"x", "Space"}, "Select the run, or unselect it; fold or unfold a group"},
		{[]string{"c"}, "Compare the selected runs"},
	}},
	{"Command palette", []shortcut{
		{[]string{"↓", "↑"}, "Move through the matches"},
		{[]string{"Enter"}, "Go there, or run the action"},
		{[]string{"Esc"}, "Close the palette"},
	}},
}

// helpDialog is the shortcut list, a modal dialog with one control, its
// Close button.
func (k *Keyboard) helpDialog() app.UI {
	return app.Div().Class("kbd-backdrop").OnClick(k.onBackdrop).Body(
		app.Div().ID("shortcuts").Class("shortcuts kbd-dialog").Attr("role", "dialog").
			Aria("modal", "true").Aria("labelledby", "shortcuts-title").Body(
			app.Div().Class("shortcuts-head").Body(
				app.H2().ID("shortcuts-title").Text("Keyboard shortcuts"),
				app.Button().ID("shortcuts-close").Class("button small").Text("Close").
					OnClick(k.onCloseHelp),
			),
			app.Div().Class("shortcut-groups").Body(
				app.Range(shortcutGroups).Slice(func(i int) app.UI {
					return shortcutList(shortcutGroups[i])
				}),
			),
			app.P().Class("muted shortcuts-note").Text("Shortcuts wait while you type in a "+
				"text field; Esc leaves it. The arrows move through the experiment list "+
				"on the home page, or once one of its links has the focus."),
		),
	)
}

func shortcutList(g shortcutGroup) app.UI {
	return app.Section().Class("shortcut-group").Body(
		app.H3().Text(g.Title),
		app.Dl().Body(app.Range(g.Keys).Slice(func(i int) app.UI {
			s := g.Keys[i]
			return app.Div().Class("shortcut").Body(
				app.Dt().Body(keyChips(s.Keys)...),
				app.Dd().Text(s.What),
			)
		})),
	)
}

// keyChips draws alternatives of keys, "or" between them; each stays on
// one line.
func keyChips(alternatives []string) []app.UI {
	var out []app.UI
	for i, a := range alternatives {
		if i > 0 {
			out = append(out, app.Span().Class("kbd-or").Text(" or "))
		}
		var chord []app.UI
		for j, key := range strings.Fields(a) {
			if j > 0 {
				chord = append(chord, app.Span().Class("kbd-plus").Text("+"))
			}
			chord = append(chord, app.Kbd().Text(key))
		}
		out = append(out, app.Span().Class("kbd-chord").Body(chord...))
	}
	return out
}
