// Package postgres keeps staff accounts, teams, sessions and the audit log
// in PostgreSQL, beside the knowledge base, so that every `sportello
// serve` process sees one set of accounts and sessions.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sportello/sportello/kb/postgres/pgmigrate"
	"github.com/sportello/sportello/web/staff"
)

//go:embed migrations/*.sql
var migrations embed.FS

const migrationLock = 0x5350_5354_4146 // "SPSTAF"

// Store implements staff.Store on PostgreSQL.
type Store struct {
	pool *pgxpool.Pool
}

var _ staff.Store = (*Store)(nil)

// New applies the staff migrations and returns the store.
func New(ctx context.Context, pool *pgxpool.Pool) (*Store, error) {
	if err := pgmigrate.Run(ctx, pool, "staff_schema_migrations", migrationLock, migrations); err != nil {
		return nil, fmt.Errorf("staff/postgres: %w", err)
	}
	return &Store{pool: pool}, nil
}

func unique(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

func nonNil(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

// CreateUser implements staff.Store.
func (s *Store) CreateUser(ctx context.Context, u *staff.User) error {
	if err := staff.ValidateUser(u); err != nil {
		return err
	}
	now := time.Now().UTC()
	err := s.pool.QueryRow(ctx, `INSERT INTO staff_users (login, name, role, teams, langs, disabled, password_hash, created_at, updated_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8) RETURNING id`, u.Login, u.Name, u.Role, nonNil(u.Teams), nonNil(u.Langs), u.Disabled, u.PasswordHash, now).Scan(&u.ID)
	if unique(err) {
		return fmt.Errorf("%w: login %q", staff.ErrExists, u.Login)
	}
	if err != nil {
		return fmt.Errorf("staff/postgres: create user: %w", err)
	}
	u.CreatedAt, u.UpdatedAt = now, now
	return nil
}

// UpdateUser implements staff.Store.
func (s *Store) UpdateUser(ctx context.Context, u *staff.User) error {
	if err := staff.ValidateUser(u); err != nil {
		return err
	}
	u.UpdatedAt = time.Now().UTC()
	tag, err := s.pool.Exec(ctx, `UPDATE staff_users SET login = $1, name = $2, role = $3, teams = $4, langs = $5, disabled = $6, password_hash = $7, updated_at = $8
		WHERE id = $9`, u.Login, u.Name, u.Role, nonNil(u.Teams), nonNil(u.Langs), u.Disabled, u.PasswordHash, u.UpdatedAt, u.ID)
	if unique(err) {
		return fmt.Errorf("%w: login %q", staff.ErrExists, u.Login)
	}
	if err != nil {
		return fmt.Errorf("staff/postgres: update user: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return staff.ErrNotFound
	}
	return nil
}

func (s *Store) users(ctx context.Context, where string, args ...any) ([]staff.User, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, login, name, role, teams, langs, disabled, password_hash, created_at, updated_at FROM staff_users `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("staff/postgres: users: %w", err)
	}
	us, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (staff.User, error) {
		var u staff.User
		err := r.Scan(&u.ID, &u.Login, &u.Name, &u.Role, &u.Teams, &u.Langs, &u.Disabled, &u.PasswordHash, &u.CreatedAt, &u.UpdatedAt)
		return u, err
	})
	if err != nil {
		return nil, fmt.Errorf("staff/postgres: users: %w", err)
	}
	return us, nil
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
	return s.oneUser(ctx, `WHERE id = $1`, id)
}

// UserByLogin implements staff.Store.
func (s *Store) UserByLogin(ctx context.Context, login string) (*staff.User, error) {
	return s.oneUser(ctx, `WHERE login = $1`, strings.ToLower(login))
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
	_, err := s.pool.Exec(ctx, `INSERT INTO staff_teams (id, name, langs, hours, email, location) VALUES ($1,$2,$3,$4,$5,$6)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, langs = excluded.langs, hours = excluded.hours, email = excluded.email, location = excluded.location`,
		t.ID, t.Name, nonNil(t.Langs), t.Hours.Spec, t.Email, t.Location)
	if err != nil {
		return fmt.Errorf("staff/postgres: put team: %w", err)
	}
	return nil
}

func (s *Store) teams(ctx context.Context, where string, args ...any) ([]staff.Team, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, name, langs, hours, email, location FROM staff_teams `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("staff/postgres: teams: %w", err)
	}
	ts, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (staff.Team, error) {
		var t staff.Team
		err := r.Scan(&t.ID, &t.Name, &t.Langs, &t.Hours.Spec, &t.Email, &t.Location)
		return t, err
	})
	if err != nil {
		return nil, fmt.Errorf("staff/postgres: teams: %w", err)
	}
	return ts, nil
}

// Team implements staff.Store.
func (s *Store) Team(ctx context.Context, id string) (*staff.Team, error) {
	ts, err := s.teams(ctx, `WHERE id = $1`, id)
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
	_, err := s.pool.Exec(ctx, `INSERT INTO staff_sessions (token_hash, user_id, created_at, expires_at) VALUES ($1,$2,$3,$4)`,
		se.TokenHash, se.UserID, se.CreatedAt, se.ExpiresAt)
	if err != nil {
		return fmt.Errorf("staff/postgres: create session: %w", err)
	}
	return nil
}

// Session implements staff.Store.
func (s *Store) Session(ctx context.Context, h []byte, now time.Time) (*staff.Session, error) {
	var se staff.Session
	err := s.pool.QueryRow(ctx, `SELECT token_hash, user_id, created_at, expires_at FROM staff_sessions WHERE token_hash = $1 AND expires_at > $2`,
		h, now).Scan(&se.TokenHash, &se.UserID, &se.CreatedAt, &se.ExpiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, staff.ErrNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("staff/postgres: session: %w", err)
	}
	return &se, nil
}

// DeleteSession implements staff.Store.
func (s *Store) DeleteSession(ctx context.Context, h []byte) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM staff_sessions WHERE token_hash = $1`, h)
	return err
}

// DeleteUserSessions implements staff.Store.
func (s *Store) DeleteUserSessions(ctx context.Context, id int64) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM staff_sessions WHERE user_id = $1`, id)
	return err
}

// PurgeSessions implements staff.Store.
func (s *Store) PurgeSessions(ctx context.Context, now time.Time) (int, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM staff_sessions WHERE expires_at <= $1`, now)
	if err != nil {
		return 0, fmt.Errorf("staff/postgres: purge sessions: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

// Audit implements staff.Store.
func (s *Store) Audit(ctx context.Context, e *staff.AuditEvent) error {
	if e.At.IsZero() {
		e.At = time.Now().UTC()
	}
	err := s.pool.QueryRow(ctx, `INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
		e.At, e.Actor, e.Action, e.Target, e.Detail).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("staff/postgres: audit: %w", err)
	}
	return nil
}

// AuditLog implements staff.Store.
func (s *Store) AuditLog(ctx context.Context, limit int) ([]staff.AuditEvent, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("staff/postgres: audit log: %w", err)
	}
	es, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (staff.AuditEvent, error) {
		var e staff.AuditEvent
		err := r.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.Target, &e.Detail)
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("staff/postgres: audit log: %w", err)
	}
	return es, nil
}
