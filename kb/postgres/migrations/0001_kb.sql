-- The knowledge base: current entries, every revision, and one indexed row
-- per (entry, language) for retrieval. The embedding column of variants is
-- not here: its type, vector(DIM), depends on the embedder, so Open adds
-- it (and its HNSW index) with the embedder's dimension.
CREATE TABLE entries (
	id          text PRIMARY KEY,
	topic       text NOT NULL DEFAULT '',
	agency      text NOT NULL DEFAULT '',
	status      text NOT NULL,
	valid_from  timestamptz,      -- NULL is open
	valid_until timestamptz,
	revision    integer NOT NULL,
	created_at  timestamptz NOT NULL,
	updated_at  timestamptz NOT NULL,
	doc         jsonb NOT NULL    -- the entry, the source of truth
);

CREATE INDEX entries_status ON entries (status, agency);

CREATE TABLE entry_revisions (
	entry_id  text NOT NULL,
	revision  integer NOT NULL,
	status    text NOT NULL,
	saved_at  timestamptz NOT NULL,
	saved_by  text NOT NULL DEFAULT '',
	doc       jsonb NOT NULL,
	PRIMARY KEY (entry_id, revision)
);

-- One row per (entry, language). phrase_terms and answer_terms are the
-- analysed terms of kb.IndexTerms, space-separated; tsv holds the same
-- terms as lexemes (weight A for the question and alternates, D for the
-- answer), built by the store, not by a text-search parser, so that a
-- lexeme is exactly a term.
CREATE TABLE variants (
	id           bigserial PRIMARY KEY,
	entry_id     text NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
	lang         text NOT NULL,
	phrase_terms text NOT NULL,
	answer_terms text NOT NULL,
	len_p        integer NOT NULL, -- number of phrase terms
	len_a        integer NOT NULL, -- number of answer terms
	tsv          tsvector NOT NULL,
	embedder     text NOT NULL,    -- the name of the embedder that made embedding
	UNIQUE (entry_id, lang)
);

CREATE INDEX variants_lang ON variants (lang);
CREATE INDEX variants_tsv ON variants USING gin (tsv);

-- The postings of BM25: for each variant and distinct term, how often the
-- term occurs in the phrasings and in the answer. Document frequencies and
-- the vocabulary for typo correction come from here too.
CREATE TABLE variant_terms (
	variant_id bigint NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
	lang       text NOT NULL,
	term       text COLLATE "C" NOT NULL,
	tf_p       integer NOT NULL,
	tf_a       integer NOT NULL,
	PRIMARY KEY (variant_id, term)
);

CREATE INDEX variant_terms_lang_term ON variant_terms (lang, term);
