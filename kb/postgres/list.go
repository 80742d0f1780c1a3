package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sportello/sportello/kb"
)

// The entry list (kb.EntryQuery) and the overrides of shared entries,
// from the entry_list table that Import keeps with the entries.

// listChunk is how many list rows one statement writes.
const listChunk = 2000

// putListRows writes the list rows of entries (as saved) inside tx.
func putListRows(ctx context.Context, tx pgx.Tx, entries []*kb.Entry) error {
	for from := 0; from < len(entries); from += listChunk {
		chunk := entries[from:min(from+listChunk, len(entries))]
		n := len(chunk)
		var (
			ids, topics, agencies, statuses, overrides, coverage, words = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
			froms, untils                                               = make([]*time.Time, n), make([]*time.Time, n)
			updated                                                     = make([]time.Time, n)
			shared                                                      = make([]bool, n)
			adopted                                                     = make([]int32, n)
		)
		for i, e := range chunk {
			r := kb.ListRowOf(e)
			ids[i], topics[i], agencies[i], statuses[i], overrides[i], coverage[i], words[i] = r.ID, r.Topic, r.Agency, r.Status, r.Overrides, r.Coverage, r.Text
			froms[i], untils[i], updated[i], shared[i], adopted[i] = r.ValidFrom, r.ValidUntil, r.UpdatedAt, r.Shared, int32(r.AdoptedRevision)
		}
		_, err := tx.Exec(ctx, `INSERT INTO entry_list (id, topic, agency, status, valid_from, valid_until, updated_at, shared, overrides, adopted, coverage, words)
			SELECT id, topic, agency, status, vf, vu, up, sh, ov, ad, cov, to_tsvector('simple', w)
			FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[],
				$8::boolean[], $9::text[], $10::integer[], $11::text[], $12::text[]) AS r(id, topic, agency, status, vf, vu, up, sh, ov, ad, cov, w)
			ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, agency = excluded.agency, status = excluded.status,
				valid_from = excluded.valid_from, valid_until = excluded.valid_until, updated_at = excluded.updated_at,
				shared = excluded.shared, overrides = excluded.overrides, adopted = excluded.adopted,
				coverage = excluded.coverage, words = excluded.words`,
			ids, topics, agencies, statuses, froms, untils, updated, shared, overrides, adopted, coverage, words)
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.ConstraintName == "entry_list_overrides" {
			return fmt.Errorf("%w: an agency overrides an entry once: %s", kb.ErrConflict, pgErr.Detail)
		}
		if err != nil {
			return fmt.Errorf("save the list rows: %w", err)
		}
	}
	return nil
}

// overrideLookup reads, inside tx, what kb.CheckOverrides needs.
func overrideLookup(ctx context.Context, tx pgx.Tx) kb.OverrideLookup {
	return kb.OverrideLookup{
		Get: func(id string) (*kb.Entry, error) { return getEntry(ctx, tx, id) },
		Overrider: func(original, agency string) (string, error) {
			var id string
			err := tx.QueryRow(ctx, `SELECT id FROM entry_list WHERE overrides = $1 AND agency = $2 AND overrides <> ''`, original, agency).Scan(&id)
			if errors.Is(err, pgx.ErrNoRows) {
				return "", nil
			}
			return id, err
		},
	}
}

// fillEntryList fills entry_list for the entries saved before it existed
// (a database migrated from an earlier schema).
func fillEntryList(ctx context.Context, c *pgx.Conn) error {
	return pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
		// In batches, so that a large knowledge base is not all in memory.
		for {
			rows, err := tx.Query(ctx, `SELECT doc FROM entries e WHERE NOT EXISTS (SELECT 1 FROM entry_list l WHERE l.id = e.id)
				ORDER BY id COLLATE "C" LIMIT 1000`)
			if err != nil {
				return fmt.Errorf("postgres: fill the entry list: %w", err)
			}
			var es []*kb.Entry
			var doc []byte
			if _, err := pgx.ForEachRow(rows, []any{&doc}, func() error {
				e, err := decodeEntry(doc)
				es = append(es, e)
				return err
			}); err != nil {
				return fmt.Errorf("postgres: fill the entry list: %w", err)
			}
			if len(es) == 0 {
				return nil
			}
			if err := putListRows(ctx, tx, es); err != nil {
				return fmt.Errorf("postgres: fill the entry list: %w", err)
			}
		}
	})
}

// listWhere builds the WHERE clause of q over entry_list l.
func listWhere(q kb.EntryQuery) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) {
		for _, x := range a {
			args = append(args, x)
			cond = strings.Replace(cond, "?", "$"+strconv.Itoa(len(args)), 1)
		}
		conds = append(conds, cond)
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
		add("strpos(l.coverage, ?) = 0", " "+q.Lang+":")
	case q.Coverage != "":
		add("strpos(l.coverage, ?) > 0", " "+kb.CoverageKey(q.Lang, q.Coverage)+" ")
	}
	switch q.When {
	case kb.WhenExpiring:
		add("l.valid_until BETWEEN ? AND ?", q.Now, q.Now.Add(kb.ExpiringWithin))
	case kb.WhenExpired:
		add("l.valid_until < ?", q.Now)
	case kb.WhenStale:
		add("l.updated_at <= ?", q.Now.Add(-kb.StaleAfter))
	}
	switch q.Sharing {
	case kb.SharingShared:
		add("l.shared")
	case kb.SharingAdopted:
		add("l.overrides <> ''")
	case kb.SharingLocal:
		add("NOT l.shared AND l.overrides = ''")
	}
	if ws := kb.SearchWords(q.Text); len(ws) > 0 {
		for i, w := range ws {
			ws[i] = "'" + w + "':*"
		}
		add("l.words @@ to_tsquery('simple', ?)", strings.Join(ws, " & "))
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
		return page, fmt.Errorf("postgres: %w", err)
	}
	where, args := listWhere(q)
	// One snapshot: the count and the page agree.
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM entry_list l`+where, args...).Scan(&page.Total); err != nil {
			return err
		}
		// The page's ids from the narrow list rows first, then their
		// documents: skipping rows never reads a document.
		n := len(args)
		rows, err := tx.Query(ctx, `SELECT l.id FROM entry_list l`+where+
			fmt.Sprintf(` ORDER BY l.id LIMIT $%d OFFSET $%d`, n+1, n+2), append(args, q.Limit, q.Offset)...)
		if err != nil {
			return err
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		rows, err = tx.Query(ctx, `SELECT id, doc FROM entries WHERE id = ANY($1::text[])`, ids)
		if err != nil {
			return err
		}
		byID := make(map[string]*kb.Entry, len(ids))
		var id string
		var doc []byte
		if _, err := pgx.ForEachRow(rows, []any{&id, &doc}, func() error {
			e, err := decodeEntry(doc)
			byID[id] = e
			return err
		}); err != nil {
			return err
		}
		for _, id := range ids {
			if byID[id] == nil {
				return fmt.Errorf("entry %q is listed but not stored", id)
			}
			page.Entries = append(page.Entries, byID[id])
		}
		rows, err = tx.Query(ctx, `SELECT DISTINCT topic COLLATE "C" FROM entry_list WHERE topic <> '' ORDER BY 1`)
		if err != nil {
			return err
		}
		page.Topics, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	})
	if err != nil {
		return kb.EntryPage{}, fmt.Errorf("postgres: list: %w", err)
	}
	return page, nil
}

// Adoptions implements kb.Store.
func (s *Store) Adoptions(ctx context.Context, ids []string) ([]kb.Adoption, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT overrides, id, agency, status, valid_from, valid_until, adopted
		FROM entry_list WHERE overrides = ANY($1::text[]) AND overrides <> '' ORDER BY id`, ids)
	if err != nil {
		return nil, fmt.Errorf("postgres: adoptions: %w", err)
	}
	var out []kb.Adoption
	var a kb.Adoption
	var status string
	if _, err := pgx.ForEachRow(rows, []any{&a.Original, &a.ID, &a.Agency, &status, &a.ValidFrom, &a.ValidUntil, &a.AdoptedRevision}, func() error {
		a.Status = kb.Status(status)
		x := a
		if x.ValidFrom != nil {
			t := x.ValidFrom.UTC()
			x.ValidFrom = &t
		}
		if x.ValidUntil != nil {
			t := x.ValidUntil.UTC()
			x.ValidUntil = &t
		}
		out = append(out, x)
		a.ValidFrom, a.ValidUntil = nil, nil
		return nil
	}); err != nil {
		return nil, fmt.Errorf("postgres: adoptions: %w", err)
	}
	return out, nil
}
