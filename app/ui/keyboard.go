package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Keyboard is the app's keyboard layer (issue 11). It listens to keydown
// on the window, decides with resolveKey what a key means, and acts: it
// moves through the runs table (through RunsTable's actionRowKey) and the
// sidebar's experiment list, focuses the search, compares the selection,
// goes up a level, and opens the command palette and the shortcut list.
// Root draws it once, so it lives as long as the app; At is the place on
// screen.
type Keyboard struct {
	app.Compo
	At place

	palette  bool
	help     bool
	returnTo app.Value // focused before a dialog opened; focused again after
	note     string    // why a key did nothing, in a live region
	noteGen  int
	stop     func()
}

// noteTime is how long a note stays.
const noteTime = 4 * time.Second

// OnMount listens to the keys, and to the palette. The key listener
// decides in the event itself, as go-app's handlers run too late to
// prevent the browser's default.
func (k *Keyboard) OnMount(ctx app.Context) {
	win := app.Window()
	onKey := app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		if e.Get("defaultPrevented").Bool() || e.Get("isComposing").Bool() {
			return nil // the focused element took it, or an IME is composing
		}
		c := resolveKey(readKey(e), readPage())
		if c == cmdNone {
			return nil
		}
		if c != cmdBlur { // Escape in a search field also clears it
			e.Call("preventDefault")
		}
		ctx.Dispatch(func(ctx app.Context) { k.do(ctx, c) })
		return nil
	})
	win.Call("addEventListener", "keydown", onKey)
	ctx.Handle(actionPaletteClose, func(ctx app.Context, a app.Action) { k.close(ctx) })
	ctx.Handle(actionPalettePick, func(ctx app.Context, a app.Action) {
		if it, ok := a.Value.(paletteItem); ok {
			k.pick(ctx, it)
		}
	})
	k.stop = func() {
		win.Call("removeEventListener", "keydown", onKey)
		onKey.Release()
	}
}

// OnNav closes the dialogs when the page changes under them, as after
// the browser's back button.
func (k *Keyboard) OnNav(ctx app.Context) {
	k.palette, k.help, k.returnTo = false, false, nil
}

// OnDismount stops listening.
func (k *Keyboard) OnDismount() {
	if k.stop != nil {
		k.stop()
	}
}

// do carries out a command.
func (k *Keyboard) do(ctx app.Context, c command) {
	switch c {
	case cmdPalette:
		if k.palette {
			k.close(ctx)
		} else {
			k.open(ctx, true)
		}
	case cmdHelp:
		if k.help {
			k.close(ctx)
		} else {
			k.open(ctx, false)
		}
	case cmdClose:
		k.close(ctx)
	case cmdTrap:
		k.focusDialog(ctx)
	case cmdBlur:
		blurFocus()
	case cmdUp:
		k.goUp(ctx)
	case cmdNextRow, cmdPrevRow, cmdOpenRow, cmdSelectRow:
		ctx.NewActionWithValue(actionRowKey, c)
	case cmdNextItem:
		moveInList(1)
	case cmdPrevItem:
		moveInList(-1)
	case cmdSearch:
		focusSearch()
	case cmdCompare:
		k.compare(ctx)
	}
}

// open shows the palette (or the shortcut list), remembering where the
// focus was.
func (k *Keyboard) open(ctx app.Context, palette bool) {
	if !k.palette && !k.help {
		k.returnTo = app.Window().Get("document").Get("activeElement")
	}
	k.palette, k.help = palette, !palette
	if !palette {
		k.focusDialog(ctx)
	}
}

// close closes both dialogs and gives the focus back.
func (k *Keyboard) close(ctx app.Context) {
	k.palette, k.help = false, false
	el := k.returnTo
	k.returnTo = nil
	ctx.Defer(func(app.Context) {
		if el != nil && el.Truthy() && el.Get("isConnected").Bool() {
			el.Call("focus", map[string]any{"preventScroll": true})
		}
	})
}

// focusDialog puts the focus back in the open dialog.
func (k *Keyboard) focusDialog(ctx app.Context) {
	id := "shortcuts-close"
	if k.palette {
		id = "palette-input"
	}
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("focus")
		}
	})
}

func (k *Keyboard) onCloseHelp(ctx app.Context, e app.Event) { k.close(ctx) }

// onBackdrop closes the shortcut list on a click beside it.
func (k *Keyboard) onBackdrop(ctx app.Context, e app.Event) {
	if e.Get("target").Equal(ctx.JSSrc()) {
		k.close(ctx)
	}
}

// goUp opens the page one level up. The compare view's parent is the
// experiment its breadcrumbs link to.
func (k *Keyboard) goUp(ctx app.Context) {
	if path, ok := upPath(k.At); ok {
		ctx.Navigate(path)
		return
	}
	if k.At.kind == "compare" {
		if href := lastCrumb(); href != "" {
			ctx.Navigate(href)
		}
	}
}

// compare opens the comparison of the selected runs, or says why not.
func (k *Keyboard) compare(ctx app.Context) {
	if link := app.Window().GetElementByID("compare-selected"); link.Truthy() {
		link.Call("click")
		return
	}
	if k.At.kind == "experiment" {
		k.say(ctx, "Select two runs or more to compare: x selects the current run.")
	}
}

// say shows a short note for a few seconds.
func (k *Keyboard) say(ctx app.Context, note string) {
	k.noteGen++
	gen := k.noteGen
	k.note = note
	ctx.Async(func() {
		time.Sleep(noteTime)
		ctx.Dispatch(func(ctx app.Context) {
			if k.noteGen == gen {
				k.note = ""
			}
		})
	})
}

// pick does what a palette item says.
func (k *Keyboard) pick(ctx app.Context, it paletteItem) {
	if it.Kind != "action" {
		k.palette, k.help, k.returnTo = false, false, nil
		ctx.Navigate(it.Target)
		return
	}
	s := parseTableState(ctx.Page().URL().Query())
	switch it.Target {
	case actShortcuts:
		k.open(ctx, false)
		return
	case actNewExperiment:
		k.palette, k.returnTo = false, nil
		ctx.Defer(func(app.Context) { clickByID("new-experiment") })
		return
	case actModels:
		ctx.Navigate(modelPath("", ""))
	case actDeletedRuns, actActiveRuns:
		s.Trash = it.Target == actDeletedRuns
		ctx.Navigate(s.url(k.At.experimentID))
	case actCompare:
		ctx.Navigate(comparePath(s.Selected))
	}
	k.palette, k.returnTo = false, nil
}

// Render draws the open dialog, if any, and the live region of notes.
func (k *Keyboard) Render() app.UI {
	return app.Div().Class("keyboard").Body(
		app.If(k.palette, &Palette{At: k.At}),
		app.If(k.help, k.helpDialog()),
		app.Div().ID("kbd-note").Class("kbd-note").Attr("role", "status").Text(k.note),
	)
}
