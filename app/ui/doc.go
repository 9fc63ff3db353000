// Package ui is mlscope's browser interface: go-app components, one per
// file, that read everything through the server's MLflow REST API. The
// server imports it too, to pre-render pages and to know the routes.
//
// Components never call syscall/js directly; they use go-app's app.Window
// and app.Value.
//
// go-app keeps an element's event handler when the new one comes from the
// same code and scope, so a handler built in a loop for one row (a closure
// over its id) passes that id as the scope: otherwise a row drawn in the
// place of another keeps the other's handler.
package ui
