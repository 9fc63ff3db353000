package guard

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"mlscope/app/mlflow"
)

// The cross-origin policy. Browsers send an Origin header on cross-origin
// requests and on same-origin writes. A request whose Origin names this
// very server (its host and port equal the Host header; the scheme is not
// compared, so that a TLS proxy in front changes nothing) is ours. For any
// other origin:
//
//   - allowed origins (--cors-allowed-origins) get CORS headers, and their
//     preflights are answered;
//   - other origins may not write (POST, PUT, PATCH, DELETE: 403) and get
//     no CORS headers on reads, so the browser keeps the answer from the
//     page.
//
// Explicitly listed origins may send credentials (basic auth); "*" allows
// every origin but without credentials, since a browser refuses
// credentials with a wildcard and reflecting every origin would hand the
// user's login to any site.

// originList holds the allowed origins, canonical ("https://host:8443").
type originList struct {
	any bool
	set map[string]bool
}

func parseOriginList(entries []string) (originList, error) {
	l := originList{set: map[string]bool{}}
	var bad []string
	for _, e := range entries {
		e = strings.TrimSpace(e)
		switch {
		case e == "":
		case e == "*":
			l.any = true
		default:
			o, ok := canonicalOrigin(e)
			if !ok {
				bad = append(bad, e)
				continue
			}
			l.set[o.String()] = true
		}
	}
	if len(bad) > 0 {
		return l, fmt.Errorf("allowed origins: cannot read %q (want scheme://host[:port])", bad)
	}
	return l, nil
}

func (l originList) allows(origin string) bool {
	if l.any {
		return true
	}
	o, ok := canonicalOrigin(origin)
	return ok && l.set[o.String()]
}

// origin is a parsed Origin: scheme, canonical host, port ("" for the
// scheme's default).
type origin struct{ scheme, host, port string }

func (o origin) String() string {
	h := o.host
	if strings.Contains(h, ":") {
		h = "[" + h + "]"
	}
	if o.port != "" {
		h += ":" + o.port
	}
	return o.scheme + "://" + h
}

// canonicalOrigin reads "scheme://host[:port]" (a final slash is
// tolerated in configuration). Only http and https origins exist for our
// purpose; "null" and anything else do not parse.
func canonicalOrigin(s string) (origin, bool) {
	u, err := url.Parse(strings.TrimSuffix(s, "/"))
	if err != nil || u.User != nil || u.Path != "" || u.RawQuery != "" || u.Fragment != "" ||
		u.Opaque != "" {
		return origin{}, false
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return origin{}, false
	}
	host, port, ok := splitHost(u.Host)
	if !ok {
		return origin{}, false
	}
	if port == defaultPort(scheme) {
		port = ""
	}
	return origin{scheme, host, port}, true
}

func defaultPort(scheme string) string {
	if scheme == "https" {
		return "443"
	}
	return "80"
}

// sameOrigin reports whether an Origin header names the server the request
// was sent to.
func sameOrigin(originHeader, hostHeader string) bool {
	o, ok := canonicalOrigin(originHeader)
	if !ok {
		return false
	}
	host, port, ok := splitHost(hostHeader)
	if !ok {
		return false
	}
	if port == defaultPort(o.scheme) {
		port = ""
	}
	return host == o.host && port == o.port
}

// isWriteMethod reports whether a method may change state.
func isWriteMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

// cors applies the cross-origin policy. done means the request (a
// preflight) has been answered.
func (g *Guard) cors(w http.ResponseWriter, r *http.Request) (done bool, ref *refusal) {
	o := r.Header.Get("Origin")
	if o == "" || sameOrigin(o, r.Host) {
		return false, nil
	}
	preflight := r.Method == http.MethodOptions &&
		r.Header.Get("Access-Control-Request-Method") != ""
	if !g.origins.allows(o) {
		if preflight || isWriteMethod(r.Method) {
			return false, &refusal{http.StatusForbidden, mlflow.CodePermissionDenied, fmt.Sprintf(
				"cross-origin request from %s refused; to allow it, start mlscope with "+
					"--cors-allowed-origins %s", o, o)}
		}
		return false, nil
	}
	h := w.Header()
	h.Add("Vary", "Origin")
	if g.origins.any {
		h.Set("Access-Control-Allow-Origin", "*")
	} else {
		h.Set("Access-Control-Allow-Origin", o)
		h.Set("Access-Control-Allow-Credentials", "true")
	}
	if !preflight {
		h.Set("Access-Control-Expose-Headers", "Content-Disposition, Retry-After")
		return false, nil
	}
	h.Set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE")
	allowHeaders := r.Header.Get("Access-Control-Request-Headers")
	if allowHeaders == "" {
		allowHeaders = "Authorization, Content-Type"
	}
	h.Set("Access-Control-Allow-Headers", allowHeaders)
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
	return true, nil
}
