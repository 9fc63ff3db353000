package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Resizable columns of the runs table (issue 11): each header has a
// handle on its right edge; dragging it sets the column's width, which
// the table keeps per column while it lives. Widths are not in the URL.

// minColWidth is the narrowest a user can make a column, in px.
const minColWidth = 60

// colResize is a drag of a column's handle under way.
type colResize struct {
	key   string
	x     int // clientX where the drag began
	width int // the column's width then
}

// colKey names a column for its width: its id, or its label for the
// Duration column, which has none.
func colKey(c tableCol) string {
	if c.id == "" {
		return "label:" + c.label
	}
	return c.id
}

// withWidths returns cols with the widths the user set.
func (t *RunsTable) withWidths(cols []tableCol) []tableCol {
	if len(t.widths) == 0 {
		return cols
	}
	out := append([]tableCol(nil), cols...)
	for i := range out {
		if w, ok := t.widths[colKey(out[i])]; ok {
			out[i].width = w
		}
	}
	return out
}

// resizeHandle is the drag handle on a header's right edge. The pointer
// is captured while it drags, so the moves reach the handle wherever the
// pointer goes. From the keyboard the handle is a focusable separator:
// the left and right arrows narrow and widen the column by 10 px (50 px
// with Shift).
//
// The handlers never call PreventUpdate: go-app draws the updates of a
// frame at once, and PreventUpdate would drop those of the moves before.
// So a pointer passing over a handle redraws the table; the handles are
// narrow and the rows few, so that costs little.
func (t *RunsTable) resizeHandle(c tableCol) app.UI {
	key := colKey(c)
	return app.Span().Class("col-resize").Role("separator").Aria("orientation", "vertical").
		Aria("label", "Resize column "+c.label).TabIndex(0).DataSet("col", key).
		On("pointerdown", t.onResizeStart(key), key).
		On("pointermove", t.onResizeMove).
		On("pointerup", t.onResizeEnd).
		On("lostpointercapture", t.onResizeEnd).
		OnKeyDown(t.onResizeKey(key), key)
}

// keyResizeStep is how far an arrow key moves a column's edge, in px.
const keyResizeStep = 10

func (t *RunsTable) onResizeKey(key string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		step := 0
		switch e.Get("key").String() {
		case "ArrowLeft":
			step = -keyResizeStep
		case "ArrowRight":
			step = keyResizeStep
		default:
			return
		}
		if e.Get("shiftKey").Bool() {
			step *= 5
		}
		e.PreventDefault()
		e.Call("stopPropagation")
		w, ok := t.widths[key]
		if !ok {
			w = ctx.JSSrc().Get("parentElement").Get("offsetWidth").Int()
		}
		if t.widths == nil {
			t.widths = map[string]int{}
		}
		t.widths[key] = max(w+step, minColWidth)
	}
}

func (t *RunsTable) onResizeStart(key string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		e.PreventDefault()
		e.StopImmediatePropagation()
		th := ctx.JSSrc().Get("parentElement")
		t.resizing = &colResize{key: key, x: e.Get("clientX").Int(),
			width: th.Get("offsetWidth").Int()}
		ctx.JSSrc().Call("setPointerCapture", e.Get("pointerId"))
	}
}

func (t *RunsTable) onResizeMove(ctx app.Context, e app.Event) {
	r := t.resizing
	if r == nil {
		return
	}
	w := max(r.width+e.Get("clientX").Int()-r.x, minColWidth)
	if t.widths == nil {
		t.widths = map[string]int{}
	}
	t.widths[r.key] = w
}

func (t *RunsTable) onResizeEnd(ctx app.Context, e app.Event) {
	t.resizing = nil
}
