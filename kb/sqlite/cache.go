package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/sportello/sportello/kb"
)

// entryCache keeps decoded entries in memory, so that a search's hits
// cost neither a query nor a JSON decode. Only the current revision of an
// entry is kept, and it is dropped when a save commits (index.apply);
// callers get copies, never the cached value.
//
// A read that misses fetches from the database without holding the
// lock, so a save may commit meanwhile: gen counts the invalidations,
// and a read stores what it fetched only if none happened since it
// began.
type entryCache struct {
	mu  sync.RWMutex
	gen uint64
	m   map[string]*cachedEntry
}

type cachedEntry struct {
	e *kb.Entry
}

// get returns the cached entry id, or nil and the generation to pass to
// put.
func (c *entryCache) get(id string) (*cachedEntry, uint64) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[id], c.gen
}

// put caches e, fetched when the cache was at generation gen, unless an
// invalidation happened since.
func (c *entryCache) put(e *kb.Entry, gen uint64) *cachedEntry {
	ce := &cachedEntry{e: e}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen {
		if c.m == nil {
			c.m = map[string]*cachedEntry{}
		}
		c.m[e.ID] = ce
	}
	return ce
}

// putAll caches entries, fetched when the cache was at generation gen,
// unless an invalidation happened since.
func (c *entryCache) putAll(entries []*kb.Entry, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	if c.m == nil {
		c.m = make(map[string]*cachedEntry, len(entries))
	}
	for _, e := range entries {
		c.m[e.ID] = &cachedEntry{e: e}
	}
}

// invalidate drops the entries ids; the caller has committed their new
// revisions.
func (c *entryCache) invalidate(ids []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for _, id := range ids {
		delete(c.m, id)
	}
}

// cachedGet returns the cached entry id, reading and caching it on a miss.
func (s *Store) cachedGet(ctx context.Context, id string) (*cachedEntry, error) {
	c := &s.index.entries
	ce, gen := c.get(id)
	if ce != nil {
		return ce, nil
	}
	e, err := getTx(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	return c.put(e, gen), nil
}

// LoadHit returns a copy of the entry id with the index terms of its
// variant in lang (nil when it has none), for kb.Retriever: the terms
// come from the search index, which keeps every variant's, so a hit
// costs neither a query, a JSON decode nor an analysis.
func (s *Store) LoadHit(ctx context.Context, id, lang string) (e *kb.Entry, phrases, answer []string, err error) {
	ce, err := s.cachedGet(ctx, id)
	if err != nil {
		return nil, nil, nil, err
	}
	e = copyEntry(ce.e)
	v := e.Variants[lang]
	if v == nil {
		return e, nil, nil, nil
	}
	phrases, answer, ok := s.index.terms(id, lang)
	if !ok { // saved meanwhile: analyse the text at hand
		phrases, answer = kb.IndexTerms(lang, v)
	}
	return e, phrases, answer, nil
}

// warmEntries decodes every entry into the cache, so that no search
// pays for the first read of an entry. The cache then holds the whole
// knowledge base's text, as the index holds its terms and vectors.
func (s *Store) warmEntries(ctx context.Context) error {
	c := &s.index.entries
	_, gen := c.get("")
	rows, err := s.db.QueryContext(ctx, `SELECT doc FROM entries`)
	if err != nil {
		return fmt.Errorf("sqlite: load the entries: %w", err)
	}
	defer rows.Close()
	var batch []*kb.Entry
	for rows.Next() {
		var doc []byte
		if err := rows.Scan(&doc); err != nil {
			return fmt.Errorf("sqlite: load the entries: %w", err)
		}
		var e kb.Entry
		if err := json.Unmarshal(doc, &e); err != nil {
			return fmt.Errorf("sqlite: load the entries: stored entry is corrupt: %w", err)
		}
		batch = append(batch, &e)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: load the entries: %w", err)
	}
	c.putAll(batch, gen)
	return nil
}

// copyEntry returns a deep copy of e without the JSON round trip of
// kb.Entry.Clone, which costs more than the search. Strings are
// immutable and shared; every slice, map and pointer is copied.
// TestCopyEntry fails when kb.Entry or kb.Variant gains a field of a kind
// this function does not copy.
func copyEntry(e *kb.Entry) *kb.Entry {
	c := *e
	c.Tags = slices.Clone(e.Tags)
	c.ValidFrom, c.ValidUntil = copyTime(e.ValidFrom), copyTime(e.ValidUntil)
	if e.Variants != nil {
		c.Variants = make(map[string]*kb.Variant, len(e.Variants))
		for lang, v := range e.Variants {
			if v == nil {
				c.Variants[lang] = nil
				continue
			}
			cv := *v
			cv.Alternates = slices.Clone(v.Alternates)
			cv.Links = slices.Clone(v.Links)
			cv.ReviewedAt = copyTime(v.ReviewedAt)
			c.Variants[lang] = &cv
		}
	}
	return &c
}

func copyTime[T any](p *T) *T {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}
