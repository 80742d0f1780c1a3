package console

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/web/console/views"
	"github.com/sportello/sportello/web/staff"
)

// The editor console: the entry list, the side-by-side editor with the
// workflow, revisions with diffs and restore, shared entries adopted and
// overridden by an agency, the translation matrix, the preview, the
// questions the bot missed, and imports with a dry run.

var editors = []staff.Role{staff.RoleEditor}

func (c *Console) editorRoutes(mux *http.ServeMux) {
	mux.Handle("GET /staff/kb", c.requireRole(editors, c.entryList))
	mux.Handle("GET /staff/kb/new", c.requireRole(editors, c.entryNew))
	mux.Handle("POST /staff/kb/new", c.requireRole(editors, c.entrySave))
	mux.Handle("GET /staff/kb/e/{id}", c.requireRole(editors, c.entryEdit))
	mux.Handle("POST /staff/kb/e/{id}", c.requireRole(editors, c.entrySave))
	mux.Handle("POST /staff/kb/e/{id}/status", c.requireRole(editors, c.entryStatus))
	mux.Handle("POST /staff/kb/e/{id}/review", c.requireRole(editors, c.entryReview))
	mux.Handle("POST /staff/kb/e/{id}/pending/publish", c.requireRole(editors, c.pendingPublish))
	mux.Handle("POST /staff/kb/e/{id}/pending/discard", c.requireRole(editors, c.pendingDiscard))
	mux.Handle("POST /staff/kb/e/{id}/translate", c.requireRole(editors, c.translateMissing))
	mux.Handle("GET /staff/kb/e/{id}/history", c.requireRole(editors, c.entryHistory))
	mux.Handle("POST /staff/kb/e/{id}/restore", c.requireRole(editors, c.entryRestore))
	mux.Handle("POST /staff/kb/e/{id}/adopt", c.requireRole(editors, c.entryAdopt))
	mux.Handle("POST /staff/kb/e/{id}/checked", c.requireRole(editors, c.entryChecked))
	mux.Handle("GET /staff/kb/coverage", c.requireRole(editors, c.coverage))
	mux.Handle("GET /staff/kb/preview", c.requireRole(editors, c.preview))
	mux.Handle("GET /staff/kb/missed", c.requireRole(editors, c.missed))
	mux.Handle("POST /staff/kb/missed", c.requireRole(editors, c.missed))
	mux.Handle("GET /staff/kb/told", c.requireRole(editors, c.told))
	mux.Handle("POST /staff/kb/sms-count", c.requireRole(editors, c.smsCount))
	mux.Handle("GET /staff/kb/import", c.requireRole(editors, c.importPage))
	mux.Handle("POST /staff/kb/import", c.requireRole(editors, c.importPost))
	mux.Handle("GET /staff/kb/evals", c.requireRole(editors, c.evalsPage))
	mux.Handle("POST /staff/kb/evals", c.requireRole(editors, c.evalsRun))
}

// SourceLanguage is the language translations are made from; editing it
// marks the others outdated.
const SourceLanguage = "it"

// pageSize is how many entries a list page shows.
const pageSize = 50

func (c *Console) langs() []string {
	if len(c.Languages) > 0 {
		return c.Languages
	}
	return kb.DefaultLanguages
}

// entryList filters the entries by topic, agency, status, language
// coverage, expiry and staleness, sharing, and full text. The store
// filters and pages: at 50,000 entries a page must not read them all.
func (c *Console) entryList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	ui := c.lang(r)
	page, _ := strconv.Atoi(q.Get("page"))
	page = min(max(page, 1), 1_000_000)
	eq := kb.EntryQuery{Topic: q.Get("topic"), Agency: strings.TrimSpace(q.Get("agency")), Status: kb.Status(q.Get("status")),
		When: kb.When(q.Get("when")), Sharing: kb.Sharing(q.Get("sharing")), Text: q.Get("q"), Now: c.Now(),
		Offset: (page - 1) * pageSize, Limit: pageSize}
	lack, cover := q.Get("lack"), kb.Coverage(q.Get("coverage"))
	if lack != "" && cover != "" {
		eq.Lang, eq.Coverage = lack, cover
	}
	if err := eq.Normalize(); err != nil {
		return &pageError{http.StatusBadRequest, "ConsoleErrBadRequest", err}
	}
	p, err := c.KB.ListEntries(r.Context(), eq)
	if err != nil {
		return err
	}
	m := views.EntryList{Frame: c.frame(r, c.t(ui, "EditorListTitle")), Total: p.Total, Page: page, Pages: (p.Total + pageSize - 1) / pageSize, Topics: p.Topics,
		Query: q.Get("q"), Topic: eq.Topic, Agency: eq.Agency, Status: string(eq.Status), Lack: lack, Coverage: string(cover), When: string(eq.When),
		Sharing: string(eq.Sharing), Langs: c.langs()}
	ids := make([]string, len(p.Entries))
	for i, e := range p.Entries {
		ids[i] = e.ID
	}
	pending, err := c.KB.PendingIDs(r.Context(), ids)
	if err != nil {
		return err
	}
	for _, e := range p.Entries {
		row := views.EntryRow{Pending: pending[e.ID], ID: e.ID, URL: entryURL(e.ID), Topic: e.Topic, Agency: e.Agency,
			Status: string(e.Status), Revision: e.Revision, Updated: e.UpdatedAt.Local().Format("2006-01-02")}
		if v := e.Variants[SourceLanguage]; v != nil {
			row.Question = v.Question
		} else if ls := e.Languages(); len(ls) > 0 {
			row.Question = e.Variants[ls[0]].Question
		}
		switch {
		case e.Shared:
			row.Sharing = c.t(ui, "EditorSharing_shared")
		case e.Overrides != "":
			row.Sharing = c.tf(ui, "EditorSharingAdoptedFrom", map[string]any{"ID": e.Overrides})
		}
		for _, l := range c.langs() {
			row.Coverage = append(row.Coverage, views.Cell{Lang: l, State: string(kb.CoverageOf(e, l)), Text: c.t(ui, "EditorCoverage_"+string(kb.CoverageOf(e, l)))})
		}
		m.Rows = append(m.Rows, row)
	}
	vals := r.URL.Query()
	if eq.Offset+len(p.Entries) < p.Total {
		vals.Set("page", strconv.Itoa(page+1))
		m.NextURL = "/staff/kb?" + vals.Encode()
	}
	if page > 1 {
		vals.Set("page", strconv.Itoa(page-1))
		m.PrevURL = "/staff/kb?" + vals.Encode()
	}
	return render(w, r, http.StatusOK, views.EntryListPage(m))
}

func entryURL(id string) string { return "/staff/kb/e/" + url.PathEscape(id) }

func (c *Console) entryNew(w http.ResponseWriter, r *http.Request) error {
	e := &kb.Entry{Status: kb.StatusDraft, Variants: map[string]*kb.Variant{}}
	// "Create an entry from this" pre-fills the question a citizen asked.
	if q, lang := r.URL.Query().Get("q"), r.URL.Query().Get("lang"); q != "" && slices.Contains(c.langs(), lang) {
		e.Variants[lang] = &kb.Variant{Question: q}
	}
	return c.renderEditor(w, r, http.StatusOK, e, true, nil, "")
}

func (c *Console) entryEdit(w http.ResponseWriter, r *http.Request) error {
	e, err := c.pathEntry(r)
	if err != nil {
		return err
	}
	// An entry with changes awaiting review shows them: they are what
	// its editors work on.
	p, err := c.KB.Pending(r.Context(), e.ID)
	switch {
	case err == nil:
		// The status shown and moved is the live entry's.
		status := e.Status
		e = p.Entry
		e.Revision, e.Status = p.Base, status
	case !errors.Is(err, kb.ErrNotFound):
		return err
	}
	return c.renderEditor(w, r, http.StatusOK, e, false, nil, c.editorNotice(c.lang(r), r.URL.Query().Get("done")))
}

func (c *Console) renderEditor(w http.ResponseWriter, r *http.Request, status int, e *kb.Entry, isNew bool, problems []string, notice string) error {
	ui := c.lang(r)
	title := c.t(ui, "EditorNewTitle")
	if !isNew {
		title = c.tf(ui, "EditorEditTitle", map[string]any{"ID": e.ID})
	}
	m := views.Editor{Frame: c.frame(r, title), IsNew: isNew, ID: e.ID, Topic: e.Topic, Agency: e.Agency, Shared: e.Shared,
		Tags: strings.Join(e.Tags, ", "), Status: string(e.Status), StatusText: c.t(ui, "EditorStatus_"+string(e.Status)),
		Revision: e.Revision, Problems: problems, Notice: notice, CanTranslate: c.LLM != nil && len(e.Variants) > 0 && len(e.Variants) < len(c.langs())}
	if e.ValidFrom != nil {
		m.ValidFrom = e.ValidFrom.Format("2006-01-02")
	}
	if e.ValidUntil != nil {
		m.ValidUntil = e.ValidUntil.Format("2006-01-02")
	}
	m.Action = "/staff/kb/e/" + url.PathEscape(e.ID)
	if isNew {
		m.Action = "/staff/kb/new"
	}
	for _, s := range kb.NextStatuses(e.Status) {
		m.Moves = append(m.Moves, views.Option{Value: string(s), Text: c.t(ui, "EditorMove_"+string(s))})
	}
	if !isNew {
		if err := c.pendingView(r, e.ID, &m); err != nil {
			return err
		}
	}
	orig := c.sharing(r, e, &m)
	for _, l := range c.langs() {
		v := e.Variants[l]
		vv := views.VariantForm{Lang: l, Dir: dir(l), Coverage: string(kb.CoverageOf(e, l)), CoverageText: c.t(ui, "EditorCoverage_"+string(kb.CoverageOf(e, l)))}
		if v != nil {
			vv.Question, vv.Answer, vv.SMS = v.Question, v.Answer, v.SMS
			vv.Alternates = strings.Join(v.Alternates, "\n")
			for _, lk := range v.Links {
				vv.Links += lk.Title + " | " + lk.URL + "\n"
			}
			vv.ReviewedBy = v.ReviewedBy
			vv.MachineTranslated = v.MachineTranslated
			vv.SMSInfo = c.smsInfo(ui, v.SMS)
		}
		if orig != nil {
			vv.HasShared = true
			if ov := orig.Variants[l]; ov != nil {
				vv.SharedQuestion, vv.SharedAnswer, vv.SharedSMS = ov.Question, ov.Answer, ov.SMS
			}
		}
		m.Variants = append(m.Variants, vv)
	}
	return render(w, r, status, views.EditorPage(m))
}

func (c *Console) smsInfo(ui, s string) string {
	if s == "" {
		return ""
	}
	info := telephony.Segments(s)
	return c.tf(ui, "EditorSMSCount", map[string]any{"Chars": info.Units, "Segments": info.Segments, "Encoding": info.Encoding.String()})
}

// smsCount answers the editor's live counter with the characters and
// segments of the posted text, computed by the SMS channel's own code.
func (c *Console) smsCount(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprint(w, c.smsInfo(c.lang(r), r.PostFormValue("text")))
	return nil
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// formEntry reads the editor's form into an entry; problems are the
// field errors to show, translated.
func (c *Console) formEntry(r *http.Request, id string) (*kb.Entry, []string) {
	ui := c.lang(r)
	var problems []string
	e := &kb.Entry{ID: strings.TrimSpace(id), Topic: strings.TrimSpace(r.PostFormValue("topic")), Agency: strings.TrimSpace(r.PostFormValue("agency")),
		Shared: r.PostFormValue("shared") != "", Variants: map[string]*kb.Variant{}}
	for _, t := range strings.Split(r.PostFormValue("tags"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			e.Tags = append(e.Tags, t)
		}
	}
	for _, f := range []struct {
		name string
		dst  **time.Time
	}{{"valid_from", &e.ValidFrom}, {"valid_until", &e.ValidUntil}} {
		v := strings.TrimSpace(r.PostFormValue(f.name))
		if v == "" {
			continue
		}
		t, err := time.ParseInLocation("2006-01-02", v, time.UTC)
		if !dateRE.MatchString(v) || err != nil {
			problems = append(problems, c.tf(ui, "EditorValDate", map[string]any{"Field": c.t(ui, "EditorField_"+f.name), "Value": v}))
			continue
		}
		*f.dst = &t
	}
	for _, l := range c.langs() {
		p := "v." + l + "."
		v := &kb.Variant{Question: r.PostFormValue(p + "question"), Answer: r.PostFormValue(p + "answer"), SMS: r.PostFormValue(p + "sms")}
		for _, a := range strings.Split(r.PostFormValue(p+"alternates"), "\n") {
			if a = strings.TrimSpace(a); a != "" {
				v.Alternates = append(v.Alternates, a)
			}
		}
		for _, line := range strings.Split(r.PostFormValue(p+"links"), "\n") {
			if line = strings.TrimSpace(line); line == "" {
				continue
			}
			title, u, ok := strings.Cut(line, "|")
			if !ok {
				title, u = line, line
			}
			v.Links = append(v.Links, kb.Link{Title: strings.TrimSpace(title), URL: strings.TrimSpace(u)})
		}
		if strings.TrimSpace(v.Question+v.Answer+v.SMS) == "" && len(v.Alternates) == 0 && len(v.Links) == 0 {
			continue
		}
		e.Variants[l] = v
	}
	return e, problems
}

// validationMessage translates a kb validation error for the editor.
func (c *Console) validationMessage(ui string, err error) string {
	var fe *kb.FieldError
	if !errors.As(err, &fe) {
		return c.tf(ui, "EditorValOther", map[string]any{"Field": "", "Msg": err.Error()})
	}
	field := fe.Field
	parts := strings.Split(fe.Field, ".")
	if len(parts) >= 3 && parts[0] == "variants" {
		field = c.tf(ui, "EditorFieldIn", map[string]any{"Field": c.t(ui, "EditorField_"+parts[2]), "Lang": parts[1]})
	} else if len(parts) == 1 {
		field = c.t(ui, "EditorField_"+parts[0])
	}
	switch {
	case fe.Msg == "is required" || strings.HasPrefix(fe.Msg, "is empty"):
		return c.tf(ui, "EditorValRequired", map[string]any{"Field": field})
	case strings.Contains(fe.Msg, "characters long; the limit is"):
		return c.tf(ui, "EditorValTooLong", map[string]any{"Field": field, "Msg": fe.Msg})
	case strings.Contains(fe.Msg, "must be a full http"):
		return c.tf(ui, "EditorValURL", map[string]any{"Field": field})
	case strings.HasPrefix(fe.Msg, "must be after valid_from"):
		return c.t(ui, "EditorValDates")
	}
	return c.tf(ui, "EditorValOther", map[string]any{"Field": field, "Msg": fe.Msg})
}

// entrySave creates or updates an entry from the editor's form, with
// optimistic locking on the revision the editor started from. Editing
// the source language marks untouched translations outdated.
func (c *Console) entrySave(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ui := c.lang(r)
	isNew := r.PathValue("id") == ""
	id := r.PathValue("id")
	if isNew {
		id = r.PostFormValue("id")
	}
	e, problems := c.formEntry(r, id)
	started, _ := strconv.Atoi(r.PostFormValue("revision"))
	var old *kb.Entry
	var pend *kb.PendingChange
	if isNew {
		e.Status, started = kb.StatusDraft, 0
	} else {
		var err error
		if old, err = c.KB.Get(ctx, id); err != nil {
			if errors.Is(err, kb.ErrNotFound) {
				return errNotFound
			}
			return err
		}
		if pend, err = c.KB.Pending(ctx, id); err != nil && !errors.Is(err, kb.ErrNotFound) {
			return err
		}
		// The editor does not change the status (the workflow buttons do),
		// nor who reviewed what, nor what the entry overrides.
		e.Status = old.Status
		e.Overrides, e.AdoptedRevision = old.Overrides, old.AdoptedRevision
		// An edit continues the pending change when there is one.
		prev := old
		if pend != nil {
			prev = pend.Entry
		}
		for l, v := range e.Variants {
			if ov := prev.Variants[l]; ov != nil && !kb.TextChanged(ov, v) {
				v.MachineTranslated, v.ReviewedBy, v.ReviewedAt, v.Outdated = ov.MachineTranslated, ov.ReviewedBy, ov.ReviewedAt, ov.Outdated
			}
		}
		kb.MarkOutdated(prev, e, SourceLanguage)
	}
	e.Normalize()
	if err := e.Validate(c.langs()); err != nil {
		problems = append(problems, c.validationMessage(ui, err))
	}
	if len(problems) > 0 {
		e.Revision = started
		return c.renderEditor(w, r, http.StatusUnprocessableEntity, e, isNew, problems, "")
	}
	if !isNew && (old.Status == kb.StatusPublished || pend != nil) {
		return c.savePending(w, r, old, pend, e, started)
	}
	_, err := c.KB.Import(ctx, []*kb.Entry{e}, kb.ImportOptions{By: user(r).Login, Languages: c.langs(), Expect: map[string]int{e.ID: started}})
	switch {
	case errors.Is(err, kb.ErrConflict):
		// Someone saved first: show their version, and keep ours in the
		// message so nothing typed is lost without notice.
		cur, gerr := c.KB.Get(ctx, e.ID)
		if gerr != nil || isNew {
			e.Revision = started
			return c.renderEditor(w, r, http.StatusConflict, e, isNew, []string{c.t(ui, "EditorConflictNew")}, "")
		}
		return c.renderEditor(w, r, http.StatusConflict, cur, false, []string{c.tf(ui, "EditorConflict", map[string]any{"Rev": cur.Revision, "Started": started})}, "")
	case errors.Is(err, kb.ErrInvalid):
		e.Revision = started
		return c.renderEditor(w, r, http.StatusUnprocessableEntity, e, isNew, []string{c.validationMessage(ui, err)}, "")
	case err != nil:
		return err
	}
	c.record(ctx, r, "entry.save", "entry:"+e.ID, fmt.Sprintf("from revision %d", started))
	http.Redirect(w, r, "/staff/kb/e/"+url.PathEscape(e.ID)+"?done=saved", http.StatusSeeOther)
	return nil
}

// entryStatus moves an entry along the workflow. Publishing needs a
// reviewer other than the last author, unless self-review is allowed.
func (c *Console) entryStatus(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ui := c.lang(r)
	e, err := c.pathEntry(r)
	if err != nil {
		return err
	}
	to := kb.Status(r.PostFormValue("to"))
	started, _ := strconv.Atoi(r.PostFormValue("revision"))
	if !to.Valid() || !kb.CanMove(e.Status, to) {
		return c.renderEditor(w, r, http.StatusUnprocessableEntity, e, false, []string{c.tf(ui, "EditorBadMove", map[string]any{"From": e.Status, "To": to})}, "")
	}
	if to == kb.StatusPublished && !c.AllowSelfReview {
		revs, err := c.KB.Revisions(ctx, e.ID)
		if err != nil {
			return err
		}
		author, err := kb.Author(revs, func(n int) (*kb.Entry, error) { return c.KB.GetRevision(ctx, e.ID, n) })
		if err != nil {
			return err
		}
		if author == user(r).Login {
			return c.renderEditor(w, r, http.StatusForbidden, e, false, []string{c.t(ui, "EditorSelfReview")}, "")
		}
	}
	e.Status = to
	if _, err := c.KB.Import(ctx, []*kb.Entry{e}, kb.ImportOptions{By: user(r).Login, Expect: map[string]int{e.ID: started}}); err != nil {
		if errors.Is(err, kb.ErrConflict) {
			cur, _ := c.KB.Get(ctx, e.ID)
			return c.renderEditor(w, r, http.StatusConflict, cur, false, []string{c.tf(ui, "EditorConflict", map[string]any{"Rev": cur.Revision, "Started": started})}, "")
		}
		return err
	}
	c.record(ctx, r, "entry."+string(to), "entry:"+e.ID, "")
	http.Redirect(w, r, "/staff/kb/e/"+url.PathEscape(e.ID)+"?done=moved", http.StatusSeeOther)
	return nil
}

// entryReview marks one language reviewed: no longer outdated, machine
// text accepted by a person.
func (c *Console) entryReview(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	e, err := c.pathEntry(r)
	if err != nil {
		return err
	}
	lang := r.PostFormValue("lang")
	started, _ := strconv.Atoi(r.PostFormValue("revision"))
	// With changes awaiting review, the language is reviewed in them: the
	// form and its review buttons show them.
	if p, err := c.KB.Pending(ctx, e.ID); err == nil {
		if err := kb.Review(p.Entry, lang, user(r).Login, c.Now()); err != nil {
			return &pageError{http.StatusBadRequest, "ConsoleErrBadRequest", err}
		}
		if err := c.KB.SavePending(ctx, &kb.PendingChange{Entry: p.Entry, Base: started}, kb.ImportOptions{By: p.SavedBy, Languages: c.langs()}); err != nil {
			if errors.Is(err, kb.ErrConflict) {
				return &pageError{http.StatusConflict, "ConsoleErrStale", err}
			}
			return err
		}
		c.record(ctx, r, "entry.review", "entry:"+e.ID, lang+" (pending change)")
		http.Redirect(w, r, "/staff/kb/e/"+url.PathEscape(e.ID)+"?done=reviewed", http.StatusSeeOther)
		return nil
	} else if !errors.Is(err, kb.ErrNotFound) {
		return err
	}
	if err := kb.Review(e, lang, user(r).Login, c.Now()); err != nil {
		return &pageError{http.StatusBadRequest, "ConsoleErrBadRequest", err}
	}
	if _, err := c.KB.Import(ctx, []*kb.Entry{e}, kb.ImportOptions{By: user(r).Login, Expect: map[string]int{e.ID: started}}); err != nil {
		if errors.Is(err, kb.ErrConflict) {
			return &pageError{http.StatusConflict, "ConsoleErrStale", err}
		}
		return err
	}
	c.record(ctx, r, "entry.review", "entry:"+e.ID, lang)
	http.Redirect(w, r, "/staff/kb/e/"+url.PathEscape(e.ID)+"?done=reviewed", http.StatusSeeOther)
	return nil
}

// entryHistory lists the revisions and shows the diff between two.
func (c *Console) entryHistory(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ui := c.lang(r)
	id := r.PathValue("id")
	revs, err := c.KB.Revisions(ctx, id)
	if errors.Is(err, kb.ErrNotFound) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	m := views.History{Frame: c.frame(r, c.tf(ui, "EditorHistoryTitle", map[string]any{"ID": id})), ID: id, EditURL: "/staff/kb/e/" + url.PathEscape(id)}
	for _, rv := range revs {
		m.Revisions = append(m.Revisions, views.RevisionRow{Revision: rv.Revision, Status: string(rv.Status), By: rv.SavedBy,
			At: rv.SavedAt.Local().Format("2006-01-02 15:04"), Langs: strings.Join(rv.Languages, " ")})
	}
	cur := revs[len(revs)-1].Revision
	m.Current = cur
	a, _ := strconv.Atoi(r.URL.Query().Get("a"))
	b, _ := strconv.Atoi(r.URL.Query().Get("b"))
	if a == 0 && b == 0 && cur > 1 {
		a, b = cur-1, cur
	}
	if a > 0 && b > 0 {
		ea, err1 := c.KB.GetRevision(ctx, id, a)
		eb, err2 := c.KB.GetRevision(ctx, id, b)
		if err1 != nil || err2 != nil {
			return errNotFound
		}
		m.A, m.B = a, b
		m.Diffs = entryDiff(ea, eb, c.langs())
	}
	return render(w, r, http.StatusOK, views.HistoryPage(m))
}

// entryDiff lists the fields that differ between two revisions.
func entryDiff(a, b *kb.Entry, langs []string) []views.FieldDiff {
	var out []views.FieldDiff
	add := func(field, lang, x, y string) {
		if x == y {
			return
		}
		fd := views.FieldDiff{Field: field, Lang: lang, Dir: dir(lang)}
		for _, op := range kb.Diff(x, y) {
			fd.Ops = append(fd.Ops, views.DiffOp{Kind: string(op.Kind), Text: op.Text})
		}
		out = append(out, fd)
	}
	add("status", "", string(a.Status), string(b.Status))
	add("topic", "", a.Topic, b.Topic)
	add("tags", "", strings.Join(a.Tags, ", "), strings.Join(b.Tags, ", "))
	add("valid_until", "", dateOf(a.ValidUntil), dateOf(b.ValidUntil))
	add("shared", "", strconv.FormatBool(a.Shared), strconv.FormatBool(b.Shared))
	add("overrides", "", a.Overrides, b.Overrides)
	add("adopted_revision", "", revOf(a.AdoptedRevision), revOf(b.AdoptedRevision))
	for _, l := range langs {
		va, vb := a.Variants[l], b.Variants[l]
		if va == nil {
			va = &kb.Variant{}
		}
		if vb == nil {
			vb = &kb.Variant{}
		}
		add("question", l, va.Question, vb.Question)
		add("alternates", l, strings.Join(va.Alternates, "\n"), strings.Join(vb.Alternates, "\n"))
		add("answer", l, va.Answer, vb.Answer)
		add("sms", l, va.SMS, vb.SMS)
	}
	return out
}

func revOf(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func dateOf(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}

// entryRestore saves an old revision's content as a new revision.
func (c *Console) entryRestore(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id := r.PathValue("id")
	rev, _ := strconv.Atoi(r.PostFormValue("rev"))
	started, _ := strconv.Atoi(r.PostFormValue("revision"))
	old, err := c.KB.GetRevision(ctx, id, rev)
	if errors.Is(err, kb.ErrNotFound) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	cur, err := c.KB.Get(ctx, id)
	if err != nil {
		return err
	}
	e := old.Content()
	// A restore brings back text, not a publication: the entry keeps its
	// current status and goes through review to be published again.
	e.Status = cur.Status
	if e.Status == kb.StatusPublished {
		e.Status = kb.StatusReview
	}
	kb.MarkOutdated(cur, e, SourceLanguage)
	if _, err := c.KB.Import(ctx, []*kb.Entry{e}, kb.ImportOptions{By: user(r).Login, Expect: map[string]int{id: started}}); err != nil {
		if errors.Is(err, kb.ErrConflict) {
			return &pageError{http.StatusConflict, "ConsoleErrStale", err}
		}
		return err
	}
	c.record(ctx, r, "entry.restore", "entry:"+id, fmt.Sprintf("revision %d", rev))
	http.Redirect(w, r, "/staff/kb/e/"+url.PathEscape(id)+"?done=restored", http.StatusSeeOther)
	return nil
}

// previewRetriever searches drafts and entries in review too, so an
// editor can see what the engine would do once they are published.
type previewRetriever struct{ inner chat.Retriever }

func (p previewRetriever) Search(ctx context.Context, q kb.Query) ([]kb.Hit, error) {
	q.Filter.Unpublished = true
	return p.inner.Search(ctx, q)
}

// preview is "ask as a citizen": the engine's decision, the hits with
// their scores, and why.
func (c *Console) preview(w http.ResponseWriter, r *http.Request) error {
	ui := c.lang(r)
	q := r.URL.Query()
	m := views.Preview{Frame: c.frame(r, c.t(ui, "EditorPreviewTitle")), Text: q.Get("q"), Lang: q.Get("lang"), Langs: c.langs()}
	if m.Text != "" {
		eng := *c.Chat.Engine
		eng.Retriever = previewRetriever{c.Chat.Engine.Retriever}
		lang := m.Lang
		if !slices.Contains(c.langs(), lang) {
			lang = ""
		}
		d, err := eng.Decide(r.Context(), chat.Input{Text: m.Text, Lang: lang})
		var in *chat.InputError
		switch {
		case errors.As(err, &in):
			m.Error = in.Text
		case err != nil:
			return err
		default:
			m.Done = true
			m.Kind, m.Reason, m.Reply, m.ReplyLang, m.ReplyDir = string(d.Kind), string(d.Reason), d.Text, d.Lang, dir(d.Lang)
			m.Detected = fmt.Sprintf("%s (%.2f)", d.Detected, d.DetectedConfidence)
			m.Confidence = fmt.Sprintf("%.3f", d.Confidence)
			m.Why = c.t(ui, "EditorWhy_"+string(d.Reason))
			if d.Entry != nil {
				m.EntryID = d.Entry.ID
			}
			for _, h := range d.Hits {
				m.Hits = append(m.Hits, views.PreviewHit{EntryID: h.Entry.ID, URL: "/staff/kb/e/" + url.PathEscape(h.Entry.ID), Status: string(h.Entry.Status),
					Confidence: fmt.Sprintf("%.3f", h.Confidence), Coverage: fmt.Sprintf("%.2f", h.Coverage), Answer: fmt.Sprintf("%.2f", h.AnswerCoverage),
					Lexical: fmt.Sprintf("%.2f (%s)", h.Lexical, rank(h.LexicalRank)), Vector: fmt.Sprintf("%.3f (%s)", h.Vector, rank(h.VectorRank))})
			}
		}
	}
	return render(w, r, http.StatusOK, views.PreviewPage(m))
}

// told answers "what did we tell citizens on that day?": the answers
// given, by entry revision, with the text of that revision.
func (c *Console) told(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ui := c.lang(r)
	day := r.URL.Query().Get("date")
	m := views.ToldPage{Frame: c.frame(r, c.t(ui, "EditorToldTitle")), Date: day}
	if day != "" {
		from, err := time.ParseInLocation("2006-01-02", day, time.Local)
		if err != nil || !dateRE.MatchString(day) {
			m.Error = c.tf(ui, "EditorValDate", map[string]any{"Field": c.t(ui, "EditorField_date"), "Value": day})
			return render(w, r, http.StatusBadRequest, views.Told(m))
		}
		rows, err := c.Chat.Store.Told(ctx, from, from.AddDate(0, 0, 1))
		if err != nil {
			return err
		}
		m.Done = true
		for _, t := range rows {
			row := views.ToldRow{EntryID: t.EntryID, Revision: t.Revision, Lang: t.Lang, Dir: dir(t.Lang), Count: t.Count,
				URL: fmt.Sprintf("/staff/kb/e/%s/history", url.PathEscape(t.EntryID))}
			if e, err := c.KB.GetRevision(ctx, t.EntryID, t.Revision); err == nil && e.Variants[t.Lang] != nil {
				row.Answer = e.Variants[t.Lang].Answer
			}
			m.Rows = append(m.Rows, row)
		}
	}
	return render(w, r, http.StatusOK, views.Told(m))
}

// editorNotice is the message after a redirect to the editor.
func (c *Console) editorNotice(ui, done string) string {
	switch done {
	case "adopted", "checked", "pending", "published-changes", "discarded":
		return c.t(ui, "EditorDone_"+done)
	}
	return c.noticeText(ui, done)
}

// sharing fills the editor's view of shared content: for an override,
// the entry it overrides (returned, for its text per language) and
// whether it moved on since the adoption; for any other entry, the
// agencies' overrides of it and the form to adopt it.
func (c *Console) sharing(r *http.Request, e *kb.Entry, m *views.Editor) *kb.Entry {
	if m.IsNew {
		return nil
	}
	ctx, ui := r.Context(), c.lang(r)
	if e.Overrides != "" {
		orig, err := c.KB.Get(ctx, e.Overrides)
		if err != nil {
			m.Sharing = c.tf(ui, "EditorOverrideMissing", map[string]any{"ID": e.Overrides})
			return nil
		}
		m.Overrides, m.OriginalURL = orig.ID, entryURL(orig.ID)
		m.Sharing = c.tf(ui, "EditorOverrideOf", map[string]any{"Agency": e.Agency, "ID": orig.ID, "OriginalAgency": orig.Agency, "Rev": e.AdoptedRevision})
		if orig.Revision > e.AdoptedRevision {
			m.OriginalChanged = c.tf(ui, "EditorOriginalChanged", map[string]any{"ID": orig.ID, "Rev": orig.Revision, "Adopted": e.AdoptedRevision})
			m.DiffURL = fmt.Sprintf("%s/history?a=%d&b=%d", entryURL(orig.ID), e.AdoptedRevision, orig.Revision)
			m.CheckedText = c.tf(ui, "EditorMarkChecked", map[string]any{"Rev": orig.Revision})
		}
		return orig
	}
	m.CanAdopt = true
	if as, err := c.KB.Adoptions(ctx, []string{e.ID}); err == nil {
		for _, a := range as {
			m.Adopters = append(m.Adopters, views.Adopter{ID: a.ID, URL: entryURL(a.ID), Agency: a.Agency,
				Status: c.t(ui, "EditorStatus_"+string(a.Status)), Behind: a.AdoptedRevision < e.Revision})
		}
	}
	return nil
}

// adoptID is the id of agency's override of original, unless the editor
// chose one: the agency's name before the original's id.
func adoptID(agency, original string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(agency) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0:
			b.WriteByte('-')
		}
	}
	id := strings.Trim(b.String(), "-") + "-" + original
	if len(id) > kb.MaxIDLen {
		id = id[:kb.MaxIDLen]
	}
	return strings.Trim(id, "-._")
}

// entryAdopt creates, for the editor's agency, a draft override of the
// entry pre-filled with its text; the editor then changes what differs
// locally and sends it to review.
func (c *Console) entryAdopt(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ui := c.lang(r)
	orig, err := c.pathEntry(r)
	if err != nil {
		return err
	}
	agency := strings.TrimSpace(r.PostFormValue("agency"))
	refuse := func(status int, msg string) error {
		return c.renderEditor(w, r, status, orig, false, []string{msg}, "")
	}
	switch {
	case agency == "":
		return refuse(http.StatusUnprocessableEntity, c.t(ui, "EditorAdoptNeedsAgency"))
	case agency == orig.Agency:
		return refuse(http.StatusUnprocessableEntity, c.tf(ui, "EditorAdoptSameAgency", map[string]any{"Agency": agency}))
	case orig.Overrides != "":
		return refuse(http.StatusUnprocessableEntity, c.tf(ui, "EditorAdoptAnOverride", map[string]any{"ID": orig.Overrides}))
	}
	as, err := c.KB.Adoptions(ctx, []string{orig.ID})
	if err != nil {
		return err
	}
	for _, a := range as {
		if a.Agency == agency {
			return refuse(http.StatusConflict, c.tf(ui, "EditorAdoptExists", map[string]any{"Agency": agency, "ID": a.ID}))
		}
	}
	id := strings.TrimSpace(r.PostFormValue("new_id"))
	if id == "" {
		id = adoptID(agency, orig.ID)
	}
	e := kb.Adopt(orig, id, agency)
	_, err = c.KB.Import(ctx, []*kb.Entry{e}, kb.ImportOptions{By: user(r).Login, Languages: c.langs(), Expect: map[string]int{id: 0}})
	switch {
	case errors.Is(err, kb.ErrConflict):
		return refuse(http.StatusConflict, c.tf(ui, "EditorAdoptTaken", map[string]any{"ID": id}))
	case errors.Is(err, kb.ErrInvalid):
		return refuse(http.StatusUnprocessableEntity, c.validationMessage(ui, err))
	case err != nil:
		return err
	}
	c.record(ctx, r, "entry.adopt", "entry:"+id, fmt.Sprintf("overrides %s revision %d for %s", orig.ID, orig.Revision, agency))
	http.Redirect(w, r, entryURL(id)+"?done=adopted", http.StatusSeeOther)
	return nil
}

// entryChecked records that the editor has gone through what changed in
// the overridden entry since the adoption: the override is now adopted
// from its current revision.
func (c *Console) entryChecked(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	e, err := c.pathEntry(r)
	if err != nil {
		return err
	}
	if e.Overrides == "" {
		return &pageError{http.StatusBadRequest, "ConsoleErrBadRequest", errors.New("the entry overrides no other")}
	}
	orig, err := c.KB.Get(ctx, e.Overrides)
	if err != nil {
		return err
	}
	started, _ := strconv.Atoi(r.PostFormValue("revision"))
	e.AdoptedRevision = orig.Revision
	if _, err := c.KB.Import(ctx, []*kb.Entry{e}, kb.ImportOptions{By: user(r).Login, Expect: map[string]int{e.ID: started}}); err != nil {
		if errors.Is(err, kb.ErrConflict) {
			return &pageError{http.StatusConflict, "ConsoleErrStale", err}
		}
		return err
	}
	c.record(ctx, r, "entry.checked", "entry:"+e.ID, fmt.Sprintf("%s revision %d", orig.ID, orig.Revision))
	http.Redirect(w, r, entryURL(e.ID)+"?done=checked", http.StatusSeeOther)
	return nil
}

// pathEntry reads the entry named in the request's path; a missing one
// is a 404.
func (c *Console) pathEntry(r *http.Request) (*kb.Entry, error) {
	e, err := c.KB.Get(r.Context(), r.PathValue("id"))
	if errors.Is(err, kb.ErrNotFound) {
		return nil, errNotFound
	}
	return e, err
}

// Changes to a published entry wait for a reviewer: saving one stores
// it as the entry's pending change, citizens keep the live revision,
// and someone other than its author publishes it (or anyone discards
// it).

// savePending stores the editor's edit e of the live entry old as its
// pending change, with optimistic locking on both the live revision the
// editor started from and the pending change they saw.
func (c *Console) savePending(w http.ResponseWriter, r *http.Request, old *kb.Entry, pend *kb.PendingChange, e *kb.Entry, started int) error {
	ctx, ui := r.Context(), c.lang(r)
	if pend == nil && kb.SameContent(old, e) {
		http.Redirect(w, r, entryURL(e.ID)+"?done=saved", http.StatusSeeOther)
		return nil
	}
	// Someone saved the pending change after this editor opened it (or
	// published or discarded it): show theirs, keep nothing silently.
	if seen := r.PostFormValue("pending"); pend != nil && seen != pendingStamp(pend) || pend == nil && seen != "" {
		cur := old
		if pend != nil {
			cur = pend.Entry
			cur.Revision = pend.Base
		}
		return c.renderEditor(w, r, http.StatusConflict, cur, false, []string{c.t(ui, "EditorPendingSavedMeanwhile")}, "")
	}
	p := &kb.PendingChange{Entry: e, Base: started}
	err := c.KB.SavePending(ctx, p, kb.ImportOptions{By: user(r).Login, Languages: c.langs()})
	switch {
	case errors.Is(err, kb.ErrConflict):
		cur, gerr := c.KB.Get(ctx, e.ID)
		if gerr != nil {
			return gerr
		}
		return c.renderEditor(w, r, http.StatusConflict, cur, false, []string{c.tf(ui, "EditorConflict", map[string]any{"Rev": cur.Revision, "Started": started})}, "")
	case errors.Is(err, kb.ErrInvalid):
		e.Revision = started
		return c.renderEditor(w, r, http.StatusUnprocessableEntity, e, false, []string{c.validationMessage(ui, err)}, "")
	case err != nil:
		return err
	}
	c.record(ctx, r, "entry.pending", "entry:"+e.ID, fmt.Sprintf("changes to revision %d", started))
	http.Redirect(w, r, entryURL(e.ID)+"?done=pending", http.StatusSeeOther)
	return nil
}

// pendingStamp identifies one save of a pending change.
func pendingStamp(p *kb.PendingChange) string { return strconv.FormatInt(p.SavedAt.UnixNano(), 10) }

// pendingView fills the editor's banner of changes awaiting review.
func (c *Console) pendingView(r *http.Request, id string, m *views.Editor) error {
	ctx, ui := r.Context(), c.lang(r)
	p, err := c.KB.Pending(ctx, id)
	if errors.Is(err, kb.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	live, err := c.KB.Get(ctx, id)
	if err != nil {
		return err
	}
	m.Pending = &views.PendingView{
		Text: c.tf(ui, "EditorPendingText", map[string]any{"By": p.SavedBy, "At": p.SavedAt.Local().Format("2006-01-02 15:04"),
			"Base": p.Base, "Live": live.Revision}),
		Seen:       pendingStamp(p),
		Diffs:      entryDiff(live, p.Entry, c.langs()),
		CanPublish: c.AllowSelfReview || p.SavedBy != user(r).Login,
	}
	return nil
}

// pendingPublish applies the changes awaiting review as a new revision:
// a reviewer other than their author, unless self-review is allowed,
// and only the changes the reviewer saw, made from the live revision.
func (c *Console) pendingPublish(w http.ResponseWriter, r *http.Request) error {
	ctx, ui := r.Context(), c.lang(r)
	live, err := c.pathEntry(r)
	if err != nil {
		return err
	}
	p, err := c.KB.Pending(ctx, live.ID)
	if errors.Is(err, kb.ErrNotFound) {
		return c.renderEditor(w, r, http.StatusConflict, live, false, []string{c.t(ui, "EditorPendingGone")}, "")
	}
	if err != nil {
		return err
	}
	shown := p.Entry
	shown.Revision = p.Base
	if !c.AllowSelfReview && p.SavedBy == user(r).Login {
		return c.renderEditor(w, r, http.StatusForbidden, shown, false, []string{c.t(ui, "EditorPendingSelfReview")}, "")
	}
	var seen time.Time
	if n, err := strconv.ParseInt(r.PostFormValue("seen"), 10, 64); err == nil {
		seen = time.Unix(0, n)
	} else {
		return &pageError{http.StatusBadRequest, "ConsoleErrBadRequest", errors.New("the form names no pending change")}
	}
	e, err := c.KB.PublishPending(ctx, live.ID, seen)
	switch {
	case errors.Is(err, kb.ErrNotFound):
		return c.renderEditor(w, r, http.StatusConflict, live, false, []string{c.t(ui, "EditorPendingGone")}, "")
	case errors.Is(err, kb.ErrConflict):
		cur, gerr := c.KB.Get(ctx, live.ID)
		if gerr != nil {
			return gerr
		}
		msg := c.tf(ui, "EditorPendingConflict", map[string]any{"Rev": cur.Revision, "Base": p.Base})
		if cur.Revision == p.Base {
			msg = c.t(ui, "EditorPendingSavedMeanwhile")
		}
		if np, perr := c.KB.Pending(ctx, live.ID); perr == nil {
			shown = np.Entry
			shown.Revision = np.Base
		}
		return c.renderEditor(w, r, http.StatusConflict, shown, false, []string{msg}, "")
	case err != nil:
		return err
	}
	c.record(ctx, r, "entry.publish-changes", "entry:"+live.ID, fmt.Sprintf("revision %d from %d, changes by %s", e.Revision, p.Base, p.SavedBy))
	http.Redirect(w, r, entryURL(live.ID)+"?done=published-changes", http.StatusSeeOther)
	return nil
}

// pendingDiscard drops the changes awaiting review; the live entry
// stays as it is.
func (c *Console) pendingDiscard(w http.ResponseWriter, r *http.Request) error {
	ctx, ui := r.Context(), c.lang(r)
	live, err := c.pathEntry(r)
	if err != nil {
		return err
	}
	p, err := c.KB.Pending(ctx, live.ID)
	if err == nil {
		err = c.KB.DiscardPending(ctx, live.ID)
	}
	if errors.Is(err, kb.ErrNotFound) {
		return c.renderEditor(w, r, http.StatusConflict, live, false, []string{c.t(ui, "EditorPendingGone")}, "")
	}
	if err != nil {
		return err
	}
	c.record(ctx, r, "entry.discard-changes", "entry:"+live.ID, fmt.Sprintf("changes to revision %d by %s", p.Base, p.SavedBy))
	http.Redirect(w, r, entryURL(live.ID)+"?done=discarded", http.StatusSeeOther)
	return nil
}
