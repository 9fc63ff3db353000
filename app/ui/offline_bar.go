package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// pingEvery is how often an offline page asks whether the server is back.
const pingEvery = 3 * time.Second

// ConnectionBar sits at the top of every page. It says whether the data
// on screen is live or comes from the offline store, and then how old it
// is; it offers a new version of the app once the service worker has
// installed one; and it opens the offline storage menu. At is the page on
// screen.
type ConnectionBar struct {
	app.Compo
	At place

	offline  bool
	storedAt float64 // the oldest stored answer of this page, epoch ms; 0 if none
	shownAt  place   // the page storedAt is about
	update   bool
	pinging  bool
	stop     func()
}

// OnMount listens for the answers client.go announces (offline.go).
func (c *ConnectionBar) OnMount(ctx app.Context) {
	c.update = ctx.AppUpdateAvailable()
	c.shownAt = c.At
	if !app.IsClient {
		return
	}
	onNote := app.FuncOf(func(this app.Value, args []app.Value) any {
		d := args[0].Get("detail")
		offline, at := d.Get("offline").Bool(), d.Get("storedAt").Float()
		ctx.Dispatch(func(ctx app.Context) { c.note(ctx, offline, at) })
		return nil
	})
	app.Window().Call("addEventListener", eventConnection, onNote)
	c.stop = func() {
		app.Window().Call("removeEventListener", eventConnection, onNote)
		onNote.Release()
	}
}

// OnDismount stops listening.
func (c *ConnectionBar) OnDismount() {
	if c.stop != nil {
		c.stop()
		c.stop = nil
	}
}

// OnAppUpdate is go-app's signal that the service worker installed a new
// version of the app.
func (c *ConnectionBar) OnAppUpdate(ctx app.Context) {
	c.update = ctx.AppUpdateAvailable()
}

// OnUpdate forgets the age of the previous page's data.
func (c *ConnectionBar) OnUpdate(ctx app.Context) {
	if c.At != c.shownAt {
		c.shownAt, c.storedAt = c.At, 0
	}
}

// note takes one announced answer into account.
func (c *ConnectionBar) note(ctx app.Context, offline bool, at float64) {
	switch {
	case offline:
		older := at > 0 && (c.storedAt == 0 || at < c.storedAt)
		if c.offline && !older {
			ctx.PreventUpdate()
			return
		}
		if older {
			c.storedAt = at
		}
		if !c.offline {
			c.offline = true
			c.ping(ctx)
		}
	case c.offline:
		c.offline, c.storedAt = false, 0
		// What is on screen came from the store: show it live again.
		ctx.NewAction(actionRefresh)
		ctx.NewActionWithValue(actionExperimentsChanged, "")
	default:
		ctx.PreventUpdate()
	}
}

// ping asks the server for /health every pingEvery while offline; the
// answer is announced like any other, and an answer from the server ends
// the offline state.
func (c *ConnectionBar) ping(ctx app.Context) {
	if c.pinging {
		return
	}
	c.pinging = true
	ctx.After(pingEvery, func(ctx app.Context) {
		c.pinging = false
		if !c.offline {
			return
		}
		ctx.Async(func() { fetch("GET", "/health", nil) })
		c.ping(ctx)
	})
}

func (c *ConnectionBar) onReload(ctx app.Context, e app.Event) { ctx.Reload() }

// Render draws the state and the notices.
func (c *ConnectionBar) Render() app.UI {
	state, label, title := "live", "Live", "Data comes from mlscope's server as you open it."
	if c.offline {
		state, label, title = "offline", "Offline",
			"mlscope's server cannot be reached; data comes from this browser's store."
	}
	return app.Div().Class("conn").Body(
		app.Div().Class("conn-line").Body(
			app.Span().ID("conn-state").Class("conn-state "+state).Title(title).Body(
				app.Span().Class("conn-dot").Aria("hidden", "true"),
				app.Text(label),
			),
			&OfflineStore{ExperimentID: c.At.experimentID},
		),
		app.If(c.update, app.Div().ID("update-notice").Class("notice notice-update").
			Aria("role", "status").Body(
			app.Span().Text("A new version of mlscope is ready. "),
			app.Button().Class("button").ID("update-reload").Text("Reload to update").
				OnClick(c.onReload),
		)),
		app.If(c.offline, c.offlineNotice()),
	)
}

func (c *ConnectionBar) offlineNotice() app.UI {
	var age app.UI
	if c.storedAt > 0 {
		t := millis(int64(c.storedAt))
		age = app.Span().Body(
			app.Text(", fetched "),
			app.Span().Class("time").ID("offline-age").
				Title(t.Local().Format("2006-01-02 15:04:05")).Text(formatAgo(t, time.Now())),
		)
	}
	return app.Div().ID("offline-notice").Class("notice notice-offline").
		Aria("role", "status").Body(
		app.Strong().Text("Offline. "),
		app.Text("mlscope's server cannot be reached, so this page shows what this "+
			"browser stored"),
		age,
		app.Text(". Changes cannot be saved until the server is back."),
	)
}
