package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/analysis"
	"github.com/sportello/sportello/kb/postgres"
	"github.com/sportello/sportello/kb/postgres/pgtest"
)

// withUserAndDatabase returns the cluster's admin URL with another user
// and database.
func withUserAndDatabase(t *testing.T, admin, user, db string) string {
	t.Helper()
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.User, u.Path = url.User(user), "/"+db
	return u.String()
}

// adminExec runs statements as the cluster's superuser, in database db.
func adminExec(t *testing.T, db string, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, withUserAndDatabase(t, pgtest.MustStart(t), "postgres", db))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	for _, s := range stmts {
		if _, err := c.Exec(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestOpenWithoutVectorExtension opens, as its owner, a database made
// from template0, which lacks the vector extension: only a superuser can
// create it (pgvector is not a trusted extension), so Open fails, says
// what to run and where, and leaves the database untouched.
func TestOpenWithoutVectorExtension(t *testing.T) {
	ctx := context.Background()
	admin := pgtest.MustStart(t)
	adminExec(t, "postgres", `CREATE ROLE kb_owner LOGIN`, `CREATE DATABASE no_vector OWNER kb_owner TEMPLATE template0`)
	t.Cleanup(func() {
		adminExec(t, "postgres", `DROP DATABASE IF EXISTS no_vector WITH (FORCE)`, `DROP ROLE IF EXISTS kb_owner`)
	})
	_, err := postgres.Open(ctx, withUserAndDatabase(t, admin, "kb_owner", "no_vector"), kb.NewHashEmbedder(0))
	if err == nil {
		t.Fatal("Open without the vector extension succeeded")
	}
	t.Logf("Open: %v", err)
	for _, want := range []string{"vector extension", `"no_vector"`, `"kb_owner"`, "superuser", "CREATE EXTENSION vector"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Open without the vector extension: %v\nwant it to mention %s", err, want)
		}
	}
	c, err := pgx.Connect(ctx, withUserAndDatabase(t, admin, "postgres", "no_vector"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var tables int
	if err := c.QueryRow(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&tables); err != nil || tables != 0 {
		t.Errorf("after the failed Open the database holds %d tables (%v); want none", tables, err)
	}
}

// TestOpenBadDatabase checks the errors for a database or user the
// server does not know: each names what is wrong and what to do.
func TestOpenBadDatabase(t *testing.T) {
	ctx := context.Background()
	admin := pgtest.MustStart(t)
	for _, c := range []struct {
		user, db string
		want     []string
	}{
		{"postgres", "no_such_db", []string{`the database "no_such_db" does not exist`, "createdb no_such_db"}},
		{"no_such_user", "postgres", []string{`refused the user "no_such_user"`, "check the user and password"}},
	} {
		_, err := postgres.Open(ctx, withUserAndDatabase(t, admin, c.user, c.db), kb.NewHashEmbedder(0))
		t.Logf("Open as %s on %s: %v", c.user, c.db, err)
		for _, want := range c.want {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("Open as %s on %s: %v; want it to say %s", c.user, c.db, err, want)
			}
		}
	}
}

// TestMigrationFailingHalfway runs migrations whose second fails after
// its first statements: it is rolled back whole, the first stays, the
// error names the file and says so, and the corrected migration applies.
func TestMigrationFailingHalfway(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	files := fstest.MapFS{
		"migrations/0001_places.sql": {Data: []byte(`CREATE TABLE places (id int PRIMARY KEY); INSERT INTO places VALUES (1);`)},
		"migrations/0002_offices.sql": {Data: []byte(`CREATE TABLE offices (id int PRIMARY KEY);
			INSERT INTO offices VALUES (1);
			ALTER TABLE places ADD COLUMN name text NOT NULL DEFAULT '';
			INSERT INTO no_such_table VALUES (1);`)},
	}
	err := postgres.Migrate(ctx, url, files)
	if err == nil || !strings.Contains(err.Error(), "0002_offices.sql") || !strings.Contains(err.Error(), "rolled back") {
		t.Fatalf("a failing migration: err = %v; want it to name 0002_offices.sql and say it was rolled back", err)
	}
	t.Logf("Migrate: %v", err)
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	state := func() string {
		t.Helper()
		var offices, name *string
		var versions []int32
		if err := c.QueryRow(ctx, `SELECT to_regclass('offices')::text,
			(SELECT attname::text FROM pg_attribute WHERE attrelid = 'places'::regclass AND attname = 'name'),
			ARRAY(SELECT version FROM schema_migrations ORDER BY version)`).Scan(&offices, &name, &versions); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("offices %v, places.name %v, versions %v", offices != nil, name != nil, versions)
	}
	if got, want := state(), "offices false, places.name false, versions [1]"; got != want {
		t.Errorf("after the failed migration: %s; want %s", got, want)
	}
	files["migrations/0002_offices.sql"].Data = []byte(`CREATE TABLE offices (id int PRIMARY KEY);
		ALTER TABLE places ADD COLUMN name text NOT NULL DEFAULT '';`)
	if err := postgres.Migrate(ctx, url, files); err != nil {
		t.Fatalf("the corrected migration: %v", err)
	}
	if got, want := state(), "offices true, places.name true, versions [1 2]"; got != want {
		t.Errorf("after the corrected migration: %s; want %s", got, want)
	}
}

// TestUpgradeFromFirstSchema opens a database that the first version of
// the store filled (schema 1: terms in rows, a full-text column, no
// lexical index): Open migrates it, builds the postings from the stored
// variants and embeds them, and search works.
func TestUpgradeFromFirstSchema(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	data, err := fs.ReadFile(postgres.Migrations, "migrations/0001_kb.sql")
	if err != nil {
		t.Fatal(err)
	}
	if err := postgres.Migrate(ctx, url, fstest.MapFS{"migrations/0001_kb.sql": {Data: data}}); err != nil {
		t.Fatal(err)
	}
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	for i, q := range []string{"Come rinnovo la carta d'identità?", "Come richiedo il passaporto?", "Dove pago la TARI?"} {
		id := fmt.Sprintf("e%d", i)
		e := &kb.Entry{ID: id, Status: kb.StatusPublished, Revision: 1, Variants: map[string]*kb.Variant{"it": {Question: q, Answer: "Allo sportello."}}}
		doc, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		phrases, answer := kb.IndexTerms("it", e.Variants["it"])
		if _, err := c.Exec(ctx, `INSERT INTO entries (id, status, revision, created_at, updated_at, doc) VALUES ($1, 'published', 1, now(), now(), $2)`, id, string(doc)); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(ctx, `INSERT INTO variants (entry_id, lang, phrase_terms, answer_terms, len_p, len_a, tsv, embedder)
			VALUES ($1, 'it', $2, $3, $4, $5, ''::tsvector, 'an-old-model')`,
			id, strings.Join(phrases, " "), strings.Join(answer, " "), len(phrases), len(answer)); err != nil {
			t.Fatal(err)
		}
	}
	e := kb.NewHashEmbedder(0)
	s := open(t, url, e)
	defer s.Close()
	ms, err := s.SearchLexical(ctx, kb.LexicalQuery{Filter: kb.Filter{Lang: "it"}, Terms: analysis.Terms("it", "passaporto"), Limit: 5})
	if err != nil || !slices.Equal(ids(ms), []string{"e1"}) {
		t.Errorf("lexical search after the upgrade = %v, %v; want e1", ms, err)
	}
	v, _ := e.EmbedQuery(ctx, "Dove pago la TARI?")
	ms, err = s.SearchVector(ctx, kb.VectorQuery{Filter: kb.Filter{Lang: "it"}, Vector: v, Embedder: e.Name(), Limit: 5})
	if err != nil || len(ms) != 3 || ms[0].EntryID != "e2" {
		t.Errorf("vector search after the upgrade = %v, %v; want e2 first of 3", ms, err)
	}
	if _, err := postgres.DumpLexical(ctx, s); err != nil {
		t.Error(err)
	}
}
