package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

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
	err = s.pool.QueryRow(ctx, `SELECT count(*) FILTER (WHERE embedder <> $1), count(*) FROM variants`, s.embedder.Name()).Scan(&stale, &total)
	if err != nil {
		return 0, 0, fmt.Errorf("postgres: count stale vectors: %w", err)
	}
	return stale, total, nil
}

// autoReembed re-makes the stale vectors at Open when they are few.
func (s *Store) autoReembed(ctx context.Context) error {
	stale, _, err := s.StaleVectors(ctx)
	if err != nil || stale == 0 || stale > autoReembedLimit {
		return err
	}
	_, err = s.Reembed(ctx, ReembedBatch, nil)
	return err
}

// Reembed re-makes with the store's embedder the vectors of the variants
// that another embedder made (or whose vectors a change of dimension
// dropped), batch variants at a time (ReembedBatch if batch <= 0), each
// batch in its own transaction: interrupted, it keeps what it committed,
// and running it again goes on from there. progress, when set, is called
// after each batch with the variants done and the variants that were
// stale at the start. It returns how many variants it re-embedded.
//
// A variant whose entry an import changes meanwhile is left to that
// import (or to the next pass, if the import came from a process with
// another embedder): a vector is only ever stored with the text it was
// made from.
func (s *Store) Reembed(ctx context.Context, batch int, progress func(done, total int)) (int, error) {
	if batch <= 0 {
		batch = ReembedBatch
	}
	name := s.embedder.Name()
	total, _, err := s.StaleVectors(ctx)
	if err != nil || total == 0 {
		return 0, err
	}
	n, err := kb.RunReembed(ctx, total, func(ctx context.Context, after int64) (int, int64, error) {
		return s.reembedBatch(ctx, name, after, batch)
	}, progress)
	if err != nil {
		return n, fmt.Errorf("postgres: %w", err)
	}
	return n, nil
}

// reembedBatch re-embeds up to limit stale variants with ids above after,
// and returns how many it stored and the last id it looked at (0 when
// there was none).
func (s *Store) reembedBatch(ctx context.Context, name string, after int64, limit int) (int, int64, error) {
	rows, err := s.pool.Query(ctx, `SELECT v.id, v.lang, e.revision, e.doc FROM variants v JOIN entries e ON e.id = v.entry_id
		WHERE v.embedder <> $1 AND v.id > $2 ORDER BY v.id LIMIT $3`, name, after, limit)
	if err != nil {
		return 0, 0, err
	}
	type stale struct {
		id       int64
		revision int
		variant  *kb.Variant
	}
	var todo []stale
	var id int64
	var lang string
	var rev int
	var doc []byte
	if _, err := pgx.ForEachRow(rows, []any{&id, &lang, &rev, &doc}, func() error {
		e, err := decodeEntry(doc)
		if err != nil {
			return fmt.Errorf("variant %d: %w", id, err)
		}
		todo = append(todo, stale{id: id, revision: rev, variant: e.Variants[lang]})
		return nil
	}); err != nil {
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
	b := &pgx.Batch{}
	for i, t := range todo {
		// A variant without text has no vector, and nothing stale.
		b.Queue(`UPDATE variants v SET embedder = $1, embedding = $2 FROM entries e
			WHERE v.id = $3 AND e.id = v.entry_id AND e.revision = $4 AND v.embedder <> $1`, name, vectorArg(vecs[i]), t.id, t.revision)
	}
	stored := 0
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		br := tx.SendBatch(ctx, b)
		for range todo {
			tag, err := br.Exec()
			if err != nil {
				br.Close()
				return err
			}
			stored += int(tag.RowsAffected())
		}
		return br.Close()
	})
	if err != nil {
		return 0, 0, err
	}
	return stored, todo[len(todo)-1].id, nil
}
