package staff_test

import (
	"errors"
	"testing"
	"time"

	"github.com/sportello/sportello/web/staff"
)

func TestHours(t *testing.T) {
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	h, err := staff.ParseHours("mon-fri 08:30-12:30, 14:00-17:00; sat 09:00-12:00")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, rome)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	// 2026-11-23 is a Monday.
	for _, c := range []struct {
		when string
		open bool
		next string
	}{
		{"2026-11-23 08:29", false, "2026-11-23 08:30"},
		{"2026-11-23 08:30", true, "2026-11-23 08:30"},
		{"2026-11-23 13:00", false, "2026-11-23 14:00"},
		{"2026-11-27 17:00", false, "2026-11-28 09:00"},
		{"2026-11-28 12:00", false, "2026-11-30 08:30"},
		{"2026-11-29 10:00", false, "2026-11-30 08:30"},
	} {
		if got := h.OpenAt(at(c.when), rome); got != c.open {
			t.Errorf("%s: open = %v", c.when, got)
		}
		next, ok := h.NextOpening(at(c.when), rome)
		if !ok || !next.Equal(at(c.next)) {
			t.Errorf("%s: next opening %v, want %s", c.when, next, c.next)
		}
	}
	// UTC instants are read in the team's zone.
	if !h.OpenAt(at("2026-11-23 09:00").UTC(), rome) {
		t.Error("a UTC time must be read in Rome")
	}
	if !(staff.Hours{}).OpenAt(time.Now(), nil) {
		t.Error("no hours means always open")
	}
	for _, bad := range []string{"monday 9-5", "mon-fri", "mon 12:00-09:00", "mon 25:00-26:00", "xyz 09:00-10:00"} {
		if _, err := staff.ParseHours(bad); !errors.Is(err, staff.ErrInvalid) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestPasswords(t *testing.T) {
	h, err := staff.HashPassword("una password lunga")
	if err != nil {
		t.Fatal(err)
	}
	if !staff.CheckPassword(h, "una password lunga") || staff.CheckPassword(h, "una password lungA") {
		t.Error("password check")
	}
	h2, _ := staff.HashPassword("una password lunga")
	if h == h2 {
		t.Error("two hashes of one password must differ (salt)")
	}
	if _, err := staff.HashPassword("short"); !errors.Is(err, staff.ErrWeakSecret) {
		t.Errorf("short password: %v", err)
	}
	for _, bad := range []string{"", "$argon2id$v=19$m=0,t=1,p=1$AAAA$AAAA", "$bcrypt$x", "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA"} {
		if staff.CheckPassword(bad, "x") {
			t.Errorf("malformed hash %q accepted", bad)
		}
	}
}
