package console

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/analysis"
	"github.com/sportello/sportello/kb/kbfile"
	"github.com/sportello/sportello/web/console/views"
)

// MaxImportBytes bounds an uploaded knowledge-base file.
const MaxImportBytes = 32 << 20

// pendingImports keeps dry-run results until the editor applies them.
// They live in this process for 30 minutes; behind a load balancer
// without sticky sessions an apply may reach another process, which then
// asks for the file again.
type pendingImports struct {
	mu sync.Mutex
	m  map[string]pendingImport
}

type pendingImport struct {
	entries []*kb.Entry
	name    string
	by      string
	expires time.Time
}

const pendingTTL = 30 * time.Minute

func (p *pendingImports) put(now time.Time, v pendingImport) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.m == nil {
		p.m = map[string]pendingImport{}
	}
	for k, old := range p.m {
		if now.After(old.expires) {
			delete(p.m, k)
		}
	}
	token := rand.Text()
	v.expires = now.Add(pendingTTL)
	p.m[token] = v
	return token
}

func (p *pendingImports) take(now time.Time, token, by string) (pendingImport, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	v, ok := p.m[token]
	if !ok || v.by != by || now.After(v.expires) {
		return pendingImport{}, false
	}
	delete(p.m, token)
	return v, true
}

func (c *Console) importPage(w http.ResponseWriter, r *http.Request) error {
	m := views.Import{Frame: c.frame(r, c.t(c.lang(r), "EditorImportTitle"))}
	return render(w, r, http.StatusOK, views.ImportPage(m))
}

// importPost runs a dry run of an uploaded file (what would be added or
// changed, or the errors with their line numbers), or applies a dry run
// already shown, atomically.
func (c *Console) importPost(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ui := c.lang(r)
	login := user(r).Login
	m := views.Import{Frame: c.frame(r, c.t(ui, "EditorImportTitle"))}
	if token := r.PostFormValue("token"); token != "" {
		p, ok := c.pending.take(c.Now(), token, login)
		if !ok {
			m.Error = c.t(ui, "EditorImportExpired")
			return render(w, r, http.StatusConflict, views.ImportPage(m))
		}
		res, err := c.KB.Import(ctx, p.entries, kb.ImportOptions{By: login, Languages: c.langs()})
		if err != nil {
			m.Error = c.tf(ui, "EditorImportFailed", map[string]any{"Err": err.Error()})
			return render(w, r, http.StatusUnprocessableEntity, views.ImportPage(m))
		}
		c.record(ctx, r, "kb.import", "file:"+p.name, fmt.Sprintf("added %d, updated %d, unchanged %d", res.Added, res.Updated, res.Unchanged))
		m.Applied = true
		m.Summary = c.tf(ui, "EditorImportApplied", map[string]any{"Added": res.Added, "Updated": res.Updated, "Unchanged": res.Unchanged})
		return render(w, r, http.StatusOK, views.ImportPage(m))
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		m.Error = c.t(ui, "EditorImportNoFile")
		return render(w, r, http.StatusBadRequest, views.ImportPage(m))
	}
	defer file.Close()
	format, err := kbfile.FormatOf(hdr.Filename)
	if err != nil {
		m.Error = c.tf(ui, "EditorImportFormat", map[string]any{"Name": hdr.Filename})
		return render(w, r, http.StatusUnprocessableEntity, views.ImportPage(m))
	}
	body, err := io.ReadAll(io.LimitReader(file, MaxImportBytes+1))
	if err != nil {
		return err
	}
	if len(body) > MaxImportBytes {
		m.Error = c.tf(ui, "EditorImportTooBig", map[string]any{"MB": MaxImportBytes >> 20})
		return render(w, r, http.StatusRequestEntityTooLarge, views.ImportPage(m))
	}
	entries, err := kbfile.Read(bytes.NewReader(body), hdr.Filename, format, kbfile.ReadOptions{Languages: c.langs(), MaxEntries: 100_000})
	var fe *kbfile.Error
	switch {
	case errors.As(err, &fe):
		problem := fe.Msg
		if fe.Field != "" {
			problem = fe.Field + ": " + fe.Msg
		}
		m.Error = c.tf(ui, "EditorImportBadLine", map[string]any{"Name": hdr.Filename, "Line": fe.Line, "Problem": problem})
		return render(w, r, http.StatusUnprocessableEntity, views.ImportPage(m))
	case err != nil:
		m.Error = err.Error()
		return render(w, r, http.StatusUnprocessableEntity, views.ImportPage(m))
	}
	for _, e := range entries {
		row := views.ImportRow{ID: e.ID, Langs: strings.Join(e.Languages(), " ")}
		old, err := c.KB.Get(ctx, e.ID)
		switch {
		case errors.Is(err, kb.ErrNotFound):
			row.Change, m.Added = c.t(ui, "EditorImportAdd"), m.Added+1
		case err != nil:
			return err
		default:
			probe := e.Clone()
			if probe.Status == "" {
				probe.Status = old.Status
			}
			if kb.SameContent(old, probe) {
				row.Change, m.Unchanged = c.t(ui, "EditorImportSame"), m.Unchanged+1
			} else {
				row.Change, m.Changed = c.tf(ui, "EditorImportChange", map[string]any{"Rev": old.Revision}), m.Changed+1
			}
		}
		m.Rows = append(m.Rows, row)
	}
	m.DryRun = true
	m.Token = c.pending.put(c.Now(), pendingImport{entries: entries, name: hdr.Filename, by: login})
	m.Summary = c.tf(ui, "EditorImportDryRun", map[string]any{"Name": hdr.Filename, "Added": m.Added, "Changed": m.Changed, "Unchanged": m.Unchanged})
	return render(w, r, http.StatusOK, views.ImportPage(m))
}

// missGroup is similar missed questions in one language.
type missGroup struct {
	lang     string
	key      string
	terms    map[string]bool
	examples []string
	count    int
	negative int
	handoffs int
}

// similar reports whether two term sets overlap enough (Jaccard ≥ 0.5) to
// be the same question in other words.
func similar(a, b map[string]bool) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	inter := 0
	for t := range a {
		if b[t] {
			inter++
		}
	}
	return float64(inter)/float64(len(a)+len(b)-inter) >= 0.5
}

// missed groups the questions the bot missed in the last 30 days by
// language and similarity, with counts, minus the groups editors
// dismissed.
func (c *Console) missed(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ui := c.lang(r)
	if r.Method == http.MethodPost {
		key, lang := r.PostFormValue("key"), r.PostFormValue("lang")
		c.record(ctx, r, "missed.dismiss", "missed:"+lang+":"+key, r.PostFormValue("example"))
		http.Redirect(w, r, "/staff/kb/missed?done=dismissed", http.StatusSeeOther)
		return nil
	}
	ms, err := c.Chat.Store.Misses(ctx, c.Now().AddDate(0, 0, -30), 5000)
	if err != nil {
		return err
	}
	dismissed := map[string]bool{}
	if es, err := c.Staff.AuditLog(ctx, 5000); err == nil {
		for _, e := range es {
			if e.Action == "missed.dismiss" {
				dismissed[e.Target] = true
			}
		}
	}
	var groups []*missGroup
	for _, m := range ms {
		terms := map[string]bool{}
		for _, t := range analysis.Terms(m.Lang, m.Text) {
			terms[t] = true
		}
		var g *missGroup
		for _, x := range groups {
			if x.lang == m.Lang && similar(x.terms, terms) {
				g = x
				break
			}
		}
		if g == nil {
			keys := make([]string, 0, len(terms))
			for t := range terms {
				keys = append(keys, t)
			}
			slices.Sort(keys)
			g = &missGroup{lang: m.Lang, key: strings.Join(keys, " "), terms: terms}
			groups = append(groups, g)
		}
		g.count++
		if m.Negative {
			g.negative++
		}
		if m.Kind == "handoff" {
			g.handoffs++
		}
		if len(g.examples) < 3 && !slices.Contains(g.examples, m.Text) {
			g.examples = append(g.examples, m.Text)
		}
	}
	slices.SortStableFunc(groups, func(a, b *missGroup) int { return b.count - a.count })
	pm := views.Missed{Frame: c.frame(r, c.t(ui, "EditorMissedTitle")), Notice: c.noticeText(ui, r.URL.Query().Get("done"))}
	for _, g := range groups {
		if dismissed["missed:"+g.lang+":"+g.key] {
			continue
		}
		pm.Groups = append(pm.Groups, views.MissGroup{Lang: g.lang, Dir: dir(g.lang), Key: g.key, Count: g.count, Negative: g.negative,
			Handoffs: g.handoffs, Examples: g.examples,
			CreateURL: "/staff/kb/new?" + url.Values{"lang": {g.lang}, "q": {g.examples[0]}}.Encode()})
	}
	return render(w, r, http.StatusOK, views.MissedPage(pm))
}

// coverage is the translation matrix, entries × languages, filtered and
// paged by the store like the entry list (topic, agency, status, one
// language's state), with each language's totals over every entry the
// filters match, counted by the store: at 50,000 entries neither reads
// them all. Every count and cell links to the entry list filtered by it.
func (c *Console) coverage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	ui := c.lang(r)
	page, _ := strconv.Atoi(q.Get("page"))
	page = min(max(page, 1), 1_000_000)
	eq := kb.EntryQuery{Topic: q.Get("topic"), Agency: strings.TrimSpace(q.Get("agency")), Status: kb.Status(q.Get("status")),
		Now: c.Now(), Offset: (page - 1) * pageSize, Limit: pageSize}
	lack, cover := q.Get("lack"), kb.Coverage(q.Get("coverage"))
	if lack != "" && cover != "" {
		eq.Lang, eq.Coverage = lack, cover
	}
	if err := eq.Normalize(); err != nil {
		return &pageError{http.StatusBadRequest, "ConsoleErrBadRequest", err}
	}
	langs := c.langs()
	counts, err := c.KB.CountCoverage(ctx, eq, langs)
	if err != nil {
		return err
	}
	p, err := c.KB.ListEntries(ctx, eq)
	if err != nil {
		return err
	}
	m := views.Coverage{Frame: c.frame(r, c.t(ui, "EditorCoverageTitle")), Langs: langs, Topics: p.Topics,
		Topic: eq.Topic, Agency: eq.Agency, Status: string(eq.Status), Lack: lack, State: string(cover),
		Total: p.Total, Page: page, Pages: (p.Total + pageSize - 1) / pageSize}
	// listURL is the entry list with the page's filters and one
	// language's state.
	listURL := func(lang string, st kb.Coverage) string {
		v := url.Values{}
		for k, x := range map[string]string{"topic": eq.Topic, "agency": eq.Agency, "status": string(eq.Status)} {
			if x != "" {
				v.Set(k, x)
			}
		}
		if lang != "" {
			v.Set("lack", lang)
			v.Set("coverage", string(st))
		}
		return "/staff/kb?" + v.Encode()
	}
	m.ListURL = listURL(eq.Lang, eq.Coverage)
	states := []kb.Coverage{kb.CoverageMissing, kb.CoverageOutdated, kb.CoverageMachine, kb.CoverageCurrent}
	for _, lc := range counts.Langs {
		t := views.Totals{Lang: lc.Lang}
		for _, st := range states {
			t.Cells = append(t.Cells, views.TotalCell{State: string(st), Count: lc.Count(st), URL: listURL(lc.Lang, st)})
		}
		m.Totals = append(m.Totals, t)
	}
	for _, st := range states {
		m.States = append(m.States, views.Option{Value: string(st), Text: c.t(ui, "EditorCoverage_"+string(st)), Selected: st == cover})
	}
	for _, e := range p.Entries {
		row := views.EntryRow{ID: e.ID, URL: entryURL(e.ID), Topic: e.Topic, Status: string(e.Status), Revision: e.Revision}
		for _, l := range langs {
			st := kb.CoverageOf(e, l)
			row.Coverage = append(row.Coverage, views.Cell{Lang: l, State: string(st), Text: c.t(ui, "EditorCoverage_"+string(st)), URL: listURL(l, st)})
		}
		m.Rows = append(m.Rows, row)
	}
	vals := r.URL.Query()
	if eq.Offset+len(p.Entries) < p.Total {
		vals.Set("page", strconv.Itoa(page+1))
		m.NextURL = "/staff/kb/coverage?" + vals.Encode()
	}
	if page > 1 {
		vals.Set("page", strconv.Itoa(page-1))
		m.PrevURL = "/staff/kb/coverage?" + vals.Encode()
	}
	return render(w, r, http.StatusOK, views.CoveragePage(m))
}
