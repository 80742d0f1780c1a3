// Package staff holds the accounts of the people who run Sportello
// (administrators, editors, operators), their teams with opening hours,
// their sign-in sessions and the audit log of what they do.
//
// Passwords are hashed with argon2id. A session is a random token the
// browser keeps in an HttpOnly cookie; the store keeps only its SHA-256,
// so a copy of the database opens no session. Failed sign-ins are
// throttled per account and per client address.
package staff

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is what a staff member may do.
type Role string

// Roles. An admin may do everything; an editor curates the knowledge
// base; an operator works the handoff queue.
const (
	RoleAdmin    Role = "admin"
	RoleEditor   Role = "editor"
	RoleOperator Role = "operator"
)

// Roles lists the roles in order of power.
var Roles = []Role{RoleAdmin, RoleEditor, RoleOperator}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// User is a staff account.
type User struct {
	ID    int64
	Login string
	Name  string
	Role  Role
	// Teams are the ids of the teams the user works in; Langs the
	// languages an operator can reply in.
	Teams        []string
	Langs        []string
	Disabled     bool
	PasswordHash string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Can reports whether the user holds one of roles; an admin holds all.
func (u *User) Can(roles ...Role) bool {
	if u == nil || u.Disabled {
		return false
	}
	return u.Role == RoleAdmin || slices.Contains(roles, u.Role)
}

// Team is a group of operators (anagrafe, tributi, a language desk) with
// its opening hours.
type Team struct {
	ID    string
	Name  string
	Langs []string
	// Hours are the weekly opening hours in Location.
	Hours    Hours
	Email    string
	Location string
}

// Session is a signed-in browser.
type Session struct {
	// TokenHash is the SHA-256 of the cookie's token.
	TokenHash []byte
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// AuditEvent is one staff action, kept for accountability.
type AuditEvent struct {
	ID     int64
	At     time.Time
	Actor  string
	Action string
	Target string
	Detail string
}

// Errors of the staff store and of sign-in.
var (
	ErrNotFound   = errors.New("staff: not found")
	ErrExists     = errors.New("staff: already exists")
	ErrInvalid    = errors.New("staff: invalid")
	ErrBadLogin   = errors.New("staff: wrong user name or password")
	ErrThrottled  = errors.New("staff: too many failed sign-ins, try again later")
	ErrNoSession  = errors.New("staff: not signed in or the session expired")
	ErrForbidden  = errors.New("staff: your role does not allow this")
	ErrWeakSecret = errors.New("staff: the password is too short")
)

// Store keeps accounts, teams, sessions and the audit log, in the same
// database as the knowledge base. web/staff/sqlite and web/staff/postgres
// implement it; web/staff/stafftest holds their contract suite.
type Store interface {
	// CreateUser stores u and fills ID and timestamps; a taken login
	// gives ErrExists.
	CreateUser(ctx context.Context, u *User) error
	UpdateUser(ctx context.Context, u *User) error
	User(ctx context.Context, id int64) (*User, error)
	UserByLogin(ctx context.Context, login string) (*User, error)
	Users(ctx context.Context) ([]User, error)
	PutTeam(ctx context.Context, t *Team) error
	Team(ctx context.Context, id string) (*Team, error)
	Teams(ctx context.Context) ([]Team, error)
	CreateSession(ctx context.Context, s *Session) error
	// Session returns the unexpired session with the token hash, or
	// ErrNoSession.
	Session(ctx context.Context, tokenHash []byte, now time.Time) (*Session, error)
	DeleteSession(ctx context.Context, tokenHash []byte) error
	// DeleteUserSessions signs a user out everywhere.
	DeleteUserSessions(ctx context.Context, userID int64) error
	PurgeSessions(ctx context.Context, now time.Time) (int, error)
	Audit(ctx context.Context, e *AuditEvent) error
	// AuditLog returns the newest events first.
	AuditLog(ctx context.Context, limit int) ([]AuditEvent, error)
}

var loginRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,62}$`)

// MinPasswordLen is the shortest password accepted, in characters.
const MinPasswordLen = 12

// ValidateUser checks u before it is stored.
func ValidateUser(u *User) error {
	u.Login = strings.ToLower(strings.TrimSpace(u.Login))
	u.Name = strings.TrimSpace(u.Name)
	switch {
	case !loginRE.MatchString(u.Login):
		return fmt.Errorf("%w: login %q: use 2 to 63 lower-case letters, digits, dots, dashes or underscores", ErrInvalid, u.Login)
	case !u.Role.Valid():
		return fmt.Errorf("%w: role %q: use one of admin, editor, operator", ErrInvalid, u.Role)
	case utf8.RuneCountInString(u.Name) > 200:
		return fmt.Errorf("%w: name is longer than 200 characters", ErrInvalid)
	case u.PasswordHash == "":
		return fmt.Errorf("%w: a password is required", ErrInvalid)
	}
	return nil
}

var teamRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// ValidateTeam checks t before it is stored.
func ValidateTeam(t *Team) error {
	switch {
	case !teamRE.MatchString(t.ID):
		return fmt.Errorf("%w: team id %q: use lower-case letters, digits and dashes", ErrInvalid, t.ID)
	case strings.TrimSpace(t.Name) == "":
		return fmt.Errorf("%w: team %s: a name is required", ErrInvalid, t.ID)
	}
	if t.Location != "" {
		if _, err := time.LoadLocation(t.Location); err != nil {
			return fmt.Errorf("%w: team %s: time zone %q: %v", ErrInvalid, t.ID, t.Location, err)
		}
	}
	return t.Hours.Validate()
}
