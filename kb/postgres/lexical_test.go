package postgres_test

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/analysis"
	"github.com/sportello/sportello/kb/postgres"
	"github.com/sportello/sportello/kb/postgres/pgtest"
	"github.com/sportello/sportello/kb/sqlite"
)

// randomEntries makes n entries in Italian, English and Chinese from a
// small vocabulary, so that terms are shared by many entries and common
// terms fill several postings blocks.
func randomEntries(rng *rand.Rand, n int, tag string) []*kb.Entry {
	words := map[string][]string{
		"it": strings.Fields("carta identità passaporto rinnovo anagrafe comune tassa rifiuti scuola mensa iscrizione certificato residenza permesso soggiorno multa parcheggio biblioteca prestito bonus famiglia"),
		"en": strings.Fields("card identity passport renewal registry office tax waste school canteen enrolment certificate residence permit stay fine parking library loan bonus family"),
		"zh": strings.Fields("身份证 护照 更新 户籍 市政府 税 垃圾 学校 食堂 注册 证明 居住 许可 罚款 停车 图书馆 借书 补贴 家庭"),
	}
	text := func(lang string, k int) string {
		w := words[lang]
		parts := make([]string, k)
		for i := range parts {
			// Squared, so some words are much more common than others.
			parts[i] = w[int(float64(len(w))*rng.Float64()*rng.Float64())]
		}
		if lang == "zh" {
			return strings.Join(parts, "")
		}
		return strings.Join(parts, " ")
	}
	out := make([]*kb.Entry, n)
	for i := range out {
		e := &kb.Entry{ID: fmt.Sprintf("e%04d", i), Agency: []string{"comune", "asl"}[i%2], Variants: map[string]*kb.Variant{}}
		for lang := range words {
			if lang != "it" && rng.IntN(4) == 0 {
				continue // not every entry is translated
			}
			e.Variants[lang] = &kb.Variant{
				Question:   text(lang, 3+rng.IntN(5)) + " " + tag,
				Alternates: []string{text(lang, 2+rng.IntN(3))},
				Answer:     text(lang, 5+rng.IntN(20)),
			}
		}
		out[i] = e
	}
	return out
}

// TestLexicalSameAsSQLite imports the same random entries into both
// stores, through both of PostgreSQL's import paths, edits a third of them
// (new words, a language removed, archived, another agency), and checks
// that every search gives the same matches with the same scores, bit for
// bit, and the same term statistics; and that the postings blocks, kept
// up to date by every import, are what rebuilding them from scratch gives.
func TestLexicalSameAsSQLite(t *testing.T) {
	ctx := context.Background()
	defer postgres.SetBulkThreshold(200)()
	pg := open(t, pgtest.NewDatabase(t), kb.NewHashEmbedder(0))
	defer pg.Close()
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"), kb.NewHashEmbedder(0))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	rng := rand.New(rand.NewPCG(4, 2))
	entries := randomEntries(rng, 1500, "")

	importBoth := func(entries []*kb.Entry) {
		t.Helper()
		for _, s := range []kb.Store{pg, lite} {
			if _, err := s.Import(ctx, clones(entries), kb.ImportOptions{}); err != nil {
				t.Fatalf("import: %v", err)
			}
		}
	}
	importBoth(entries[:1000]) // the COPY path
	for i := 1000; i < len(entries); i += 50 {
		importBoth(entries[i : i+50]) // row by row
	}
	check := func(when string) {
		t.Helper()
		found := 0
		defer func() {
			if found < 1000 {
				t.Errorf("%s: the searches found only %d matches in all", when, found)
			}
		}()
		if _, err := postgres.DumpLexical(ctx, pg); err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		for i := range 150 {
			lang := []string{"it", "en", "zh"}[i%3]
			v := entries[rng.IntN(len(entries))].Variants[lang]
			if v == nil {
				continue
			}
			f := kb.Filter{Lang: lang}
			if i%5 == 0 {
				f.Agency = "asl"
			}
			// Every match, then the best ten: the same scores (which
			// entry wins a tie at the tenth place may differ).
			for _, limit := range []int{5000, 10} {
				q := kb.LexicalQuery{Filter: f, Terms: analysis.Terms(lang, v.Question+" "+v.Answer), Limit: limit}
				want, err := lite.SearchLexical(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				got, err := pg.SearchLexical(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				want, got = sameOrder(want), sameOrder(got)
				if limit < 5000 {
					want, got = scores(want), scores(got)
				}
				found += len(got)
				if diff := gocmp.Diff(want, got); diff != "" {
					t.Fatalf("%s: SearchLexical(%s %q, limit %d): PostgreSQL differs from SQLite (-sqlite +postgres):\n%s",
						when, lang, v.Question, limit, diff)
				}
			}
			q := kb.LexicalQuery{Terms: analysis.Terms(lang, v.Question)}
			terms := append(append(q.Terms, "zzzz"), analysis.Terms(lang, "rinovo passaprto")...)
			wantStats, err := lite.TermStats(ctx, lang, terms)
			if err != nil {
				t.Fatal(err)
			}
			gotStats, err := pg.TermStats(ctx, lang, terms)
			if err != nil {
				t.Fatal(err)
			}
			if diff := gocmp.Diff(wantStats, gotStats); diff != "" {
				t.Fatalf("%s: TermStats(%s) differ (-sqlite +postgres):\n%s", when, lang, diff)
			}
		}
	}
	check("after the imports")

	// A third of the entries change, in one bulk import and in small ones.
	edited := randomEntries(rng, len(entries), "nuovo")
	var changed []*kb.Entry
	for i, e := range entries {
		switch i % 9 {
		case 0:
			e.Variants = edited[i].Variants // new words everywhere
		case 3:
			delete(e.Variants, "en")
			delete(e.Variants, "zh")
		case 6:
			if i%2 == 0 {
				e.Status = kb.StatusArchived
			} else {
				e.Agency = "asl"
			}
		default:
			continue
		}
		changed = append(changed, e)
	}
	importBoth(changed[:300])
	for i := 300; i < len(changed); i += 40 {
		importBoth(changed[i:min(i+40, len(changed))])
	}
	check("after the edits")
}

// scores keeps only the scores of matches.
func scores(ms []kb.Match) []kb.Match {
	out := make([]kb.Match, len(ms))
	for i, m := range ms {
		out[i].Score = m.Score
	}
	return out
}

// sameOrder sorts matches by score, then entry, so that two stores that
// break ties differently compare equal.
func sameOrder(ms []kb.Match) []kb.Match {
	ms = slices.Clone(ms)
	slices.SortFunc(ms, func(a, b kb.Match) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return strings.Compare(a.EntryID, b.EntryID)
	})
	return ms
}
