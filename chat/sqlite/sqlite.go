// Package sqlite keeps Sportello's conversations, turns, handoffs and
// ratings in the embedded SQLite file, beside the knowledge base
// (kb/sqlite), on the same connection pool.
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

	"github.com/sportello/sportello/chat"
	kbsqlite "github.com/sportello/sportello/kb/sqlite"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store implements chat.Store on a SQLite database.
type Store struct {
	db    *sql.DB
	stmts prepared // prepared.go
}

var _ chat.Store = (*Store)(nil)

// New applies the conversation migrations to db and returns the store. db
// is usually kb/sqlite's (*Store).DB(), opened in WAL mode with immediate
// transactions.
func New(ctx context.Context, db *sql.DB) (*Store, error) {
	if err := kbsqlite.Migrate(ctx, db, "chat_schema_migrations", migrations); err != nil {
		return nil, fmt.Errorf("chat/sqlite: %w", err)
	}
	return &Store{db: db}, nil
}

// DB returns the database the store uses, for the other parts of the
// product that keep their tables in the same file.
func (s *Store) DB() *sql.DB { return s.db }

const timeLayout = "2006-01-02T15:04:05.000000000Z"

func ts(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTS(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	t, _ := time.Parse(timeLayout, s.String)
	return t
}

const convColumns = `id, agency, channel, contact, lang, lang_chosen, state, misses, last_seq, created_at, updated_at`

func scanConversation(row interface{ Scan(...any) error }) (*chat.Conversation, error) {
	var c chat.Conversation
	var created, updated sql.NullString
	if err := row.Scan(&c.ID, &c.Agency, &c.Channel, &c.Contact, &c.Lang, &c.LangChosen, &c.State, &c.Misses, &c.LastSeq, &created, &updated); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, chat.ErrNoConversation
		}
		return nil, err
	}
	c.CreatedAt, c.UpdatedAt = parseTS(created), parseTS(updated)
	return &c, nil
}

// CreateConversation implements chat.Store.
func (s *Store) CreateConversation(ctx context.Context, c *chat.Conversation) error {
	if c.ID == "" {
		c.ID = chat.NewID()
	}
	if c.State == "" {
		c.State = chat.StateBot
	}
	now := time.Now().UTC()
	c.CreatedAt, c.UpdatedAt, c.LastSeq = now, now, 0
	_, err := s.db.ExecContext(ctx, `INSERT INTO conversations (`+convColumns+`) VALUES (?,?,?,?,?,?,?,?,0,?,?)`,
		c.ID, c.Agency, c.Channel, c.Contact, c.Lang, c.LangChosen, c.State, c.Misses, ts(now), ts(now))
	if err != nil {
		return fmt.Errorf("chat/sqlite: create conversation: %w", err)
	}
	return nil
}

// Conversation implements chat.Store.
func (s *Store) Conversation(ctx context.Context, id string) (*chat.Conversation, error) {
	c, err := scanConversation(s.on(nil).QueryRowContext(ctx, `SELECT `+convColumns+` FROM conversations WHERE id = ?`, id))
	if err != nil && !errors.Is(err, chat.ErrNoConversation) {
		return nil, fmt.Errorf("chat/sqlite: conversation: %w", err)
	}
	return c, err
}

// OpenConversation implements chat.Store.
func (s *Store) OpenConversation(ctx context.Context, channel, contact string) (*chat.Conversation, error) {
	c, err := scanConversation(s.db.QueryRowContext(ctx, `SELECT `+convColumns+` FROM conversations
		WHERE channel = ? AND contact = ? AND contact <> '' AND state <> 'closed' ORDER BY created_at DESC LIMIT 1`, channel, contact))
	if err != nil && !errors.Is(err, chat.ErrNoConversation) {
		return nil, fmt.Errorf("chat/sqlite: open conversation: %w", err)
	}
	return c, err
}

// AppendTurn implements chat.Store.
func (s *Store) AppendTurn(ctx context.Context, t *chat.Turn) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("chat/sqlite: append turn: %w", err)
	}
	defer tx.Rollback()
	if t.Key != "" {
		old, err := s.turnWhere(ctx, s.on(tx), `conversation_id = ? AND key = ?`, t.ConversationID, t.Key)
		switch {
		case err == nil:
			*t = *old
			return true, nil
		case !errors.Is(err, chat.ErrNoTurn):
			return false, fmt.Errorf("chat/sqlite: append turn: %w", err)
		}
	}
	if err := s.insertTurn(ctx, tx, t); err != nil {
		return false, fmt.Errorf("chat/sqlite: append turn: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("chat/sqlite: append turn: %w", err)
	}
	return false, nil
}

// insertTurn numbers t after the conversation's last turn and stores it.
// A closed conversation refuses it.
func (s *Store) insertTurn(ctx context.Context, tx *sql.Tx, t *chat.Turn) error {
	now := time.Now().UTC()
	var state chat.State
	err := s.on(tx).QueryRowContext(ctx, `UPDATE conversations SET last_seq = last_seq + 1, updated_at = ?
		WHERE id = ? RETURNING last_seq, state`, ts(now), t.ConversationID).Scan(&t.Seq, &state)
	if errors.Is(err, sql.ErrNoRows) {
		return chat.ErrNoConversation
	}
	if err != nil {
		return err
	}
	if state == chat.StateClosed {
		return chat.ErrClosed
	}
	if t.Status == "" {
		t.Status = chat.TurnDone
	}
	t.CreatedAt = now
	var decision, key any
	if t.Decision != nil {
		b, err := json.Marshal(t.Decision)
		if err != nil {
			return err
		}
		decision = string(b)
	}
	if t.Key != "" {
		key = t.Key
	}
	var translations any
	if len(t.Translations) > 0 {
		b, err := json.Marshal(t.Translations)
		if err != nil {
			return err
		}
		translations = string(b)
	}
	_, err = s.on(tx).ExecContext(ctx, `INSERT INTO turns (conversation_id, seq, role, text, lang, status, key, author, decision, translations, created_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?)`, t.ConversationID, t.Seq, t.Role, t.Text, t.Lang, t.Status, key, t.Author, decision, translations, ts(now))
	return err
}

// AddTranslation implements chat.Store.
func (s *Store) AddTranslation(ctx context.Context, id string, seq int64, tr chat.TurnTranslation) error {
	b, err := json.Marshal(tr)
	if err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `UPDATE turns SET translations = json_insert(coalesce(translations, '[]'), '$[#]', json(?))
		WHERE conversation_id = ? AND seq = ?`, string(b), id, seq)
	if err != nil {
		return fmt.Errorf("chat/sqlite: add translation: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return chat.ErrNoTurn
	}
	return nil
}

const turnColumns = `conversation_id, seq, role, text, lang, status, coalesce(key, ''), author, decision, translations, created_at`

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (s *Store) turnsWhere(ctx context.Context, q querier, where string, args ...any) ([]chat.Turn, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+turnColumns+` FROM turns WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []chat.Turn
	for rows.Next() {
		var t chat.Turn
		var decision, translations, created sql.NullString
		if err := rows.Scan(&t.ConversationID, &t.Seq, &t.Role, &t.Text, &t.Lang, &t.Status, &t.Key, &t.Author, &decision, &translations, &created); err != nil {
			return nil, err
		}
		if translations.Valid {
			if err := json.Unmarshal([]byte(translations.String), &t.Translations); err != nil {
				return nil, fmt.Errorf("turn %s/%d: translations: %w", t.ConversationID, t.Seq, err)
			}
		}
		if decision.Valid {
			t.Decision = new(chat.TurnDecision)
			if err := json.Unmarshal([]byte(decision.String), t.Decision); err != nil {
				return nil, fmt.Errorf("turn %s/%d: decision: %w", t.ConversationID, t.Seq, err)
			}
		}
		t.CreatedAt = parseTS(created)
		out = append(out, t)
	}
	return out, rows.Err()
}

func (s *Store) turnWhere(ctx context.Context, q querier, where string, args ...any) (*chat.Turn, error) {
	ts, err := s.turnsWhere(ctx, q, where+` LIMIT 1`, args...)
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, chat.ErrNoTurn
	}
	return &ts[0], nil
}

// Turns implements chat.Store.
func (s *Store) Turns(ctx context.Context, id string, after int64) ([]chat.Turn, error) {
	ts, err := s.turnsWhere(ctx, s.on(nil), `conversation_id = ? AND seq > ? ORDER BY seq`, id, after)
	if err != nil {
		return nil, fmt.Errorf("chat/sqlite: turns: %w", err)
	}
	return ts, nil
}

// Turn implements chat.Store.
func (s *Store) Turn(ctx context.Context, id string, seq int64) (*chat.Turn, error) {
	t, err := s.turnWhere(ctx, s.on(nil), `conversation_id = ? AND seq = ?`, id, seq)
	if err != nil && !errors.Is(err, chat.ErrNoTurn) {
		return nil, fmt.Errorf("chat/sqlite: turn: %w", err)
	}
	return t, err
}

// Received implements chat.Store.
func (s *Store) Received(ctx context.Context, limit int) ([]chat.Turn, error) {
	ts, err := s.turnsWhere(ctx, s.db, `status = 'received' ORDER BY created_at, seq LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("chat/sqlite: received turns: %w", err)
	}
	return ts, nil
}

// SaveReply implements chat.Store.
func (s *Store) SaveReply(ctx context.Context, r *chat.Reply) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("chat/sqlite: save reply: %w", err)
	}
	defer tx.Rollback()
	res, err := s.on(tx).ExecContext(ctx, `UPDATE turns SET status = 'done' WHERE conversation_id = ? AND seq = ? AND status = 'received'`,
		r.ConversationID, r.CitizenSeq)
	if err != nil {
		return fmt.Errorf("chat/sqlite: save reply: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("chat/sqlite: save reply to turn %d: %w", r.CitizenSeq, chat.ErrStale)
	}
	if r.Bot != nil {
		r.Bot.ConversationID = r.ConversationID
		if err := s.insertTurn(ctx, tx, r.Bot); err != nil {
			return fmt.Errorf("chat/sqlite: save reply: %w", err)
		}
	}
	now := time.Now().UTC()
	if _, err := s.on(tx).ExecContext(ctx, `UPDATE conversations SET lang = ?, lang_chosen = ?, state = ?, misses = ?, updated_at = ? WHERE id = ?`,
		r.Lang, r.LangChosen, r.State, r.Misses, ts(now), r.ConversationID); err != nil {
		return fmt.Errorf("chat/sqlite: save reply: %w", err)
	}
	if h := r.Ticket; h != nil {
		h.ConversationID, h.CreatedAt = r.ConversationID, now
		if h.State == "" {
			h.State = chat.TicketWaiting
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO handoffs (code, conversation_id, reason, lang, channel, agency, topic, team, state, created_at)
			VALUES (?,?,?,?,?,?,?,?,?,?)`, h.Code, h.ConversationID, h.Reason, h.Lang, h.Channel, h.Agency, h.Topic, h.Team, h.State, ts(now)); err != nil {
			return fmt.Errorf("chat/sqlite: save handoff: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("chat/sqlite: save reply: %w", err)
	}
	return nil
}

// SetState implements chat.Store.
func (s *Store) SetState(ctx context.Context, id string, from []chat.State, to chat.State) error {
	args := []any{to, ts(time.Now()), id}
	for _, f := range from {
		args = append(args, f)
	}
	res, err := s.db.ExecContext(ctx, `UPDATE conversations SET state = ?, updated_at = ? WHERE id = ? AND state IN (`+placeholders(len(from))+`)`, args...)
	if err != nil {
		return fmt.Errorf("chat/sqlite: set state: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := s.Conversation(ctx, id); err != nil {
			return err
		}
		return chat.ErrStale
	}
	return nil
}

func placeholders(n int) string {
	if n == 0 {
		return "NULL"
	}
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// Rate implements chat.Store.
func (s *Store) Rate(ctx context.Context, f *chat.Feedback) error {
	t, err := s.Turn(ctx, f.ConversationID, f.Seq)
	if err != nil {
		return err
	}
	if t.Role != chat.RoleBot || t.Decision == nil || t.Decision.Kind != chat.Answer || t.Decision.EntryID == "" {
		return chat.ErrNotRatable
	}
	f.EntryID, f.Revision, f.Lang, f.CreatedAt = t.Decision.EntryID, t.Decision.Revision, t.Lang, time.Now().UTC()
	_, err = s.db.ExecContext(ctx, `INSERT INTO feedback (conversation_id, seq, entry_id, revision, lang, rating, created_at) VALUES (?,?,?,?,?,?,?)
		ON CONFLICT (conversation_id, seq) DO UPDATE SET rating = excluded.rating, created_at = excluded.created_at`,
		f.ConversationID, f.Seq, f.EntryID, f.Revision, f.Lang, f.Rating, ts(f.CreatedAt))
	if err != nil {
		return fmt.Errorf("chat/sqlite: rate: %w", err)
	}
	return nil
}

// Ratings implements chat.Store.
func (s *Store) Ratings(ctx context.Context, entryID string) ([]chat.Feedback, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT conversation_id, seq, entry_id, revision, lang, rating, created_at
		FROM feedback WHERE entry_id = ? ORDER BY created_at, conversation_id, seq`, entryID)
	if err != nil {
		return nil, fmt.Errorf("chat/sqlite: ratings: %w", err)
	}
	defer rows.Close()
	var out []chat.Feedback
	for rows.Next() {
		var f chat.Feedback
		var created sql.NullString
		if err := rows.Scan(&f.ConversationID, &f.Seq, &f.EntryID, &f.Revision, &f.Lang, &f.Rating, &created); err != nil {
			return nil, fmt.Errorf("chat/sqlite: ratings: %w", err)
		}
		f.CreatedAt = parseTS(created)
		out = append(out, f)
	}
	return out, rows.Err()
}

const handoffColumns = `code, conversation_id, reason, lang, channel, agency, topic, team, state, claimed_by, outcome, created_at, claimed_at, resolved_at`

func (s *Store) handoffsWhere(ctx context.Context, where string, args ...any) ([]chat.Ticket, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+handoffColumns+` FROM handoffs WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []chat.Ticket
	for rows.Next() {
		var h chat.Ticket
		var created, claimed, resolved sql.NullString
		if err := rows.Scan(&h.Code, &h.ConversationID, &h.Reason, &h.Lang, &h.Channel, &h.Agency, &h.Topic, &h.Team, &h.State,
			&h.ClaimedBy, &h.Outcome, &created, &claimed, &resolved); err != nil {
			return nil, err
		}
		h.CreatedAt, h.ClaimedAt, h.ResolvedAt = parseTS(created), parseTS(claimed), parseTS(resolved)
		out = append(out, h)
	}
	return out, rows.Err()
}

// Handoff implements chat.Store.
func (s *Store) Ticket(ctx context.Context, code string) (*chat.Ticket, error) {
	hs, err := s.handoffsWhere(ctx, `code = ?`, code)
	if err != nil {
		return nil, fmt.Errorf("chat/sqlite: handoff: %w", err)
	}
	if len(hs) == 0 {
		return nil, chat.ErrNoTicket
	}
	return &hs[0], nil
}

// Handoffs implements chat.Store.
func (s *Store) Tickets(ctx context.Context, states ...chat.TicketState) ([]chat.Ticket, error) {
	args := make([]any, len(states))
	for i, st := range states {
		args[i] = st
	}
	hs, err := s.handoffsWhere(ctx, `state IN (`+placeholders(len(states))+`) ORDER BY created_at, code`, args...)
	if err != nil {
		return nil, fmt.Errorf("chat/sqlite: handoffs: %w", err)
	}
	return hs, nil
}

// ClaimTicket implements chat.Store.
func (s *Store) ClaimTicket(ctx context.Context, code, operator string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("chat/sqlite: claim: %w", err)
	}
	defer tx.Rollback()
	now := ts(time.Now())
	var conv string
	err = tx.QueryRowContext(ctx, `UPDATE handoffs SET state = 'claimed', claimed_by = ?, claimed_at = ?
		WHERE code = ? AND state = 'waiting' RETURNING conversation_id`, operator, now, code).Scan(&conv)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err := s.Ticket(ctx, code); err != nil {
			return err
		}
		return chat.ErrStale
	}
	if err != nil {
		return fmt.Errorf("chat/sqlite: claim: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE conversations SET state = 'operator', updated_at = ? WHERE id = ? AND state <> 'closed'`, now, conv); err != nil {
		return fmt.Errorf("chat/sqlite: claim: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("chat/sqlite: claim: %w", err)
	}
	return nil
}

// TicketFor implements chat.Store.
func (s *Store) TicketFor(ctx context.Context, conversationID string) (*chat.Ticket, error) {
	hs, err := s.handoffsWhere(ctx, `conversation_id = ? ORDER BY created_at DESC LIMIT 1`, conversationID)
	if err != nil {
		return nil, fmt.Errorf("chat/sqlite: ticket: %w", err)
	}
	if len(hs) == 0 {
		return nil, chat.ErrNoTicket
	}
	return &hs[0], nil
}

// TransferTicket implements chat.Store.
func (s *Store) TransferTicket(ctx context.Context, code, team string) error {
	return s.moveTicket(ctx, code, `UPDATE handoffs SET state = 'waiting', team = ?, claimed_by = '', claimed_at = NULL
		WHERE code = ? AND state <> 'resolved' RETURNING conversation_id`, []any{team, code}, chat.StateWaiting)
}

// ResolveTicket implements chat.Store.
func (s *Store) ResolveTicket(ctx context.Context, code, operator, outcome string) error {
	return s.moveTicket(ctx, code, `UPDATE handoffs SET state = 'resolved', outcome = ?, resolved_at = ?
		WHERE code = ? AND state = 'claimed' AND claimed_by = ? RETURNING conversation_id`, []any{outcome, ts(time.Now()), code, operator}, chat.StateClosed)
}

// moveTicket runs update (which returns the conversation id) and moves
// the conversation to state, in one transaction.
func (s *Store) moveTicket(ctx context.Context, code, update string, args []any, state chat.State) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("chat/sqlite: ticket: %w", err)
	}
	defer tx.Rollback()
	var conv string
	err = tx.QueryRowContext(ctx, update, args...).Scan(&conv)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err := s.Ticket(ctx, code); err != nil {
			return err
		}
		return chat.ErrStale
	}
	if err != nil {
		return fmt.Errorf("chat/sqlite: ticket: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE conversations SET state = ?, updated_at = ? WHERE id = ? AND state <> 'closed'`, state, ts(time.Now()), conv); err != nil {
		return fmt.Errorf("chat/sqlite: ticket: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("chat/sqlite: ticket: %w", err)
	}
	return nil
}

// Misses implements chat.Store.
func (s *Store) Misses(ctx context.Context, since time.Time, limit int) ([]chat.Miss, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.conversation_id, c.seq, c.text, b.lang,
			json_extract(b.decision, '$.kind'), json_extract(b.decision, '$.reason'), coalesce(json_extract(b.decision, '$.entry_id'), ''),
			coalesce(f.rating, 0) = -1, c.created_at
		FROM turns b
		JOIN turns c ON c.conversation_id = b.conversation_id AND c.seq = (
			SELECT max(x.seq) FROM turns x WHERE x.conversation_id = b.conversation_id AND x.seq < b.seq AND x.role = 'citizen')
		LEFT JOIN feedback f ON f.conversation_id = b.conversation_id AND f.seq = b.seq
		WHERE b.role = 'bot' AND b.created_at >= ? AND (
			json_extract(b.decision, '$.kind') = 'clarify'
			OR (json_extract(b.decision, '$.kind') = 'handoff' AND json_extract(b.decision, '$.reason') IN ('low_confidence', 'no_match', 'repeated_misses', 'no_variant'))
			OR f.rating = -1)
		ORDER BY b.created_at DESC LIMIT ?`, ts(since), limit)
	if err != nil {
		return nil, fmt.Errorf("chat/sqlite: misses: %w", err)
	}
	defer rows.Close()
	var out []chat.Miss
	for rows.Next() {
		var m chat.Miss
		var created sql.NullString
		if err := rows.Scan(&m.ConversationID, &m.Seq, &m.Text, &m.Lang, &m.Kind, &m.Reason, &m.EntryID, &m.Negative, &created); err != nil {
			return nil, fmt.Errorf("chat/sqlite: misses: %w", err)
		}
		m.CreatedAt = parseTS(created)
		out = append(out, m)
	}
	return out, rows.Err()
}

// Told implements chat.Store.
func (s *Store) Told(ctx context.Context, from, to time.Time) ([]chat.Told, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT json_extract(decision, '$.entry_id'), json_extract(decision, '$.revision'), lang,
			count(*), min(created_at), max(created_at)
		FROM turns WHERE role = 'bot' AND json_extract(decision, '$.kind') = 'answer' AND created_at >= ? AND created_at < ?
		GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3`, ts(from), ts(to))
	if err != nil {
		return nil, fmt.Errorf("chat/sqlite: told: %w", err)
	}
	defer rows.Close()
	var out []chat.Told
	for rows.Next() {
		var t chat.Told
		var first, last sql.NullString
		if err := rows.Scan(&t.EntryID, &t.Revision, &t.Lang, &t.Count, &first, &last); err != nil {
			return nil, fmt.Errorf("chat/sqlite: told: %w", err)
		}
		t.First, t.Last = parseTS(first), parseTS(last)
		out = append(out, t)
	}
	return out, rows.Err()
}

// Purge implements chat.Store.
func (s *Store) Purge(ctx context.Context, before time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM conversations WHERE updated_at < ?`, ts(before))
	if err != nil {
		return 0, fmt.Errorf("chat/sqlite: purge: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
