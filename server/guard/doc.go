// Package guard is mlscope's front door: one http.Handler middleware that
// decides, before any handler runs, whether a request may reach the server.
// In order, it
//
//   - refuses a Host header that is not allowed (DNS rebinding: a page on
//     an attacker's domain whose name later resolves to this machine);
//   - applies the cross-origin policy: preflights, CORS headers for
//     allowed origins, and no cross-origin writes otherwise;
//   - asks for HTTP basic credentials when an auth file is configured;
//   - refuses writes in read-only mode;
//   - bounds request bodies, and the number of heavy requests (searches,
//     artifact transfers, bulk metric history) in flight;
//   - closes connections that stop making progress while a body is read
//     or an answer written, without limiting how long a transfer that
//     moves takes.
//
// Refusals go out in MLflow's error envelope on API paths, so that MLflow
// clients show the message, and in plain text on pages. They are logged at
// Debug only: they are the client's business, not the operator's.
//
// guard knows which MLflow routes read and which write (routes.go) but
// never imports the API, the store or the UI.
package guard
