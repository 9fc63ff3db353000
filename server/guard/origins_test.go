package guard

import (
	"strings"
	"testing"
)

func TestSameOrigin(t *testing.T) {
	tests := []struct {
		name, origin, host string
		want               bool
	}{
		{"same host and port", "http://127.0.0.1:5000", "127.0.0.1:5000", true},
		{"letter case", "http://LOCALHOST:5000", "localhost:5000", true},
		{"default port written out", "http://example.com", "example.com:80", true},
		// a TLS proxy in front: the browser says https, we see the Host it forwards
		{"https through a proxy", "https://mlflow.example.com", "mlflow.example.com", true},
		{"https default port", "https://mlflow.example.com", "mlflow.example.com:443", true},
		{"v6", "http://[::1]:5000", "[::1]:5000", true},
		{"other port", "http://127.0.0.1:3000", "127.0.0.1:5000", false},
		{"other host", "http://evil.example", "127.0.0.1:5000", false},
		{"null origin", "null", "127.0.0.1:5000", false},
		{"origin with a path", "http://127.0.0.1:5000/x", "127.0.0.1:5000", false},
		{"file origin", "file://", "127.0.0.1:5000", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sameOrigin(tt.origin, tt.host); got != tt.want {
				t.Errorf("sameOrigin(%q, %q) = %v, want %v", tt.origin, tt.host, got, tt.want)
			}
		})
	}
}

func TestOriginList(t *testing.T) {
	l, err := parseOriginList([]string{"https://app.example.com", "http://localhost:3000/"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, origin string
		want         bool
	}{
		{"listed", "https://app.example.com", true},
		{"listed with default port", "https://app.example.com:443", true},
		{"listed, final slash in the flag", "http://localhost:3000", true},
		{"other scheme", "http://app.example.com", false},
		{"other port", "https://app.example.com:8443", false},
		{"subdomain", "https://x.app.example.com", false},
		{"null", "null", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := l.allows(tt.origin); got != tt.want {
				t.Errorf("allows(%q) = %v, want %v", tt.origin, got, tt.want)
			}
		})
	}
	for _, bad := range []string{"app.example.com", "ftp://x", "https://x/path", "https://u@x"} {
		if _, err := parseOriginList([]string{bad}); err == nil {
			t.Errorf("parseOriginList(%q) succeeded, want an error", bad)
		}
	}
}

// FuzzOriginMatch checks that origin matching never panics, that a listed
// origin allows itself, and that "http://" + a Host is same-origin with
// that Host.
func FuzzOriginMatch(f *testing.F) {
	for _, s := range []string{"http://127.0.0.1:5000", "https://[::1]", "null", "http://a:b@c",
		"HTTP://Example.COM:80/", "https://x.example:443"} {
		f.Add(s, "127.0.0.1:5000")
	}
	f.Fuzz(func(t *testing.T, origin, host string) {
		l, err := parseOriginList([]string{origin})
		if err == nil && strings.TrimSpace(origin) != "" && !l.allows(strings.TrimSpace(origin)) {
			t.Errorf("listed origin %q does not allow itself", origin)
		}
		sameOrigin(origin, host)
		if _, _, ok := splitHost(host); ok && isASCII(host) &&
			!strings.ContainsAny(host, "/?#@%\\") && !sameOrigin("http://"+host, host) {
			t.Errorf("http://%s is not same-origin with Host %q", host, host)
		}
	})
}
