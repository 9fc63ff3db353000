package guard

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// Passwords are stored as PBKDF2-HMAC-SHA256 hashes (RFC 8018), written
//
//	$pbkdf2-sha256$<iterations>$<salt>$<key>
//
// with salt and key in unpadded standard base64. PBKDF2 is in the
// standard library (crypto/pbkdf2), so mlscope needs no bcrypt or scrypt
// dependency; at 600,000 iterations (OWASP's current advice for this hash)
// one guess costs a few hundred milliseconds of CPU. The iteration count
// is stored with each hash, so stronger settings need no format change.

const (
	hashScheme = "pbkdf2-sha256"
	// HashIterations is the work factor of new hashes.
	HashIterations = 600_000
	saltLen        = 16
	keyLen         = 32
	// The bounds keep a mistyped or hostile file from making every login
	// free or from making one cost minutes.
	minIterations = 10_000
	maxIterations = 10_000_000
)

// pwHash is a parsed password hash.
type pwHash struct {
	iter      int
	salt, key []byte
}

// HashPassword returns the stored form of a password, with a new random
// salt and HashIterations iterations.
func HashPassword(password string) (string, error) {
	return hashWith(password, HashIterations)
}

func hashWith(password string, iter int) (string, error) {
	salt := make([]byte, saltLen)
	rand.Read(salt) // never fails (crypto/rand panics rather)
	key, err := pbkdf2.Key(sha256.New, password, salt, iter, keyLen)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$%s$%d$%s$%s", hashScheme, iter,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// parseHash reads the stored form. Its errors name the part that is wrong
// and never repeat the hash.
func parseHash(s string) (pwHash, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 5 || parts[0] != "" {
		return pwHash{}, fmt.Errorf("want $%s$ITERATIONS$SALT$KEY", hashScheme)
	}
	if parts[1] != hashScheme {
		return pwHash{}, fmt.Errorf("unknown hash scheme %.20q (mlscope reads %s)",
			parts[1], hashScheme)
	}
	iter, err := strconv.Atoi(parts[2])
	if err != nil || iter < minIterations || iter > maxIterations {
		return pwHash{}, fmt.Errorf("iterations must be a number from %d to %d",
			minIterations, maxIterations)
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[3])
	if err != nil || len(salt) < 8 || len(salt) > 64 {
		return pwHash{}, fmt.Errorf("salt must be 8 to 64 bytes of unpadded base64")
	}
	key, err := enc.DecodeString(parts[4])
	if err != nil || len(key) < 16 || len(key) > 64 {
		return pwHash{}, fmt.Errorf("key must be 16 to 64 bytes of unpadded base64")
	}
	return pwHash{iter: iter, salt: salt, key: key}, nil
}

// matches reports, in constant time over the key, whether password hashes
// to h.
func (h pwHash) matches(password string) bool {
	key, err := pbkdf2.Key(sha256.New, password, h.salt, h.iter, len(h.key))
	return err == nil && subtle.ConstantTimeCompare(key, h.key) == 1
}
