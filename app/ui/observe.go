package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// watchVisible calls onVisible once, on the UI goroutine, when el comes
// within 300 px of the viewport, using the browser's IntersectionObserver.
// Where there is none (old browsers, pre-rendering), it calls onVisible
// right away. The returned function stops watching; call it when the
// component is dismounted.
func watchVisible(ctx app.Context, el app.Value, onVisible func(app.Context)) (stop func()) {
	ctor := app.Window().Get("IntersectionObserver")
	if !ctor.Truthy() {
		ctx.Defer(onVisible)
		return func() {}
	}
	var obs app.Value
	fired := false
	cb := app.FuncOf(func(this app.Value, args []app.Value) any {
		entries := args[0]
		for i := 0; i < entries.Length(); i++ {
			if !fired && entries.Index(i).Get("isIntersecting").Bool() {
				fired = true
				obs.Call("disconnect")
				ctx.Dispatch(onVisible)
			}
		}
		return nil
	})
	obs = ctor.New(cb, map[string]any{"rootMargin": "300px"})
	obs.Call("observe", el)
	return func() {
		obs.Call("disconnect")
		cb.Release()
	}
}

// watchSize calls onResize on the UI goroutine whenever el's size changes,
// and once when watching starts, using the browser's ResizeObserver: a
// chart must redraw when its column narrows, not only when the window
// does. Without ResizeObserver it does nothing; components still get
// go-app's OnResize for window changes. The returned function stops
// watching.
func watchSize(ctx app.Context, el app.Value, onResize func(app.Context)) (stop func()) {
	ctor := app.Window().Get("ResizeObserver")
	if !ctor.Truthy() {
		return func() {}
	}
	cb := app.FuncOf(func(this app.Value, args []app.Value) any {
		ctx.Dispatch(onResize)
		return nil
	})
	obs := ctor.New(cb)
	obs.Call("observe", el)
	return func() {
		obs.Call("disconnect")
		cb.Release()
	}
}
