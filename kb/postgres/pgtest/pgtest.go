// Package pgtest starts a throwaway PostgreSQL cluster with pgvector for
// tests: one per test binary, on a free port of 127.0.0.1, in a temporary
// folder, with a fresh database for every test that asks.
//
// Use it from a test package like this:
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		pgtest.Stop()
//		os.Exit(code)
//	}
//
//	func TestX(t *testing.T) {
//		url := pgtest.NewDatabase(t) // skips, or fails when CI=true, without PostgreSQL
//		...
//	}
//
// When PostgreSQL 15 or pgvector is missing the tests skip with how to
// install them; when the environment variable CI is "true" they fail
// instead, so that a CI machine cannot silently stop testing the store.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// BinDir is where the PostgreSQL server programs are looked for; the
// environment variable PGTEST_BINDIR overrides it.
var BinDir = "/usr/lib/postgresql/15/bin"

const installHint = "install PostgreSQL 15 and pgvector with `make deps` (as root on Debian) or scripts/install-pgvector.sh"

type cluster struct {
	base    string // temporary folder: data/ and the server log
	port    int
	asUser  string // OS user running the server, "" for the current one
	url     string // admin URL, database postgres
	started time.Duration
}

var (
	once    sync.Once
	mu      sync.Mutex
	running *cluster
	// missing is why the cluster cannot run here (nothing installed); err
	// is a failure of a cluster that should have started.
	missing string
	err     error
	dbSeq   atomic.Int64
)

// MustStart starts the cluster (once per test binary) and returns the URL
// of its postgres database as the superuser. Without PostgreSQL or pgvector
// it skips tb, or fails it when CI=true.
func MustStart(tb testing.TB) string {
	tb.Helper()
	once.Do(func() {
		c, why, e := start()
		mu.Lock()
		running, missing, err = c, why, e
		mu.Unlock()
	})
	mu.Lock()
	defer mu.Unlock()
	switch {
	case missing != "" && os.Getenv("CI") == "true":
		tb.Fatalf("pgtest: %s; CI=true requires the PostgreSQL tests to run: %s", missing, installHint)
	case missing != "":
		tb.Skipf("pgtest: %s; skipping (to run these tests, %s)", missing, installHint)
	case err != nil:
		tb.Fatalf("pgtest: %v", err)
	case running == nil:
		tb.Fatal("pgtest: the cluster was stopped")
	}
	return running.url
}

// StartupTime reports how long starting the cluster took (0 if it did not
// start).
func StartupTime() time.Duration {
	mu.Lock()
	defer mu.Unlock()
	if running == nil {
		return 0
	}
	return running.started
}

// NewDatabase creates an empty database (with the vector extension, from
// the cluster's template) and returns its URL. It is dropped when tb ends.
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	admin := MustStart(tb)
	name := fmt.Sprintf("test_%d", dbSeq.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("pgtest: create database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, admin)
		if err != nil {
			return // the cluster is gone; so is the database
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			tb.Logf("pgtest: drop database %s: %v", name, err)
		}
	})
	return strings.Replace(admin, "/postgres?", "/"+name+"?", 1)
}

// Stop stops the cluster, if one started, and removes its folder. Call it
// from TestMain after m.Run.
func Stop() {
	mu.Lock()
	c := running
	running = nil
	mu.Unlock()
	if c == nil {
		return
	}
	c.stop()
}

// StartCluster starts a throwaway cluster outside of tests (for a
// benchmark, say), the way MustStart does: initdb in a temporary folder
// (as the postgres OS user when running as root), a server on a free
// port of 127.0.0.1 with durability off, and the vector extension in
// template1. It returns the superuser's URL of the postgres database and
// a function that stops the server and removes the folder. Without
// PostgreSQL 15 or pgvector it returns an error saying how to install
// them.
func StartCluster() (url string, stop func(), err error) {
	c, missing, err := start()
	if missing != "" {
		return "", nil, fmt.Errorf("pgtest: %s (%s)", missing, installHint)
	}
	if err != nil {
		return "", nil, fmt.Errorf("pgtest: %w", err)
	}
	return c.url, c.stop, nil
}

// stop stops the server and removes its folder.
func (c *cluster) stop() {
	if out, err := c.command("pg_ctl", "stop", "-D", c.data(), "-m", "immediate", "-w").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "pgtest: stop the cluster in %s: %v\n%s", c.base, err, out)
	}
	os.RemoveAll(c.base)
}

func bindir() string {
	if d := os.Getenv("PGTEST_BINDIR"); d != "" {
		return d
	}
	return BinDir
}

func (c *cluster) data() string { return filepath.Join(c.base, "data") }

// command runs a PostgreSQL program as the cluster's OS user, in its folder
// (the test's working folder may be unreadable to that user).
func (c *cluster) command(prog string, args ...string) *exec.Cmd {
	path := filepath.Join(bindir(), prog)
	var cmd *exec.Cmd
	if c.asUser != "" {
		cmd = exec.Command("runuser", append([]string{"-u", c.asUser, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = c.base
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8", "TZ=UTC")
	return cmd
}

// start returns the running cluster, or why PostgreSQL is not installed,
// or the error of a start that failed.
func start() (*cluster, string, error) {
	t0 := time.Now()
	dir := bindir()
	for _, p := range []string{"initdb", "pg_ctl", "postgres", "pg_config"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			return nil, fmt.Sprintf("PostgreSQL is not installed (no %s)", filepath.Join(dir, p)), nil
		}
	}
	share, err := exec.Command(filepath.Join(dir, "pg_config"), "--sharedir").Output()
	if err != nil {
		return nil, "", fmt.Errorf("pg_config --sharedir: %w", err)
	}
	if ctl := filepath.Join(strings.TrimSpace(string(share)), "extension", "vector.control"); !exists(ctl) {
		return nil, fmt.Sprintf("the pgvector extension is not installed (no %s)", ctl), nil
	}
	c := &cluster{}
	if os.Geteuid() == 0 { // PostgreSQL refuses to run as root
		c.asUser = "postgres"
		if _, err := user.Lookup(c.asUser); err != nil {
			return nil, "", fmt.Errorf("running as root needs the %q OS user to run the server: %w", c.asUser, err)
		}
	}
	if c.base, err = os.MkdirTemp("", "pgtest-"); err != nil {
		return nil, "", err
	}
	fail := func(err error) (*cluster, string, error) {
		os.RemoveAll(c.base)
		return nil, "", err
	}
	if c.asUser != "" {
		if out, err := exec.Command("chown", c.asUser+":", c.base).CombinedOutput(); err != nil {
			return fail(fmt.Errorf("chown %s: %v: %s", c.base, err, out))
		}
	}
	if out, err := c.command("initdb", "-D", c.data(), "-U", "postgres", "--auth=trust",
		"--encoding=UTF8", "--locale=C.UTF-8", "--no-sync").CombinedOutput(); err != nil {
		return fail(fmt.Errorf("initdb: %v\n%s", err, out))
	}
	// A throwaway cluster: durability off, for speed.
	opts := []string{"-c listen_addresses=127.0.0.1", "-k " + c.base, "-c fsync=off",
		"-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=200"}
	var lastErr error
	for range 5 { // a free port can be taken between finding and binding it
		if c.port, err = freePort(); err != nil {
			return fail(err)
		}
		o := strings.Join(append(opts, "-p "+strconv.Itoa(c.port)), " ")
		out, err := c.command("pg_ctl", "start", "-D", c.data(), "-w", "-t", "60",
			"-l", filepath.Join(c.base, "server.log"), "-o", o).CombinedOutput()
		if err == nil {
			lastErr = nil
			break
		}
		log, _ := os.ReadFile(filepath.Join(c.base, "server.log"))
		lastErr = fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, log)
		if !strings.Contains(string(log), "could not bind") && !strings.Contains(string(log), "in use") {
			break
		}
	}
	if lastErr != nil {
		return fail(lastErr)
	}
	c.url = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
	// Every database created afterwards copies template1, so it has the
	// extension already.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, strings.Replace(c.url, "/postgres?", "/template1?", 1))
	if err == nil {
		_, err = conn.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS vector")
		conn.Close(ctx)
	}
	if err != nil {
		c.command("pg_ctl", "stop", "-D", c.data(), "-m", "immediate").Run()
		return fail(fmt.Errorf("create the vector extension: %w", err))
	}
	c.started = time.Since(t0)
	return c, "", nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, os.ErrNotExist)
}
