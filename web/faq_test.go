package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sportello/sportello/chat/chattest"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/web"
)

// newFAQServer serves the pages over the demo knowledge base plus
// entries that exercise the FAQ's edges: one in two languages only, a
// draft, an expired one, one without a topic, and a topic long enough to
// need two pages.
func newFAQServer(t testing.TB, configure ...func(*web.Server)) *httptest.Server {
	t.Helper()
	svc := chattest.MustDemoService(t)
	store := svc.Engine.Retriever.(*kb.Retriever).Store
	past := time.Now().Add(-24 * time.Hour)
	v := func(q, a string) *kb.Variant { return &kb.Variant{Question: q, Answer: a} }
	extra := []*kb.Entry{
		{ID: "solo-due-lingue", Topic: "anagrafe", Variants: map[string]*kb.Variant{
			"it": v("Dove si ritira il libretto delle lanterne?", "All'ufficio lanterne, in piazza."),
			"en": v("Where do I collect the lantern booklet?", "At the lantern office, on the square."),
		}},
		{ID: "bozza-segreta", Topic: "anagrafe", Status: kb.StatusDraft, Variants: map[string]*kb.Variant{
			"it": v("Come si prenota la gita sulla mongolfiera comunale?", "Non ancora deciso."),
		}},
		{ID: "scaduta", Topic: "anagrafe", ValidUntil: &past, Variants: map[string]*kb.Variant{
			"it": v("Come si partecipa alla lotteria della sagra scorsa?", "Era fino a ieri."),
		}},
		{ID: "senza-argomento", Variants: map[string]*kb.Variant{
			"it": v("Dove trovo la bacheca degli avvisi?", "Nell'atrio del municipio."),
		}},
	}
	for i := range 60 {
		extra = append(extra, &kb.Entry{ID: fmt.Sprintf("lungo-%02d", i), Topic: "lungo", Variants: map[string]*kb.Variant{
			"it": v(fmt.Sprintf("Domanda numero %02d sul lungo elenco?", i), "Risposta."),
		}})
	}
	if _, err := store.Import(context.Background(), extra, kb.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	// Wired as the serve command wires it: the engine comes with the
	// conversation service.
	b := web.NewLocalBroker()
	svc.Notify = b.Publish
	s := &web.Server{Service: svc, Broker: b, StaticDir: "../" + web.DefaultStaticDir, Protection: web.Protection{Unlimited: true}}
	for _, c := range configure {
		c(s)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(func() { s.StopStreams(); srv.Close() })
	return srv
}

func getPage(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(u)
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

func TestFAQ(t *testing.T) {
	srv := newFAQServer(t)
	for _, tc := range []struct {
		name, path string
		status     int
		has, lacks []string
		header     map[string]string
	}{
		{name: "topics", path: "/it/faq", status: 200,
			has: []string{`<html lang="it" dir="ltr">`, "Domande frequenti", `href="/it/faq?topic=anagrafe"`, "Anagrafe e documenti", "Domande: 11", "Tasse e tributi", `href="/it/faq?topic=lungo"`, `>lungo</a>`, `href="/it/faq?topic=-"`, "Altro", `role="search"`, `<label for="faq-q"`, `href="/ar/faq"`}},
		{name: "arabic topics", path: "/ar/faq", status: 200,
			has: []string{`<html lang="ar" dir="rtl">`, "الأسئلة الشائعة", "السجل المدني والوثائق"}, lacks: []string{"lungo", "Altro"}},
		{name: "a topic", path: "/it/faq?topic=anagrafe", status: 200,
			has:   []string{"<h1 class=\"h2\" data-testid=\"faq-heading\">Anagrafe e documenti</h1>", `href="/it/faq/cie-rinnovo"`, "Come rinnovo la carta d&#39;identità elettronica?", `href="/it/faq/solo-due-lingue"`, `href="/de/faq?topic=anagrafe"`, "Tutti gli argomenti"},
			lacks: []string{"bozza-segreta", "scaduta", "mongolfiera", "lotteria"}},
		{name: "a long topic's first page", path: "/it/faq?topic=lungo", status: 200,
			has: []string{"Domanda numero 00", "Domanda numero 49", `rel="next"`, `href="/it/faq?topic=lungo&amp;page=2"`}, lacks: []string{"Domanda numero 50", `rel="prev"`}},
		{name: "a long topic's second page", path: "/it/faq?topic=lungo&page=2", status: 200,
			has: []string{"Domanda numero 50", "Domanda numero 59", `rel="prev"`}, lacks: []string{"Domanda numero 49", `rel="next"`}},
		{name: "past the last page", path: "/it/faq?topic=lungo&page=3", status: 404, has: []string{"Questa pagina non esiste."}},
		{name: "bad page number", path: "/it/faq?topic=lungo&page=zero", status: 404},
		{name: "unknown topic", path: "/it/faq?topic=astronomia", status: 404, has: []string{`<html lang="it" dir="ltr">`, "Questa pagina non esiste."}},
		{name: "topic without a variant in the language", path: "/ar/faq?topic=lungo", status: 404, has: []string{`<html lang="ar" dir="rtl">`}},
		{name: "search", path: "/it/faq?q=" + url.QueryEscape("rinnovare la carta d'identità"), status: 200,
			has: []string{"Risultati della ricerca", `href="/it/faq/cie-rinnovo"`, `value="rinnovare la carta d&#39;identità"`, "Prenota un appuntamento"}},
		{name: "search in arabic", path: "/ar/faq?q=" + url.QueryEscape("بطاقة الهوية"), status: 200,
			has: []string{`<html lang="ar" dir="rtl">`, `href="/ar/faq/cie-rinnovo"`}},
		{name: "search never finds drafts or expired entries", path: "/it/faq?q=" + url.QueryEscape("mongolfiera comunale lotteria sagra"), status: 200,
			lacks: []string{"bozza-segreta", "/it/faq/scaduta"}},
		{name: "empty search is the topics", path: "/it/faq?q=+", status: 200, has: []string{"Anagrafe e documenti"}, lacks: []string{"Risultati della ricerca"}},
		{name: "html in a search stays text", path: "/it/faq?q=" + url.QueryEscape("<script>alert(1)</script>"), status: 200,
			has: []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, lacks: []string{"<script>alert"}},
		{name: "invalid utf-8 search", path: "/it/faq?q=carta%FF", status: 422, has: []string{"caratteri che non riesco a leggere", `aria-invalid="true"`}},
		{name: "too long search", path: "/ro/faq?q=" + strings.Repeat("a", 501), status: 422, has: []string{`<html lang="ro" dir="ltr">`, "500"}},
		{name: "entry", path: "/it/faq/cie-rinnovo", status: 200,
			has: []string{`<title>Come rinnovo la carta d&#39;identità elettronica? – Domande frequenti</title>`,
				"Prenota un appuntamento all&#39;Anagrafe", `href="https://www.comune.borgoverde.example/carta-identita-elettronica"`,
				"Per saperne di più", `Ultimo aggiornamento: <time datetime="`, "Questa risposta in altre lingue",
				`href="/ar/faq/cie-rinnovo" rel="alternate" hreflang="ar" lang="ar" dir="rtl"`, `href="/it/faq?topic=anagrafe"`, `href="/zh/faq/cie-rinnovo"`},
			header: map[string]string{"Content-Language": "it"}},
		{name: "arabic entry", path: "/ar/faq/cie-rinnovo", status: 200, has: []string{`<html lang="ar" dir="rtl">`, `hreflang="it"`}},
		{name: "entry without a variant in the language", path: "/de/faq/solo-due-lingue", status: 200,
			has:    []string{`<html lang="de" dir="ltr">`, "Diese Antwort gibt es noch nicht in Ihrer Sprache.", `href="/it/faq/solo-due-lingue"`, `href="/en/faq/solo-due-lingue"`},
			lacks:  []string{"libretto delle lanterne", `href="/fr/faq/solo-due-lingue" rel="alternate"`},
			header: map[string]string{"X-Robots-Tag": "noindex"}},
		{name: "unknown entry", path: "/it/faq/non-esiste", status: 404, has: []string{"Questa domanda non esiste o non è più pubblicata."}},
		{name: "unknown entry in chinese", path: "/zh/faq/non-esiste", status: 404, has: []string{`<html lang="zh" dir="ltr">`, "此问题不存在或已不再发布。"}},
		{name: "draft", path: "/it/faq/bozza-segreta", status: 404, lacks: []string{"mongolfiera"}},
		{name: "expired", path: "/it/faq/scaduta", status: 404, lacks: []string{"lotteria"}},
		{name: "overlong id", path: "/it/faq/" + strings.Repeat("x", 101), status: 404},
		{name: "unknown language", path: "/xx/faq", status: 404},
		{name: "unknown language entry", path: "/xx/faq/cie-rinnovo", status: 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := getPage(t, srv.URL+tc.path)
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
			for _, want := range tc.has {
				if !strings.Contains(body, want) {
					t.Errorf("body lacks %q", want)
				}
			}
			for _, bad := range tc.lacks {
				if strings.Contains(body, bad) {
					t.Errorf("body has %q", bad)
				}
			}
			for k, v := range tc.header {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s: %q, want %q", k, got, v)
				}
			}
			if t.Failed() {
				t.Logf("body:\n%s", body)
			}
		})
	}
}

func TestFAQAlternatesHeader(t *testing.T) {
	srv := newFAQServer(t)
	resp, _ := getPage(t, srv.URL+"/en/faq/solo-due-lingue")
	link := resp.Header.Get("Link")
	for _, want := range []string{`</it/faq/solo-due-lingue>; rel="alternate"; hreflang="it"`, `</en/faq/solo-due-lingue>; rel="alternate"; hreflang="en"`} {
		if !strings.Contains(link, want) {
			t.Errorf("Link %q lacks %q", link, want)
		}
	}
	if strings.Contains(link, "hreflang=\"ar\"") {
		t.Errorf("Link %q names a language the entry does not have", link)
	}
}

func TestFAQTopicOrder(t *testing.T) {
	srv := newFAQServer(t)
	_, body := getPage(t, srv.URL+"/it/faq")
	// Topics follow their Italian names, and entries without a topic come
	// last.
	order := []string{"Anagrafe e documenti", "Edilizia e suolo pubblico", "Elezioni", "Immigrazione e cittadinanza", "lungo", "Mobilità e multe", "Rifiuti e raccolta differenziata", "Scuola e infanzia", "Servizi sociali", "Tasse e tributi", "Altro"}
	last := -1
	for _, name := range order {
		i := strings.Index(body, ">"+name+"</a>")
		if i < 0 || i < last {
			t.Fatalf("topic %q is at %d, after the previous at %d:\n%s", name, i, last, body)
		}
		last = i
	}
}
