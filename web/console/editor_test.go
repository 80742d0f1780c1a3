package console_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/providers"
	"github.com/sportello/sportello/kb/providers/providertest"
	bt "github.com/sportello/sportello/web/browsertest"
)

// entryForm is the editor's form for an entry with Italian and Arabic.
func entryForm(rev, it, ar string) url.Values {
	return url.Values{
		"revision": {rev}, "topic": {"anagrafe"}, "tags": {"documenti, sportello"},
		"v.it.question": {"Come richiedo il certificato di esistenza in vita?"},
		"v.it.answer":   {it},
		"v.it.sms":      {"Certificato: in Comune o online con SPID."},
		"v.ar.question": {"كيف أطلب شهادة إثبات الحياة؟"},
		"v.ar.answer":   {ar},
		"v.ar.links":    {"البلدية | https://www.comune.example.it/certificati"},
	}
}

func revisionOf(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`data-testid="entry-revision">(\d+)<`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no revision on the page")
	}
	return m[1]
}

// TestEditorWorkflow follows an entry from its creation in Italian and
// Arabic to an answer in the chat, an edit that makes the Arabic
// outdated, a diff and a restore.
func TestEditorWorkflow(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	elena, admin := r.signIn(t, "elena"), r.signIn(t, "admin")
	form := entryForm("0", "Il certificato di esistenza in vita si chiede all'anagrafe o online con SPID.", "تطلب شهادة إثبات الحياة من مكتب السجل المدني أو عبر الإنترنت باستخدام SPID.")
	form.Set("id", "esistenza-in-vita")
	resp, body := r.post(t, elena, "/staff/kb/new", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", resp.StatusCode, body)
	}
	e, err := r.kb.Get(ctx, "esistenza-in-vita")
	if err != nil || e.Status != kb.StatusDraft || e.Variants["ar"] == nil || len(e.Variants["ar"].Links) != 1 {
		t.Fatalf("created %+v, %v", e, err)
	}
	// The author sends it to review but cannot publish it herself.
	if resp, _ := r.post(t, elena, "/staff/kb/e/esistenza-in-vita/status", url.Values{"to": {"review"}, "revision": {"1"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("to review: %d", resp.StatusCode)
	}
	if resp, body := r.post(t, elena, "/staff/kb/e/esistenza-in-vita/status", url.Values{"to": {"published"}, "revision": {"2"}}); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "un&#39;altra persona") && !strings.Contains(body, "altra persona") {
		t.Errorf("self-publish: %d", resp.StatusCode)
	}
	// An operator cannot publish at all.
	anna := r.signIn(t, "anna")
	if resp, _ := r.post(t, anna, "/staff/kb/e/esistenza-in-vita/status", url.Values{"to": {"published"}, "revision": {"2"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("operator publishing: %d", resp.StatusCode)
	}
	if resp, _ := r.post(t, admin, "/staff/kb/e/esistenza-in-vita/status", url.Values{"to": {"published"}, "revision": {"2"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish by a reviewer: %d", resp.StatusCode)
	}
	// The chat answers it in Arabic.
	c := &chat.Conversation{Channel: chat.ChannelWeb}
	r.svc.Start(ctx, c)
	out, err := r.svc.Post(ctx, c.ID, chat.Message{Text: "كيف أطلب شهادة إثبات الحياة؟"})
	if err != nil || out.Decision.Kind != chat.Answer || out.Decision.Entry.ID != "esistenza-in-vita" || out.Reply.Lang != "ar" {
		t.Fatalf("chat: %v %+v", err, out.Decision)
	}
	// Editing the Italian text marks the Arabic outdated; the edit of a
	// published entry waits for review, and a reviewer publishes it.
	_, body = r.get(t, elena, "/staff/kb/e/esistenza-in-vita")
	rev := revisionOf(t, body)
	form = entryForm(rev, "Il certificato di esistenza in vita si chiede all'anagrafe, online con SPID o CIE.", "تطلب شهادة إثبات الحياة من مكتب السجل المدني أو عبر الإنترنت باستخدام SPID.")
	if resp, body := r.post(t, elena, "/staff/kb/e/esistenza-in-vita", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%s", resp.StatusCode, body)
	}
	_, body = r.get(t, elena, "/staff/kb/e/esistenza-in-vita")
	if !strings.Contains(body, `data-testid="variant-state-ar">da aggiornare<`) || !strings.Contains(body, `data-testid="variant-state-it">aggiornata<`) {
		t.Fatalf("the Arabic variant is not shown as outdated")
	}
	publishChanges(t, r, admin, "esistenza-in-vita")
	if _, body := r.get(t, elena, "/staff/kb?lack=ar&coverage=outdated"); !strings.Contains(body, `data-testid="entry-esistenza-in-vita"`) {
		t.Error("the outdated filter does not find the entry")
	}
	// The diff shows the change; a restore brings the old text back as a
	// new revision, to be reviewed again.
	_, body = r.get(t, elena, "/staff/kb/e/esistenza-in-vita/history")
	if !strings.Contains(body, "<ins>") || !strings.Contains(body, "CIE.") {
		t.Errorf("diff lacks the added words")
	}
	cur := revisionOf2(t, r, elena)
	if resp, _ := r.post(t, elena, "/staff/kb/e/esistenza-in-vita/restore", url.Values{"rev": {"1"}, "revision": {cur}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore: %d", resp.StatusCode)
	}
	e, _ = r.kb.Get(ctx, "esistenza-in-vita")
	if !strings.HasSuffix(e.Variants["it"].Answer, "online con SPID.") || e.Status != kb.StatusReview {
		t.Errorf("after restore: %q, %s", e.Variants["it"].Answer, e.Status)
	}
	// Reviewing the Arabic clears the mark.
	if resp, _ := r.post(t, admin, "/staff/kb/e/esistenza-in-vita/review", url.Values{"lang": {"ar"}, "revision": {revisionOf2(t, r, elena)}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("review: %d", resp.StatusCode)
	}
	if e, _ := r.kb.Get(ctx, "esistenza-in-vita"); e.Variants["ar"].Outdated || e.Variants["ar"].ReviewedBy != "admin" {
		t.Errorf("after review: %+v", e.Variants["ar"])
	}
	// What did we tell citizens today? The revision the chat used.
	if _, body := r.get(t, elena, "/staff/kb/told?date="+out.Reply.CreatedAt.Local().Format("2006-01-02")); !strings.Contains(body, "esistenza-in-vita") {
		t.Error("told page lacks the answer given")
	}
}

// pendingSeen is the pending change the editor page shows, for the
// publish form.
func pendingSeen(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`name="seen" value="(\d+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no changes to publish on the page:\n%.3000s", body)
	}
	return m[1]
}

// publishChanges publishes an entry's pending change as c, a reviewer.
func publishChanges(t *testing.T, r *rig, c *http.Client, id string) {
	t.Helper()
	_, body := r.get(t, c, "/staff/kb/e/"+id)
	if resp, body := r.post(t, c, "/staff/kb/e/"+id+"/pending/publish", url.Values{"seen": {pendingSeen(t, body)}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publishing the changes of %s: %d\n%.1500s", id, resp.StatusCode, body)
	}
}

func revisionOf2(t *testing.T, r *rig, c *http.Client) string {
	t.Helper()
	_, body := r.get(t, c, "/staff/kb/e/esistenza-in-vita")
	return revisionOf(t, body)
}

func TestEditorBadInput(t *testing.T) {
	r := newRig(t)
	elena, admin := r.signIn(t, "elena"), r.signIn(t, "admin")
	// Two editors open revision N; the second save is refused and shows
	// the current version.
	_, body := r.get(t, elena, "/staff/kb/e/tari-pagamento")
	rev := revisionOf(t, body)
	first := url.Values{"revision": {rev}, "topic": {"tributi"}, "v.it.question": {"Come si paga la TARI?"}, "v.it.answer": {"Con pagoPA o F24, entro le scadenze."}}
	if resp, body := r.post(t, elena, "/staff/kb/e/tari-pagamento", first); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d\n%s", resp.StatusCode, body)
	}
	second := url.Values{"revision": {rev}, "topic": {"tributi"}, "v.it.question": {"Come si paga la TARI?"}, "v.it.answer": {"Solo allo sportello."}}
	resp, body := r.post(t, admin, "/staff/kb/e/tari-pagamento", second)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "nel frattempo") {
		t.Fatalf("concurrent save: %d", resp.StatusCode)
	}
	// The entry is published: the first save waits for review, and the
	// second did not overwrite it.
	if p, err := r.kb.Pending(context.Background(), "tari-pagamento"); err != nil || p.Entry.Variants["it"].Answer != "Con pagoPA o F24, entro le scadenze." {
		t.Errorf("the losing save overwrote the pending change: %+v, %v", p, err)
	}
	// Invalid dates and an oversized text are refused with translated
	// messages, and nothing is saved.
	bad := url.Values{"id": {"nuova"}, "valid_from": {"31/02/2026"}, "v.it.question": {"Domanda?"}, "v.it.answer": {"Risposta."}}
	if resp, body := r.post(t, elena, "/staff/kb/new", bad); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "non è una data valida") {
		t.Errorf("invalid date: %d", resp.StatusCode)
	}
	long := url.Values{"id": {"nuova"}, "v.it.question": {"Domanda?"}, "v.it.answer": {strings.Repeat("parola ", 3000)}}
	if resp, body := r.post(t, elena, "/staff/kb/new", long); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "troppo lungo") {
		t.Errorf("oversized answer: %d", resp.StatusCode)
	}
	if _, err := r.kb.Get(context.Background(), "nuova"); err == nil {
		t.Error("a refused entry was saved")
	}
	// A malformed import names its line and saves nothing; a good one is
	// shown as a dry run first, then applied.
	if resp, body := upload(t, r, elena, "voci.jsonl", "{\"id\":\"a\",\"variants\":{\"it\":{\"question\":\"Q?\",\"answer\":\"A.\"}}}\n{\"id\":\"b\",\"variants\":}\n"); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "riga 2") {
		t.Errorf("malformed import: %d\n%s", resp.StatusCode, body)
	}
	if _, err := r.kb.Get(context.Background(), "a"); err == nil {
		t.Error("a malformed file was partly imported")
	}
	resp, body = upload(t, r, elena, "voci.jsonl", "{\"id\":\"nuova-voce\",\"variants\":{\"sq\":{\"question\":\"Si paguhet TARI?\",\"answer\":\"Me pagoPA.\"}}}\n")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "1 nuove") {
		t.Fatalf("dry run: %d\n%s", resp.StatusCode, body)
	}
	if _, err := r.kb.Get(context.Background(), "nuova-voce"); err == nil {
		t.Fatal("a dry run saved")
	}
	token := regexp.MustCompile(`name="token" value="([^"]+)"`).FindStringSubmatch(body)[1]
	if resp, _ := r.post(t, admin, "/staff/kb/import", url.Values{"token": {token}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("another user applying the dry run: %d", resp.StatusCode)
	}
	if resp, body := r.post(t, elena, "/staff/kb/import", url.Values{"token": {token}}); resp.StatusCode != http.StatusOK || !strings.Contains(body, "eseguita") {
		t.Fatalf("apply: %d", resp.StatusCode)
	}
	if _, err := r.kb.Get(context.Background(), "nuova-voce"); err != nil {
		t.Errorf("applied import: %v", err)
	}
}

func upload(t *testing.T, r *rig, c *http.Client, name, content string) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	io.WriteString(fw, content)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/staff/kb/import", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", r.srv.URL)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestPreviewAndMissed(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	elena := r.signIn(t, "elena")
	_, body := r.get(t, elena, "/staff/kb/preview?q="+url.QueryEscape("Come si paga la TARI?")+"&lang=it")
	if !strings.Contains(body, `data-testid="preview-kind">answer`) || !strings.Contains(body, "tari-pagamento") {
		t.Errorf("preview: %s", body[:min(len(body), 400)])
	}
	// Two similar misses in Albanian (a bare word matches three entries
	// about the tax) form one group.
	for _, q := range []string{"TARI", "tari?"} {
		c := &chat.Conversation{Channel: chat.ChannelWeb, Lang: "sq", LangChosen: true}
		r.svc.Start(ctx, c)
		if _, err := r.svc.Post(ctx, c.ID, chat.Message{Text: q}); err != nil {
			t.Fatal(err)
		}
	}
	_, body = r.get(t, elena, "/staff/kb/missed")
	if !strings.Contains(body, ">TARI<") || !strings.Contains(body, "2 volte") {
		t.Errorf("missed groups:\n%s", body)
	}
	resp, _ := r.post(t, elena, "/staff/kb/missed", url.Values{"lang": {"sq"}, "key": {groupKey(body)}, "example": {"x"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("dismiss: %d", resp.StatusCode)
	}
	if _, body := r.get(t, elena, "/staff/kb/missed"); strings.Contains(body, ">TARI<") {
		t.Error("a dismissed group is still shown")
	}
	if _, body := r.get(t, elena, "/staff/kb/coverage"); !strings.Contains(body, `data-testid="coverage"`) {
		t.Error("coverage page")
	}
}

func groupKey(body string) string {
	m := regexp.MustCompile(`name="key" value="([^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

func TestEditorRunsAnEvaluation(t *testing.T) {
	r := newRig(t)
	elena := r.signIn(t, "elena")
	resp, body := r.post(t, elena, "/staff/kb/evals", url.Values{"set": {"holdout"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "<svg") || !strings.Contains(body, "answered_correct") && !strings.Contains(body, "nswered") {
		t.Fatalf("report: %d\n%.300s", resp.StatusCode, body)
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "mio.jsonl")
	io.WriteString(fw, "{\"id\":\"q1\",\"lang\":\"it\",\"text\":\"Come si paga la TARI?\",\"expect\":\"tari-pagamento\"}\n{\"id\":\"q2\",\"lang\":\"it\",\"text\":\"x\",\"expect\":\"non-esiste\"}\n")
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/staff/kb/evals", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", r.srv.URL)
	res, err := elena.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), "mio.jsonl:2") {
		t.Errorf("a set expecting a missing entry: %d\n%s", res.StatusCode, b)
	}
}

// TestMachineTranslationsWaitForReview: the model drafts the missing
// Chinese; citizens do not get it until an editor reviews it.
func TestMachineTranslationsWaitForReview(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	e := &kb.Entry{ID: "biblioteca-tessera", Topic: "cultura", Variants: map[string]*kb.Variant{"it": {
		Question: "Come faccio la tessera della biblioteca civica?",
		Answer:   "La tessera della biblioteca civica è gratuita: si fa al banco prestiti con un documento d'identità.",
	}}}
	if _, err := r.kb.Import(ctx, []*kb.Entry{e}, kb.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	const zhQ, zhA = "如何办理市立图书馆的借书证？", "市立图书馆的借书证是免费的：请携带身份证件到借阅柜台办理。"
	srv := providertest.New(t, providers.OpenAI, func(int, providertest.Request) providertest.Reply {
		b, _ := json.Marshal(map[string]any{"answer": zhA, "question": zhQ, "cites": []string{"biblioteca-tessera"}})
		return providertest.Reply{Content: string(b)}
	})
	m, err := providers.NewChatModel(srv.Config("test-model"))
	if err != nil {
		t.Fatal(err)
	}
	r.console.LLM = &chat.LLM{Model: m, Detector: r.svc.Engine.Detector}
	r.svc.Engine.Retriever = chat.ReviewedOnly{Retriever: r.svc.Engine.Retriever}
	elena, admin := r.signIn(t, "elena"), r.signIn(t, "admin")
	resp, body := r.post(t, elena, "/staff/kb/e/biblioteca-tessera/translate", url.Values{"revision": {"1"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "zh") {
		t.Fatalf("translate: %d\n%.400s", resp.StatusCode, body)
	}
	got, _ := r.kb.Get(ctx, "biblioteca-tessera")
	if v := got.Variants["zh"]; v == nil || !v.MachineTranslated || v.Answer != zhA || kb.CoverageOf(got, "zh") != kb.CoverageMachine {
		t.Fatalf("zh draft %+v", got.Variants["zh"])
	}
	ask := func() *chat.Decision {
		c := &chat.Conversation{Channel: chat.ChannelWeb}
		r.svc.Start(ctx, c)
		out, err := r.svc.Post(ctx, c.ID, chat.Message{Text: zhQ})
		if err != nil {
			t.Fatal(err)
		}
		return out.Decision
	}
	if d := ask(); d.Kind == chat.Answer && d.Entry.ID == "biblioteca-tessera" {
		t.Fatal("an unreviewed machine translation reached a citizen")
	}
	if resp, _ := r.post(t, admin, "/staff/kb/e/biblioteca-tessera/review", url.Values{"lang": {"zh"}, "revision": {fmt.Sprint(got.Revision)}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("review: %d", resp.StatusCode)
	}
	if d := ask(); d.Kind != chat.Answer || d.Entry.ID != "biblioteca-tessera" {
		t.Errorf("after review: %s %v", d.Kind, d.Reason)
	}
}

// TestNewcomerAddsAlbanian is issue 8's "done when": an editor finds the
// entries that lack Albanian, adds the translation, gets it reviewed and
// published by someone else, and the chat answers with it in Albanian.
func TestNewcomerAddsAlbanian(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	e := &kb.Entry{ID: "biblioteca-orari", Topic: "cultura", Agency: "borgoverde", Variants: map[string]*kb.Variant{"it": {
		Question: "Quali sono gli orari della biblioteca civica?",
		Answer:   "La biblioteca civica è aperta dal martedì al sabato, dalle 9 alle 19.",
	}}}
	if _, err := r.kb.Import(ctx, []*kb.Entry{e}, kb.ImportOptions{By: "import"}); err != nil {
		t.Fatal(err)
	}
	elena, admin := r.signIn(t, "elena"), r.signIn(t, "admin")
	// The list finds the entries lacking Albanian (the demo has it everywhere).
	_, body := r.get(t, elena, "/staff/kb?lack=sq&coverage=missing")
	if !strings.Contains(body, `data-testid="entry-biblioteca-orari"`) || !strings.Contains(body, `data-testid="cov-biblioteca-orari-sq"`) {
		t.Fatalf("the missing-Albanian filter does not list the entry:\n%.2000s", body)
	}
	if m := regexp.MustCompile(`data-testid="entry-count">(\d+) `).FindStringSubmatch(body); m == nil || m[1] != "1" {
		t.Errorf("count of entries lacking Albanian: %v, want 1", m)
	}
	// The translation added to the published entry waits for review:
	// the chat does not use it yet.
	step := func(c *http.Client, path string, form url.Values) {
		t.Helper()
		if resp, body := r.post(t, c, path, form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d\n%.1500s", path, resp.StatusCode, body)
		}
	}
	const sqQ, sqA = "Cili është orari i bibliotekës së qytetit?", "Biblioteka e qytetit është e hapur nga e marta deri të shtunën, nga ora 9 deri në 19."
	step(elena, "/staff/kb/e/biblioteca-orari", url.Values{"revision": {"1"}, "topic": {"cultura"}, "agency": {"borgoverde"},
		"v.it.question": {e.Variants["it"].Question}, "v.it.answer": {e.Variants["it"].Answer},
		"v.sq.question": {sqQ}, "v.sq.answer": {sqA}})
	if e, _ := r.kb.Get(ctx, "biblioteca-orari"); e.Variants["sq"] != nil {
		t.Fatal("the unreviewed Albanian reached the live entry")
	}
	if _, body := r.get(t, admin, "/staff/kb?lack=sq&coverage=missing"); !strings.Contains(body, `data-testid="pending-biblioteca-orari"`) {
		t.Error("the reviewer's list does not show the changes awaiting review")
	}
	// The author may not publish; a reviewer does.
	_, body = r.get(t, elena, "/staff/kb/e/biblioteca-orari")
	if strings.Contains(body, `data-testid="publish-changes"`) || !strings.Contains(body, "Cili është") {
		t.Error("the author is offered to publish her own changes, or the form lacks them")
	}
	if resp, _ := r.post(t, elena, "/staff/kb/e/biblioteca-orari/pending/publish", url.Values{"seen": {pendingSeen(t, strings.Replace(body, `name="pending"`, `name="seen"`, 1))}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the author publishing: %d, want 403", resp.StatusCode)
	}
	publishChanges(t, r, admin, "biblioteca-orari")
	if _, body := r.get(t, elena, "/staff/kb?lack=sq&coverage=missing"); strings.Contains(body, `data-testid="entry-biblioteca-orari"`) {
		t.Error("the entry is still listed as lacking Albanian")
	}
	c := &chat.Conversation{Channel: chat.ChannelWeb}
	r.svc.Start(ctx, c)
	out, err := r.svc.Post(ctx, c.ID, chat.Message{Text: sqQ})
	if err != nil {
		t.Fatal(err)
	}
	if d := out.Decision; d.Kind != chat.Answer || d.Entry.ID != "biblioteca-orari" || out.Reply.Lang != "sq" || !strings.Contains(out.Reply.Text, "nga ora 9") {
		t.Errorf("chat in Albanian: %s %v entry %v, reply %s %q", d.Kind, d.Reason, d.Entry, out.Reply.Lang, out.Reply.Text)
	}
}

// TestSharedEntries: an agency adopts a national shared entry, overrides
// it locally, sees what the override hides and when the original moves
// on; the chat of that agency answers with the override, another
// agency's with the original.
func TestSharedEntries(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	national := &kb.Entry{ID: "canone-rai-esenzione", Topic: "tributi", Agency: "nazionale", Shared: true, Variants: map[string]*kb.Variant{
		"it": {Question: "Chi è esonerato dal canone RAI in bolletta?", Answer: "Chi ha compiuto 75 anni con un reddito basso presenta la dichiarazione sostitutiva all'Agenzia delle Entrate."},
		"ar": {Question: "من يُعفى من رسوم التلفزيون راي في الفاتورة؟", Answer: "من بلغ 75 عامًا بدخل منخفض يقدم إقرارًا إلى وكالة الإيرادات."},
	}}
	if _, err := r.kb.Import(ctx, []*kb.Entry{national}, kb.ImportOptions{By: "formez"}); err != nil {
		t.Fatal(err)
	}
	elena, admin := r.signIn(t, "elena"), r.signIn(t, "admin")
	ask := func(agency string) *chat.Decision {
		t.Helper()
		eng := *r.svc.Engine
		eng.Agency = agency
		d, err := eng.Decide(ctx, chat.Input{Text: "Chi è esonerato dal canone RAI in bolletta?", Lang: "it"})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if d := ask("borgoverde"); d.Kind != chat.Answer || d.Entry.ID != "canone-rai-esenzione" {
		t.Fatalf("borgoverde before adopting: %s %v", d.Kind, d.Entry)
	}
	// The shared entry offers adoption; adopting makes a draft override.
	_, body := r.get(t, elena, "/staff/kb/e/canone-rai-esenzione")
	if !strings.Contains(body, `data-testid="adopt-form"`) {
		t.Fatal("the shared entry's page offers no adoption")
	}
	if resp, body := r.post(t, elena, "/staff/kb/e/canone-rai-esenzione/adopt", url.Values{"agency": {""}}); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Indica l&#39;ente") {
		t.Errorf("adopting without an agency: %d", resp.StatusCode)
	}
	resp, _ := r.post(t, elena, "/staff/kb/e/canone-rai-esenzione/adopt", url.Values{"agency": {"borgoverde"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/staff/kb/e/borgoverde-canone-rai-esenzione?done=adopted" {
		t.Fatalf("adopt: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	o, err := r.kb.Get(ctx, "borgoverde-canone-rai-esenzione")
	if err != nil || o.Overrides != "canone-rai-esenzione" || o.AdoptedRevision != 1 || o.Agency != "borgoverde" || o.Status != kb.StatusDraft ||
		o.Variants["ar"] == nil || o.Variants["it"].Answer != national.Variants["it"].Answer {
		t.Fatalf("the adopted draft: %+v, %v", o, err)
	}
	if resp, body := r.post(t, admin, "/staff/kb/e/canone-rai-esenzione/adopt", url.Values{"agency": {"borgoverde"}}); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "ha già adottato") {
		t.Errorf("adopting twice for one agency: %d", resp.StatusCode)
	}
	// The override's page shows what it hides, language by language.
	_, body = r.get(t, elena, "/staff/kb/e/borgoverde-canone-rai-esenzione?done=adopted")
	for _, want := range []string{`data-testid="override"`, `data-testid="shared-it"`, `data-testid="shared-ar"`, "Agenzia delle Entrate", "وكالة الإيرادات", "Bozza creata"} {
		if !strings.Contains(body, want) {
			t.Errorf("the override's page lacks %q", want)
		}
	}
	if strings.Contains(body, `data-testid="original-changed"`) || strings.Contains(body, `data-testid="adopt-form"`) {
		t.Error("a fresh override is shown as behind, or as adoptable")
	}
	// Local text, review, publication by a second person.
	form := url.Values{"revision": {"1"}, "topic": {"tributi"}, "agency": {"borgoverde"},
		"v.it.question": {"Chi è esonerato dal canone RAI in bolletta?"},
		"v.it.answer":   {"A Borgoverde lo sportello tributi del Comune aiuta gli over 75 a compilare la dichiarazione, il lunedì mattina."},
		"v.ar.question": {national.Variants["ar"].Question}, "v.ar.answer": {national.Variants["ar"].Answer}}
	for _, s := range []struct {
		c    *http.Client
		path string
		form url.Values
	}{
		{elena, "/staff/kb/e/borgoverde-canone-rai-esenzione", form},
		{elena, "/staff/kb/e/borgoverde-canone-rai-esenzione/status", url.Values{"to": {"review"}, "revision": {"2"}}},
		{admin, "/staff/kb/e/borgoverde-canone-rai-esenzione/status", url.Values{"to": {"published"}, "revision": {"3"}}},
	} {
		if resp, body := r.post(t, s.c, s.path, s.form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d\n%.1500s", s.path, resp.StatusCode, body)
		}
	}
	if o, _ := r.kb.Get(ctx, "borgoverde-canone-rai-esenzione"); o.Overrides != "canone-rai-esenzione" || o.Status != kb.StatusPublished {
		t.Errorf("after the edit and publication: overrides %q, %s", o.Overrides, o.Status)
	}
	if d := ask("borgoverde"); d.Kind != chat.Answer || d.Entry.ID != "borgoverde-canone-rai-esenzione" || !strings.Contains(d.Text, "sportello tributi") {
		t.Errorf("borgoverde after publishing the override: %s %v %q", d.Kind, d.Entry, d.Text)
	}
	if d := ask("vallebella"); d.Kind != chat.Answer || d.Entry.ID != "canone-rai-esenzione" {
		t.Errorf("vallebella: %s %v, want the national entry", d.Kind, d.Entry)
	}
	// The list tells shared, adopted and local entries apart.
	for _, tc := range []struct{ sharing, has, hasnt string }{
		{"shared", "canone-rai-esenzione", "borgoverde-canone-rai-esenzione"},
		{"adopted", "borgoverde-canone-rai-esenzione", "cie-rinnovo"},
		{"local", "cie-rinnovo", "canone-rai-esenzione"},
	} {
		_, body := r.get(t, elena, "/staff/kb?sharing="+tc.sharing)
		if !strings.Contains(body, `data-testid="entry-`+tc.has+`"`) || strings.Contains(body, `data-testid="entry-`+tc.hasnt+`"`) {
			t.Errorf("sharing=%s: want %s and not %s", tc.sharing, tc.has, tc.hasnt)
		}
	}
	if _, body := r.get(t, elena, "/staff/kb?sharing=adopted"); !strings.Contains(body, "adottata da canone-rai-esenzione") {
		t.Error("the list does not say what an override adopts")
	}
	// The original moves on: the override says so, links the diff, and
	// the editor records having checked it.
	changed := national.Clone()
	changed.Variants["it"].Answer += " La dichiarazione va presentata entro il 30 aprile."
	if _, err := r.kb.Import(ctx, []*kb.Entry{changed}, kb.ImportOptions{By: "formez"}); err != nil {
		t.Fatal(err)
	}
	_, body = r.get(t, elena, "/staff/kb/e/borgoverde-canone-rai-esenzione")
	if !strings.Contains(body, `data-testid="original-changed"`) || !strings.Contains(body, `href="/staff/kb/e/canone-rai-esenzione/history?a=1&amp;b=2"`) {
		t.Fatalf("the override does not show that the original changed:\n%.3000s", body)
	}
	if _, body := r.get(t, elena, "/staff/kb/e/canone-rai-esenzione/history?a=1&b=2"); !strings.Contains(body, "<ins>") || !strings.Contains(body, "30") {
		t.Error("the diff of the original lacks the added words")
	}
	if _, body := r.get(t, elena, "/staff/kb/e/canone-rai-esenzione"); !strings.Contains(body, `data-testid="adopters"`) || !strings.Contains(body, "borgoverde-canone-rai-esenzione") {
		t.Error("the original's page does not list its adopters")
	}
	rev := revisionOf(t, body)
	if resp, _ := r.post(t, elena, "/staff/kb/e/borgoverde-canone-rai-esenzione/checked", url.Values{"revision": {rev}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("checked: %d", resp.StatusCode)
	}
	if o, _ := r.kb.Get(ctx, "borgoverde-canone-rai-esenzione"); o.AdoptedRevision != 2 || o.Status != kb.StatusPublished {
		t.Errorf("after checking: adopted revision %d, %s", o.AdoptedRevision, o.Status)
	}
	if _, body := r.get(t, elena, "/staff/kb/e/borgoverde-canone-rai-esenzione/history"); !strings.Contains(body, "Revisione adottata") || !strings.Contains(body, "<ins>2</ins>") {
		t.Error("the override's history does not show the adopted revision moving on")
	}
	if _, body := r.get(t, elena, "/staff/kb/e/borgoverde-canone-rai-esenzione"); strings.Contains(body, `data-testid="original-changed"`) {
		t.Error("still shown as behind after checking")
	}
}

// TestEntryListPages: the list shows a page of 50 with the total, and the
// next and previous pages keep the filters.
func TestEntryListPages(t *testing.T) {
	r := newRig(t)
	var es []*kb.Entry
	for i := range 70 {
		es = append(es, &kb.Entry{ID: fmt.Sprintf("orari-%03d", i), Topic: "orari", Agency: "borgoverde", Variants: map[string]*kb.Variant{
			"it": {Question: fmt.Sprintf("Orari dello sportello numero %d?", i), Answer: "Dal lunedì al venerdì."}}})
	}
	if _, err := r.kb.Import(context.Background(), es, kb.ImportOptions{By: "import"}); err != nil {
		t.Fatal(err)
	}
	elena := r.signIn(t, "elena")
	_, body := r.get(t, elena, "/staff/kb?topic=orari")
	rows := regexp.MustCompile(`data-testid="entry-orari-\d+"`).FindAllString(body, -1)
	if len(rows) != 50 || !strings.Contains(body, "70 voci") || !strings.Contains(body, "pagina 1 di 2") || !strings.Contains(body, `data-testid="entry-orari-049"`) {
		t.Fatalf("first page: %d rows\n%.400s", len(rows), body[strings.Index(body, "entry-count"):])
	}
	next := regexp.MustCompile(`href="([^"]+)" data-testid="next-page"`).FindStringSubmatch(body)
	if next == nil || !strings.Contains(next[1], "topic=orari") {
		t.Fatalf("next link: %v", next)
	}
	_, body = r.get(t, elena, strings.ReplaceAll(next[1], "&amp;", "&"))
	rows = regexp.MustCompile(`data-testid="entry-orari-\d+"`).FindAllString(body, -1)
	if len(rows) != 20 || !strings.Contains(body, `data-testid="entry-orari-069"`) || strings.Contains(body, `data-testid="next-page"`) || !strings.Contains(body, "pagina 2 di 2") {
		t.Errorf("second page: %d rows", len(rows))
	}
	if resp, _ := r.get(t, elena, "/staff/kb?when=soon"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an unknown filter: %d, want 400", resp.StatusCode)
	}
}

// formOf is the editor's form for entry e as stored, started from rev.
func formOf(e *kb.Entry, rev int) url.Values {
	f := url.Values{"revision": {fmt.Sprint(rev)}, "topic": {e.Topic}, "agency": {e.Agency}, "tags": {strings.Join(e.Tags, ", ")}}
	if e.Shared {
		f.Set("shared", "on")
	}
	if e.ValidFrom != nil {
		f.Set("valid_from", e.ValidFrom.Format("2006-01-02"))
	}
	if e.ValidUntil != nil {
		f.Set("valid_until", e.ValidUntil.Format("2006-01-02"))
	}
	for l, v := range e.Variants {
		p := "v." + l + "."
		f.Set(p+"question", v.Question)
		f.Set(p+"answer", v.Answer)
		f.Set(p+"sms", v.SMS)
		f.Set(p+"alternates", strings.Join(v.Alternates, "\n"))
		var links []string
		for _, lk := range v.Links {
			links = append(links, lk.Title+" | "+lk.URL)
		}
		f.Set(p+"links", strings.Join(links, "\n"))
	}
	return f
}

// TestPendingChanges: an edit of a published entry waits for a second
// person; citizens keep the published text until a reviewer publishes
// the changes; the author cannot; a discard drops them; a reviewer who
// read an older save, or changes made from a revision the live entry
// left, get a conflict and nothing changes.
func TestPendingChanges(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	elena, admin := r.signIn(t, "elena"), r.signIn(t, "admin")
	const id = "cie-rinnovo"
	live, err := r.kb.Get(ctx, id)
	if err != nil || live.Status != kb.StatusPublished {
		t.Fatalf("the demo entry: %+v, %v", live, err)
	}
	question := live.Variants["it"].Question
	ask := func() string {
		t.Helper()
		c := &chat.Conversation{Channel: chat.ChannelWeb}
		r.svc.Start(ctx, c)
		out, err := r.svc.Post(ctx, c.ID, chat.Message{Text: question})
		if err != nil {
			t.Fatal(err)
		}
		if out.Decision.Kind != chat.Answer || out.Decision.Entry.ID != id {
			t.Fatalf("the chat did not answer with %s: %s %v", id, out.Decision.Kind, out.Decision.Reason)
		}
		return out.Reply.Text
	}
	if strings.Contains(ask(), "sabato mattina") {
		t.Fatal("the new text is there before any edit")
	}
	audited := func(action string) bool {
		events, _ := r.staff.AuditLog(ctx, 50)
		for _, e := range events {
			if e.Action == action && e.Target == "entry:"+id && e.Actor == "admin" {
				return true
			}
		}
		return false
	}

	// Elena edits the published entry: the edit waits, the chat keeps the
	// published text, the page shows the changes and what they change.
	edit := formOf(live, live.Revision)
	edit.Set("v.it.answer", live.Variants["it"].Answer+" Novità: l'Anagrafe apre anche il sabato mattina.")
	if resp, body := r.post(t, elena, "/staff/kb/e/"+id, edit); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%.1500s", resp.StatusCode, body)
	}
	if cur, _ := r.kb.Get(ctx, id); cur.Revision != live.Revision || strings.Contains(cur.Variants["it"].Answer, "sabato") {
		t.Fatalf("the edit reached the live entry: revision %d", cur.Revision)
	}
	if strings.Contains(ask(), "sabato mattina") {
		t.Fatal("the chat answers with unreviewed text")
	}
	_, body := r.get(t, elena, "/staff/kb/e/"+id)
	if !strings.Contains(body, `data-testid="pending"`) || !regexp.MustCompile(`data-testid="pending-diff"[\s\S]*<ins>[^<]*sabato`).MatchString(body) {
		t.Fatalf("the editor page lacks the banner and the diff:\n%.4000s", body)
	}
	if !strings.Contains(body, "sabato mattina.</textarea>") {
		t.Error("the form does not show the pending changes")
	}
	if strings.Contains(body, `data-testid="publish-changes"`) {
		t.Error("the author is offered to publish her own changes")
	}
	if _, body := r.get(t, elena, "/staff/kb?q=carta"); !strings.Contains(body, `data-testid="pending-`+id+`"`) {
		t.Error("the entry list lacks the badge of changes awaiting review")
	}
	seen := regexp.MustCompile(`name="pending" value="(\d+)"`).FindStringSubmatch(body)[1]
	// The author cannot publish them.
	if resp, _ := r.post(t, elena, "/staff/kb/e/"+id+"/pending/publish", url.Values{"seen": {seen}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the author publishing: %d, want 403", resp.StatusCode)
	}
	// Elena saves again; a reviewer who read the first save is refused.
	_, adminBody := r.get(t, admin, "/staff/kb/e/"+id)
	stale := pendingSeen(t, adminBody)
	edit.Set("pending", seen)
	edit.Set("v.it.answer", live.Variants["it"].Answer+" Novità: l'Anagrafe apre anche il sabato mattina, dalle 9 alle 12.")
	if resp, body := r.post(t, elena, "/staff/kb/e/"+id, edit); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("second edit: %d\n%.1500s", resp.StatusCode, body)
	}
	// A save from a page that showed an older pending change is refused.
	if resp, body := r.post(t, admin, "/staff/kb/e/"+id, edit); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "nel frattempo") {
		t.Errorf("a save over newer pending changes: %d", resp.StatusCode)
	}
	if resp, body := r.post(t, admin, "/staff/kb/e/"+id+"/pending/publish", url.Values{"seen": {stale}}); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "nel frattempo") {
		t.Errorf("publishing an older read: %d", resp.StatusCode)
	}
	if strings.Contains(ask(), "sabato mattina") {
		t.Fatal("a refused publish reached the chat")
	}
	// A second person publishes them: a new revision, Elena's, and the
	// chat answers with it.
	publishChanges(t, r, admin, id)
	cur, _ := r.kb.Get(ctx, id)
	if cur.Revision != live.Revision+1 || cur.Status != kb.StatusPublished || !strings.Contains(cur.Variants["it"].Answer, "dalle 9 alle 12") {
		t.Fatalf("after publishing: revision %d %s %q", cur.Revision, cur.Status, cur.Variants["it"].Answer)
	}
	if revs, _ := r.kb.Revisions(ctx, id); revs[len(revs)-1].SavedBy != "elena" {
		t.Errorf("the published revision is %s's, want elena's", revs[len(revs)-1].SavedBy)
	}
	if !strings.Contains(ask(), "sabato mattina, dalle 9 alle 12") {
		t.Error("the chat does not answer with the published changes")
	}
	if !audited("entry.publish-changes") {
		t.Error("the audit log lacks the publish")
	}
	if _, body := r.get(t, elena, "/staff/kb/e/"+id); strings.Contains(body, `data-testid="pending"`) {
		t.Error("the banner stays after publishing")
	}

	// Changes discarded: gone, the live entry as it was.
	edit = formOf(cur, cur.Revision)
	edit.Set("v.it.answer", "Testo da scartare.")
	if resp, body := r.post(t, elena, "/staff/kb/e/"+id, edit); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit to discard: %d\n%.1500s", resp.StatusCode, body)
	}
	if resp, _ := r.post(t, admin, "/staff/kb/e/"+id+"/pending/discard", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("discard: %d", resp.StatusCode)
	}
	if _, err := r.kb.Pending(ctx, id); !errors.Is(err, kb.ErrNotFound) {
		t.Errorf("after discarding: %v", err)
	}
	if after, _ := r.kb.Get(ctx, id); after.Revision != cur.Revision || after.Variants["it"].Answer != cur.Variants["it"].Answer {
		t.Errorf("discarding changed the live entry")
	}
	if !audited("entry.discard-changes") {
		t.Error("the audit log lacks the discard")
	}
	if resp, _ := r.post(t, admin, "/staff/kb/e/"+id+"/pending/discard", nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("discarding nothing: %d", resp.StatusCode)
	}

	// The live entry moves on (archived) after the changes were made: a
	// conflict, and the changes are kept for the editors to decide.
	edit.Set("v.it.answer", cur.Variants["it"].Answer+" Ultima modifica.")
	if resp, body := r.post(t, elena, "/staff/kb/e/"+id, edit); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit before the conflict: %d\n%.1500s", resp.StatusCode, body)
	}
	_, adminBody = r.get(t, admin, "/staff/kb/e/"+id)
	if resp, _ := r.post(t, admin, "/staff/kb/e/"+id+"/status", url.Values{"to": {"archived"}, "revision": {fmt.Sprint(cur.Revision)}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("archive: %d", resp.StatusCode)
	}
	resp, body := r.post(t, admin, "/staff/kb/e/"+id+"/pending/publish", url.Values{"seen": {pendingSeen(t, adminBody)}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "è cambiata nel frattempo") {
		t.Errorf("publishing changes the live entry left: %d", resp.StatusCode)
	}
	if after, _ := r.kb.Get(ctx, id); after.Status != kb.StatusArchived || strings.Contains(after.Variants["it"].Answer, "Ultima modifica") {
		t.Errorf("a conflicting publish changed the entry: %s %q", after.Status, after.Variants["it"].Answer)
	}
	if _, err := r.kb.Pending(ctx, id); err != nil {
		t.Errorf("a conflicting publish lost the changes: %v", err)
	}
}

// TestPendingSelfReview: with self-review allowed, the author publishes
// her own changes.
func TestPendingSelfReview(t *testing.T) {
	r := newRig(t)
	r.console.AllowSelfReview = true
	ctx := context.Background()
	elena := r.signIn(t, "elena")
	live, _ := r.kb.Get(ctx, "cie-rinnovo")
	edit := formOf(live, live.Revision)
	edit.Set("v.it.answer", "Prenota all'Anagrafe online.")
	if resp, body := r.post(t, elena, "/staff/kb/e/cie-rinnovo", edit); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%.1500s", resp.StatusCode, body)
	}
	if e, _ := r.kb.Get(ctx, "cie-rinnovo"); e.Revision != live.Revision {
		t.Fatal("self-review allowed, yet the edit skipped the pending change")
	}
	publishChanges(t, r, elena, "cie-rinnovo")
	if e, _ := r.kb.Get(ctx, "cie-rinnovo"); e.Variants["it"].Answer != "Prenota all'Anagrafe online." {
		t.Errorf("after publishing her own changes: %q", e.Variants["it"].Answer)
	}
}

// TestPendingChangesInBrowser: a reviewer sees the badge in the list and
// the banner with the diff on the entry, both accessible, and publishes
// the changes with the button.
func TestPendingChangesInBrowser(t *testing.T) {
	browser := bt.NewBrowser(t)
	r := newRig(t)
	ctx := context.Background()
	elena := r.signIn(t, "elena")
	live, _ := r.kb.Get(ctx, "cie-rinnovo")
	edit := formOf(live, live.Revision)
	edit.Set("v.ar.answer", live.Variants["ar"].Answer+" يمكن الحجز عبر الإنترنت.")
	if resp, body := r.post(t, elena, "/staff/kb/e/cie-rinnovo", edit); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%.1500s", resp.StatusCode, body)
	}
	tab := bt.NewTab(t, browser)
	signInBrowser(t, tab, r.srv.URL, "admin")
	err := chromedp.Do(tab,
		chromedp.Navigate(r.srv.URL+"/staff/kb?q=carta"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="pending-cie-rinnovo"]`)),
	)
	if err != nil {
		t.Fatalf("the list's badge: %v", err)
	}
	bt.Axe(t, tab)
	err = chromedp.Do(tab,
		chromedp.Click(chromedp.CSS(`[data-testid="entry-cie-rinnovo"] a`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=pending-diff] ins`)),
	)
	if err != nil {
		t.Fatalf("the banner: %v", err)
	}
	bt.Axe(t, tab)
	if d := bt.Eval[string](t, tab, `getComputedStyle(document.querySelector('[data-testid=pending-diff] dd[lang=ar]')).direction`); d != "rtl" {
		t.Errorf("the Arabic diff runs %s", d)
	}
	err = chromedp.Do(tab,
		chromedp.Click(chromedp.CSS(`[data-testid=publish-changes]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=notice]`)),
	)
	if err != nil {
		t.Fatalf("publishing: %v", err)
	}
	if n := bt.Eval[int](t, tab, `document.querySelectorAll('[data-testid=pending]').length`); n != 0 {
		t.Error("the banner stays after publishing")
	}
	if e, _ := r.kb.Get(ctx, "cie-rinnovo"); e.Revision != live.Revision+1 || !strings.Contains(e.Variants["ar"].Answer, "عبر الإنترنت.") {
		t.Errorf("after publishing in the browser: revision %d", e.Revision)
	}
}
