package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"mlscope/server/mlruns"
	"mlscope/server/web"
)

// serverFlags are mlflow server's flags that mlscope honours.
type serverFlags struct {
	backendStoreURI      string
	host                 string
	port                 int
	artifactsDestination string
	defaultArtifactRoot  string
	serveArtifacts       bool
	noServeArtifacts     bool
	logLevel             string
	indexCache           string
	noIndexCache         bool
	guard                guardFlags
}

func parseServerFlags(args []string, stderr io.Writer) (serverFlags, error) {
	var f serverFlags
	fs := flag.NewFlagSet("mlscope server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.backendStoreURI, "backend-store-uri", "./mlruns",
		"the mlruns folder to serve, as a path or a file: URI")
	fs.StringVar(&f.host, "host", "127.0.0.1", "the address to listen on")
	fs.IntVar(&f.port, "port", 5000, "the port to listen on (0 picks a free one)")
	fs.StringVar(&f.artifactsDestination, "artifacts-destination", "./mlartifacts",
		"where mlflow-artifacts: URIs are stored")
	fs.StringVar(&f.defaultArtifactRoot, "default-artifact-root", "",
		"artifact root of new experiments (default mlflow-artifacts:/ when serving "+
			"artifacts, else the tree itself)")
	fs.BoolVar(&f.serveArtifacts, "serve-artifacts", true,
		"proxy artifact uploads and downloads through this server")
	fs.BoolVar(&f.noServeArtifacts, "no-serve-artifacts", false,
		"do not proxy artifacts: new runs get local artifact paths")
	fs.StringVar(&f.indexCache, "index-cache", mlruns.DefaultIndexCacheDir(),
		"where the persisted index is kept (outside the tree)")
	fs.BoolVar(&f.noIndexCache, "no-index-cache", false, "do not persist the index")
	addGuardFlags(fs, &f.guard)
	fs.StringVar(&f.logLevel, "log-level", "info", "debug, info, warn or error")
	if help, err := parseCommand(fs, args); err != nil {
		return f, err
	} else if help {
		return f, flag.ErrHelp
	}
	if f.noServeArtifacts {
		f.serveArtifacts = false
	}
	if f.defaultArtifactRoot == "" && f.serveArtifacts {
		f.defaultArtifactRoot = "mlflow-artifacts:/"
	}
	if f.port < 0 || f.port > 65535 {
		return f, usageError{fmt.Sprintf("--port %d is not a port number", f.port)}
	}
	return f, nil
}

// storePath turns --backend-store-uri into a folder: a plain path, or a
// file: URI (file:///abs/path, file:relative).
func storePath(uri string) (string, error) {
	if !strings.HasPrefix(uri, "file:") {
		if i := strings.Index(uri, "://"); i > 0 {
			return "", usageError{fmt.Sprintf(
				"--backend-store-uri %q: only local folders and file: URIs are supported", uri)}
		}
		return uri, nil
	}
	u, err := url.Parse(uri)
	if err != nil {
		return "", usageError{fmt.Sprintf("--backend-store-uri %q: %v", uri, err)}
	}
	if u.Opaque != "" {
		return u.Opaque, nil
	}
	return u.Path, nil
}

func runServer(ctx context.Context, args []string, stderr io.Writer, ready chan<- string) error {
	f, err := parseServerFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(f.logLevel)); err != nil {
		return usageError{fmt.Sprintf("--log-level %q: %v", f.logLevel, err)}
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	guardCfg, err := f.guard.config(f.host, log)
	if err != nil {
		return err
	}
	root, err := storePath(f.backendStoreURI)
	if err != nil {
		return err
	}
	if !f.serveArtifacts && f.defaultArtifactRoot == "" && !strings.HasPrefix(f.backendStoreURI, "file:") {
		// MLflow roots artifacts in the tree then, written as the tree was
		// given: a plain path becomes a plain absolute path, a file: URI
		// stays one (the store's default).
		if f.defaultArtifactRoot, err = filepath.Abs(root); err != nil {
			return fmt.Errorf("resolve %s: %w", root, err)
		}
	}
	store, err := mlruns.Open(root, mlruns.Options{
		ArtifactsDestination: f.artifactsDestination,
		DefaultArtifactRoot:  f.defaultArtifactRoot,
		Logger:               log,
	})
	if err != nil {
		return err
	}
	cacheDir := f.indexCache
	if f.noIndexCache {
		cacheDir = ""
	}
	idxCtx, stopIndex := context.WithCancel(ctx)
	indexStopped := store.StartIndex(idxCtx, mlruns.IndexOptions{CacheDir: cacheDir, Logger: log}, nil)
	defer func() {
		stopIndex()
		<-indexStopped
	}()
	ln, err := net.Listen("tcp", net.JoinHostPort(f.host, strconv.Itoa(f.port)))
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	addr := ln.Addr().String()
	log.Info("mlscope serving", "url", "http://"+addr, "mlruns", store.Root(), "version", version)
	if ready != nil {
		ready <- addr
	}
	err = web.Run(ctx, ln, web.Config{Store: store, Version: version, Logger: log,
		ServeArtifacts: f.serveArtifacts, Guard: guardCfg})
	log.Info("mlscope stopped")
	return err
}
