package guard

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
)

// An auth file (--auth-file) holds one account a line:
//
//	# comments and blank lines are ignored
//	alice:$pbkdf2-sha256$600000$<salt>$<key>
//
// The user name comes before the first colon; it may not be empty or hold
// spaces or control characters. `mlscope hash-password NAME` prints such a
// line. The file is read once, at startup.

// Users are the accounts of an auth file. A *Users is never changed after
// it is read and is safe for concurrent use.
type Users struct {
	byName map[string]pwHash
}

// Len returns the number of accounts.
func (u *Users) Len() int { return len(u.byName) }

// LoadUsers reads an auth file.
func LoadUsers(path string) (*Users, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read auth file: %w", err)
	}
	defer f.Close()
	u, err := ParseUsers(f)
	if err != nil {
		return nil, fmt.Errorf("auth file %s: %w", path, err)
	}
	return u, nil
}

// ParseUsers reads auth-file lines. It reports every bad line, by number,
// and refuses a file without accounts, with which nobody could log in.
func ParseUsers(r io.Reader) (*Users, error) {
	u := &Users{byName: map[string]pwHash{}}
	var errs []error
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, stored, ok := strings.Cut(line, ":")
		if !ok {
			errs = append(errs, fmt.Errorf("line %d: want NAME:HASH", n))
			continue
		}
		if err := CheckUserName(name); err != nil {
			errs = append(errs, fmt.Errorf("line %d: %w", n, err))
			continue
		}
		if _, dup := u.byName[name]; dup {
			errs = append(errs, fmt.Errorf("line %d: user %q appears twice", n, name))
			continue
		}
		h, err := parseHash(stored)
		if err != nil {
			errs = append(errs, fmt.Errorf("line %d: user %q: %w", n, name, err))
			continue
		}
		u.byName[name] = h
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, err)
	}
	if len(errs) == 0 && len(u.byName) == 0 {
		errs = append(errs, errors.New("no accounts"))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return u, nil
}

// CheckUserName says what is wrong with a user name, or returns nil. A
// name may hold any printable character but a colon (HTTP basic auth
// splits at the first one) and white space.
func CheckUserName(name string) error {
	if name == "" {
		return errors.New("empty user name")
	}
	for _, c := range name {
		if c == ':' || unicode.IsSpace(c) || !unicode.IsPrint(c) {
			return fmt.Errorf("user name %q: no colons, spaces or control characters", name)
		}
	}
	return nil
}
