package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/a-h/templ"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/i18n"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/web/views"
)

// The public FAQ pages: /{lang}/faq lists the topics, ?topic= one
// topic's questions, ?q= searches through the chat's retriever, and
// /{lang}/faq/{id} is the shareable page of one entry, which SMS replies
// link to. Only published entries valid now are shown.
//
// They show what the chat would answer from: with the deployment's
// agency (the engine's), only its own entries and shared ones, and an
// agency's published override replaces the original it overrides in the
// topic lists, the search and the original's page, which redirects to
// the override so that links already sent (an SMS carries
// /{lang}/faq/{id}) lead to the agency's answer.

// FAQStore is what the public FAQ pages read; kb.Store implements it.
type FAQStore interface {
	Get(ctx context.Context, id string) (*kb.Entry, error)
	List(ctx context.Context, f kb.ListFilter) ([]*kb.Entry, error)
	Adoptions(ctx context.Context, ids []string) ([]kb.Adoption, error)
}

const (
	// faqTTL is how long the topic lists are kept before the store is
	// listed again: a newly published entry shows in its topic within it
	// (its own page shows at once), and one that expires disappears at
	// once, as validity is checked on every request.
	faqTTL = time.Minute
	// faqPageSize is how many questions one page of a topic lists.
	faqPageSize = 50
	// faqResults is how many entries a search shows.
	faqResults = 10
	// maxQuery bounds a search, in characters: as long as a question.
	maxQuery = kb.MaxQuestionLen
	// noTopic stands for the entries without a topic in URLs.
	noTopic = "-"
)

// faqPages serves the FAQ pages and keeps the topic lists.
type faqPages struct {
	s      *Server
	store  FAQStore
	search chat.Retriever
	// agency is the deployment's ("" for all), as the chat searches.
	agency string

	mu    sync.Mutex
	built time.Time
	rows  []faqRow
	// byTopic lists, per language and topic, the rows with a variant in
	// the language, in the language's alphabetical order; filled lazily.
	byTopic map[[2]string][]int
}

// faqRow is what the topic lists need of an entry.
type faqRow struct {
	id, topic string
	// validity holds only what Servable reads.
	validity  kb.Entry
	questions map[string]string
	// overrides is the entry this one overrides, if any.
	overrides string
}

// newFAQPages returns the FAQ pages, or nil when the server has no
// knowledge base to show.
func (s *Server) newFAQPages() *faqPages {
	store, search := s.KB, s.Search
	e, _ := s.Engine.(*chat.Engine)
	if e == nil && s.Service != nil {
		e = s.Service.Engine
	}
	agency := ""
	if e != nil {
		agency = e.Agency
		if r, ok := e.Retriever.(*kb.Retriever); ok && store == nil {
			store = r.Store
		}
		if search == nil {
			search = e.Retriever
		}
	}
	if store == nil {
		return nil
	}
	if search == nil {
		if st, ok := store.(kb.Store); ok {
			search = &kb.Retriever{Store: st}
		}
	}
	return &faqPages{s: s, store: store, search: search, agency: agency}
}

// index serves /{lang}/faq: the topics, a topic (?topic=) or a search (?q=).
func (f *faqPages) index(w http.ResponseWriter, r *http.Request) error {
	lang := r.PathValue("lang")
	if !slices.Contains(f.s.langs, lang) {
		return f.s.notFound(w, r, f.s.negotiate(r), "ErrNotFound")
	}
	q := r.URL.Query()
	m := f.model(lang, r)
	switch {
	case q.Has("q") && strings.TrimSpace(q.Get("q")) != "":
		return f.searchPage(w, r, m, q.Get("q"))
	case q.Has("topic"):
		return f.topicPage(w, r, m, q.Get("topic"), q.Get("page"))
	}
	rows, topics, err := f.rowsFor(r.Context(), lang)
	if err != nil {
		return err
	}
	now := time.Now()
	hidden := f.overridden(rows, now)
	for _, t := range topics {
		n := 0
		for _, i := range t.items {
			if rows[i].validity.Servable(now) && !hidden[rows[i].id] {
				n++
			}
		}
		if n > 0 {
			m.Topics = append(m.Topics, views.FAQTopic{
				Name: f.topicName(lang, t.topic), URL: topicURL(lang, t.topic),
				Count: f.s.msgs.Message(lang, "FAQQuestionCount", map[string]any{"Count": n}),
			})
		}
	}
	return f.s.renderPage(w, r, http.StatusOK, lang, views.FAQPage(m))
}

func (f *faqPages) searchPage(w http.ResponseWriter, r *http.Request, m views.FAQ, text string) error {
	lang := m.Page.Lang
	m.Searched, m.Query = true, printable(text)
	switch {
	case !utf8.ValidString(text):
		m.Error = f.s.msgs.Message(lang, "ErrInvalidText", nil)
	case utf8.RuneCountInString(text) > maxQuery:
		m.Error = f.s.msgs.Message(lang, "ErrTooLong", map[string]any{"Max": maxQuery})
		m.Query = string([]rune(m.Query)[:maxQuery])
	}
	if m.Error != "" {
		return f.s.renderPage(w, r, http.StatusUnprocessableEntity, lang, views.FAQPage(m))
	}
	if f.search == nil {
		return errors.New("web: the FAQ search has no retriever")
	}
	hits, err := f.search.Search(r.Context(), kb.Query{Text: text, Filter: kb.Filter{Lang: lang, Agency: f.agency}, Limit: faqResults})
	if err != nil {
		return fmt.Errorf("web: searching the FAQ: %w", err)
	}
	now := time.Now()
	for _, h := range hits {
		v := h.Entry.Variants[lang]
		if v == nil || !h.Entry.Servable(now) {
			continue
		}
		m.Results = append(m.Results, views.FAQItem{Question: v.Question, URL: FAQPath(lang, h.Entry.ID), Snippet: snippet(v.Answer, 160)})
	}
	return f.s.renderPage(w, r, http.StatusOK, lang, views.FAQPage(m))
}

func (f *faqPages) topicPage(w http.ResponseWriter, r *http.Request, m views.FAQ, topic, pageParam string) error {
	lang := m.Page.Lang
	rows, topics, err := f.rowsFor(r.Context(), lang)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(topics, func(t topicRows) bool { return t.topic == topic })
	if i < 0 {
		return f.s.notFound(w, r, lang, "ErrNotFound")
	}
	now := time.Now()
	hidden := f.overridden(rows, now)
	var items []views.FAQItem
	for _, j := range topics[i].items {
		row := &rows[j]
		if row.validity.Servable(now) && !hidden[row.id] {
			items = append(items, views.FAQItem{Question: row.questions[lang], URL: FAQPath(lang, row.id)})
		}
	}
	page := 1
	if pageParam != "" {
		if page, err = strconv.Atoi(pageParam); err != nil || page < 1 {
			return f.s.notFound(w, r, lang, "ErrNotFound")
		}
	}
	first := (page - 1) * faqPageSize
	if len(items) == 0 || first >= len(items) {
		return f.s.notFound(w, r, lang, "ErrNotFound")
	}
	base := topicURL(lang, topic)
	if page > 1 {
		m.Prev = base + "&page=" + strconv.Itoa(page-1)
	}
	if first+faqPageSize < len(items) {
		m.Next = base + "&page=" + strconv.Itoa(page+1)
	}
	m.Topic = &views.FAQTopic{Name: f.topicName(lang, topic), URL: base, Items: items[first:min(len(items), first+faqPageSize)]}
	m.Page.Title = m.Topic.Name + " – " + m.T.Title
	return f.s.renderPage(w, r, http.StatusOK, lang, views.FAQPage(m))
}

// entry serves /{lang}/faq/{id}.
func (f *faqPages) entry(w http.ResponseWriter, r *http.Request) error {
	lang, id := r.PathValue("lang"), r.PathValue("id")
	if !slices.Contains(f.s.langs, lang) {
		return f.s.notFound(w, r, f.s.negotiate(r), "ErrNotFound")
	}
	if id == "" || len(id) > kb.MaxIDLen || !utf8.ValidString(id) {
		return f.s.notFound(w, r, lang, "FAQNotFound")
	}
	now := time.Now()
	e, err := f.store.Get(r.Context(), id)
	if errors.Is(err, kb.ErrNotFound) || (err == nil && (!e.Servable(now) || !f.filter(now).AdmitsAgency(e))) {
		// A draft, an expired entry or another agency's is as absent as
		// an unknown one.
		return f.s.notFound(w, r, lang, "FAQNotFound")
	}
	if err != nil {
		return fmt.Errorf("web: reading FAQ entry: %w", err)
	}
	if to, err := f.replacement(r.Context(), e.ID, now); err != nil {
		return err
	} else if to != "" {
		// Temporary: the original is back if the override is withdrawn.
		http.Redirect(w, r, FAQPath(lang, to), http.StatusFound)
		return nil
	}
	t := f.strings(lang)
	m := views.FAQEntry{
		T: t, TopicsURL: "/" + lang + "/faq", ChatURL: "/" + lang + "/",
		Topic: views.FAQTopic{Name: f.topicName(lang, topicKey(e.Topic)), URL: topicURL(lang, topicKey(e.Topic))},
	}
	link := make([]string, 0, len(e.Variants))
	for _, l := range f.s.langs {
		if e.Variants[l] == nil {
			continue
		}
		link = append(link, fmt.Sprintf("<%s>; rel=\"alternate\"; hreflang=\"%s\"", FAQPath(l, e.ID), l))
		if l != lang {
			m.Alternates = append(m.Alternates, f.s.languageLink(l, FAQPath(l, e.ID)))
		}
	}
	title := t.Title
	if v := e.Variants[lang]; v != nil {
		m.Question, m.Answer, m.MachineTranslated = v.Question, v.Answer, v.MachineTranslated
		for _, l := range v.Links {
			m.Links = append(m.Links, views.Link{Title: l.Title, URL: l.URL})
		}
		if !e.UpdatedAt.IsZero() {
			m.Updated = e.UpdatedAt.UTC().Format(time.DateOnly)
		}
		title = v.Question + " – " + t.Title
	} else {
		m.Missing = true
		// Nothing to index in this language: search engines should list
		// the languages that have the answer instead.
		w.Header().Set("X-Robots-Tag", "noindex")
	}
	if len(link) > 0 {
		// The alternates, for search engines, in the one place a page
		// can carry them outside its head.
		w.Header().Set("Link", strings.Join(link, ", "))
	}
	m.Page = f.s.publicMeta(lang, title, func(l string) string { return FAQPath(l, e.ID) })
	return f.s.renderPage(w, r, http.StatusOK, lang, views.FAQEntryPage(m))
}

// filter is what the chat's searches are restricted to at now.
func (f *faqPages) filter(now time.Time) kb.Filter {
	return kb.Filter{Agency: f.agency, At: now}
}

// overridden returns the ids of the rows that a servable override the
// deployment's agency sees replaces at now, as search hides them.
func (f *faqPages) overridden(rows []faqRow, now time.Time) map[string]bool {
	hidden := map[string]bool{}
	for i := range rows {
		row := &rows[i]
		if row.overrides != "" && row.validity.Servable(now) {
			// Rows are of the agencies the deployment sees; an override
			// is never shared, so it is the agency's own (or any, with
			// no agency).
			hidden[row.overrides] = true
		}
	}
	return hidden
}

// replacement returns the override that replaces entry id at now, or ""
// if none does. With no agency set every agency's entries are shown; when
// several agencies override the entry none is chosen for the citizen and
// the original stays.
func (f *faqPages) replacement(ctx context.Context, id string, now time.Time) (string, error) {
	as, err := f.store.Adoptions(ctx, []string{id})
	if err != nil {
		return "", fmt.Errorf("web: reading the overrides of FAQ entry %s: %w", id, err)
	}
	var found []string
	for i := range as {
		if as[i].Original == id && as[i].Replaces(f.filter(now)) {
			found = append(found, as[i].ID)
		}
	}
	if len(found) != 1 {
		return "", nil
	}
	return found[0], nil
}

// model is the FAQ page of lang with nothing chosen yet.
func (f *faqPages) model(lang string, r *http.Request) views.FAQ {
	t := f.strings(lang)
	topic := r.URL.Query().Get("topic")
	langURL := func(l string) string {
		if topic != "" {
			return topicURL(l, topic)
		}
		return "/" + l + "/faq"
	}
	return views.FAQ{
		Page: f.s.publicMeta(lang, t.Title, langURL), T: t,
		Action: "/" + lang + "/faq", ChatURL: "/" + lang + "/",
	}
}

func (f *faqPages) strings(lang string) views.FAQStrings {
	t := func(id string) string { return f.s.msgs.Message(lang, id, nil) }
	return views.FAQStrings{
		Title: t("FAQTitle"), Intro: t("FAQIntro"), SearchLabel: t("FAQSearchLabel"),
		SearchButton: t("FAQSearchButton"), Topics: t("FAQTopicsHeading"), Results: t("FAQResultsHeading"),
		NoResults: t("FAQNoResults"), AllTopics: t("FAQAllTopics"), LastUpdate: t("FAQLastUpdate"),
		MoreInfo: t("FAQMoreInfo"), OtherLanguages: t("FAQOtherLanguages"), NoVariant: t("FAQNoVariant"),
		AskChat: t("FAQAskChat"), Prev: t("FAQPrevPage"), Next: t("FAQNextPage"),
		Pagination: t("FAQPagination"), Breadcrumb: t("FAQBreadcrumb"), MachineTranslated: t("FAQMachineTranslated"),
	}
}

// topicName is the topic's translated name: message Topic_<topic>, or
// the topic as the editors wrote it when it has no translation.
func (f *faqPages) topicName(lang, topic string) string {
	if topic == noTopic {
		return f.s.msgs.Message(lang, "TopicOther", nil)
	}
	id := "Topic_" + topic
	if name := f.s.msgs.Message(lang, id, nil); name != id && name != "" {
		return name
	}
	return topic
}

// topicRows are one topic's rows in one language.
type topicRows struct {
	topic string
	items []int
}

// rowsFor returns the rows and the topics of lang, in alphabetical order
// of their names, each with its rows in alphabetical order of their
// questions. It lists the store again when the lists are older than
// faqTTL. What it returns is never changed afterwards: a new listing
// makes new slices.
func (f *faqPages) rowsFor(ctx context.Context, lang string) ([]faqRow, []topicRows, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if time.Since(f.built) > faqTTL {
		entries, err := f.store.List(ctx, kb.ListFilter{Status: kb.StatusPublished})
		if err != nil {
			return nil, nil, fmt.Errorf("web: listing the FAQ: %w", err)
		}
		f.rows = make([]faqRow, 0, len(entries))
		for _, e := range entries {
			if !f.filter(time.Time{}).AdmitsAgency(e) {
				continue
			}
			row := faqRow{id: e.ID, topic: topicKey(e.Topic), questions: make(map[string]string, len(e.Variants)),
				validity: kb.Entry{Status: e.Status, ValidFrom: e.ValidFrom, ValidUntil: e.ValidUntil}, overrides: e.Overrides}
			for l, v := range e.Variants {
				row.questions[l] = v.Question
			}
			f.rows = append(f.rows, row)
		}
		f.built, f.byTopic = time.Now(), map[[2]string][]int{}
	}
	byTopic := map[string][]int{}
	var topics []string
	for i, row := range f.rows {
		if _, ok := row.questions[lang]; !ok {
			continue
		}
		if _, seen := byTopic[row.topic]; !seen {
			topics = append(topics, row.topic)
		}
		byTopic[row.topic] = append(byTopic[row.topic], i)
	}
	col := collate.New(language.Make(lang), collate.Loose)
	names := make(map[string]string, len(topics))
	for _, t := range topics {
		names[t] = f.topicName(lang, t)
	}
	slices.SortFunc(topics, func(a, b string) int {
		// The entries without a topic come last, whatever "Other" is
		// called in the language.
		if (a == noTopic) != (b == noTopic) {
			if a == noTopic {
				return 1
			}
			return -1
		}
		return col.CompareString(names[a], names[b])
	})
	out := make([]topicRows, len(topics))
	for i, t := range topics {
		key := [2]string{lang, t}
		items, ok := f.byTopic[key]
		if !ok {
			items = byTopic[t]
			slices.SortStableFunc(items, func(a, b int) int {
				return col.CompareString(f.rows[a].questions[lang], f.rows[b].questions[lang])
			})
			f.byTopic[key] = items
		}
		out[i] = topicRows{topic: t, items: items}
	}
	return f.rows, out, nil
}

func topicKey(topic string) string {
	if topic == "" {
		return noTopic
	}
	return topic
}

func topicURL(lang, topic string) string {
	return "/" + lang + "/faq?topic=" + url.QueryEscape(topic)
}

// FAQPath is the path of an entry's public page in lang, which other
// channels link to (an SMS reply puts it after the site's address).
func FAQPath(lang, id string) string {
	return "/" + lang + "/faq/" + url.PathEscape(id)
}

// snippet is the start of text, cut at a word boundary, for a result list.
func snippet(text string, max int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	rs := []rune(text)[:max]
	if i := strings.LastIndexByte(string(rs), ' '); i > max/2 {
		return string(rs)[:i] + " …"
	}
	return string(rs) + "…"
}

// publicMeta is the page frame of the pages of this file: the chat's,
// with their own stylesheet after it.
func (s *Server) publicMeta(lang, title string, langURL func(string) string) views.PageMeta {
	p := s.pageMeta(lang, title, langURL)
	p.Stylesheets = append(slices.Clip(p.Stylesheets), "/static/public.css")
	return p
}

// languageLink is a link to a page in language l, named in l.
func (s *Server) languageLink(l, href string) views.Language {
	name := nativeNames[l]
	if name == "" {
		name = l
	}
	return views.Language{Code: l, Name: name, Dir: i18n.Dir(l), URL: href}
}

// notFound answers 404 with the message msgID in lang.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, lang, msgID string) error {
	t := func(id string) string { return s.msgs.Message(lang, id, nil) }
	m := views.Notice{
		Page:    s.publicMeta(lang, t(msgID), func(l string) string { return "/" + l + "/faq" }),
		Heading: t("FAQTitle"), Text: t(msgID), LinkText: t("FAQAllTopics"), LinkURL: "/" + lang + "/faq",
	}
	return s.renderPage(w, r, http.StatusNotFound, lang, views.NoticePage(m))
}

// renderPage writes a page of lang with status, rendering it fully first
// so that a failure is still a clean 500.
func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, status int, lang string, c templ.Component) error {
	var buf bytes.Buffer
	if err := c.Render(r.Context(), &buf); err != nil {
		return fmt.Errorf("web: rendering: %w", err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", lang)
	switch {
	case h.Get("Cache-Control") != "":
		// The handler knows better.
	case status == http.StatusOK:
		// Public, identical for everyone: a proxy may keep it briefly.
		h.Set("Cache-Control", "public, max-age=300")
	default:
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}
