// Package web assembles mlscope's HTTP server: MLflow's REST API, the
// static files (WebAssembly app, CSS, icons) embedded in the binary, and
// the go-app pages for every other path. Run starts it on a listener and
// stops it gracefully when its context ends.
package web

import (
	"context"
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
	"mlscope/server/guard"
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
	// Guard says who may reach the server and how much it takes on; its
	// zero value serves the loopback names only (see package guard).
	Guard guard.Config
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
	assets, err := newAssets(files, cfg.Logger)
	if err != nil {
		return nil, err
	}
	ui.Register()
	pages := newPages(assets, cfg.Version)
	// The module's download starts as the page's head is read (issue 8).
	pages.RawHeaders = []string{wasmPreload(assets)}
	apiHandler := compress(api.New(cfg.Store, api.Options{Version: cfg.Version, Logger: cfg.Logger,
		ServeArtifacts: cfg.ServeArtifacts}))
	shell, err := newShell(pages, assets)
	if err != nil {
		return nil, err
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if api.Owns(r.URL.Path) {
			apiHandler.ServeHTTP(w, r)
			return
		}
		shell.ServeHTTP(w, r)
	})
	gc := cfg.Guard
	gc.IsAPI = api.Owns
	if gc.Logger == nil {
		gc.Logger = cfg.Logger
	}
	g, err := guard.New(gc, h)
	if err != nil {
		return nil, err
	}
	return g, nil
}

// newPages is go-app's handler of the browser app: the page, app.js, the
// service worker and the manifest, over the static files in assets.
func newPages(assets *assets, version string) *app.Handler {
	return &app.Handler{
		Name:        "mlscope",
		ShortName:   "mlscope",
		Title:       "mlscope",
		Description: "Browse MLflow experiments, runs, metrics and artifacts",
		Icon:        assets.icons(),
		Styles: []string{
			"/web/app.css",
			"/web/charts.css",
			"/web/models.css",
			"/web/offline.css",
			"/web/validate.css",
			"/web/table.css",
			"/web/preview.css",
			"/web/compare.css",
			"/web/keyboard.css",
		},
		LoadingLabel:    "Loading mlscope {progress}%",
		BackgroundColor: "#ffffff",
		ThemeColor:      "#0b6bcb",
		Resources:       assets,
		Version:         assets.version(version),
		// Offline use and fast opening (issue 8): static.go, worker.js.
		ServiceWorkerTemplate:   workerJS,
		CacheableResources:      []string{"/web/icon.svg", assets.url("icon-maskable-512.png")},
		WasmContentLengthHeader: headerRawLength,
		AutoUpdateInterval:      10 * time.Minute,
	}
}

// shutdownGrace is how long requests in flight may take to finish once
// the server is told to stop; longer transfers are cut.
const shutdownGrace = 10 * time.Second

// Run serves on ln until ctx ends, then stops accepting, lets requests in
// flight finish (up to shutdownGrace) and returns.
func Run(ctx context.Context, ln net.Listener, cfg Config) error {
	h, err := Handler(cfg)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(cfg.Logger.Handler(), slog.LevelWarn),
		// No ReadTimeout or WriteTimeout: artifact transfers may take
		// hours; the guard closes connections that stall instead.
		IdleTimeout: 2 * time.Minute,
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	cfg.Logger.Info("mlscope shutting down: no new connections; finishing requests in flight",
		"grace", shutdownGrace)
	shutCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		srv.Close() // cut the transfers that did not finish in time
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
