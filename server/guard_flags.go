package main

import (
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"mlscope/server/guard"
)

// guardFlags are mlscope's flags for who may reach the server and how
// much it takes on at once; server/guard enforces them.
type guardFlags struct {
	allowedHosts string
	corsOrigins  string
	readOnly     bool
	authFile     string
	maxHeavy     int
	maxUpload    string
}

// addGuardFlags defines the guard's flags on fs.
func addGuardFlags(fs *flag.FlagSet, g *guardFlags) {
	fs.StringVar(&g.allowedHosts, "allowed-hosts", "",
		"comma-separated Host header values to serve besides localhost, 127.0.0.1 and "+
			"[::1]; *.domain allows subdomains, * every host (default: the --host "+
			"address; on 0.0.0.0 or ::, any IP address and this machine's name)")
	fs.StringVar(&g.corsOrigins, "cors-allowed-origins", "",
		"comma-separated origins (scheme://host[:port]) whose pages may call the API, "+
			"* for all; others cannot write and get no CORS headers")
	fs.BoolVar(&g.readOnly, "read-only", false,
		"refuse every request that would change the tracking data")
	fs.StringVar(&g.authFile, "auth-file", "",
		"require HTTP basic auth for the users in `FILE` (lines NAME:HASH made by "+
			"mlscope hash-password); /health stays open")
	fs.IntVar(&g.maxHeavy, "max-heavy-requests", guard.DefaultMaxHeavy,
		"run searches, artifact transfers and bulk metric reads served at once; "+
			"more wait a second, then get 503")
	fs.StringVar(&g.maxUpload, "max-upload-size", guard.FormatSize(guard.DefaultMaxUpload),
		"largest artifact upload, such as 512M or 64G")
}

// config turns the flags into the guard's configuration, reading the auth
// file. listenHost is --host.
func (g guardFlags) config(listenHost string, log *slog.Logger) (guard.Config, error) {
	if listenHost == "" {
		listenHost = "0.0.0.0"
	}
	cfg := guard.Config{
		ListenHost:     listenHost,
		AllowedOrigins: splitList(g.corsOrigins),
		ReadOnly:       g.readOnly,
		MaxHeavy:       g.maxHeavy,
		Logger:         log,
	}
	if g.allowedHosts != "" {
		cfg.AllowedHosts = splitList(g.allowedHosts)
	}
	if g.maxHeavy < 1 {
		return cfg, usageError{fmt.Sprintf("--max-heavy-requests %d: want 1 or more", g.maxHeavy)}
	}
	n, err := guard.ParseSize(g.maxUpload)
	if err != nil {
		return cfg, usageError{"--max-upload-size: " + err.Error()}
	}
	cfg.MaxUpload = n
	if err := cfg.Check(); err != nil {
		return cfg, usageError{err.Error()}
	}
	if g.authFile != "" {
		if cfg.Users, err = guard.LoadUsers(g.authFile); err != nil {
			return cfg, err
		}
		log.Info("basic authentication on", "path", g.authFile, "users", cfg.Users.Len())
	}
	return cfg, nil
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
