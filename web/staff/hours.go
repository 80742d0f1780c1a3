package staff

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Hours are weekly opening hours, written as a team's editor types them:
//
//	mon-fri 08:30-12:30, 14:00-17:00; sat 09:00-12:00
//
// Days are mon tue wed thu fri sat sun, alone or as a range; each day
// group has one or more intervals. An empty Hours is always open.
type Hours struct {
	Spec  string
	spans []span
}

type span struct {
	day      time.Weekday
	from, to int // minutes after midnight, from < to
}

var dayNames = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// ParseHours parses a specification as described on Hours.
func ParseHours(spec string) (Hours, error) {
	h := Hours{Spec: strings.TrimSpace(spec)}
	if h.Spec == "" {
		return h, nil
	}
	for _, group := range strings.Split(h.Spec, ";") {
		group = strings.TrimSpace(group)
		if group == "" {
			continue
		}
		days, rest, ok := strings.Cut(group, " ")
		if !ok {
			return Hours{}, fmt.Errorf("%w: opening hours %q: write days then times, e.g. \"mon-fri 09:00-12:30\"", ErrInvalid, group)
		}
		ds, err := parseDays(days)
		if err != nil {
			return Hours{}, err
		}
		for _, iv := range strings.Split(rest, ",") {
			from, to, err := parseInterval(strings.TrimSpace(iv))
			if err != nil {
				return Hours{}, err
			}
			for _, d := range ds {
				h.spans = append(h.spans, span{d, from, to})
			}
		}
	}
	return h, nil
}

// Validate reports whether the specification parses.
func (h Hours) Validate() error {
	_, err := ParseHours(h.Spec)
	return err
}

func parseDays(s string) ([]time.Weekday, error) {
	a, b, isRange := strings.Cut(strings.ToLower(s), "-")
	first, ok1 := dayNames[a]
	last, ok2 := dayNames[b]
	if !isRange {
		last, ok2 = first, ok1
	}
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("%w: opening hours: %q is not a day or a range of days (mon, tue, wed, thu, fri, sat, sun)", ErrInvalid, s)
	}
	var out []time.Weekday
	for d := first; ; d = (d + 1) % 7 {
		out = append(out, d)
		if d == last {
			return out, nil
		}
	}
}

func parseInterval(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, "-")
	from, err1 := parseClock(a)
	to, err2 := parseClock(b)
	if !ok || err1 != nil || err2 != nil || from >= to {
		return 0, 0, fmt.Errorf("%w: opening hours: %q is not an interval like 09:00-12:30", ErrInvalid, s)
	}
	return from, to, nil
}

func parseClock(s string) (int, error) {
	hh, mm, ok := strings.Cut(strings.TrimSpace(s), ":")
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if !ok || err1 != nil || err2 != nil || h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return h*60 + m, nil
}

func (h *Hours) parsed() []span {
	if h.spans == nil && h.Spec != "" {
		p, err := ParseHours(h.Spec)
		if err != nil {
			return nil
		}
		h.spans = p.spans
	}
	return h.spans
}

// OpenAt reports whether t falls in the opening hours, read in loc.
func (h Hours) OpenAt(t time.Time, loc *time.Location) bool {
	if strings.TrimSpace(h.Spec) == "" {
		return true
	}
	if loc != nil {
		t = t.In(loc)
	}
	m := t.Hour()*60 + t.Minute()
	for _, s := range h.parsed() {
		if s.day == t.Weekday() && m >= s.from && m < s.to {
			return true
		}
	}
	return false
}

// NextOpening returns when the hours next open after t (t itself when
// open), looking a week ahead; ok is false when they never open.
func (h Hours) NextOpening(t time.Time, loc *time.Location) (next time.Time, ok bool) {
	if h.OpenAt(t, loc) {
		return t, true
	}
	if loc != nil {
		t = t.In(loc)
	}
	best := time.Time{}
	for _, s := range h.parsed() {
		for d := 0; d <= 7; d++ {
			day := t.AddDate(0, 0, d)
			if day.Weekday() != s.day {
				continue
			}
			start := time.Date(day.Year(), day.Month(), day.Day(), s.from/60, s.from%60, 0, 0, t.Location())
			if start.After(t) && (best.IsZero() || start.Before(best)) {
				best = start
			}
		}
	}
	return best, !best.IsZero()
}
