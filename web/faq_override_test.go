package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/web"
)

// overrideEntries are a national entry shared with every agency and
// adopted by two of them, another shared entry whose only override is
// still a draft, and an entry adopted by one agency only.
func overrideEntries() []*kb.Entry {
	v := func(q, a string) map[string]*kb.Variant {
		return map[string]*kb.Variant{"it": {Question: q, Answer: a}}
	}
	return []*kb.Entry{
		{ID: "naz-spid", Topic: "identita", Agency: "nazionale", Shared: true,
			Variants: v("Come si ottiene l'identità digitale SPID nazionale?", "Da un gestore accreditato, con un documento.")},
		{ID: "vb-spid", Topic: "identita", Agency: "vallebella", Overrides: "naz-spid", AdoptedRevision: 1,
			Variants: v("Come si ottiene l'identità digitale SPID a Vallebella?", "Allo sportello SPID di Vallebella, il martedì.")},
		{ID: "mt-spid", Topic: "identita", Agency: "montealto", Overrides: "naz-spid", AdoptedRevision: 1,
			Variants: v("Come si ottiene l'identità digitale SPID a Montealto?", "In biblioteca a Montealto.")},
		{ID: "naz-pec", Topic: "identita", Agency: "nazionale", Shared: true,
			Variants: v("Come si attiva la posta elettronica certificata?", "Da un gestore accreditato.")},
		{ID: "vb-pec", Topic: "identita", Agency: "vallebella", Overrides: "naz-pec", AdoptedRevision: 1, Status: kb.StatusDraft,
			Variants: v("Come si attiva la posta elettronica certificata a Vallebella?", "Bozza.")},
		{ID: "naz-cie", Topic: "identita", Agency: "nazionale", Shared: true,
			Variants: v("Come si prenota la carta d'identità nazionale?", "Sul portale nazionale.")},
		{ID: "mt-cie", Topic: "identita", Agency: "montealto", Overrides: "naz-cie", AdoptedRevision: 1,
			Variants: v("Come si prenota la carta d'identità a Montealto?", "All'anagrafe di Montealto.")},
	}
}

// newOverrideServer is the FAQ server with overrideEntries, for a
// deployment of agency ("" for all agencies), as serve wires it: the
// agency is the engine's.
func newOverrideServer(t *testing.T, agency string) string {
	t.Helper()
	srv := newFAQServer(t, func(s *web.Server) {
		s.Service.Engine.Agency = agency
		store := s.Service.Engine.Retriever.(*kb.Retriever).Store
		if _, err := store.Import(context.Background(), overrideEntries(), kb.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	})
	return srv.URL
}

// getOnce gets u without following a redirect.
func getOnce(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	resp, err := noRedirect.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// TestFAQOverrides: the public pages follow the rule of the chat's
// search. For the deployment's agency its published override replaces
// the shared original in the topic list, the search and the original's
// page, which redirects to it (an SMS link to the original still leads
// to an answer); other agencies' entries are not shown; a draft override
// replaces nothing.
func TestFAQOverrides(t *testing.T) {
	type check struct {
		name, path string
		status     int
		location   string
		has, lacks []string
	}
	search := "/it/faq?q=" + url.QueryEscape("identità digitale SPID")
	for _, tc := range []struct {
		agency string
		checks []check
	}{
		{"vallebella", []check{
			{name: "topic", path: "/it/faq?topic=identita", status: 200,
				has:   []string{`href="/it/faq/vb-spid"`, `href="/it/faq/naz-pec"`, `href="/it/faq/naz-cie"`},
				lacks: []string{`href="/it/faq/naz-spid"`, `href="/it/faq/mt-spid"`, `href="/it/faq/vb-pec"`, `href="/it/faq/mt-cie"`}},
			{name: "topic count", path: "/it/faq", status: 200, has: []string{`href="/it/faq?topic=identita"`}},
			{name: "search", path: search, status: 200,
				has: []string{`href="/it/faq/vb-spid"`}, lacks: []string{`href="/it/faq/naz-spid"`, `href="/it/faq/mt-spid"`}},
			{name: "the original's page", path: "/it/faq/naz-spid", status: http.StatusFound, location: "/it/faq/vb-spid"},
			{name: "in another language too", path: "/ar/faq/naz-spid", status: http.StatusFound, location: "/ar/faq/vb-spid"},
			{name: "the override's page", path: "/it/faq/vb-spid", status: 200, has: []string{"Allo sportello SPID di Vallebella"}},
			{name: "another agency's override", path: "/it/faq/mt-spid", status: 404, lacks: []string{"Montealto"}},
			{name: "a draft override replaces nothing", path: "/it/faq/naz-pec", status: 200, has: []string{"Da un gestore accreditato."}},
			{name: "another agency's override hides nothing here", path: "/it/faq/naz-cie", status: 200, has: []string{"Sul portale nazionale."}},
		}},
		{"", []check{
			// Every agency's entries, and any published override hides
			// its original, as in the chat's search without an agency.
			{name: "topic", path: "/it/faq?topic=identita", status: 200,
				has:   []string{`href="/it/faq/vb-spid"`, `href="/it/faq/mt-spid"`, `href="/it/faq/mt-cie"`, `href="/it/faq/naz-pec"`},
				lacks: []string{`href="/it/faq/naz-spid"`, `href="/it/faq/naz-cie"`, `href="/it/faq/vb-pec"`}},
			{name: "search", path: search, status: 200, has: []string{`href="/it/faq/vb-spid"`, `href="/it/faq/mt-spid"`}, lacks: []string{`href="/it/faq/naz-spid"`}},
			{name: "one override", path: "/it/faq/naz-cie", status: http.StatusFound, location: "/it/faq/mt-cie"},
			// Two agencies adopted it: no one's answer is chosen for the
			// citizen, the shared one stays.
			{name: "two overrides", path: "/it/faq/naz-spid", status: 200, has: []string{"Da un gestore accreditato, con un documento."}},
			{name: "another agency's override", path: "/it/faq/mt-spid", status: 200, has: []string{"In biblioteca a Montealto."}},
		}},
	} {
		t.Run("agency="+tc.agency, func(t *testing.T) {
			base := newOverrideServer(t, tc.agency)
			for _, c := range tc.checks {
				t.Run(c.name, func(t *testing.T) {
					resp, body := getOnce(t, base+c.path)
					if resp.StatusCode != c.status {
						t.Errorf("status %d, want %d", resp.StatusCode, c.status)
					}
					if got := resp.Header.Get("Location"); got != c.location {
						t.Errorf("Location %q, want %q", got, c.location)
					}
					for _, want := range c.has {
						if !strings.Contains(body, want) {
							t.Errorf("body lacks %q", want)
						}
					}
					for _, bad := range c.lacks {
						if strings.Contains(body, bad) {
							t.Errorf("body has %q", bad)
						}
					}
				})
			}
		})
	}
}

// TestFAQOverrideWithdrawn: once the override is archived the original's
// page is served again and the original is back in its topic.
func TestFAQOverrideWithdrawn(t *testing.T) {
	var store kb.Store
	srv := newFAQServer(t, func(s *web.Server) {
		s.Service.Engine.Agency = "vallebella"
		store = s.Service.Engine.Retriever.(*kb.Retriever).Store
		if _, err := store.Import(context.Background(), overrideEntries(), kb.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	})
	if resp, _ := getOnce(t, srv.URL+"/it/faq/naz-spid"); resp.StatusCode != http.StatusFound {
		t.Fatalf("before: status %d, want a redirect", resp.StatusCode)
	}
	e, err := store.Get(context.Background(), "vb-spid")
	if err != nil {
		t.Fatal(err)
	}
	e.Status = kb.StatusArchived
	if _, err := store.Import(context.Background(), []*kb.Entry{e}, kb.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	resp, body := getOnce(t, srv.URL+"/it/faq/naz-spid")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Da un gestore accreditato, con un documento.") {
		t.Errorf("after: status %d", resp.StatusCode)
	}
	if resp, _ := getOnce(t, srv.URL+"/it/faq/vb-spid"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the archived override: status %d, want 404", resp.StatusCode)
	}
}
