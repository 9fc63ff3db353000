package guard

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"net/http"
	"runtime"
	"sync"

	"mlscope/app/mlflow"
)

// HTTP basic authentication. MLflow's clients send it when
// MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD are set; browsers
// ask for it when a 401 carries WWW-Authenticate. Everything but /health
// and CORS preflights (which browsers send without credentials) needs it.
//
// A slow hash per request would make every metric a client logs cost a
// few hundred milliseconds, so credentials that verified once are
// remembered, in memory only, as an HMAC under a key made at startup.
// Wrong credentials are never remembered and always cost a full hash; at
// most GOMAXPROCS hashes run at once, so guessing cannot starve the
// server of CPU. An unknown user costs the same hash as a known one, so
// timing does not tell which names exist.

// rememberMax bounds the remembered credentials; past it the memory is
// cleared and fills again.
const rememberMax = 1024

// authRealm names the protection space in the browser's login dialog.
const authRealm = `Basic realm="mlscope"`

type authenticator struct {
	users *Users
	dummy pwHash // hashed for unknown users
	key   []byte // HMAC key of the remembered credentials
	slots chan struct{}

	mu   sync.Mutex
	good map[[sha256.Size]byte]bool
}

func newAuthenticator(u *Users) *authenticator {
	a := &authenticator{users: u, key: make([]byte, 32),
		slots: make(chan struct{}, runtime.GOMAXPROCS(0)),
		good:  map[[sha256.Size]byte]bool{}}
	rand.Read(a.key)
	a.dummy = pwHash{iter: HashIterations, salt: make([]byte, saltLen), key: make([]byte, keyLen)}
	for _, h := range u.byName {
		a.dummy.iter = h.iter // cost like a real account
		break
	}
	return a
}

// verify reports whether the credentials name an account and its password.
// It gives up (false) when the request is cancelled while it waits.
func (a *authenticator) verify(r *http.Request, user, password string) bool {
	mac := hmac.New(sha256.New, a.key)
	// A user name holds no colon, so "user:password" is unambiguous.
	mac.Write([]byte(user + ":" + password))
	var sum [sha256.Size]byte
	copy(sum[:], mac.Sum(nil))
	a.mu.Lock()
	known := a.good[sum]
	a.mu.Unlock()
	if known {
		return true
	}
	select {
	case a.slots <- struct{}{}:
	case <-r.Context().Done():
		return false
	}
	h, exists := a.users.byName[user]
	if !exists {
		h = a.dummy
	}
	ok := h.matches(password) && exists
	<-a.slots
	if ok {
		a.mu.Lock()
		if len(a.good) >= rememberMax {
			clear(a.good)
		}
		a.good[sum] = true
		a.mu.Unlock()
	}
	return ok
}

// authenticate refuses requests without valid credentials with 401 and a
// WWW-Authenticate challenge.
func (g *Guard) authenticate(w http.ResponseWriter, r *http.Request) *refusal {
	if g.auth == nil || r.URL.Path == "/health" {
		return nil
	}
	user, password, ok := r.BasicAuth()
	msg := "authentication required: this mlscope server asks for a user name and " +
		"password (MLflow clients: set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)"
	if ok {
		if g.auth.verify(r, user, password) {
			return nil
		}
		msg = "wrong user name or password"
	}
	w.Header().Set("WWW-Authenticate", authRealm)
	return &refusal{http.StatusUnauthorized, mlflow.CodeUnauthenticated, msg}
}
