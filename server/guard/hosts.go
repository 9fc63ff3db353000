package guard

import (
	"fmt"
	"net/http"
	"net/netip"
	"os"
	"strings"

	"mlscope/app/mlflow"
)

// The Host check defends against DNS rebinding: a page on an attacker's
// domain whose name is then made to resolve to this machine, so that the
// browser treats our server as the attacker's site. Such a request carries
// the attacker's name in its Host header, so only names need checking:
//
//   - the loopback names (localhost, 127.0.0.1, [::1]) are always allowed,
//     since no page can aim them at another machine;
//   - listening on one address, the default list adds that address;
//   - listening on every address (0.0.0.0 or ::), the default list adds
//     every IP address literal (a browser that sends one connected to
//     that address on purpose) and the machine's host name; a DNS name
//     that people use to reach the server must be given with
//     --allowed-hosts.
//
// An entry without a port allows every port; with a port, that port
// only. "*.example.com" allows the subdomains of example.com, "*" every
// host.

// loopbackNames are always allowed.
var loopbackNames = []string{"localhost", "127.0.0.1", "::1"}

// DefaultHosts returns the allowed hosts when --allowed-hosts is not
// given: the loopback names, and the listen address or, on a wildcard
// address, the machine's host name. (Any IP literal is also allowed then;
// New arranges that.)
func DefaultHosts(listenHost string) []string {
	hosts := append([]string(nil), loopbackNames...)
	if !isWildcard(listenHost) {
		return append(hosts, listenHost)
	}
	if name, err := os.Hostname(); err == nil && name != "" {
		hosts = append(hosts, name)
		if short, _, ok := strings.Cut(name, "."); ok && short != "" {
			hosts = append(hosts, short)
		}
	}
	return hosts
}

// isWildcard reports whether a listen address means every interface.
func isWildcard(host string) bool {
	switch strings.Trim(host, "[]") {
	case "", "0.0.0.0", "::":
		return true
	}
	return false
}

// hostList matches Host header values.
type hostList struct {
	any      bool            // "*"
	anyIP    bool            // every IP address literal
	names    map[string]bool // canonical host, any port
	withPort map[string]bool // canonical host + " " + port
	suffixes []string        // ".example.com" for "*.example.com"
}

// parseHostList reads the entries of --allowed-hosts, adding the loopback
// names. Unusable entries are errors, all of them reported.
func parseHostList(entries []string, anyIP bool) (hostList, error) {
	l := hostList{anyIP: anyIP, names: map[string]bool{}, withPort: map[string]bool{}}
	for _, n := range loopbackNames {
		l.names[n] = true
	}
	var bad []string
	for _, e := range entries {
		e = strings.TrimSpace(e)
		switch {
		case e == "":
		case e == "*":
			l.any = true
		case strings.HasPrefix(e, "*."):
			suffix, port, ok := splitHost(e[1:])
			if !ok || port != "" || strings.Contains(suffix, "*") {
				bad = append(bad, e)
				continue
			}
			l.suffixes = append(l.suffixes, suffix)
		default:
			host, port, ok := splitHost(e)
			if !ok || strings.Contains(host, "*") {
				bad = append(bad, e)
			} else if port == "" {
				l.names[host] = true
			} else {
				l.withPort[host+" "+port] = true
			}
		}
	}
	if len(bad) > 0 {
		return l, fmt.Errorf("allowed hosts: cannot read %q", bad)
	}
	return l, nil
}

// allows reports whether a Host header value is allowed.
func (l hostList) allows(hostHeader string) bool {
	if l.any {
		return true
	}
	host, port, ok := splitHost(hostHeader)
	if !ok {
		return false
	}
	if l.names[host] || (port != "" && l.withPort[host+" "+port]) {
		return true
	}
	if l.anyIP {
		if _, err := netip.ParseAddr(host); err == nil {
			return true
		}
	}
	for _, s := range l.suffixes {
		if strings.HasSuffix(host, s) && len(host) > len(s) {
			return true
		}
	}
	return false
}

// splitHost splits "host", "host:port", "[v6]" or "[v6]:port" into a
// canonical host (lower case, no final dot, IP addresses in their short
// form) and a port. An unbracketed IPv6 address is taken as a host without
// port, as people write them in --allowed-hosts.
func splitHost(s string) (host, port string, ok bool) {
	s = strings.ToLower(s)
	if a, err := netip.ParseAddr(s); err == nil && a.Is6() && a.Zone() == "" {
		return a.Unmap().String(), "", true
	}
	host = s
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", "", false
		}
		host, port = s[1:end], s[end+1:]
		if port != "" && port[0] != ':' {
			return "", "", false
		}
		if _, err := netip.ParseAddr(host); err != nil {
			return "", "", false
		}
		port = strings.TrimPrefix(port, ":")
	} else if i := strings.LastIndexByte(s, ':'); i >= 0 {
		host, port = s[:i], s[i+1:]
	}
	if strings.HasSuffix(s, ":") || !validPort(port) {
		return "", "", false
	}
	host = strings.TrimSuffix(host, ".")
	if a, err := netip.ParseAddr(host); err == nil {
		if a.Zone() != "" {
			return "", "", false
		}
		return a.Unmap().String(), port, true
	}
	if !isName(host) {
		return "", "", false
	}
	return host, port, true
}

// isName reports whether s is a lower-case DNS name: letters, digits,
// dots, hyphens and underscores (internationalized names travel in their
// xn-- form).
func isName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func validPort(p string) bool {
	if len(p) > 5 {
		return false
	}
	for _, c := range p {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// checkHost refuses a Host header that is not allowed. /health and
// /version answer any host, as MLflow's do, for load balancers' probes.
func (g *Guard) checkHost(r *http.Request) *refusal {
	if r.URL.Path == "/health" || r.URL.Path == "/version" || g.hosts.allows(r.Host) {
		return nil
	}
	return &refusal{http.StatusForbidden, mlflow.CodePermissionDenied, fmt.Sprintf(
		"Host %q is not allowed: if this is a name of this server, start mlscope with "+
			"--allowed-hosts %s (this check defends against DNS rebinding)",
		r.Host, hostOnly(r.Host))}
}

// hostOnly drops the port of a Host header for the hint in a refusal.
func hostOnly(h string) string {
	if host, _, ok := splitHost(h); ok {
		if strings.Contains(host, ":") {
			return "[" + host + "]"
		}
		return host
	}
	return "NAME"
}
