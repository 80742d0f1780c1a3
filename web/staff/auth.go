package staff

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: OWASP's minimum recommendation (19 MiB, two
// passes, one lane), about 40 ms on one core of the reference machine.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword returns the argon2id hash of password in the PHC string
// format, with a fresh random salt.
func HashPassword(password string) (string, error) {
	if utf8.RuneCountInString(password) < MinPasswordLen {
		return "", fmt.Errorf("%w: use at least %d characters", ErrWeakSecret, MinPasswordLen)
	}
	salt := make([]byte, 16)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches hash, in constant time.
func CheckPassword(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || m > 1<<20 || t == 0 || t > 16 || p == 0 {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is checked against when the login does not exist, so that a
// wrong login costs as long as a wrong password and reveals nothing.
var dummyHash, _ = HashPassword("not a real password, only for timing")

// Auth signs staff in and out.
type Auth struct {
	Store Store
	// SessionTTL is how long a session lasts; 0 means 8 hours, a shift.
	SessionTTL time.Duration
	// MaxFailures failed sign-ins within FailureWindow lock the account
	// name and the client address out for the rest of the window; zeros
	// mean 5 in 15 minutes.
	MaxFailures   int
	FailureWindow time.Duration
	Now           func() time.Time

	mu       sync.Mutex
	failures map[string][]time.Time
}

func (a *Auth) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

// Login checks login and password from the client at addr and opens a
// session, returning its token for the cookie.
func (a *Auth) Login(ctx context.Context, login, password, addr string) (string, *User, error) {
	login = strings.ToLower(strings.TrimSpace(login))
	keys := []string{"login:" + login, "addr:" + addr}
	if a.throttled(keys...) {
		return "", nil, ErrThrottled
	}
	u, err := a.Store.UserByLogin(ctx, login)
	switch {
	case errors.Is(err, ErrNotFound):
		CheckPassword(dummyHash, password)
		a.fail(keys...)
		return "", nil, ErrBadLogin
	case err != nil:
		return "", nil, err
	}
	if !CheckPassword(u.PasswordHash, password) || u.Disabled {
		a.fail(keys...)
		a.Store.Audit(ctx, &AuditEvent{Actor: login, Action: "login.failed", Target: "user:" + login})
		return "", nil, ErrBadLogin
	}
	a.clear(keys[0])
	token := make([]byte, 32)
	rand.Read(token)
	now := a.now()
	ttl := a.SessionTTL
	if ttl <= 0 {
		ttl = 8 * time.Hour
	}
	s := &Session{TokenHash: hashToken(token), UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	if err := a.Store.CreateSession(ctx, s); err != nil {
		return "", nil, err
	}
	a.Store.Audit(ctx, &AuditEvent{Actor: u.Login, Action: "login", Target: "user:" + u.Login})
	return base64.RawURLEncoding.EncodeToString(token), u, nil
}

// Authenticate returns the user of a session token, or ErrNoSession for
// a forged, expired or revoked one, or a disabled account.
func (a *Auth) Authenticate(ctx context.Context, token string) (*User, error) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) != 32 {
		return nil, ErrNoSession
	}
	s, err := a.Store.Session(ctx, hashToken(raw), a.now())
	if err != nil {
		return nil, err
	}
	u, err := a.Store.User(ctx, s.UserID)
	if errors.Is(err, ErrNotFound) || (err == nil && u.Disabled) {
		return nil, ErrNoSession
	}
	return u, err
}

// Logout ends the session of token.
func (a *Auth) Logout(ctx context.Context, token string) error {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return nil
	}
	return a.Store.DeleteSession(ctx, hashToken(raw))
}

// SessionMatches reports whether token is the session whose hash is h.
func SessionMatches(token string, h []byte) bool {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	return err == nil && bytes.Equal(hashToken(raw), h)
}

func hashToken(token []byte) []byte {
	h := sha256.Sum256(token)
	return h[:]
}

func (a *Auth) limits() (int, time.Duration) {
	n, w := a.MaxFailures, a.FailureWindow
	if n <= 0 {
		n = 5
	}
	if w <= 0 {
		w = 15 * time.Minute
	}
	return n, w
}

// throttled reports whether any key has too many recent failures, and
// forgets failures older than the window.
func (a *Auth) throttled(keys ...string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	n, w := a.limits()
	cut := a.now().Add(-w)
	for _, k := range keys {
		fs := a.failures[k]
		for len(fs) > 0 && fs[0].Before(cut) {
			fs = fs[1:]
		}
		if len(fs) == 0 {
			delete(a.failures, k)
		} else {
			a.failures[k] = fs
		}
		if len(fs) >= n {
			return true
		}
	}
	return false
}

func (a *Auth) fail(keys ...string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.failures == nil {
		a.failures = map[string][]time.Time{}
	}
	if len(a.failures) > 100_000 {
		// Bounded memory under a spray of made-up names: start over.
		clear(a.failures)
	}
	now := a.now()
	for _, k := range keys {
		a.failures[k] = append(a.failures[k], now)
	}
}

func (a *Auth) clear(key string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.failures, key)
}
