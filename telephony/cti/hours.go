package cti

import (
	"context"
	"fmt"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/web/staff"
)

// TeamLister lists the staff teams with their opening hours;
// staff.Store implements it.
type TeamLister interface {
	Teams(ctx context.Context) ([]staff.Team, error)
}

// TeamHours implements chat.Hours on the staff teams' opening hours.
//
// The hours that apply to a handoff are those of its team if it has one,
// else of the team named after its topic (a team "anagrafe" takes the
// anagrafe questions), else of Default, else of all teams together: then
// the office is open while any team is. Without teams Sportello knows no
// hours and counts the office as always open. A team with no hours
// written is always open, as staff.Hours says.
type TeamHours struct {
	Teams TeamLister
	// Default is the team whose hours apply when no team matches a
	// handoff; empty means all teams.
	Default string
	// Location is the time zone of teams that name none; time.Local when
	// nil.
	Location *time.Location
}

var _ chat.Hours = (*TeamHours)(nil)

// Opening implements chat.Hours.
func (h *TeamHours) Opening(ctx context.Context, tk *chat.Ticket, t time.Time) (chat.Opening, error) {
	teams, err := h.Teams.Teams(ctx)
	if err != nil {
		return chat.Opening{}, fmt.Errorf("cti: opening hours: %w", err)
	}
	apply := teams
	for _, id := range []string{tk.Team, tk.Topic, h.Default} {
		if t, ok := find(teams, id); ok {
			apply = []staff.Team{t}
			break
		}
	}
	if len(apply) == 0 {
		return chat.Opening{Open: true}, nil
	}
	var next time.Time
	for _, team := range apply {
		loc, err := h.location(team)
		if err != nil {
			return chat.Opening{}, err
		}
		if team.Hours.OpenAt(t, loc) {
			return chat.Opening{Open: true}, nil
		}
		if n, ok := team.Hours.NextOpening(t, loc); ok && (next.IsZero() || n.Before(next)) {
			next = n
		}
	}
	return chat.Opening{Next: next}, nil
}

func find(teams []staff.Team, id string) (staff.Team, bool) {
	if id == "" {
		return staff.Team{}, false
	}
	for _, t := range teams {
		if t.ID == id {
			return t, true
		}
	}
	return staff.Team{}, false
}

func (h *TeamHours) location(t staff.Team) (*time.Location, error) {
	if t.Location != "" {
		loc, err := time.LoadLocation(t.Location)
		if err != nil {
			return nil, fmt.Errorf("cti: team %s: time zone %q: %w", t.ID, t.Location, err)
		}
		return loc, nil
	}
	if h.Location != nil {
		return h.Location, nil
	}
	return time.Local, nil
}
