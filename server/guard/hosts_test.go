package guard

import (
	"strings"
	"testing"
)

func TestHostList(t *testing.T) {
	specific := []string{"192.168.1.5"}
	named := []string{"mlflow.example.com", "ci.example.com:8443", "*.lab.example", "fd00::7"}
	tests := []struct {
		name    string
		entries []string
		anyIP   bool
		host    string
		want    bool
	}{
		{"localhost with port", specific, false, "localhost:5000", true},
		{"localhost without port", specific, false, "localhost", true},
		{"localhost in capitals", specific, false, "LocalHost:5000", true},
		// a fully qualified name with its final dot names the same host
		{"localhost with final dot", specific, false, "localhost.:5000", true},
		{"loopback v4", specific, false, "127.0.0.1:5000", true},
		{"loopback v6", specific, false, "[::1]:5000", true},
		{"loopback v6 without port", specific, false, "[::1]", true},
		{"loopback v6 long form", specific, false, "[0:0:0:0:0:0:0:1]:5000", true},
		{"listen address", specific, false, "192.168.1.5:5000", true},
		{"other address", specific, false, "192.168.1.6:5000", false},
		{"rebinding name", specific, false, "evil.example:5000", false},
		{"empty host", specific, false, "", false},
		{"name any port", named, false, "mlflow.example.com:1234", true},
		{"name without port", named, false, "mlflow.example.com", true},
		{"name with right port", named, false, "ci.example.com:8443", true},
		{"name with wrong port", named, false, "ci.example.com:80", false},
		{"name without its port", named, false, "ci.example.com", false},
		{"subdomain", named, false, "gpu1.lab.example:5000", true},
		{"the suffix domain itself", named, false, "lab.example", false},
		{"lookalike suffix", named, false, "evillab.example", false},
		{"v6 entry without brackets", named, false, "[fd00::7]:5000", true},
		{"name as prefix of evil", named, false, "mlflow.example.com.evil.example", false},
		{"any IP on a wildcard listen", nil, true, "10.1.2.3:5000", true},
		{"any v6 on a wildcard listen", nil, true, "[fe80::1]:5000", true},
		{"names still checked on a wildcard listen", nil, true, "evil.example", false},
		{"IP-like name", nil, true, "127.0.0.1.evil.example", false},
		{"star allows all", []string{"*"}, false, "anything.example", true},
		{"bad port", specific, false, "localhost:http", false},
		{"empty port", specific, false, "localhost:", false},
		{"user info", specific, false, "x@localhost", false},
		{"unclosed bracket", specific, false, "[::1:5000", false},
		{"zone", specific, false, "[fe80::1%25eth0]:5000", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := parseHostList(tt.entries, tt.anyIP)
			if err != nil {
				t.Fatal(err)
			}
			if got := l.allows(tt.host); got != tt.want {
				t.Errorf("allows(%q) with %q = %v, want %v", tt.host, tt.entries, got, tt.want)
			}
		})
	}
}

func TestHostListErrors(t *testing.T) {
	for _, e := range []string{"ex ample.com", "a:b:c:d:port", "*.lab:80", "[::1", "host:99999x",
		"*foo.com", "a/b"} {
		if _, err := parseHostList([]string{e}, false); err == nil {
			t.Errorf("parseHostList(%q) succeeded, want an error", e)
		}
	}
}

func TestDefaultHosts(t *testing.T) {
	got := DefaultHosts("10.0.0.8")
	if strings.Join(got, ",") != "localhost,127.0.0.1,::1,10.0.0.8" {
		t.Errorf("DefaultHosts(10.0.0.8) = %q", got)
	}
	for _, h := range []string{"0.0.0.0", "::", "[::]", ""} {
		if !isWildcard(h) {
			t.Errorf("isWildcard(%q) = false", h)
		}
	}
}

// FuzzHostMatch checks that matching never panics, ignores letter case,
// and that every entry that parses allows the host it names.
func FuzzHostMatch(f *testing.F) {
	for _, s := range []string{"localhost:5000", "[::1]:80", "127.0.0.1", "evil.example",
		"Mlflow.Example.com:8443", "[fe80::1%25eth0]:1", "::ffff:127.0.0.1", "a.b.", ":80", "[]"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, entry, host string) {
		l, err := parseHostList([]string{entry}, true)
		got := l.allows(host)
		// Host headers are ASCII (IDNA); case folding elsewhere is not ours.
		if isASCII(host) && got != l.allows(strings.ToUpper(host)) {
			t.Errorf("allows(%q) depends on letter case", host)
		}
		if err == nil && entry != "" && entry == strings.TrimSpace(entry) &&
			!strings.Contains(entry, "*") && !l.allows(entry) {
			t.Errorf("entry %q does not allow itself", entry)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
