package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sportello/sportello/kb"
)

// The entry list (kb.EntryQuery) and the overrides of shared entries,
// from the entry_list table that save keeps with each entry.

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func microsOrNil(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixMicro()
}

// putListRow writes the entry's list row and search words inside tx.
func putListRow(ctx context.Context, tx execer, e *kb.Entry) error {
	r := kb.ListRowOf(e)
	var n int64
	err := tx.QueryRowContext(ctx, `INSERT INTO entry_list (id, topic, agency, status, valid_from, valid_until, updated_at, shared, overrides, adopted)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, agency = excluded.agency, status = excluded.status,
			valid_from = excluded.valid_from, valid_until = excluded.valid_until, updated_at = excluded.updated_at,
			shared = excluded.shared, overrides = excluded.overrides, adopted = excluded.adopted
		RETURNING n`,
		r.ID, r.Topic, r.Agency, r.Status, microsOrNil(r.ValidFrom), microsOrNil(r.ValidUntil), r.UpdatedAt.UnixMicro(),
		r.Shared, r.Overrides, r.AdoptedRevision).Scan(&n)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE constraint failed: entry_list.overrides") {
			return fmt.Errorf("%w: agency %q already overrides %q", kb.ErrConflict, r.Agency, r.Overrides)
		}
		return fmt.Errorf("save the list row: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM entry_langs WHERE n = ?`, n); err != nil {
		return fmt.Errorf("save the list row: %w", err)
	}
	for _, l := range e.Languages() {
		if _, err := tx.ExecContext(ctx, `INSERT INTO entry_langs (n, lang, state) VALUES (?, ?, ?)`, n, l, string(kb.CoverageOf(e, l))); err != nil {
			return fmt.Errorf("save the list row: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM entry_fts WHERE rowid = ?`, n); err != nil {
		return fmt.Errorf("save the search words: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO entry_fts (rowid, words) VALUES (?, ?)`, n, r.Text); err != nil {
		return fmt.Errorf("save the search words: %w", err)
	}
	return nil
}

// overrideLookup reads, inside tx, what kb.CheckOverrides needs.
func overrideLookup(ctx context.Context, tx *sql.Tx) kb.OverrideLookup {
	return kb.OverrideLookup{
		Get: func(id string) (*kb.Entry, error) { return getTx(ctx, tx, id) },
		Overrider: func(original, agency string) (string, error) {
			var id string
			err := tx.QueryRowContext(ctx, `SELECT id FROM entry_list WHERE overrides = ? AND agency = ? AND overrides <> ''`, original, agency).Scan(&id)
			if errors.Is(err, sql.ErrNoRows) {
				return "", nil
			}
			return id, err
		},
	}
}

// syncEntryList fills entry_list for the entries saved before it existed
// (a database migrated from the first schema).
func (s *Store) syncEntryList(ctx context.Context) error {
	var missing int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM entries WHERE id NOT IN (SELECT id FROM entry_list)`).Scan(&missing); err != nil {
		return fmt.Errorf("sqlite: fill the entry list: %w", err)
	}
	if missing == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: fill the entry list: %w", err)
	}
	defer tx.Rollback()
	// In batches, so that a large knowledge base is not all in memory.
	for {
		rows, err := tx.QueryContext(ctx, `SELECT doc FROM entries WHERE id NOT IN (SELECT id FROM entry_list) ORDER BY id LIMIT 1000`)
		if err != nil {
			return fmt.Errorf("sqlite: fill the entry list: %w", err)
		}
		var es []*kb.Entry
		for rows.Next() {
			var doc string
			if err := rows.Scan(&doc); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: fill the entry list: %w", err)
			}
			e, err := decodeEntry(doc)
			if err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: fill the entry list: %w", err)
			}
			es = append(es, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: fill the entry list: %w", err)
		}
		if len(es) == 0 {
			break
		}
		for _, e := range es {
			if err := putListRow(ctx, tx, e); err != nil {
				return fmt.Errorf("sqlite: fill the entry list: %s: %w", e.ID, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: fill the entry list: %w", err)
	}
	return nil
}

// listWhere builds the WHERE clause of q over entry_list l.
func listWhere(q kb.EntryQuery) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if q.Topic != "" {
		add("l.topic = ?", q.Topic)
	}
	if q.Agency != "" {
		add("l.agency = ?", q.Agency)
	}
	if q.Status != "" {
		add("l.status = ?", string(q.Status))
	}
	switch {
	case q.Coverage == kb.CoverageMissing:
		add("NOT EXISTS (SELECT 1 FROM entry_langs g WHERE g.n = l.n AND g.lang = ?)", q.Lang)
	case q.Coverage != "":
		add("l.n IN (SELECT n FROM entry_langs WHERE lang = ? AND state = ?)", q.Lang, string(q.Coverage))
	}
	now := q.Now.UnixMicro()
	switch q.When {
	case kb.WhenExpiring:
		add("l.valid_until BETWEEN ? AND ?", now, q.Now.Add(kb.ExpiringWithin).UnixMicro())
	case kb.WhenExpired:
		add("l.valid_until < ?", now)
	case kb.WhenStale:
		add("l.updated_at <= ?", q.Now.Add(-kb.StaleAfter).UnixMicro())
	}
	switch q.Sharing {
	case kb.SharingShared:
		add("l.shared = 1")
	case kb.SharingAdopted:
		add("l.overrides <> ''")
	case kb.SharingLocal:
		add("l.shared = 0 AND l.overrides = ''")
	}
	if ws := kb.SearchWords(q.Text); len(ws) > 0 {
		for i, w := range ws {
			ws[i] = `"` + w + `"*`
		}
		add("l.n IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?)", strings.Join(ws, " AND "))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// ListEntries implements kb.Store.
func (s *Store) ListEntries(ctx context.Context, q kb.EntryQuery) (kb.EntryPage, error) {
	var page kb.EntryPage
	if err := q.Normalize(); err != nil {
		return page, fmt.Errorf("sqlite: %w", err)
	}
	where, args := listWhere(q)
	// One read transaction: the count and the page agree.
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return page, fmt.Errorf("sqlite: list: %w", err)
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM entry_list l`+where, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("sqlite: list: %w", err)
	}
	// The page's ids from the narrow list rows first, then their
	// documents: skipping rows never reads a document.
	rows, err := tx.QueryContext(ctx, `SELECT l.id FROM entry_list l`+where+` ORDER BY l.id LIMIT ? OFFSET ?`, append(args, q.Limit, q.Offset)...)
	if err != nil {
		return page, fmt.Errorf("sqlite: list: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return page, fmt.Errorf("sqlite: list: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("sqlite: list: %w", err)
	}
	for _, id := range ids {
		e, err := getTx(ctx, tx, id)
		if err != nil {
			return page, fmt.Errorf("sqlite: list: %s: %w", id, err)
		}
		page.Entries = append(page.Entries, e)
	}
	trows, err := tx.QueryContext(ctx, `SELECT DISTINCT topic FROM entry_list WHERE topic <> '' ORDER BY topic`)
	if err != nil {
		return page, fmt.Errorf("sqlite: list topics: %w", err)
	}
	defer trows.Close()
	for trows.Next() {
		var t string
		if err := trows.Scan(&t); err != nil {
			return page, fmt.Errorf("sqlite: list topics: %w", err)
		}
		page.Topics = append(page.Topics, t)
	}
	return page, trows.Err()
}
