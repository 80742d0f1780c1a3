// Package postgres keeps Sportello's conversations, turns, handoffs and
// ratings in PostgreSQL, beside the knowledge base (kb/postgres), so that
// several `sportello serve` processes share them.
package postgres

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb/postgres/pgmigrate"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock serialises this package's schema changes across processes.
const migrationLock = 0x5350_4348_4154 // "SPCHAT"

// Store implements chat.Store on PostgreSQL.
type Store struct {
	pool *pgxpool.Pool
}

var _ chat.Store = (*Store)(nil)

// New applies the conversation migrations and returns the store. pool is
// usually kb/postgres's (*Store).Pool().
func New(ctx context.Context, pool *pgxpool.Pool) (*Store, error) {
	if err := pgmigrate.Run(ctx, pool, "chat_schema_migrations", migrationLock, migrations); err != nil {
		return nil, fmt.Errorf("chat/postgres: %w", err)
	}
	return &Store{pool: pool}, nil
}

const convColumns = `id, agency, channel, contact, lang, lang_chosen, state, misses, last_seq, created_at, updated_at`

func scanConversation(row pgx.Row) (*chat.Conversation, error) {
	var c chat.Conversation
	if err := row.Scan(&c.ID, &c.Agency, &c.Channel, &c.Contact, &c.Lang, &c.LangChosen, &c.State, &c.Misses, &c.LastSeq, &c.CreatedAt, &c.UpdatedAt); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, chat.ErrNoConversation
		}
		return nil, err
	}
	return &c, nil
}

func wrap(op string, err error) error {
	if err == nil || errors.Is(err, chat.ErrNoConversation) || errors.Is(err, chat.ErrNoTurn) ||
		errors.Is(err, chat.ErrNoTicket) || errors.Is(err, chat.ErrClosed) || errors.Is(err, chat.ErrStale) {
		return err
	}
	return fmt.Errorf("chat/postgres: %s: %w", op, err)
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
	_, err := s.pool.Exec(ctx, `INSERT INTO conversations (`+convColumns+`) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,0,$9,$9)`,
		c.ID, c.Agency, c.Channel, c.Contact, c.Lang, c.LangChosen, c.State, c.Misses, now)
	return wrap("create conversation", err)
}

// Conversation implements chat.Store.
func (s *Store) Conversation(ctx context.Context, id string) (*chat.Conversation, error) {
	c, err := scanConversation(s.pool.QueryRow(ctx, `SELECT `+convColumns+` FROM conversations WHERE id = $1`, id))
	return c, wrap("conversation", err)
}

// OpenConversation implements chat.Store.
func (s *Store) OpenConversation(ctx context.Context, channel, contact string) (*chat.Conversation, error) {
	c, err := scanConversation(s.pool.QueryRow(ctx, `SELECT `+convColumns+` FROM conversations
		WHERE channel = $1 AND contact = $2 AND contact <> '' AND state <> 'closed' ORDER BY created_at DESC LIMIT 1`, channel, contact))
	return c, wrap("open conversation", err)
}

// AppendTurn implements chat.Store.
func (s *Store) AppendTurn(ctx context.Context, t *chat.Turn) (dup bool, err error) {
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if t.Key != "" {
			// Lock the conversation first, so two deliveries of one key
			// cannot both miss each other.
			if _, err := tx.Exec(ctx, `SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE`, t.ConversationID); err != nil {
				return err
			}
			old, err := turnWhere(ctx, tx, `conversation_id = $1 AND key = $2`, t.ConversationID, t.Key)
			if err == nil {
				*t, dup = *old, true
				return nil
			}
			if !errors.Is(err, chat.ErrNoTurn) {
				return err
			}
		}
		return insertTurn(ctx, tx, t)
	})
	return dup, wrap("append turn", err)
}

func insertTurn(ctx context.Context, tx pgx.Tx, t *chat.Turn) error {
	now := time.Now().UTC()
	var state chat.State
	err := tx.QueryRow(ctx, `UPDATE conversations SET last_seq = last_seq + 1, updated_at = $1
		WHERE id = $2 RETURNING last_seq, state`, now, t.ConversationID).Scan(&t.Seq, &state)
	if errors.Is(err, pgx.ErrNoRows) {
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
	var decision []byte
	if t.Decision != nil {
		if decision, err = json.Marshal(t.Decision); err != nil {
			return err
		}
	}
	var key *string
	if t.Key != "" {
		key = &t.Key
	}
	var translations []byte
	if len(t.Translations) > 0 {
		if translations, err = json.Marshal(t.Translations); err != nil {
			return err
		}
	}
	_, err = tx.Exec(ctx, `INSERT INTO turns (conversation_id, seq, role, text, lang, status, key, author, decision, translations, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`, t.ConversationID, t.Seq, t.Role, t.Text, t.Lang, t.Status, key, t.Author, decision, translations, now)
	if err != nil {
		return err
	}
	return notify(ctx, tx, t.ConversationID)
}

// Channel is the PostgreSQL notification channel on which every change
// to a conversation (a turn, a handoff, a claim) is announced with the
// conversation's id, when its transaction commits.
const Channel = "sportello_chat"

func notify(ctx context.Context, tx pgx.Tx, conversationID string) error {
	_, err := tx.Exec(ctx, `SELECT pg_notify($1, $2)`, Channel, conversationID)
	return err
}

// Listen calls fn with the id of every conversation that changes in any
// process sharing the database, until ctx ends. It reconnects after
// connection failures, and then calls fn with "" so that listeners know
// they may have missed changes and should re-read what they show.
func (s *Store) Listen(ctx context.Context, fn func(conversationID string)) error {
	backoff := 100 * time.Millisecond
	for first := true; ; first = false {
		s.listen(ctx, fn, !first)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		if backoff < 10*time.Second {
			backoff *= 2
		}
	}
}

func (s *Store) listen(ctx context.Context, fn func(string), resync bool) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	// A listening connection is never handed back to the pool.
	pc := conn.Hijack()
	defer pc.Close(context.WithoutCancel(ctx))
	if _, err := pc.Exec(ctx, `LISTEN `+Channel); err != nil {
		return err
	}
	if resync {
		fn("")
	}
	for {
		n, err := pc.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		fn(n.Payload)
	}
}

// AddTranslation implements chat.Store.
func (s *Store) AddTranslation(ctx context.Context, id string, seq int64, tr chat.TurnTranslation) error {
	b, err := json.Marshal(tr)
	if err != nil {
		return err
	}
	tag, err := s.pool.Exec(ctx, `UPDATE turns SET translations = coalesce(translations, '[]'::jsonb) || jsonb_build_array($1::jsonb)
		WHERE conversation_id = $2 AND seq = $3`, b, id, seq)
	if err != nil {
		return wrap("add translation", err)
	}
	if tag.RowsAffected() == 0 {
		return chat.ErrNoTurn
	}
	return nil
}

const turnColumns = `conversation_id, seq, role, text, lang, status, coalesce(key, ''), author, decision, translations, created_at`

type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func turnsWhere(ctx context.Context, q querier, where string, args ...any) ([]chat.Turn, error) {
	rows, err := q.Query(ctx, `SELECT `+turnColumns+` FROM turns WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []chat.Turn
	for rows.Next() {
		var t chat.Turn
		var decision, translations []byte
		if err := rows.Scan(&t.ConversationID, &t.Seq, &t.Role, &t.Text, &t.Lang, &t.Status, &t.Key, &t.Author, &decision, &translations, &t.CreatedAt); err != nil {
			return nil, err
		}
		if translations != nil {
			if err := json.Unmarshal(translations, &t.Translations); err != nil {
				return nil, fmt.Errorf("turn %s/%d: translations: %w", t.ConversationID, t.Seq, err)
			}
		}
		if decision != nil {
			t.Decision = new(chat.TurnDecision)
			if err := json.Unmarshal(decision, t.Decision); err != nil {
				return nil, fmt.Errorf("turn %s/%d: decision: %w", t.ConversationID, t.Seq, err)
			}
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func turnWhere(ctx context.Context, q querier, where string, args ...any) (*chat.Turn, error) {
	ts, err := turnsWhere(ctx, q, where+` LIMIT 1`, args...)
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
	ts, err := turnsWhere(ctx, s.pool, `conversation_id = $1 AND seq > $2 ORDER BY seq`, id, after)
	return ts, wrap("turns", err)
}

// Turn implements chat.Store.
func (s *Store) Turn(ctx context.Context, id string, seq int64) (*chat.Turn, error) {
	t, err := turnWhere(ctx, s.pool, `conversation_id = $1 AND seq = $2`, id, seq)
	return t, wrap("turn", err)
}

// Received implements chat.Store.
func (s *Store) Received(ctx context.Context, limit int) ([]chat.Turn, error) {
	ts, err := turnsWhere(ctx, s.pool, `status = 'received' ORDER BY created_at, seq LIMIT $1`, limit)
	return ts, wrap("received turns", err)
}

// SaveReply implements chat.Store.
func (s *Store) SaveReply(ctx context.Context, r *chat.Reply) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE turns SET status = 'done' WHERE conversation_id = $1 AND seq = $2 AND status = 'received'`,
			r.ConversationID, r.CitizenSeq)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return fmt.Errorf("reply to turn %d: %w", r.CitizenSeq, chat.ErrStale)
		}
		if r.Bot != nil {
			r.Bot.ConversationID = r.ConversationID
			if err := insertTurn(ctx, tx, r.Bot); err != nil {
				return err
			}
		}
		now := time.Now().UTC()
		if _, err := tx.Exec(ctx, `UPDATE conversations SET lang = $1, lang_chosen = $2, state = $3, misses = $4, updated_at = $5 WHERE id = $6`,
			r.Lang, r.LangChosen, r.State, r.Misses, now, r.ConversationID); err != nil {
			return err
		}
		if err := notify(ctx, tx, r.ConversationID); err != nil {
			return err
		}
		if h := r.Ticket; h != nil {
			h.ConversationID, h.CreatedAt = r.ConversationID, now
			if h.State == "" {
				h.State = chat.TicketWaiting
			}
			if _, err := tx.Exec(ctx, `INSERT INTO handoffs (code, conversation_id, reason, lang, channel, agency, topic, team, state, created_at)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`, h.Code, h.ConversationID, h.Reason, h.Lang, h.Channel, h.Agency, h.Topic, h.Team, h.State, now); err != nil {
				return fmt.Errorf("handoff: %w", err)
			}
		}
		return nil
	})
	return wrap("save reply", err)
}

// SetState implements chat.Store.
func (s *Store) SetState(ctx context.Context, id string, from []chat.State, to chat.State) error {
	names := make([]string, len(from))
	for i, f := range from {
		names[i] = string(f)
	}
	tag, err := s.pool.Exec(ctx, `UPDATE conversations SET state = $1, updated_at = $2 WHERE id = $3 AND state = ANY($4)`, to, time.Now().UTC(), id, names)
	if err != nil {
		return wrap("set state", err)
	}
	if tag.RowsAffected() == 0 {
		if _, err := s.Conversation(ctx, id); err != nil {
			return err
		}
		return chat.ErrStale
	}
	return nil
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
	_, err = s.pool.Exec(ctx, `INSERT INTO feedback (conversation_id, seq, entry_id, revision, lang, rating, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)
		ON CONFLICT (conversation_id, seq) DO UPDATE SET rating = excluded.rating, created_at = excluded.created_at`,
		f.ConversationID, f.Seq, f.EntryID, f.Revision, f.Lang, f.Rating, f.CreatedAt)
	return wrap("rate", err)
}

// Ratings implements chat.Store.
func (s *Store) Ratings(ctx context.Context, entryID string) ([]chat.Feedback, error) {
	rows, err := s.pool.Query(ctx, `SELECT conversation_id, seq, entry_id, revision, lang, rating, created_at
		FROM feedback WHERE entry_id = $1 ORDER BY created_at, conversation_id, seq`, entryID)
	if err != nil {
		return nil, wrap("ratings", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (chat.Feedback, error) {
		var f chat.Feedback
		err := row.Scan(&f.ConversationID, &f.Seq, &f.EntryID, &f.Revision, &f.Lang, &f.Rating, &f.CreatedAt)
		return f, err
	})
	return out, wrap("ratings", err)
}

const ticketColumns = `code, conversation_id, reason, lang, channel, agency, topic, team, state, claimed_by, outcome, created_at, claimed_at, resolved_at`

func (s *Store) ticketsWhere(ctx context.Context, where string, args ...any) ([]chat.Ticket, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+ticketColumns+` FROM handoffs WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (chat.Ticket, error) {
		var h chat.Ticket
		var claimed, resolved *time.Time
		err := row.Scan(&h.Code, &h.ConversationID, &h.Reason, &h.Lang, &h.Channel, &h.Agency, &h.Topic, &h.Team, &h.State,
			&h.ClaimedBy, &h.Outcome, &h.CreatedAt, &claimed, &resolved)
		if claimed != nil {
			h.ClaimedAt = *claimed
		}
		if resolved != nil {
			h.ResolvedAt = *resolved
		}
		return h, err
	})
}

// Ticket implements chat.Store.
func (s *Store) Ticket(ctx context.Context, code string) (*chat.Ticket, error) {
	hs, err := s.ticketsWhere(ctx, `code = $1`, code)
	if err != nil {
		return nil, wrap("ticket", err)
	}
	if len(hs) == 0 {
		return nil, chat.ErrNoTicket
	}
	return &hs[0], nil
}

// Tickets implements chat.Store.
func (s *Store) Tickets(ctx context.Context, states ...chat.TicketState) ([]chat.Ticket, error) {
	names := make([]string, len(states))
	for i, st := range states {
		names[i] = string(st)
	}
	hs, err := s.ticketsWhere(ctx, `state = ANY($1) ORDER BY created_at, code`, names)
	return hs, wrap("tickets", err)
}

// ClaimTicket implements chat.Store.
func (s *Store) ClaimTicket(ctx context.Context, code, operator string) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		now := time.Now().UTC()
		var conv string
		err := tx.QueryRow(ctx, `UPDATE handoffs SET state = 'claimed', claimed_by = $1, claimed_at = $2
			WHERE code = $3 AND state = 'waiting' RETURNING conversation_id`, operator, now, code).Scan(&conv)
		if errors.Is(err, pgx.ErrNoRows) {
			return chat.ErrStale
		}
		if err != nil {
			return err
		}
		if _, err = tx.Exec(ctx, `UPDATE conversations SET state = 'operator', updated_at = $1 WHERE id = $2 AND state <> 'closed'`, now, conv); err != nil {
			return err
		}
		return notify(ctx, tx, conv)
	})
	if errors.Is(err, chat.ErrStale) {
		if _, err := s.Ticket(ctx, code); err != nil {
			return err
		}
	}
	return wrap("claim", err)
}

// TicketFor implements chat.Store.
func (s *Store) TicketFor(ctx context.Context, conversationID string) (*chat.Ticket, error) {
	hs, err := s.ticketsWhere(ctx, `conversation_id = $1 ORDER BY created_at DESC LIMIT 1`, conversationID)
	if err != nil {
		return nil, wrap("ticket", err)
	}
	if len(hs) == 0 {
		return nil, chat.ErrNoTicket
	}
	return &hs[0], nil
}

// TransferTicket implements chat.Store.
func (s *Store) TransferTicket(ctx context.Context, code, team string) error {
	return s.moveTicket(ctx, code, `UPDATE handoffs SET state = 'waiting', team = $1, claimed_by = '', claimed_at = NULL
		WHERE code = $2 AND state <> 'resolved' RETURNING conversation_id`, []any{team, code}, chat.StateWaiting)
}

// ResolveTicket implements chat.Store.
func (s *Store) ResolveTicket(ctx context.Context, code, operator, outcome string) error {
	return s.moveTicket(ctx, code, `UPDATE handoffs SET state = 'resolved', outcome = $1, resolved_at = $2
		WHERE code = $3 AND state = 'claimed' AND claimed_by = $4 RETURNING conversation_id`, []any{outcome, time.Now().UTC(), code, operator}, chat.StateClosed)
}

// moveTicket runs update (which returns the conversation id) and moves
// the conversation to state, in one transaction.
func (s *Store) moveTicket(ctx context.Context, code, update string, args []any, state chat.State) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var conv string
		err := tx.QueryRow(ctx, update, args...).Scan(&conv)
		if errors.Is(err, pgx.ErrNoRows) {
			return chat.ErrStale
		}
		if err != nil {
			return err
		}
		if _, err = tx.Exec(ctx, `UPDATE conversations SET state = $1, updated_at = $2 WHERE id = $3 AND state <> 'closed'`, state, time.Now().UTC(), conv); err != nil {
			return err
		}
		return notify(ctx, tx, conv)
	})
	if errors.Is(err, chat.ErrStale) {
		if _, err := s.Ticket(ctx, code); err != nil {
			return err
		}
	}
	return wrap("ticket", err)
}

// Misses implements chat.Store.
func (s *Store) Misses(ctx context.Context, since time.Time, limit int) ([]chat.Miss, error) {
	rows, err := s.pool.Query(ctx, `SELECT c.conversation_id, c.seq, c.text, b.lang,
			b.decision->>'kind', b.decision->>'reason', coalesce(b.decision->>'entry_id', ''),
			coalesce(f.rating, 0) = -1, c.created_at
		FROM turns b
		JOIN LATERAL (SELECT x.conversation_id, x.seq, x.text, x.created_at FROM turns x
			WHERE x.conversation_id = b.conversation_id AND x.seq < b.seq AND x.role = 'citizen' ORDER BY x.seq DESC LIMIT 1) c ON true
		LEFT JOIN feedback f ON f.conversation_id = b.conversation_id AND f.seq = b.seq
		WHERE b.role = 'bot' AND b.created_at >= $1 AND (
			b.decision->>'kind' = 'clarify'
			OR (b.decision->>'kind' = 'handoff' AND b.decision->>'reason' IN ('low_confidence', 'no_match', 'repeated_misses', 'no_variant'))
			OR f.rating = -1)
		ORDER BY b.created_at DESC LIMIT $2`, since, limit)
	if err != nil {
		return nil, wrap("misses", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (chat.Miss, error) {
		var m chat.Miss
		err := r.Scan(&m.ConversationID, &m.Seq, &m.Text, &m.Lang, &m.Kind, &m.Reason, &m.EntryID, &m.Negative, &m.CreatedAt)
		return m, err
	})
	return out, wrap("misses", err)
}

// Told implements chat.Store.
func (s *Store) Told(ctx context.Context, from, to time.Time) ([]chat.Told, error) {
	rows, err := s.pool.Query(ctx, `SELECT decision->>'entry_id', (decision->>'revision')::int, lang, count(*)::int, min(created_at), max(created_at)
		FROM turns WHERE role = 'bot' AND decision->>'kind' = 'answer' AND created_at >= $1 AND created_at < $2
		GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1, 2, 3`, from, to)
	if err != nil {
		return nil, wrap("told", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (chat.Told, error) {
		var t chat.Told
		err := r.Scan(&t.EntryID, &t.Revision, &t.Lang, &t.Count, &t.First, &t.Last)
		return t, err
	})
	return out, wrap("told", err)
}

// Purge implements chat.Store.
func (s *Store) Purge(ctx context.Context, before time.Time) (int, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM conversations WHERE updated_at < $1`, before)
	if err != nil {
		return 0, wrap("purge", err)
	}
	return int(tag.RowsAffected()), nil
}
