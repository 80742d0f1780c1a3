package kb

import (
	"context"
	"time"
)

// Store keeps the knowledge base. It has two implementations, the embedded
// SQLite store (kb/sqlite) and the PostgreSQL store (kb/postgres), and one
// contract suite (kb/kbtest) that both pass.
//
// Every save writes a new revision of the entry; older revisions stay
// readable. Writes of several entries are atomic: either all are stored or
// none is.
type Store interface {
	// Import validates and saves entries in one transaction. An entry whose
	// id exists gets a new revision; an unchanged entry is left alone. It
	// returns an error matching ErrInvalid (with the index of the entry) or
	// ErrConflict for duplicate ids within entries, and then stores nothing.
	Import(ctx context.Context, entries []*Entry, opts ImportOptions) (ImportResult, error)

	// Get returns the current revision of the entry, or ErrNotFound.
	Get(ctx context.Context, id string) (*Entry, error)

	// GetRevision returns revision rev of the entry, or ErrNotFound.
	GetRevision(ctx context.Context, id string, rev int) (*Entry, error)

	// Revisions lists the entry's revisions, oldest first, or returns
	// ErrNotFound if the entry does not exist.
	Revisions(ctx context.Context, id string) ([]Revision, error)

	// List returns the current revision of every entry matching f, by id.
	List(ctx context.Context, f ListFilter) ([]*Entry, error)

	// ListEntries returns one page of the entries matching q, in id
	// order (byte order), with the number of all that match. It returns
	// an error matching ErrInvalid for a query Validate refuses.
	ListEntries(ctx context.Context, q EntryQuery) (EntryPage, error)

	// CountCoverage counts, over every entry q matches (its Offset and
	// Limit aside), how many lack each of langs or have it outdated,
	// machine-translated and unreviewed, or current (kb/coverage.go). It
	// returns an error matching ErrInvalid for a query Normalize refuses
	// or invalid languages.
	CountCoverage(ctx context.Context, q EntryQuery, langs []string) (CoverageCount, error)

	// Adoptions returns the entries that override any of ids, in no
	// particular order.
	Adoptions(ctx context.Context, ids []string) ([]Adoption, error)

	// SearchLexical ranks the variants in q.Lang by BM25 over the analysed
	// terms, best first, and returns at most q.Limit matches.
	SearchLexical(ctx context.Context, q LexicalQuery) ([]Match, error)

	// SearchVector ranks the variants in q.Lang by cosine similarity to
	// q.Vector, best first. It returns an error matching ErrInvalid if the
	// vector's embedder is not the one the store was indexed with.
	SearchVector(ctx context.Context, q VectorQuery) ([]Match, error)

	// TermStats returns how many published-or-not variants exist in lang
	// and in how many of them each of terms occurs. For a term that occurs
	// nowhere it also suggests a similar indexed term (within one edit),
	// so that a misspelt word can still be matched.
	TermStats(ctx context.Context, lang string, terms []string) (TermStats, error)

	// SavePending stores p as the pending change of the entry p.Entry.ID,
	// replacing any earlier one, and sets p.SavedAt. The entry must exist
	// (ErrNotFound) at revision p.Base (ErrConflict); an invalid entry
	// is an error matching ErrInvalid. The live entry is not touched.
	SavePending(ctx context.Context, p *PendingChange, opts ImportOptions) error

	// Pending returns the entry's pending change, or ErrNotFound.
	Pending(ctx context.Context, id string) (*PendingChange, error)

	// PendingIDs returns which of ids have a pending change.
	PendingIDs(ctx context.Context, ids []string) (map[string]bool, error)

	// PublishPending applies the entry's pending change as a new revision
	// saved by its author and removes it, in one transaction. seen, when
	// not zero, is the SavedAt of the pending change the reviewer read:
	// a change saved again since, or a live entry no longer at the base
	// revision, is an error matching ErrConflict and nothing changes.
	// Without a pending change it returns ErrNotFound.
	PublishPending(ctx context.Context, id string, seen time.Time) (*Entry, error)

	// DiscardPending removes the entry's pending change, or returns
	// ErrNotFound.
	DiscardPending(ctx context.Context, id string) error

	// Embedder returns the embedder whose vectors the store holds.
	Embedder() Embedder

	// Close releases the store.
	Close() error
}

// ImportOptions tunes Import.
type ImportOptions struct {
	// Languages, when set, is the list of languages variants may use.
	Languages []string
	// By names who saved the entries, for the revision history.
	By string
	// Progress, when set, is called as entries are indexed.
	Progress func(done, total int)
	// Expect, when set, maps entry ids to the revision the editor started
	// from (0: the entry must not exist yet). If another save came first,
	// Import stores nothing and returns an error matching ErrConflict:
	// optimistic locking for concurrent editors.
	Expect map[string]int
}

// ImportResult counts what Import did.
type ImportResult struct {
	Added     int `json:"added"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// ListFilter selects entries for List. Zero fields match everything.
type ListFilter struct {
	Agency string
	Topic  string
	Status Status
}

// Filter restricts retrieval to what a citizen may be shown: variants in one
// language, of published entries valid at one instant, optionally of one
// agency.
type Filter struct {
	Lang   string
	Agency string    // "" searches every agency
	At     time.Time // zero means now
	// Unpublished includes draft and review entries, for editors' previews.
	Unpublished bool
}

// LexicalQuery is a ranked full-text search over analysed terms.
type LexicalQuery struct {
	Filter
	Terms []string // from analysis.Terms
	Limit int
}

// VectorQuery is a nearest-neighbour search.
type VectorQuery struct {
	Filter
	Vector   []float32
	Embedder string // the name of the embedder that made Vector
	Limit    int
}

// Match is one variant found by a search, with the score of its ranking:
// BM25 for lexical search (higher is better), cosine similarity for vector
// search.
type Match struct {
	EntryID string
	Score   float64
}

// TermStats are document frequencies of analysed terms in one language.
type TermStats struct {
	// Docs is the number of variants in the language.
	Docs int
	// DF maps a term to the number of variants containing it.
	DF map[string]int
	// Similar maps a term that occurs nowhere to an indexed term one edit
	// away, when one exists.
	Similar map[string]string
}
