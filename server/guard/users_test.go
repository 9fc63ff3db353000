package guard

import (
	"os"
	"strings"
	"testing"
)

// quickHash hashes with the fewest iterations parseHash accepts, to keep
// tests fast.
func quickHash(t testing.TB, password string) string {
	t.Helper()
	h, err := hashWith(password, minIterations)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestParseUsers(t *testing.T) {
	good := quickHash(t, "s3cret")
	tests := []struct {
		name    string
		file    string
		users   int
		wantErr string // "" for success
	}{
		{"one user", "alice:" + good + "\n", 1, ""},
		{"comments, blanks, CRLF and no final newline",
			"# mlscope users\r\n\r\nalice:" + good + "\r\n  bob:" + good, 2, ""},
		{"empty file", "", 0, "no accounts"},
		{"only comments", "# nobody\n", 0, "no accounts"},
		{"no colon", "alice\n", 0, "line 1: want NAME:HASH"},
		{"empty name", ":" + good, 0, "line 1: empty user name"},
		{"space in name", "al ice:" + good, 0, "no colons, spaces"},
		{"duplicate", "a:" + good + "\na:" + good, 0, "line 2: user \"a\" appears twice"},
		{"plain password", "alice:s3cret", 0, "want $pbkdf2-sha256$"},
		{"other scheme", "alice:$2b$10$abcdefghijklmnopqrstuv", 0, "want $pbkdf2-sha256$"},
		{"unknown scheme", "alice:$argon2id$1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5", 0, "unknown hash scheme"},
		{"too few iterations", "alice:" + strings.Replace(good, "$10000$", "$1$", 1), 0,
			"iterations must be"},
		{"bad salt", "alice:$pbkdf2-sha256$10000$!!$" + good[len(good)-43:], 0, "salt must be"},
		// every bad line is reported, not only the first
		{"all errors", "x\ny\n", 0, "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := ParseUsers(strings.NewReader(tt.file))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseUsers(%q) error %v, want one containing %q", tt.file, err, tt.wantErr)
				}
				if strings.Contains(err.Error(), good) {
					t.Errorf("error repeats the hash: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseUsers(%q): %v", tt.file, err)
			}
			if u.Len() != tt.users {
				t.Errorf("ParseUsers(%q) read %d users, want %d", tt.file, u.Len(), tt.users)
			}
		})
	}
}

func TestPasswordHash(t *testing.T) {
	stored := quickHash(t, "correct horse")
	h, err := parseHash(stored)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, password string
		want           bool
	}{
		{"right", "correct horse", true},
		{"wrong", "correct horse ", false},
		{"empty", "", false},
	} {
		if got := h.matches(tt.password); got != tt.want {
			t.Errorf("%s: matches(%q) = %v, want %v", tt.name, tt.password, got, tt.want)
		}
	}
	if again := quickHash(t, "correct horse"); again == stored {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

// TestUsersTestdata reads the example file made by `mlscope
// hash-password` (see testdata/README.md).
func TestUsersTestdata(t *testing.T) {
	u, err := LoadUsers("testdata/users.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !u.byName["alice"].matches("wonderland") {
		t.Error("alice's password from testdata/README.md does not match")
	}
}

// FuzzParseUsers checks that the auth-file parser never panics and that
// what it accepts holds only valid names and usable hashes.
func FuzzParseUsers(f *testing.F) {
	if b, err := os.ReadFile("testdata/users.txt"); err == nil {
		f.Add(string(b))
	}
	f.Add("alice:$pbkdf2-sha256$10000$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5\n#x\n\n")
	f.Add("a:b:c\n:$\n$$$$\n")
	f.Fuzz(func(t *testing.T, file string) {
		u, err := ParseUsers(strings.NewReader(file))
		if err != nil {
			return
		}
		for name, h := range u.byName {
			if CheckUserName(name) != nil {
				t.Errorf("accepted bad name %q", name)
			}
			if h.iter < minIterations || h.iter > maxIterations || len(h.salt) < 8 || len(h.key) < 16 {
				t.Errorf("accepted weak hash for %q: %+v", name, h)
			}
		}
	})
}
