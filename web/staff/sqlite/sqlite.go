// Package sqlite keeps staff accounts, teams, sessions and the audit log
// in the embedded SQLite file, beside the knowledge base.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	kbsqlite "github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/web/staff"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store implements staff.Store on SQLite.
type Store struct {
	db *sql.DB
}

var _ staff.Store = (*Store)(nil)

// New applies the staff migrations to db (usually kb/sqlite's
// (*Store).DB()) and returns the store.
func New(ctx context.Context, db *sql.DB) (*Store, error) {
	if err := kbsqlite.Migrate(ctx, db, "staff_schema_migrations", migrations); err != nil {
		return nil, fmt.Errorf("staff/sqlite: %w", err)
	}
	return &Store{db: db}, nil
}

const layout = "2006-01-02T15:04:05.000000000Z"

func ts(t time.Time) string { return t.UTC().Format(layout) }

func parseTS(s string) time.Time {
	t, _ := time.Parse(layout, s)
	return t
}

func list(v []string) string {
	if v == nil {
		v = []string{}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func unlist(s string) []string {
	var v []string
	json.Unmarshal([]byte(s), &v)
	return v
}

func unique(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// CreateUser implements staff.Store.
func (s *Store) CreateUser(ctx context.Context, u *staff.User) error {
	if err := staff.ValidateUser(u); err != nil {
		return err
	}
	now := time.Now().UTC()
	res, err := s.db.ExecContext(ctx, `INSERT INTO staff_users (login, name, role, teams, langs, disabled, password_hash, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?)`, u.Login, u.Name, u.Role, list(u.Teams), list(u.Langs), u.Disabled, u.PasswordHash, ts(now), ts(now))
	if unique(err) {
		return fmt.Errorf("%w: login %q", staff.ErrExists, u.Login)
	}
	if err != nil {
		return fmt.Errorf("staff/sqlite: create user: %w", err)
	}
	u.ID, _ = res.LastInsertId()
	u.CreatedAt, u.UpdatedAt = now, now
	return nil
}

// UpdateUser implements staff.Store.
func (s *Store) UpdateUser(ctx context.Context, u *staff.User) error {
	if err := staff.ValidateUser(u); err != nil {
		return err
	}
	u.UpdatedAt = time.Now().UTC()
	res, err := s.db.ExecContext(ctx, `UPDATE staff_users SET login = ?, name = ?, role = ?, teams = ?, langs = ?, disabled = ?, password_hash = ?, updated_at = ?
		WHERE id = ?`, u.Login, u.Name, u.Role, list(u.Teams), list(u.Langs), u.Disabled, u.PasswordHash, ts(u.UpdatedAt), u.ID)
	if unique(err) {
		return fmt.Errorf("%w: login %q", staff.ErrExists, u.Login)
	}
	if err != nil {
		return fmt.Errorf("staff/sqlite: update user: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return staff.ErrNotFound
	}
	return nil
}

const userColumns = `id, login, name, role, teams, langs, disabled, password_hash, created_at, updated_at`

func (s *Store) users(ctx context.Context, where string, args ...any) ([]staff.User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+userColumns+` FROM staff_users `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("staff/sqlite: users: %w", err)
	}
	defer rows.Close()
	var out []staff.User
	for rows.Next() {
		var u staff.User
		var teams, langs, created, updated string
		if err := rows.Scan(&u.ID, &u.Login, &u.Name, &u.Role, &teams, &langs, &u.Disabled, &u.PasswordHash, &created, &updated); err != nil {
			return nil, fmt.Errorf("staff/sqlite: users: %w", err)
		}
		u.Teams, u.Langs, u.CreatedAt, u.UpdatedAt = unlist(teams), unlist(langs), parseTS(created), parseTS(updated)
		out = append(out, u)
	}
	return out, rows.Err()
}

func (s *Store) oneUser(ctx context.Context, where string, args ...any) (*staff.User, error) {
	us, err := s.users(ctx, where, args...)
	if err != nil {
		return nil, err
	}
	if len(us) == 0 {
		return nil, staff.ErrNotFound
	}
	return &us[0], nil
}

// User implements staff.Store.
func (s *Store) User(ctx context.Context, id int64) (*staff.User, error) {
	return s.oneUser(ctx, `WHERE id = ?`, id)
}

// UserByLogin implements staff.Store.
func (s *Store) UserByLogin(ctx context.Context, login string) (*staff.User, error) {
	return s.oneUser(ctx, `WHERE login = ?`, strings.ToLower(login))
}

// Users implements staff.Store.
func (s *Store) Users(ctx context.Context) ([]staff.User, error) {
	return s.users(ctx, `ORDER BY login`)
}

// PutTeam implements staff.Store.
func (s *Store) PutTeam(ctx context.Context, t *staff.Team) error {
	if err := staff.ValidateTeam(t); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO staff_teams (id, name, langs, hours, email, location) VALUES (?,?,?,?,?,?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, langs = excluded.langs, hours = excluded.hours, email = excluded.email, location = excluded.location`,
		t.ID, t.Name, list(t.Langs), t.Hours.Spec, t.Email, t.Location)
	if err != nil {
		return fmt.Errorf("staff/sqlite: put team: %w", err)
	}
	return nil
}

func (s *Store) teams(ctx context.Context, where string, args ...any) ([]staff.Team, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, langs, hours, email, location FROM staff_teams `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("staff/sqlite: teams: %w", err)
	}
	defer rows.Close()
	var out []staff.Team
	for rows.Next() {
		var t staff.Team
		var langs string
		if err := rows.Scan(&t.ID, &t.Name, &langs, &t.Hours.Spec, &t.Email, &t.Location); err != nil {
			return nil, fmt.Errorf("staff/sqlite: teams: %w", err)
		}
		t.Langs = unlist(langs)
		out = append(out, t)
	}
	return out, rows.Err()
}

// Team implements staff.Store.
func (s *Store) Team(ctx context.Context, id string) (*staff.Team, error) {
	ts, err := s.teams(ctx, `WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, staff.ErrNotFound
	}
	return &ts[0], nil
}

// Teams implements staff.Store.
func (s *Store) Teams(ctx context.Context) ([]staff.Team, error) { return s.teams(ctx, `ORDER BY id`) }

// CreateSession implements staff.Store.
func (s *Store) CreateSession(ctx context.Context, se *staff.Session) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO staff_sessions (token_hash, user_id, created_at, expires_at) VALUES (?,?,?,?)`,
		se.TokenHash, se.UserID, ts(se.CreatedAt), ts(se.ExpiresAt))
	if err != nil {
		return fmt.Errorf("staff/sqlite: create session: %w", err)
	}
	return nil
}

// Session implements staff.Store.
func (s *Store) Session(ctx context.Context, h []byte, now time.Time) (*staff.Session, error) {
	var se staff.Session
	var created, expires string
	err := s.db.QueryRowContext(ctx, `SELECT token_hash, user_id, created_at, expires_at FROM staff_sessions WHERE token_hash = ? AND expires_at > ?`,
		h, ts(now)).Scan(&se.TokenHash, &se.UserID, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, staff.ErrNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("staff/sqlite: session: %w", err)
	}
	se.CreatedAt, se.ExpiresAt = parseTS(created), parseTS(expires)
	return &se, nil
}

// DeleteSession implements staff.Store.
func (s *Store) DeleteSession(ctx context.Context, h []byte) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM staff_sessions WHERE token_hash = ?`, h)
	return err
}

// DeleteUserSessions implements staff.Store.
func (s *Store) DeleteUserSessions(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM staff_sessions WHERE user_id = ?`, id)
	return err
}

// PurgeSessions implements staff.Store.
func (s *Store) PurgeSessions(ctx context.Context, now time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM staff_sessions WHERE expires_at <= ?`, ts(now))
	if err != nil {
		return 0, fmt.Errorf("staff/sqlite: purge sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Audit implements staff.Store.
func (s *Store) Audit(ctx context.Context, e *staff.AuditEvent) error {
	if e.At.IsZero() {
		e.At = time.Now().UTC()
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?,?,?,?,?)`,
		ts(e.At), e.Actor, e.Action, e.Target, e.Detail)
	if err != nil {
		return fmt.Errorf("staff/sqlite: audit: %w", err)
	}
	e.ID, _ = res.LastInsertId()
	return nil
}

// AuditLog implements staff.Store.
func (s *Store) AuditLog(ctx context.Context, limit int) ([]staff.AuditEvent, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("staff/sqlite: audit log: %w", err)
	}
	defer rows.Close()
	var out []staff.AuditEvent
	for rows.Next() {
		var e staff.AuditEvent
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Target, &e.Detail); err != nil {
			return nil, fmt.Errorf("staff/sqlite: audit log: %w", err)
		}
		e.At = parseTS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
