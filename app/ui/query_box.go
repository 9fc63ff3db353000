package ui

import (
	"errors"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/search"
)

// QueryBox is the runs search box. It colours the filter as it is typed,
// checks it with app/search on every keystroke (no request), underlines
// the fault and shows MLflow's message, and completes keys from Keys in a
// list the arrow keys, Enter, Tab and Escape work. Enter, or the Search
// button, hands a valid filter to OnSearch.
//
// The text is drawn twice: a layer of coloured spans under a transparent
// input that keeps the caret, the selection and the keyboard.
type QueryBox struct {
	app.Compo
	Applied  string // the filter the table shows
	Keys     tableKeys
	OnSearch func(ctx app.Context, filter string)

	shown  string // the Applied value draft was last set from
	draft  string
	err    *search.Error
	comp   completion
	list   []suggestion
	active int // index in list, -1 for none
	stop   func()
	// ctx is the box's own context, from OnMount. The options and the clear
	// button act through it: go-app drops what a handler's context defers
	// (the caret, a navigation) once its element is gone, and a click on
	// either removes it.
	ctx app.Context
}

// OnMount starts from Applied and listens to the keys the browser would
// otherwise act on (arrows, Enter, Tab): go-app runs its handlers too late
// to prevent that, so a listener of ours decides in the event itself.
func (q *QueryBox) OnMount(ctx app.Context) {
	q.ctx = ctx
	q.reset(q.Applied)
	input := q.input()
	if !input.Truthy() {
		return
	}
	onKey := app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		key := e.Get("key").String()
		open := this.Call("getAttribute", "aria-expanded").String() == "true"
		if keyTaken(key, open, e.Get("ctrlKey").Bool()) {
			e.Call("preventDefault")
			ctx.Dispatch(func(ctx app.Context) { q.onKey(ctx, key) })
		}
		return nil
	})
	onScroll := app.FuncOf(func(this app.Value, args []app.Value) any {
		q.syncScroll()
		return nil
	})
	input.Call("addEventListener", "keydown", onKey)
	input.Call("addEventListener", "scroll", onScroll)
	q.stop = func() {
		input.Call("removeEventListener", "keydown", onKey)
		input.Call("removeEventListener", "scroll", onScroll)
		onKey.Release()
		onScroll.Release()
	}
}

// OnDismount stops the key listener.
func (q *QueryBox) OnDismount() {
	if q.stop != nil {
		q.stop()
	}
}

// OnUpdate takes a new Applied filter, as after back or forward.
func (q *QueryBox) OnUpdate(ctx app.Context) {
	if q.Applied != q.shown {
		q.reset(q.Applied)
	}
}

// keyTaken reports whether the box handles a key itself rather than the
// browser: the list's keys while it is open, Enter always, Ctrl+Space to
// open the list.
func keyTaken(key string, open, ctrl bool) bool {
	switch key {
	case "Enter":
		return true
	case "ArrowDown", "ArrowUp", "Tab", "Escape":
		return open
	case " ":
		return ctrl
	}
	return false
}

func (q *QueryBox) reset(text string) {
	q.shown, q.draft = q.Applied, text
	q.setInput(text)
	q.check()
	q.close()
}

// setInput puts text in the input. Render does not bind the input's value:
// go-app trims attribute values, so a frame drawn after a space was typed,
// or after a Backspace left one at the end, would take the space out.
func (q *QueryBox) setInput(text string) {
	if in := q.input(); in.Truthy() && in.Get("value").String() != text {
		in.Set("value", text)
	}
}

func (q *QueryBox) check() {
	q.err = nil
	if _, err := search.ParseRunFilter(q.draft); err != nil {
		if !errors.As(err, &q.err) {
			q.err = &search.Error{Msg: err.Error(), Pos: 0, Len: len(q.draft)}
		}
	}
}

func (q *QueryBox) close() { q.list, q.active = nil, -1 }

// complete opens the list for the key typed at the cursor, or closes it.
func (q *QueryBox) complete(cursor int) {
	c, ok := completionAt(q.draft, cursor)
	if !ok {
		q.close()
		return
	}
	q.comp, q.list, q.active = c, suggest(c, q.Keys), 0
	if len(q.list) == 0 {
		q.close()
	}
}

func (q *QueryBox) input() app.Value {
	root := q.JSValue()
	if root == nil || !root.Truthy() {
		return app.Null()
	}
	return root.Call("querySelector", "input")
}

// cursor is the caret's byte offset in the draft.
func (q *QueryBox) cursor() int {
	in := q.input()
	if !in.Truthy() {
		return len(q.draft)
	}
	return byteOffset(q.draft, in.Get("selectionStart").Int())
}

// byteOffset turns the browser's UTF-16 offset into a byte offset of s.
func byteOffset(s string, utf16 int) int {
	n := 0
	for i, r := range s {
		if n >= utf16 {
			return i
		}
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return len(s)
}

// utf16Offset is byteOffset's inverse.
func utf16Offset(s string, b int) int {
	n := 0
	for _, r := range s[:min(b, len(s))] {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

func (q *QueryBox) syncScroll() {
	in := q.input()
	if !in.Truthy() {
		return
	}
	if hl := in.Get("previousElementSibling"); hl.Truthy() {
		hl.Set("scrollLeft", in.Get("scrollLeft"))
	}
}

func (q *QueryBox) onInput(ctx app.Context, e app.Event) {
	q.draft = ctx.JSSrc().Get("value").String()
	q.check()
	q.complete(q.cursor())
	ctx.Defer(func(app.Context) { q.syncScroll() })
}

func (q *QueryBox) onBlur(ctx app.Context, e app.Event) { q.close() }

func (q *QueryBox) onKey(ctx app.Context, key string) {
	switch {
	case key == "ArrowDown" && len(q.list) > 0:
		q.active = (q.active + 1) % len(q.list)
	case key == "ArrowUp" && len(q.list) > 0:
		q.active = (q.active - 1 + len(q.list)) % len(q.list)
	case key == "Escape":
		q.close()
	case key == " ":
		q.complete(q.cursor())
	case (key == "Enter" || key == "Tab") && q.active >= 0 && q.active < len(q.list):
		q.accept(ctx, q.list[q.active])
	case key == "Enter":
		q.run(ctx)
	}
}

// accept puts a suggestion in the text and moves the caret after it. A
// prefix ("metrics.") opens the list of its keys at once.
func (q *QueryBox) accept(ctx app.Context, s suggestion) {
	text, at := applySuggestion(q.draft, q.comp, s)
	q.draft = text
	q.check()
	q.close()
	if s.Kind == "prefix" {
		q.complete(at)
	}
	ctx.Defer(func(app.Context) {
		if in := q.input(); in.Truthy() {
			in.Set("value", text)
			pos := utf16Offset(text, at)
			in.Call("focus")
			in.Call("setSelectionRange", pos, pos)
			q.syncScroll()
		}
	})
}

func (q *QueryBox) onPick(s suggestion) app.EventHandler {
	return func(ctx app.Context, e app.Event) { q.accept(q.own(ctx), s) }
}

func (q *QueryBox) run(ctx app.Context) {
	q.close()
	if q.err == nil && q.OnSearch != nil {
		q.OnSearch(ctx, q.draft)
	}
}

func (q *QueryBox) onRun(ctx app.Context, e app.Event) { q.run(ctx) }

func (q *QueryBox) onClear(ctx app.Context, e app.Event) {
	q.draft = ""
	q.setInput("")
	q.check()
	q.run(q.own(ctx))
}

// own returns the box's context, or ctx before the box is mounted.
func (q *QueryBox) own(ctx app.Context) app.Context {
	if q.ctx == nil {
		return ctx
	}
	return q.ctx
}

// Render draws the box, the list and the error.
func (q *QueryBox) Render() app.UI {
	open := len(q.list) > 0
	errPos, errLen := -1, 0
	if q.err != nil {
		errPos, errLen = q.err.Pos, q.err.Len
	}
	active := ""
	if open && q.active >= 0 {
		active = "query-option-" + itoa(q.active)
	}
	return app.Div().Class("query-box").Body(
		app.Div().Class("query-row").Body(
			app.Div().Class("query-field").Body(
				app.Div().Class("query-hl").Aria("hidden", "true").Body(
					querySpans(highlightQuery(q.draft, errPos, errLen))...),
				app.Input().Type("text").ID("query-input").Class("query-input").
					Placeholder("metrics.rmse < 0.8 and params.model = 'tree'").
					Aria("label", "Search runs").Attr("spellcheck", "false").
					Attr("autocomplete", "off").Attr("role", "combobox").
					Aria("autocomplete", "list").Aria("controls", "query-options").
					Aria("expanded", open).Aria("activedescendant", active).
					Aria("invalid", q.err != nil).Aria("describedby", "query-error").
					OnInput(q.onInput).OnBlur(q.onBlur),
				app.If(q.draft != "", app.Button().Class("query-clear").Title("Clear the search").
					Aria("label", "Clear the search").Text("×").OnClick(q.onClear)),
			),
			app.Button().Class("button primary").ID("query-run").Text("Search").
				Disabled(q.err != nil).OnClick(q.onRun),
		),
		app.If(open, q.options()),
		app.If(q.err != nil, q.errorLine()),
	)
}

// options is the completion list. A mouse press on it must not take the
// focus from the input, which would close the list before the click.
func (q *QueryBox) options() app.UI {
	return app.Ul().ID("query-options").Class("query-options").Attr("role", "listbox").
		Attr("onmousedown", "event.preventDefault()").Body(
		app.Range(q.list).Slice(func(i int) app.UI {
			s := q.list[i]
			return app.Li().ID("query-option-"+itoa(i)).Class("query-option").
				Attr("role", "option").Aria("selected", i == q.active).
				DataSet("insert", s.Insert).OnClick(q.onPick(s), s.Insert, s.Label).Body(
				app.Span().Class("option-label").Text(s.Label),
				app.Span().Class("option-kind").Text(s.Kind),
			)
		}),
	)
}

// errorLine is built even when app.If drops it, so it must not assume an
// error.
func (q *QueryBox) errorLine() app.UI {
	if q.err == nil {
		return app.Text("")
	}
	at := utf8.RuneCountInString(q.draft[:min(q.err.Pos, len(q.draft))]) + 1
	return app.P().ID("query-error").Class("query-error").Attr("role", "alert").Body(
		app.Span().Class("query-error-msg").Text(q.err.Msg),
		app.Span().Class("muted").Text(" · at character "+itoa(at)),
	)
}

// querySpans draws the coloured layer.
func querySpans(spans []querySpan) []app.UI {
	out := make([]app.UI, len(spans))
	for i, s := range spans {
		cls := s.Class
		if s.Err {
			cls += " q-err"
			if s.Text == "" {
				cls += " q-end"
			}
		}
		out[i] = app.Span().Class(cls).Text(s.Text)
	}
	return out
}
