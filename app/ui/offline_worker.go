package ui

import (
	"errors"
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// errNoWorker is askWorker's answer when no mlscope service worker controls
// the page: on the first visit before it took over, in a browser without
// service workers, or on a page opened over plain http from another
// machine (browsers run service workers on https and localhost only).
var errNoWorker = errors.New("offline storage is not available on this page: " +
	"browsers keep data offline only for https addresses and localhost")

// workerWait bounds the wait for the service worker's reply; measuring the
// stored data reads every stored answer's headers.
const workerWait = 30 * time.Second

// askWorker sends the service worker a request (op and its fields, see
// the message handler of server/web/worker.js) and returns its reply. It
// blocks; call it from ctx.Async.
func askWorker(op string, fields map[string]any) (app.Value, error) {
	if !app.IsClient {
		return nil, errNotInBrowser
	}
	sw := app.Window().Get("navigator").Get("serviceWorker")
	if !sw.Truthy() || !sw.Get("controller").Truthy() {
		return nil, errNoWorker
	}
	msg := map[string]any{"op": op}
	for k, v := range fields {
		msg[k] = v
	}
	ch := app.Window().Get("MessageChannel").New()
	got := make(chan app.Value, 1)
	onReply := app.FuncOf(func(this app.Value, args []app.Value) any {
		got <- args[0].Get("data")
		return nil
	})
	port := ch.Get("port1")
	port.Set("onmessage", onReply)
	defer func() {
		// A reply after the timeout must not call the released function.
		port.Set("onmessage", nil)
		port.Call("close")
		onReply.Release()
	}()
	// The transfer list is built in JavaScript: go-app does not convert
	// wrapped values inside Go slices.
	ports := app.Window().Get("Array").Call("of", ch.Get("port2"))
	sw.Get("controller").Call("postMessage", map[string]any{"mlscope": msg}, ports)
	select {
	case v := <-got:
		if e := v.Get("error"); e.Truthy() {
			return nil, fmt.Errorf("offline storage: %s", e.String())
		}
		return v, nil
	case <-time.After(workerWait):
		return nil, fmt.Errorf("offline storage did not answer %s in %v", op, workerWait)
	}
}

// workerReady reports whether a service worker controls the page, so that
// what it reads is stored.
func workerReady() bool {
	if !app.IsClient {
		return false
	}
	sw := app.Window().Get("navigator").Get("serviceWorker")
	return sw.Truthy() && sw.Get("controller").Truthy()
}
