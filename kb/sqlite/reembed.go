package sqlite

import (
	"context"
	"fmt"

	"github.com/sportello/sportello/kb"
)

// AutoReembed is the most stale vectors Open re-makes by itself: a small
// knowledge base (the demo's is 400 variants) follows a change of embedder
// without anyone noticing; a large one waits for `sportello kb reembed`,
// which shows its progress and can be interrupted and resumed.
const AutoReembed = 2000

// autoReembedLimit is AutoReembed, but for tests.
var autoReembedLimit = AutoReembed

// ReembedBatch is the default number of variants Reembed embeds and
// commits at a time.
const ReembedBatch = 256

// StaleVectors returns how many variants have no vector from the store's
// embedder, and how many variants there are.
func (s *Store) StaleVectors(ctx context.Context) (stale, total int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE embedder <> ?), count(*) FROM variants`, s.embedder.Name()).Scan(&stale, &total)
	if err != nil {
		return 0, 0, fmt.Errorf("sqlite: count stale vectors: %w", err)
	}
	return stale, total, nil
}

func (s *Store) autoReembed(ctx context.Context) error {
	stale, _, err := s.StaleVectors(ctx)
	if err != nil || stale == 0 || stale > autoReembedLimit {
		return err
	}
	_, err = s.Reembed(ctx, ReembedBatch, nil)
	return err
}

// Reembed re-makes with the store's embedder the vectors that another
// embedder made, batch variants at a time (ReembedBatch if batch <= 0),
// each batch in its own transaction: interrupted, it keeps what it
// committed, and running it again goes on from there. progress, when set,
// is called after each batch with the variants done and the variants that
// were stale at the start. It returns how many variants it re-embedded.
func (s *Store) Reembed(ctx context.Context, batch int, progress func(done, total int)) (int, error) {
	if batch <= 0 {
		batch = ReembedBatch
	}
	total, _, err := s.StaleVectors(ctx)
	if err != nil || total == 0 {
		return 0, err
	}
	n, err := kb.RunReembed(ctx, total, func(ctx context.Context, after int64) (int, int64, error) {
		return s.reembedBatch(ctx, after, batch)
	}, progress)
	if err != nil {
		return n, fmt.Errorf("sqlite: %w", err)
	}
	return n, nil
}

// reembedBatch re-embeds up to limit stale variants with ids above after,
// and returns how many it stored and the last id it looked at (0 when
// there was none).
func (s *Store) reembedBatch(ctx context.Context, after int64, limit int) (int, int64, error) {
	name := s.embedder.Name()
	rows, err := s.db.QueryContext(ctx, `SELECT v.id, v.lang, e.revision, e.doc FROM variants v JOIN entries e ON e.id = v.entry_id
		WHERE v.embedder <> ? AND v.id > ? ORDER BY v.id LIMIT ?`, name, after, limit)
	if err != nil {
		return 0, 0, err
	}
	type stale struct {
		id       int64
		lang     string
		revision int
		variant  *kb.Variant
		vec      []float32
	}
	var todo []stale
	for rows.Next() {
		var t stale
		var doc string
		if err := rows.Scan(&t.id, &t.lang, &t.revision, &doc); err != nil {
			rows.Close()
			return 0, 0, err
		}
		e, err := decodeEntry(doc)
		if err != nil {
			rows.Close()
			return 0, 0, fmt.Errorf("variant %d: %w", t.id, err)
		}
		t.variant = e.Variants[t.lang]
		todo = append(todo, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	if len(todo) == 0 {
		return 0, 0, nil
	}
	vs := make([]*kb.Variant, len(todo))
	for i, t := range todo {
		vs[i] = t.variant
	}
	vecs, err := kb.VariantVectors(ctx, s.embedder, vs)
	if err != nil {
		return 0, 0, err
	}
	for i := range todo {
		todo[i].vec = vecs[i]
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	var stored []stale
	for _, t := range todo {
		// Only if no import changed the entry meanwhile: a vector is only
		// ever stored with the text it was made from.
		res, err := tx.ExecContext(ctx, `UPDATE variants SET embedder = ?, vector = ?
			WHERE id = ? AND embedder <> ? AND EXISTS (SELECT 1 FROM entries e WHERE e.id = variants.entry_id AND e.revision = ?)`,
			name, encodeVector(t.vec), t.id, name, t.revision)
		if err != nil {
			return 0, 0, err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			stored = append(stored, t)
		}
	}
	// The index changes under its lock, taken before the commit, so that
	// an import committed after this batch reaches the index after it.
	s.index.mu.Lock()
	defer s.index.mu.Unlock()
	if err := tx.Commit(); err != nil {
		return 0, 0, err
	}
	for _, t := range stored {
		s.index.setVector(t.lang, t.id, t.vec)
	}
	return len(stored), todo[len(todo)-1].id, nil
}

// setVector replaces a row's vector; the caller holds the write lock.
func (ix *index) setVector(lang string, id int64, vec []float32) {
	li := ix.langs[lang]
	if li == nil {
		return
	}
	if i, ok := li.pos[id]; ok {
		li.setRow(i, vec)
		li.novec[i] = false
	}
}
