package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// What the keyboard reads from and does to the page's elements. Outside
// a browser app.Window is inert, and these read nothing.

// popupSelector matches the app's other dialogs and panels, which close
// on Escape themselves.
const popupSelector = "#column-panel, #offline-panel, .dialog-backdrop"

// readKey describes a keydown event and the element it is for.
func readKey(e app.Value) keyPress {
	k := keyPress{
		Key:   e.Get("key").String(),
		Mod:   e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool(),
		Alt:   e.Get("altKey").Bool(),
		Shift: e.Get("shiftKey").Bool(),
	}
	el := e.Get("target")
	if !el.Truthy() || el.Get("tagName").IsUndefined() {
		return k
	}
	tag := el.Get("tagName").String()
	typ := ""
	if t := el.Get("type"); t.Truthy() {
		typ = t.String()
	}
	k.Typing = typingTarget(tag, typ, el.Get("isContentEditable").Bool())
	k.OnControl = controlTarget(tag) || el.Get("isContentEditable").Bool()
	k.InList = el.Call("closest", "#experiment-list").Truthy()
	return k
}

// typingTarget reports whether an element takes typed text (or, for a
// select, the letter and arrow keys).
func typingTarget(tag, typ string, editable bool) bool {
	switch strings.ToUpper(tag) {
	case "TEXTAREA", "SELECT":
		return true
	case "INPUT":
		switch strings.ToLower(typ) {
		case "checkbox", "radio", "button", "submit", "reset", "range", "color", "file",
			"image":
			return false
		}
		return true
	}
	return editable
}

// controlTarget reports whether an element acts on Enter itself.
func controlTarget(tag string) bool {
	switch strings.ToUpper(tag) {
	case "A", "BUTTON", "INPUT", "SELECT", "TEXTAREA", "SUMMARY":
		return true
	}
	return false
}

// readPage says what the page shows.
func readPage() pageFacts {
	doc := app.Window().Get("document")
	if !doc.Truthy() {
		return pageFacts{}
	}
	has := func(sel string) bool { return doc.Call("querySelector", sel).Truthy() }
	return pageFacts{
		Palette: has("#palette"),
		Help:    has("#shortcuts"),
		Popup:   has(popupSelector),
		Table:   has("#runs-table"),
		Home:    appPath(app.Window().Get("location").Get("pathname").String()) == "/",
	}
}

// blurFocus takes the focus from the element that has it.
func blurFocus() {
	if el := app.Window().Get("document").Get("activeElement"); el.Truthy() {
		el.Call("blur")
	}
}

// moveInList moves the focus by one link of the sidebar's experiment
// list, starting from the experiment on screen when the list does not
// have the focus yet.
func moveInList(by int) {
	doc := app.Window().Get("document")
	links := doc.Call("querySelectorAll", "#experiment-list a.exp-item")
	n := links.Length()
	if n == 0 {
		return
	}
	active := doc.Get("activeElement")
	at, selected := -1, -1
	for i := 0; i < n; i++ {
		l := links.Index(i)
		if l.Equal(active) {
			at = i
		}
		if l.Get("classList").Call("contains", "selected").Bool() {
			selected = i
		}
	}
	next := listStep(at, selected, by, n)
	link := links.Index(next)
	link.Call("focus", map[string]any{"preventScroll": true})
	link.Call("scrollIntoView", map[string]any{"block": "nearest"})
}

// listStep is the item to focus in a list of n: by steps from the
// focused one (at), or, when none is, the selected one, or else the
// first going down and the last going up.
func listStep(at, selected, by, n int) int {
	switch {
	case at >= 0:
		return max(0, min(at+by, n-1))
	case selected >= 0:
		return selected
	case by > 0:
		return 0
	}
	return n - 1
}

// focusSearch focuses the runs search box, with the caret at its end, or
// else the sidebar's experiment filter.
func focusSearch() {
	doc := app.Window().Get("document")
	in := doc.Call("getElementById", "query-input")
	if !in.Truthy() {
		in = doc.Call("querySelector", ".sidebar-filter")
	}
	if !in.Truthy() {
		return
	}
	in.Call("focus")
	v := in.Get("value").String()
	end := utf16Offset(v, len(v))
	in.Call("setSelectionRange", end, end)
}

// lastCrumb is the path the page's breadcrumbs link to last: the page
// one level up. "" when there is none.
func lastCrumb() string {
	links := app.Window().Get("document").Call("querySelectorAll", "#main nav.crumbs a")
	if n := links.Length(); n > 0 {
		return links.Index(n-1).Call("getAttribute", "href").String()
	}
	return ""
}

// clickByID clicks an element, when it is there.
func clickByID(id string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("click")
	}
}
