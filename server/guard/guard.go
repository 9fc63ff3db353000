package guard

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"mlscope/app/mlflow"
)

// Defaults for the zero fields of Config.
const (
	// DefaultMaxBody bounds a JSON request body, as mlflow-go does. MLflow's
	// own limits on log-batch (1000 metrics, 100 params, 100 tags) are
	// counted by the handler and fit well inside.
	DefaultMaxBody = 16 << 20
	// DefaultMaxUpload bounds one artifact upload. Models can be large.
	DefaultMaxUpload = 64 << 30
	// DefaultMaxHeavy bounds heavy requests in flight.
	DefaultMaxHeavy = 16
	// DefaultIOTimeout is how long a body read or a response write may go
	// without moving a byte before the connection is closed.
	DefaultIOTimeout = 2 * time.Minute
	// heavyWait is how long a heavy request waits for a free slot before
	// it is refused.
	heavyWait = time.Second
)

// Config says what the guard enforces. The zero value allows the loopback
// names only, no cross-origin requests, no authentication, writes, and the
// default limits.
type Config struct {
	// ListenHost is the address the server listens on (--host); it
	// decides the default allowed hosts (see DefaultHosts).
	ListenHost string
	// AllowedHosts are the Host header values served (--allowed-hosts)
	// besides the loopback names; nil means the defaults for ListenHost.
	// "*" allows every host.
	AllowedHosts []string
	// AllowedOrigins may make cross-origin requests
	// (--cors-allowed-origins); "*" allows every origin.
	AllowedOrigins []string
	// ReadOnly refuses every request that could change the tree.
	ReadOnly bool
	// Users, when not nil, requires HTTP basic authentication.
	Users *Users
	// MaxHeavy bounds heavy requests in flight.
	MaxHeavy int
	// MaxBody bounds a request body other than an artifact upload.
	MaxBody int64
	// MaxUpload bounds one artifact upload.
	MaxUpload int64
	// IOTimeout is how long a transfer may stall.
	IOTimeout time.Duration
	// IsAPI tells API paths (refused in JSON) from pages (plain text); nil
	// takes paths under /api/ and /ajax-api/.
	IsAPI func(path string) bool
	// Logger receives refusals at Debug; nil discards.
	Logger *slog.Logger
}

// Guard is the middleware built from a Config. It is safe for concurrent
// use.
type Guard struct {
	next    http.Handler
	cfg     Config
	hosts   hostList
	origins originList
	auth    *authenticator
	heavy   chan struct{}
	log     *slog.Logger
}

// New wraps next in the checks that cfg asks for. It fails when an allowed
// host or origin cannot be read.
func New(cfg Config, next http.Handler) (*Guard, error) {
	g := &Guard{next: next, cfg: cfg, log: cfg.Logger}
	if g.log == nil {
		g.log = slog.New(slog.DiscardHandler)
	}
	if g.cfg.IsAPI == nil {
		g.cfg.IsAPI = func(p string) bool {
			return strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/ajax-api/")
		}
	}
	g.cfg.MaxHeavy = orDefault(cfg.MaxHeavy, DefaultMaxHeavy)
	g.cfg.MaxBody = orDefault(cfg.MaxBody, DefaultMaxBody)
	g.cfg.MaxUpload = orDefault(cfg.MaxUpload, DefaultMaxUpload)
	g.cfg.IOTimeout = orDefault(cfg.IOTimeout, DefaultIOTimeout)
	hosts := cfg.AllowedHosts
	if hosts == nil {
		hosts = DefaultHosts(cfg.ListenHost)
	}
	var herr, oerr error
	g.hosts, herr = parseHostList(hosts, cfg.AllowedHosts == nil && isWildcard(cfg.ListenHost))
	g.origins, oerr = parseOriginList(cfg.AllowedOrigins)
	if err := errors.Join(herr, oerr); err != nil {
		return nil, err
	}
	if cfg.Users != nil {
		g.auth = newAuthenticator(cfg.Users)
	}
	g.heavy = make(chan struct{}, g.cfg.MaxHeavy)
	return g, nil
}

// Check reports what New would refuse in cfg, so that a command line can
// be checked before the server starts.
func (cfg Config) Check() error {
	_, err := New(cfg, http.NotFoundHandler())
	return err
}

func orDefault[T int | int64 | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// ServeHTTP runs the checks in the order the package doc gives and hands
// the request on when all pass.
func (g *Guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// A write deadline left from the previous request on this connection
	// must not cut this answer short (see transfer.go).
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "SAMEORIGIN")
	if ref := g.checkHost(r); ref != nil {
		g.refuse(w, r, ref)
		return
	}
	done, ref := g.cors(w, r)
	if ref != nil {
		g.refuse(w, r, ref)
	}
	if done || ref != nil {
		return
	}
	for _, check := range []func(http.ResponseWriter, *http.Request) *refusal{
		g.authenticate, g.checkWrite, g.limitBody,
	} {
		if ref := check(w, r); ref != nil {
			g.refuse(w, r, ref)
			return
		}
	}
	release, ref := g.acquireHeavy(w, r)
	if ref != nil {
		g.refuse(w, r, ref)
		return
	}
	defer release()
	g.next.ServeHTTP(g.watchTransfer(w, r, rc))
}

// refusal is a request the guard answers itself.
type refusal struct {
	status int
	code   string // MLflow error code
	msg    string // for the user, in plain words
}

// refuse answers a refusal: MLflow's envelope on API paths, plain text on
// pages.
func (g *Guard) refuse(w http.ResponseWriter, r *http.Request, ref *refusal) {
	g.log.Debug("request refused", "method", r.Method, "path", r.URL.Path,
		"status", ref.status, "reason", ref.msg)
	if !g.cfg.IsAPI(r.URL.Path) {
		http.Error(w, ref.msg, ref.status)
		return
	}
	b, _ := json.Marshal(mlflow.Errorf(ref.code, "%s", ref.msg))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(ref.status)
	w.Write(b)
}
