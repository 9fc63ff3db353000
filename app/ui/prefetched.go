package ui

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// prefetched is the answer (a promise of a Response) to a request that the
// server's app.js started before the module ran, when it started this very
// request (same method, address and body) and no other request took it
// yet: server/web/prefetch.js, ExperimentFirstRequests.
func prefetched(method, u string, body []byte) (app.Value, bool) {
	p := app.Window().Get("mlscopePrefetch")
	if !p.Truthy() {
		return nil, false
	}
	v := p.Call("take", method, u, string(body))
	return v, v.Truthy()
}
