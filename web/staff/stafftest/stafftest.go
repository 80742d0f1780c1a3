// Package stafftest is the contract suite every staff.Store passes.
package stafftest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/sportello/sportello/web/staff"
)

// StoreContract runs the suite; open returns a fresh, empty store.
func StoreContract(t *testing.T, open func(t *testing.T) staff.Store) {
	ctx := context.Background()
	hash, err := staff.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Users", func(t *testing.T) {
		st := open(t)
		u := &staff.User{Login: " Anna.Rossi ", Name: "Anna Rossi", Role: staff.RoleOperator, Teams: []string{"anagrafe"}, Langs: []string{"it", "ar"}, PasswordHash: hash}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if u.ID == 0 || u.Login != "anna.rossi" {
			t.Fatalf("created %+v", u)
		}
		got, err := st.UserByLogin(ctx, "ANNA.ROSSI")
		if err != nil || got.ID != u.ID || !slices.Equal(got.Teams, []string{"anagrafe"}) || !slices.Equal(got.Langs, []string{"it", "ar"}) || got.Role != staff.RoleOperator {
			t.Fatalf("by login: %+v, %v", got, err)
		}
		dup := &staff.User{Login: "anna.rossi", Role: staff.RoleEditor, PasswordHash: hash}
		if err := st.CreateUser(ctx, dup); !errors.Is(err, staff.ErrExists) {
			t.Errorf("duplicate login: %v", err)
		}
		for _, bad := range []staff.User{{Login: "x", Role: staff.RoleAdmin, PasswordHash: hash}, {Login: "bruno", Role: "boss", PasswordHash: hash}, {Login: "bruno", Role: staff.RoleAdmin}} {
			if err := st.CreateUser(ctx, &bad); !errors.Is(err, staff.ErrInvalid) {
				t.Errorf("invalid user %+v: %v", bad, err)
			}
		}
		got.Role, got.Disabled, got.Teams = staff.RoleEditor, true, nil
		if err := st.UpdateUser(ctx, got); err != nil {
			t.Fatal(err)
		}
		again, _ := st.User(ctx, u.ID)
		if again.Role != staff.RoleEditor || !again.Disabled || len(again.Teams) != 0 {
			t.Errorf("after update %+v", again)
		}
		if _, err := st.User(ctx, 9999); !errors.Is(err, staff.ErrNotFound) {
			t.Errorf("unknown id: %v", err)
		}
		if us, _ := st.Users(ctx); len(us) != 1 {
			t.Errorf("users: %d", len(us))
		}
	})
	t.Run("Teams", func(t *testing.T) {
		st := open(t)
		h, _ := staff.ParseHours("mon-fri 08:30-12:30, 14:00-17:00")
		tm := &staff.Team{ID: "immigrazione", Name: "Ufficio immigrazione", Langs: []string{"ar", "zh"}, Hours: h, Location: "Europe/Rome", Email: "immigrazione@example.org"}
		if err := st.PutTeam(ctx, tm); err != nil {
			t.Fatal(err)
		}
		tm.Name = "Sportello immigrazione"
		if err := st.PutTeam(ctx, tm); err != nil {
			t.Fatal(err)
		}
		got, err := st.Team(ctx, "immigrazione")
		if err != nil || got.Name != "Sportello immigrazione" || got.Hours.Spec != h.Spec || !slices.Equal(got.Langs, []string{"ar", "zh"}) {
			t.Fatalf("team %+v, %v", got, err)
		}
		if err := st.PutTeam(ctx, &staff.Team{ID: "x", Name: "X", Hours: staff.Hours{Spec: "monday 9-5"}}); !errors.Is(err, staff.ErrInvalid) {
			t.Errorf("bad hours: %v", err)
		}
		if _, err := st.Team(ctx, "nessuno"); !errors.Is(err, staff.ErrNotFound) {
			t.Errorf("unknown team: %v", err)
		}
	})
	t.Run("SessionsExpireAndRevoke", func(t *testing.T) {
		st := open(t)
		u := &staff.User{Login: "carla", Role: staff.RoleAdmin, PasswordHash: hash}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC().Truncate(time.Millisecond)
		a := &staff.Session{TokenHash: []byte("0123456789abcdef0123456789abcdef"), UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
		b := &staff.Session{TokenHash: []byte("fedcba9876543210fedcba9876543210"), UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Minute)}
		for _, s := range []*staff.Session{a, b} {
			if err := st.CreateSession(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		if s, err := st.Session(ctx, a.TokenHash, now); err != nil || s.UserID != u.ID {
			t.Fatalf("session: %+v, %v", s, err)
		}
		if _, err := st.Session(ctx, b.TokenHash, now.Add(2*time.Minute)); !errors.Is(err, staff.ErrNoSession) {
			t.Errorf("expired session: %v", err)
		}
		if n, err := st.PurgeSessions(ctx, now.Add(2*time.Minute)); err != nil || n != 1 {
			t.Errorf("purge = %d, %v", n, err)
		}
		if err := st.DeleteUserSessions(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Session(ctx, a.TokenHash, now); !errors.Is(err, staff.ErrNoSession) {
			t.Errorf("revoked session: %v", err)
		}
	})
	t.Run("AuditLog", func(t *testing.T) {
		st := open(t)
		for _, a := range []string{"login", "ticket.claim", "entry.publish"} {
			if err := st.Audit(ctx, &staff.AuditEvent{Actor: "anna", Action: a, Target: "x"}); err != nil {
				t.Fatal(err)
			}
		}
		es, err := st.AuditLog(ctx, 2)
		if err != nil || len(es) != 2 || es[0].Action != "entry.publish" || es[1].Action != "ticket.claim" || es[0].At.IsZero() {
			t.Errorf("audit log %+v, %v", es, err)
		}
	})
	t.Run("Auth", func(t *testing.T) {
		st := open(t)
		if err := st.CreateUser(ctx, &staff.User{Login: "dario", Role: staff.RoleOperator, PasswordHash: hash}); err != nil {
			t.Fatal(err)
		}
		clock := time.Now()
		a := &staff.Auth{Store: st, Now: func() time.Time { return clock }, MaxFailures: 3, FailureWindow: time.Minute}
		tok, u, err := a.Login(ctx, "Dario", "correct horse battery", "10.0.0.1")
		if err != nil || u.Login != "dario" || tok == "" {
			t.Fatalf("login: %v", err)
		}
		if got, err := a.Authenticate(ctx, tok); err != nil || got.Login != "dario" {
			t.Fatalf("authenticate: %+v, %v", got, err)
		}
		for _, forged := range []string{"", "abc", tok[:len(tok)-2] + "AA", "!!!!"} {
			if _, err := a.Authenticate(ctx, forged); !errors.Is(err, staff.ErrNoSession) {
				t.Errorf("forged token %q: %v", forged, err)
			}
		}
		clock = clock.Add(9 * time.Hour)
		if _, err := a.Authenticate(ctx, tok); !errors.Is(err, staff.ErrNoSession) {
			t.Errorf("expired session: %v", err)
		}
		for range 3 {
			if _, _, err := a.Login(ctx, "dario", "wrong password!!", "10.0.0.2"); !errors.Is(err, staff.ErrBadLogin) {
				t.Fatalf("wrong password: %v", err)
			}
		}
		if _, _, err := a.Login(ctx, "dario", "correct horse battery", "10.0.0.3"); !errors.Is(err, staff.ErrThrottled) {
			t.Errorf("after 3 failures the account must be throttled: %v", err)
		}
		clock = clock.Add(2 * time.Minute)
		tok2, _, err := a.Login(ctx, "dario", "correct horse battery", "10.0.0.3")
		if err != nil {
			t.Fatalf("after the window: %v", err)
		}
		if err := a.Logout(ctx, tok2); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Authenticate(ctx, tok2); !errors.Is(err, staff.ErrNoSession) {
			t.Errorf("after logout: %v", err)
		}
		if _, _, err := a.Login(ctx, "nobody", "whatever it is", "10.0.0.4"); !errors.Is(err, staff.ErrBadLogin) {
			t.Errorf("unknown login: %v", err)
		}
		if es, _ := st.AuditLog(ctx, 50); len(es) < 4 {
			t.Errorf("sign-ins must be audited: %d events", len(es))
		}
	})
}
