// Package ui is mlscope's browser interface: go-app components, one per
// file, that read everything through the server's MLflow REST API. The
// server imports it too, to pre-render pages and to know the routes.
//
// Components never call syscall/js directly; they use go-app's app.Window
// and app.Value.
package ui
