package ui

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Palette is the command palette (Ctrl+K or Cmd+K): a modal dialog whose
// input filters, as it is typed, the experiments, the runs of the
// experiment on screen, the registered models and the actions. The arrows
// move through the list, Enter posts the item in actionPalettePick,
// Escape (or a click beside the dialog) posts actionPaletteClose: the
// Keyboard, which mounts the palette when it opens (so that every opening
// loads the lists afresh), handles both.
//
// The input keeps the focus throughout: the options are not focusable,
// and aria-activedescendant tells assistive technology which is active.
type Palette struct {
	app.Compo
	At place

	query   string
	actions []paletteItem
	found   map[string][]paletteItem // by kind, as each list arrives
	shown   []paletteItem
	active  int
	pending int      // lists still loading
	failed  []string // lists that could not be loaded
	stop    func()
}

// The palette's actions: a paletteItem picked, and closing.
const (
	actionPalettePick  = "palette-pick"
	actionPaletteClose = "palette-close"
)

// paletteLimit bounds the items listed; typing narrows the rest.
const paletteLimit = 50

// OnMount starts loading, focuses the input and takes its keys.
func (p *Palette) OnMount(ctx app.Context) {
	p.actions = paletteActions(p.At, parseTableState(ctx.Page().URL().Query()))
	p.found = map[string][]paletteItem{}
	p.refilter()
	p.load(ctx, "experiments", func() ([]paletteItem, error) {
		exps, err := fetchExperiments("ACTIVE_ONLY")
		return experimentItems(exps), err
	})
	if id := p.At.experimentID; id != "" {
		p.load(ctx, "runs", func() ([]paletteItem, error) {
			page, err := searchRuns(id, false, "") // the first page is enough here
			return runItems(page.Runs), err
		})
	}
	p.load(ctx, "models", func() ([]paletteItem, error) {
		models, err := searchModels()
		return modelItems(models), err
	})
	p.listen(ctx)
}

// OnDismount stops listening to the input.
func (p *Palette) OnDismount() {
	if p.stop != nil {
		p.stop()
	}
}

// load runs one list's request and adds its items when they come.
func (p *Palette) load(ctx app.Context, what string, get func() ([]paletteItem, error)) {
	p.pending++
	ctx.Async(func() {
		items, err := get()
		ctx.Dispatch(func(ctx app.Context) {
			p.pending--
			if err != nil {
				p.failed = append(p.failed, what)
			}
			p.found[what] = items
			p.refilter()
		})
	})
}

// listen takes the keys the browser would act on itself (arrows, Enter,
// Tab, Escape) in the input's own keydown listener: go-app's handlers run
// too late to prevent that.
func (p *Palette) listen(ctx app.Context) {
	input := p.input()
	if !input.Truthy() {
		return
	}
	input.Call("focus")
	onKey := app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		switch key := e.Get("key").String(); key {
		case "ArrowDown", "ArrowUp", "Enter", "Escape", "Tab", "PageDown", "PageUp":
			e.Call("preventDefault")
			ctx.Dispatch(func(ctx app.Context) { p.onKey(ctx, key) })
		}
		return nil
	})
	input.Call("addEventListener", "keydown", onKey)
	p.stop = func() {
		input.Call("removeEventListener", "keydown", onKey)
		onKey.Release()
	}
}

func (p *Palette) input() app.Value {
	root := p.JSValue()
	if root == nil || !root.Truthy() {
		return app.Null()
	}
	return root.Call("querySelector", "input")
}

// refilter ranks everything known against the query, keeping the active
// item when it is still listed.
func (p *Palette) refilter() {
	var was string
	if p.active >= 0 && p.active < len(p.shown) {
		was = p.shown[p.active].Target
	}
	all := append([]paletteItem{}, p.actions...)
	for _, kind := range []string{"experiments", "runs", "models"} {
		all = append(all, p.found[kind]...)
	}
	p.shown, p.active = rankItems(all, p.query, paletteLimit), 0
	if p.query == "" {
		return // the first item stays active as the lists arrive
	}
	for i, it := range p.shown {
		if it.Target == was {
			p.active = i
			break
		}
	}
}

func (p *Palette) onInput(ctx app.Context, e app.Event) {
	p.query = ctx.JSSrc().Get("value").String()
	p.active = 0
	p.shown = nil // a new query starts from the best match
	p.refilter()
}

func (p *Palette) onKey(ctx app.Context, key string) {
	n := len(p.shown)
	switch {
	case key == "Escape":
		ctx.NewAction(actionPaletteClose)
	case key == "Enter" && p.active < n:
		ctx.NewActionWithValue(actionPalettePick, p.shown[p.active])
	case n == 0:
	case key == "ArrowDown":
		p.active = (p.active + 1) % n
	case key == "ArrowUp":
		p.active = (p.active - 1 + n) % n
	case key == "PageDown":
		p.active = min(p.active+8, n-1)
	case key == "PageUp":
		p.active = max(p.active-8, 0)
	}
	p.revealActive(ctx)
}

// revealActive scrolls the list to the active option after the update.
func (p *Palette) revealActive(ctx app.Context) {
	id := p.optionID(p.active)
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("scrollIntoView", map[string]any{"block": "nearest"})
		}
	})
}

func (p *Palette) optionID(i int) string { return "palette-option-" + itoa(i) }

func (p *Palette) onPick(it paletteItem) app.EventHandler {
	return func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actionPalettePick, it) }
}

func (p *Palette) onHover(i int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if p.active == i {
			ctx.PreventUpdate()
		}
		p.active = i
	}
}

// onBackdrop closes the palette on a click beside the dialog.
func (p *Palette) onBackdrop(ctx app.Context, e app.Event) {
	if e.Get("target").Equal(ctx.JSSrc()) {
		ctx.NewAction(actionPaletteClose)
	}
}
