package ui

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Offline use (issue 8). mlscope's service worker (server/web/worker.js)
// answers API reads from its store when the server cannot be reached, and
// marks those answers with headers. client.go passes every answer through
// noteAnswer, which tells the ConnectionBar through a window event: the
// request helpers run without a go-app context, and an event reaches the
// one component that shows the state without any package-level state.

const (
	headerOffline   = "X-Mlscope-Offline"   // set on answers from the store
	headerStoredAt  = "X-Mlscope-Stored-At" // when the answer was stored, epoch ms
	eventConnection = "mlscope-connection"  // detail: {offline, storedAt}
)

// errUnreachable says that a request never reached the server.
var errUnreachable = errors.New("mlscope's server cannot be reached")

// noteAnswer announces whether an answer came from the server or from the
// offline store, and when the stored one was stored.
func noteAnswer(resp app.Value) {
	h := resp.Get("headers")
	if !h.Call("get", headerOffline).Truthy() {
		announce(false, 0)
		return
	}
	at := 0.0
	if s := h.Call("get", headerStoredAt); s.Truthy() {
		at, _ = strconv.ParseFloat(s.String(), 64)
	}
	announce(true, at)
}

// unreachable announces that the server is out of reach and returns the
// error of the request that failed. Without the service worker (its
// first visit, or a page opened over plain http from another machine)
// this is all the page learns; with it, reads come from the store and
// writes get the worker's own refusal instead.
func unreachable(method, u string, err error) error {
	announce(true, 0)
	if method == "GET" {
		return fmt.Errorf("%s %s: %w (%v)", method, u, errUnreachable, err)
	}
	return fmt.Errorf("%w, so nothing was sent and no change was saved (%v)",
		errUnreachable, err)
}

func announce(offline bool, storedAt float64) {
	detail := map[string]any{"offline": offline, "storedAt": storedAt}
	ev := app.Window().Get("CustomEvent").New(eventConnection,
		map[string]any{"detail": detail})
	app.Window().Call("dispatchEvent", ev)
}
