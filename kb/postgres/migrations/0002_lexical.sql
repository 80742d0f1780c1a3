-- Lexical search from postings blocks instead of a row per (variant, term)
-- and a full-text GIN index: at 50,000 entries a search read tens of
-- thousands of rows and took seconds. See postings.go for the layout.
-- Open fills the new tables from the variants already stored.
DROP TABLE variant_terms;
DROP INDEX variants_tsv;
ALTER TABLE variants DROP COLUMN tsv;

-- Per language: how many variants, and the total number of terms of their
-- phrasings and of their answers (BM25's average lengths).
CREATE TABLE lexicon_stats (
	lang  text PRIMARY KEY,
	docs  bigint NOT NULL,
	len_p bigint NOT NULL,
	len_a bigint NOT NULL
);

-- Per language and term: in how many variants the term occurs. It is also
-- the vocabulary in which typo correction looks for a similar term.
CREATE TABLE lexicon (
	lang text NOT NULL,
	term text COLLATE "C" NOT NULL,
	df   integer NOT NULL,
	PRIMARY KEY (lang, term)
);

-- Every write of a block takes a new version, so that a process may keep
-- a decoded block for as long as the stored one has its version.
CREATE SEQUENCE postings_version;

-- The postings of each term, in blocks of variants ordered by id; a block
-- starts at its smallest variant id and never overlaps another.
CREATE TABLE postings (
	lang     text NOT NULL,
	term     text COLLATE "C" NOT NULL,
	first_id bigint NOT NULL,
	n        integer NOT NULL,  -- postings in the block
	version  bigint NOT NULL DEFAULT nextval('postings_version'),
	data     bytea NOT NULL,
	PRIMARY KEY (lang, term, first_id)
) WITH (toast_tuple_target = 8160);

-- Blocks are varints that do not compress: store them as they are, in the
-- row while they fit in a page.
ALTER TABLE postings ALTER COLUMN data SET STORAGE EXTERNAL;
