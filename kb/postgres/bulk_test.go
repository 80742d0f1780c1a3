package postgres_test

import (
	"context"
	"crypto/md5"
	"fmt"
	"strings"
	"testing"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/analysis"
	"github.com/sportello/sportello/kb/kbtest"
	"github.com/sportello/sportello/kb/postgres"
	"github.com/sportello/sportello/kb/postgres/pgtest"
)

// TestContractBulk runs the contract suite with every import, however
// small, taking the COPY path, so that its revision semantics and
// atomicity are the row-by-row path's.
func TestContractBulk(t *testing.T) {
	pgtest.MustStart(t)
	defer postgres.SetBulkThreshold(1)()
	kbtest.Run(t, func(t *testing.T) kb.Store {
		return open(t, pgtest.NewDatabase(t), kb.NewHashEmbedder(0))
	})
}

// word returns a made-up word, different for every i, that analysis keeps
// as one term.
func word(i int) string {
	b := []byte("zq")
	for {
		b = append(b, byte('a'+i%26))
		i /= 26
		if i == 0 {
			return string(b) + "x"
		}
	}
}

func genEntries(n int, tag string) []*kb.Entry {
	out := make([]*kb.Entry, n)
	for i := range out {
		e := kbtest.Entry(fmt.Sprintf("gen-%04d", i),
			fmt.Sprintf("Come richiedo il certificato %s %s?", word(i), tag),
			fmt.Sprintf("All'Anagrafe, ufficio %s, con il modulo %s.", word(i), word(i+n)))
		e.Variants["en"] = &kb.Variant{Question: "How do I get certificate " + word(i) + "?", Answer: "At the registry office " + word(i) + "."}
		out[i] = e
	}
	return out
}

// dump describes what the database holds, timestamps aside, so that two
// databases can be compared.
func dump(t *testing.T, s *postgres.Store) map[string]string {
	t.Helper()
	queries := map[string]string{
		"entries": `SELECT count(*), md5(string_agg(concat_ws('|', id, topic, agency, status, revision,
			doc - 'created_at' - 'updated_at'), E'\n' ORDER BY id)) FROM entries`,
		"revisions": `SELECT count(*), md5(string_agg(concat_ws('|', entry_id, revision, status, saved_by,
			doc - 'created_at' - 'updated_at'), E'\n' ORDER BY entry_id, revision)) FROM entry_revisions`,
		"variants": `SELECT count(*), md5(string_agg(concat_ws('|', entry_id, lang, phrase_terms, answer_terms, len_p, len_a,
			embedder, embedding::text), E'\n' ORDER BY entry_id, lang)) FROM variants`,
	}
	out := map[string]string{}
	lex, err := postgres.DumpLexical(context.Background(), s)
	if err != nil {
		t.Fatalf("dump the lexical index: %v", err)
	}
	out["lexical index"] = fmt.Sprintf("%d lines, md5 %x", strings.Count(lex, "\n"), md5.Sum([]byte(lex)))
	for name, q := range queries {
		var n int
		var sum *string
		if err := s.Pool().QueryRow(context.Background(), q).Scan(&n, &sum); err != nil {
			t.Fatalf("dump %s: %v", name, err)
		}
		out[name] = fmt.Sprintf("%d rows, md5 %v", n, deref(sum))
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

// importRowByRow imports entries in chunks below the COPY threshold.
func importRowByRow(t *testing.T, s kb.Store, entries []*kb.Entry, by string) kb.ImportResult {
	t.Helper()
	var res kb.ImportResult
	for i := 0; i < len(entries); i += 100 {
		r, err := s.Import(context.Background(), entries[i:min(i+100, len(entries))], kb.ImportOptions{By: by})
		if err != nil {
			t.Fatalf("row-by-row import: %v", err)
		}
		res.Added, res.Updated, res.Unchanged = res.Added+r.Added, res.Updated+r.Updated, res.Unchanged+r.Unchanged
	}
	return res
}

func clones(entries []*kb.Entry) []*kb.Entry {
	out := make([]*kb.Entry, len(entries))
	for i, e := range entries {
		out[i] = e.Clone()
	}
	return out
}

// TestBulkImport imports 1,000 entries in one call (the COPY path), then
// updates some of them, checking the counts, the revisions and search,
// and that the database ends up holding exactly what row-by-row imports
// of the same entries give.
func TestBulkImport(t *testing.T) {
	ctx := context.Background()
	e := kb.NewHashEmbedder(0)
	bulk := open(t, pgtest.NewDatabase(t), e)
	defer bulk.Close()
	rows := open(t, pgtest.NewDatabase(t), e)
	defer rows.Close()

	const n = 1000
	first := genEntries(n, "")
	res, err := bulk.Import(ctx, clones(first), kb.ImportOptions{By: "test"})
	if err != nil {
		t.Fatalf("bulk import: %v", err)
	}
	if res != (kb.ImportResult{Added: n}) {
		t.Errorf("bulk import = %+v; want %d added", res, n)
	}
	if got := importRowByRow(t, rows, clones(first), "test"); got != res {
		t.Errorf("row-by-row import = %+v; want %+v like the bulk one", got, res)
	}
	compare := func(when string) {
		t.Helper()
		b, r := dump(t, bulk), dump(t, rows)
		for k := range b {
			if b[k] != r[k] {
				t.Errorf("%s, %s: bulk holds %s, row by row %s", when, k, b[k], r[k])
			}
		}
	}
	compare("after the first import")

	// Again unchanged: nothing is written.
	if res, err := bulk.Import(ctx, clones(first), kb.ImportOptions{By: "test"}); err != nil || res != (kb.ImportResult{Unchanged: n}) {
		t.Errorf("bulk re-import of the same entries = %+v, %v; want %d unchanged", res, err, n)
	}

	// Ten entries change, five of them dropping their English variant.
	second := clones(first)
	for i := 0; i < 10; i++ {
		x := second[i*97]
		x.Variants["it"].Question = fmt.Sprintf("Come rinnovo il permesso %s?", word(5000+i))
		if i%2 == 0 {
			delete(x.Variants, "en")
		}
	}
	res, err = bulk.Import(ctx, clones(second), kb.ImportOptions{By: "editor"})
	if err != nil || res != (kb.ImportResult{Updated: 10, Unchanged: n - 10}) {
		t.Fatalf("bulk update = %+v, %v; want 10 updated, %d unchanged", res, err, n-10)
	}
	if got := importRowByRow(t, rows, clones(second), "editor"); got != res {
		t.Errorf("row-by-row update = %+v; want %+v like the bulk one", got, res)
	}
	compare("after the update")

	for _, c := range []struct {
		id   string
		rev  int
		lang int
	}{{"gen-0000", 2, 1}, {"gen-0097", 2, 2}, {"gen-0001", 1, 2}, {"gen-0999", 1, 2}} {
		got, err := bulk.Get(ctx, c.id)
		if err != nil || got.Revision != c.rev || len(got.Variants) != c.lang {
			t.Errorf("Get(%s) = %+v, %v; want revision %d with %d languages", c.id, got, err, c.rev, c.lang)
			continue
		}
		revs, err := bulk.Revisions(ctx, c.id)
		if err != nil || len(revs) != c.rev || revs[len(revs)-1].SavedBy != map[int]string{1: "test", 2: "editor"}[c.rev] {
			t.Errorf("Revisions(%s) = %+v, %v; want %d", c.id, revs, err, c.rev)
		}
	}

	lexical := func(lang, text string) []string {
		t.Helper()
		ms, err := bulk.SearchLexical(ctx, kb.LexicalQuery{Filter: kb.Filter{Lang: lang}, Terms: analysis.Terms(lang, text), Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		return ids(ms)
	}
	if got := lexical("it", "certificato "+word(500)); len(got) == 0 || got[0] != "gen-0500" {
		t.Errorf("lexical search for gen-0500's word = %v; want gen-0500 first", got)
	}
	if got := lexical("it", "permesso "+word(5003)); len(got) == 0 || got[0] != "gen-0291" {
		t.Errorf("lexical search for gen-0291's new word = %v; want gen-0291 first", got)
	}
	if got := lexical("en", "certificate "+word(0)); len(got) != 0 && got[0] == "gen-0000" {
		t.Errorf("English search for gen-0000, whose English variant is gone = %v", got)
	}
	v, _ := e.EmbedQuery(ctx, "Come richiedo il certificato "+word(123)+"?")
	ms, err := bulk.SearchVector(ctx, kb.VectorQuery{Filter: kb.Filter{Lang: "it"}, Vector: v, Embedder: e.Name(), Limit: 3})
	if err != nil || len(ms) == 0 || ms[0].EntryID != "gen-0123" {
		t.Errorf("vector search for gen-0123's question = %v, %v; want gen-0123 first", ms, err)
	}
	st, err := bulk.TermStats(ctx, "en", []string{strings.ToLower(word(7))})
	if err != nil || st.Docs != n-5 {
		t.Errorf("TermStats(en).Docs = %d, %v; want %d", st.Docs, err, n-5)
	}
}

// TestBulkImportIsAtomic makes the last write of a bulk import fail and
// checks that nothing of it stays, staging tables included.
func TestBulkImportIsAtomic(t *testing.T) {
	ctx := context.Background()
	s := open(t, pgtest.NewDatabase(t), kb.NewHashEmbedder(0))
	defer s.Close()
	kbtest.MustImport(t, s, kbtest.Entry("cie", "Come rinnovo la carta d'identità?", "All'Anagrafe."))
	var termsBefore int
	if err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM lexicon`).Scan(&termsBefore); err != nil {
		t.Fatal(err)
	}
	// A trigger refuses one term: the lexical index is written last.
	if _, err := s.Pool().Exec(ctx, `
		CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN IF NEW.term LIKE 'kaboom%' THEN RAISE EXCEPTION 'refused term %', NEW.term; END IF; RETURN NEW; END $$;
		CREATE TRIGGER refuse_boom BEFORE INSERT ON lexicon FOR EACH ROW EXECUTE FUNCTION refuse_boom();`); err != nil {
		t.Fatal(err)
	}
	entries := genEntries(600, "")
	entries[599].Variants["it"].Answer = "Kaboom."
	cie := kbtest.Entry("cie", "Come rinnovo la carta d'identità elettronica?", "All'Anagrafe, su appuntamento.")
	entries = append(entries, cie)
	if _, err := s.Import(ctx, entries, kb.ImportOptions{}); err == nil || !strings.Contains(err.Error(), "refused term") {
		t.Fatalf("bulk import with a refused term: err = %v; want the trigger's error", err)
	}
	var nEntries, nRevs, nVariants, nTerms int
	if err := s.Pool().QueryRow(ctx, `SELECT (SELECT count(*) FROM entries), (SELECT count(*) FROM entry_revisions),
		(SELECT count(*) FROM variants), (SELECT count(*) FROM lexicon)`).Scan(&nEntries, &nRevs, &nVariants, &nTerms); err != nil {
		t.Fatal(err)
	}
	if nEntries != 1 || nRevs != 1 || nVariants != 1 || nTerms != termsBefore {
		t.Errorf("after a failed bulk import: %d entries, %d revisions, %d variants, %d terms; want 1, 1, 1, %d (cie's)",
			nEntries, nRevs, nVariants, nTerms, termsBefore)
	}
	if got, err := s.Get(ctx, "cie"); err != nil || got.Revision != 1 {
		t.Errorf("Get(cie) after a failed bulk import = %+v, %v; want revision 1", got, err)
	}
	// The pool's connections are reusable: another bulk import works.
	if _, err := s.Pool().Exec(ctx, `DROP TRIGGER refuse_boom ON lexicon`); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		var temp int
		if err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM pg_class WHERE relname LIKE 'stage\_%' AND relpersistence = 't'`).Scan(&temp); err != nil || temp != 0 {
			t.Errorf("staging tables left after the failed import: %d, %v", temp, err)
		}
	}
	res, err := s.Import(ctx, entries, kb.ImportOptions{})
	if err != nil || res != (kb.ImportResult{Added: 600, Updated: 1}) {
		t.Errorf("bulk import after the failure = %+v, %v; want 600 added, 1 updated", res, err)
	}
}
