package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlflow"
)

// apiBase is where the UI reaches MLflow's API: the ajax prefix that
// MLflow's own UI uses, relative to the page's origin.
const apiBase = "/ajax-api/2.0/mlflow/"

// errNotInBrowser is returned by requests attempted outside a browser, such
// as during server-side pre-rendering.
var errNotInBrowser = errors.New("requests are only made in the browser")

// getJSON calls an API route with GET and decodes the answer into out.
// It blocks; call it from ctx.Async.
func getJSON(route string, q url.Values, out any) error {
	return doJSON("GET", apiURL(route, q), nil, out)
}

// apiURL is the address of an API route with the query q.
func apiURL(route string, q url.Values) string {
	u := apiBase + route
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// postJSON calls an API route with a JSON body and decodes the answer.
func postJSON(route string, body, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encode request: %w", err)
	}
	return doJSON("POST", apiBase+route, b, out)
}

// doJSON performs a request and decodes a 200 answer into out; any other
// status becomes an error carrying MLflow's message when there is one.
func doJSON(method, u string, body []byte, out any) error {
	status, b, err := fetch(method, u, body)
	if err != nil {
		return err
	}
	if status != 200 {
		return statusError(method, u, status, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("decode answer of %s: %w", u, err)
	}
	return nil
}

// statusError is the error of an answer that is not 200: MLflow's, with
// its message, when the body is one.
func statusError(method, u string, status int, b []byte) error {
	var me mlflow.Error
	if json.Unmarshal(b, &me) == nil && me.Message != "" {
		return &me
	}
	return fmt.Errorf("%s %s: HTTP %d", method, u, status)
}

// fetchText gets a URL as text, reading at most limit bytes of it.
func fetchText(u string) (string, error) {
	status, b, err := fetch("GET", u, nil)
	if err != nil {
		return "", err
	}
	if status != 200 {
		return "", fmt.Errorf("GET %s: HTTP %d", u, status)
	}
	return string(b), nil
}

// fetch makes one request of the app and waits for the status and body:
// of the server, or, in a static export, of the export's files
// (export_fetch.go). This is the app's one seam between the two.
func fetch(method, u string, body []byte) (int, []byte, error) {
	if !app.IsClient {
		return 0, nil, errNotInBrowser
	}
	if inExport() {
		return exportFetch(method, u, body)
	}
	return browserFetch(method, u, body)
}

// browserFetch runs the browser's fetch and waits for the status and body
// text.
func browserFetch(method, u string, body []byte) (int, []byte, error) {
	opts := map[string]any{"method": method}
	if body != nil {
		opts["body"] = string(body)
		opts["headers"] = map[string]any{"Content-Type": "application/json"}
	}
	started, ok := prefetched(method, u, body)
	if !ok {
		started = app.Window().Call("fetch", u, opts)
	}
	resp, err := await(started)
	if err != nil {
		return 0, nil, unreachable(method, u, err)
	}
	noteAnswer(resp) // from the server, or from the offline store (offline.go)
	text, err := await(resp.Call("text"))
	if err != nil {
		return 0, nil, fmt.Errorf("%s %s: reading the answer failed (%v)", method, u, err)
	}
	return resp.Get("status").Int(), []byte(text.String()), nil
}

// await blocks until a JavaScript promise settles.
func await(p app.Value) (app.Value, error) {
	type result struct {
		v   app.Value
		err error
	}
	ch := make(chan result, 1)
	onOK := app.FuncOf(func(this app.Value, args []app.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	onErr := app.FuncOf(func(this app.Value, args []app.Value) any {
		ch <- result{err: errors.New(args[0].Call("toString").String())}
		return nil
	})
	defer onOK.Release()
	defer onErr.Release()
	p.Call("then", onOK, onErr)
	r := <-ch
	return r.v, r.err
}
