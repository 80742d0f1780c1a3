package cti_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
	kbsqlite "github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/telephony/cti"
	"github.com/sportello/sportello/web/staff"
	staffsqlite "github.com/sportello/sportello/web/staff/sqlite"
)

func mustStaff(t *testing.T, teams ...staff.Team) staff.Store {
	t.Helper()
	ctx := context.Background()
	kbs, err := kbsqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"), kb.NewHashEmbedder(0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { kbs.Close() })
	st, err := staffsqlite.New(ctx, kbs.DB())
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range teams {
		if err := st.PutTeam(ctx, &tm); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func mustHours(t *testing.T, spec string) staff.Hours {
	t.Helper()
	h, err := staff.ParseHours(spec)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestTeamHours(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	st := mustStaff(t,
		staff.Team{ID: "anagrafe", Name: "Anagrafe", Hours: mustHours(t, "mon-fri 08:30-12:30"), Location: "Europe/Rome"},
		staff.Team{ID: "tributi", Name: "Tributi", Hours: mustHours(t, "mon-fri 14:00-17:00")},
		staff.Team{ID: "sera", Name: "Sportello serale", Hours: mustHours(t, "mon-fri 18:00-20:00")},
	)
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, rome)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	// 2026-11-23 is a Monday.
	for _, tc := range []struct {
		name string
		h    cti.TeamHours
		tk   chat.Ticket
		when string
		open bool
		next string
	}{
		{"its team, open", cti.TeamHours{}, chat.Ticket{Team: "anagrafe"}, "2026-11-23 09:00", true, ""},
		{"its team, closed", cti.TeamHours{}, chat.Ticket{Team: "anagrafe"}, "2026-11-23 13:00", false, "2026-11-24 08:30"},
		{"the team wins over the topic", cti.TeamHours{}, chat.Ticket{Team: "tributi", Topic: "anagrafe"}, "2026-11-23 09:00", false, "2026-11-23 14:00"},
		{"the topic's team", cti.TeamHours{}, chat.Ticket{Topic: "tributi"}, "2026-11-23 15:00", true, ""},
		{"the default team", cti.TeamHours{Default: "sera"}, chat.Ticket{Topic: "rifiuti"}, "2026-11-23 15:00", false, "2026-11-23 18:00"},
		{"any team open", cti.TeamHours{}, chat.Ticket{Topic: "rifiuti"}, "2026-11-23 15:00", true, ""},
		{"all closed: the first to open", cti.TeamHours{}, chat.Ticket{}, "2026-11-23 13:00", false, "2026-11-23 14:00"},
		{"weekend", cti.TeamHours{}, chat.Ticket{}, "2026-11-28 10:00", false, "2026-11-30 08:30"},
		{"an unknown team falls back", cti.TeamHours{}, chat.Ticket{Team: "gone"}, "2026-11-23 21:00", false, "2026-11-24 08:30"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.h
			h.Teams, h.Location = st, rome
			op, err := h.Opening(context.Background(), &tc.tk, at(tc.when))
			if err != nil {
				t.Fatal(err)
			}
			if op.Open != tc.open {
				t.Errorf("open = %v", op.Open)
			}
			if tc.next != "" && !op.Next.Equal(at(tc.next)) {
				t.Errorf("next %v, want %s", op.Next, tc.next)
			}
			if tc.next == "" && !op.Next.IsZero() {
				t.Errorf("next %v while open", op.Next)
			}
		})
	}
	// Without teams nothing is known: always open, no callback offered.
	h := cti.TeamHours{Teams: mustStaff(t)}
	if op, err := h.Opening(context.Background(), &chat.Ticket{}, at("2026-11-29 03:00")); err != nil || !op.Open {
		t.Errorf("no teams: %+v, %v", op, err)
	}
	// A failing store is an error, not a guess.
	h = cti.TeamHours{Teams: failingTeams{}}
	if _, err := h.Opening(context.Background(), &chat.Ticket{}, time.Now()); err == nil {
		t.Error("no error from a failing store")
	}
}

type failingTeams struct{}

func (failingTeams) Teams(context.Context) ([]staff.Team, error) {
	return nil, errors.New("database gone")
}
