// Package web assembles mlscope's HTTP server: MLflow's REST API, the
// static files (WebAssembly app, CSS, icons) embedded in the binary, and
// the go-app pages for every other path. Run starts it on a listener and
// stops it gracefully when its context ends.
package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/ui"
	"mlscope/server/api"
	"mlscope/server/mlruns"
	"mlscope/static"
)

// Config is what a server needs.
type Config struct {
	Store   *mlruns.Store
	Version string
	Logger  *slog.Logger
	// ServeArtifacts enables the mlflow-artifacts API.
	ServeArtifacts bool
	// Static replaces the embedded static files (tests, development).
	Static fs.FS
}

// Handler returns the whole server's handler.
func Handler(cfg Config) (http.Handler, error) {
	files := cfg.Static
	if files == nil {
		sub, err := fs.Sub(static.Web, "web")
		if err != nil {
			return nil, fmt.Errorf("open embedded files: %w", err)
		}
		files = sub
	}
	ui.Register()
	pages := &app.Handler{
		Name:            "mlscope",
		ShortName:       "mlscope",
		Title:           "mlscope",
		Description:     "Browse MLflow experiments, runs, metrics and artifacts",
		Icon:            app.Icon{Default: "/web/icon.svg", SVG: "/web/icon.svg"},
		Styles:          []string{"/web/app.css", "/web/charts.css", "/web/models.css"},
		LoadingLabel:    "Loading mlscope {progress}%",
		BackgroundColor: "#ffffff",
		ThemeColor:      "#0b6bcb",
		Resources:       embedded{http.StripPrefix("/web/", http.FileServerFS(files))},
		Version:         contentVersion(files, cfg.Version),
	}
	apiHandler := api.New(cfg.Store, api.Options{Version: cfg.Version, Logger: cfg.Logger,
		ServeArtifacts: cfg.ServeArtifacts})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if api.Owns(r.URL.Path) {
			apiHandler.ServeHTTP(w, r)
			return
		}
		pages.ServeHTTP(w, r)
	}), nil
}

// embedded tells go-app that static files live under /web/ of this same
// server and serves them.
type embedded struct{ http.Handler }

func (embedded) Package() string { return "" }
func (embedded) Static() string  { return "" }
func (embedded) AppWASM() string { return "/web/app.wasm" }

// contentVersion names the build of the browser app, so that go-app's
// service worker refreshes its cache exactly when app.wasm changes.
func contentVersion(files fs.FS, fallback string) string {
	b, err := fs.ReadFile(files, "app.wasm")
	if err != nil {
		return fallback
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// Run serves on ln until ctx ends, then stops accepting, lets requests in
// flight finish (up to ten seconds) and returns.
func Run(ctx context.Context, ln net.Listener, cfg Config) error {
	h, err := Handler(cfg)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn),
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
