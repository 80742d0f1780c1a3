package kbfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sportello/sportello/kb"
)

var update = flag.Bool("update", false, "rewrite testdata/sample.* from sampleEntries")

var formats = []Format{JSONL, JSON, YAML, CSV}

var extOf = map[Format]string{JSONL: ".jsonl", JSON: ".json", YAML: ".yaml", CSV: ".csv"}

func ts(s string) *time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return &t
}

// sampleEntries is what every testdata/sample.* file holds: two entries,
// several languages and scripts, and every field a CSV row can carry.
func sampleEntries() []*kb.Entry {
	return []*kb.Entry{
		{
			ID:        "cie-rinnovo",
			Topic:     "anagrafe",
			Agency:    "comune",
			Tags:      []string{"documenti", "identità"},
			Status:    kb.StatusPublished,
			ValidFrom: ts("2026-01-01T00:00:00Z"),
			Variants: map[string]*kb.Variant{
				"it": {
					Question:   "Come rinnovo la carta d'identità elettronica?",
					Alternates: []string{"carta d'identità scaduta", "rinnovo CIE"},
					Answer:     "Prenota un appuntamento all'Anagrafe e porta la vecchia carta & una fototessera. Il costo è di 22,21 €.",
					SMS:        "CIE: prenota su comune.example/prenota, porta vecchia carta e foto. 22,21 €.",
					Links: []kb.Link{
						{Title: "Carta d'identità elettronica", URL: "https://www.comune.example/cie"},
						{Title: "Prenota <online>", URL: "https://www.comune.example/prenota?tipo=cie&lang=it"},
					},
				},
				"ar": {
					Question:          "كيف أجدد بطاقة الهوية الإلكترونية؟",
					Answer:            "احجز موعدا في مكتب السجل المدني وأحضر البطاقة القديمة وصورة شخصية. الرسوم 22.21 يورو.",
					MachineTranslated: true,
				},
				"zh": {
					Question:   "如何更新电子身份证？",
					Alternates: []string{"身份证过期"},
					Answer:     "请在户籍办公室预约，并携带旧身份证和一张证件照。费用为22.21欧元。",
					ReviewedBy: "Li Wei",
					ReviewedAt: ts("2026-02-03T10:15:00+01:00"),
				},
				"en": {
					Question: "How do I renew my electronic ID card?",
					Answer:   "Book an appointment at the registry office and bring your old card and a passport photo. It costs €22.21.",
				},
			},
		},
		{
			ID:         "tari-pagamento",
			Topic:      "tributi",
			Agency:     "comune",
			Tags:       []string{"tari"},
			Status:     kb.StatusDraft,
			ValidFrom:  ts("2026-01-01T00:00:00+01:00"),
			ValidUntil: ts("2026-12-31T23:59:59.5+01:00"),
			Variants: map[string]*kb.Variant{
				"it": {
					Question: "Come pago la TARI?",
					Answer:   "Puoi pagare la TARI:\n- con PagoPA online;\n- in banca con il modello F24.\nLa prima rata scade il 16 aprile.",
					Links:    []kb.Link{{Title: "TARI", URL: "https://www.comune.example/tari"}},
				},
				"ar": {
					Question:   "كيف أدفع ضريبة النفايات (TARI)؟",
					Answer:     "يمكنك الدفع عبر PagoPA أو في البنك بنموذج F24.",
					ReviewedBy: `Amina "Mina" Haddad`,
				},
				"zh": {
					Question:          "如何缴纳垃圾税（TARI）？",
					Answer:            "可以通过PagoPA在线缴纳，或在银行使用F24表格缴纳。",
					MachineTranslated: true,
					Outdated:          true,
				},
				"fr": {
					Question: "Comment payer la TARI ?",
					Answer:   "Payez en ligne avec PagoPA ou à la banque avec le formulaire F24.",
					SMS:      "TARI : PagoPA en ligne ou F24 à la banque.",
				},
			},
		},
		{
			// A shared entry of the national encyclopedia, and a town's
			// override of it adopted from its second revision.
			ID:     "spid-richiesta",
			Topic:  "identità digitale",
			Agency: "nazionale",
			Shared: true,
			Status: kb.StatusPublished,
			Variants: map[string]*kb.Variant{
				"it": {Question: "Come ottengo lo SPID?", Answer: "Scegli un gestore di identità digitale e registrati online o di persona."},
			},
		},
		{
			ID:              "borgoverde-spid",
			Topic:           "identità digitale",
			Agency:          "borgoverde",
			Overrides:       "spid-richiesta",
			AdoptedRevision: 2,
			Status:          kb.StatusDraft,
			Variants: map[string]*kb.Variant{
				"it": {Question: "Come ottengo lo SPID a Borgoverde?", Answer: "Allo sportello SPID della biblioteca, il giovedì, con un documento e la tessera sanitaria."},
			},
		},
	}
}

// richEntries stress what the samples do not: store-managed fields, odd
// offsets, nanoseconds, tabs and line breaks, a lone \r, quotes and marks.
func richEntries() []*kb.Entry {
	india := time.FixedZone("", 5*3600+30*60)
	return []*kb.Entry{
		{
			ID:        "x.min",
			Status:    kb.StatusPublished,
			Variants:  map[string]*kb.Variant{"it": {Question: "Q?", Answer: "A."}},
			Revision:  3,
			CreatedAt: time.Date(2026, 3, 1, 8, 0, 0, 123456789, time.UTC),
			UpdatedAt: time.Date(2026, 3, 2, 9, 30, 0, 0, india),
		},
		{
			ID:         "y_odd-text",
			Topic:      "mobilità",
			Status:     kb.StatusArchived,
			Tags:       []string{"a b", "ztl"},
			ValidUntil: ts("2027-06-30T22:00:00.000000001-03:00"),
			Variants: map[string]*kb.Variant{
				"zh-Hant": {
					Question: "「ZTL」是什麼？",
					Answer:   "Col.1\tCol.2\n\n  indented line\nlast \r line with \"quotes\", 'apostrophes', <tags> & 🇮🇹",
					SMS:      "# not a comment: - not a list",
				},
				"ar": {
					Question:   "\u200fما هي ZTL؟",
					Alternates: []string{"null", "true", "2026-01-01", "- dash", "yes"},
					Answer:     "---",
					ReviewedBy: " spaced ",
					ReviewedAt: ts("2026-01-01T00:00:00.5+00:00"),
				},
			},
		},
	}
}

func TestReadSamples(t *testing.T) {
	for _, f := range formats {
		t.Run(string(f), func(t *testing.T) {
			name := filepath.Join("testdata", "sample"+extOf[f])
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Read(bytes.NewReader(data), name, f, ReadOptions{Languages: kb.DefaultLanguages})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(sampleEntries(), got); diff != "" {
				t.Errorf("Read(%s) mismatch (-want +got):\n%s", name, diff)
			}
		})
	}
}

// TestWriteGolden pins Write's output byte for byte, so that a change in
// an export's layout is a reviewed change. go test -update rewrites it.
func TestWriteGolden(t *testing.T) {
	for _, f := range formats {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, f, sampleEntries()); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join("testdata", "sample"+extOf[f])
			if *update {
				if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), buf.String()); diff != "" {
				t.Errorf("Write(%s) mismatch (-want +got):\n%s", f, diff)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	sets := map[string][]*kb.Entry{"sample": sampleEntries(), "rich": richEntries()}
	for setName, entries := range sets {
		for _, f := range formats {
			t.Run(setName+"/"+string(f), func(t *testing.T) {
				want := entries
				if f == CSV {
					want = withoutStoreFields(entries)
				}
				first := write(t, f, entries)
				got, err := Read(bytes.NewReader(first), "x"+extOf[f], f, ReadOptions{})
				if err != nil {
					t.Fatalf("Read(Write(x)): %v\n%s", err, first)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("Read(Write(x)) mismatch (-want +got):\n%s", diff)
				}
				if second := write(t, f, got); !bytes.Equal(first, second) {
					t.Errorf("Write(Read(Write(x))) differs from Write(x) (-want +got):\n%s", cmp.Diff(string(first), string(second)))
				}
			})
		}
	}
}

func write(t *testing.T, f Format, entries []*kb.Entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, f, entries); err != nil {
		t.Fatalf("Write(%s): %v", f, err)
	}
	return buf.Bytes()
}

func withoutStoreFields(entries []*kb.Entry) []*kb.Entry {
	out := make([]*kb.Entry, len(entries))
	for i, e := range entries {
		c := *e
		c.Revision, c.CreatedAt, c.UpdatedAt = 0, time.Time{}, time.Time{}
		out[i] = &c
	}
	return out
}

func TestWriteDetails(t *testing.T) {
	jsonl := string(write(t, JSONL, sampleEntries()))
	for _, s := range []string{`"Prenota <online>"`, "cie&lang=it", "\"status\":\"draft\""} {
		if !strings.Contains(jsonl, s) {
			t.Errorf("JSON Lines output lacks %s (HTML escaping must be off):\n%s", s, jsonl)
		}
	}
	if strings.Contains(jsonl, "valid_until\":null") || strings.Count(jsonl, "valid_until") != 1 {
		t.Errorf("a nil valid_until must be left out:\n%s", jsonl)
	}
	for _, f := range formats {
		var buf bytes.Buffer
		if err := Write(&buf, f, []*kb.Entry{nil}); !errors.Is(err, kb.ErrInvalid) {
			t.Errorf("Write(%s, nil entry) = %v; want ErrInvalid", f, err)
		}
	}
	far := sampleEntries()
	far[1].ValidUntil = ts("9999-12-31T23:00:00-02:00") // year 10000 in UTC, still 9999 here
	for _, f := range formats {
		if err := Write(io.Discard, f, far); err != nil {
			t.Errorf("Write(%s) of a time in year 9999: %v", f, err)
		}
	}
	far[1].ValidUntil = ts("9999-12-31T23:00:00Z")
	*far[1].ValidUntil = far[1].ValidUntil.Add(2 * time.Hour)
	for _, f := range formats {
		if err := Write(io.Discard, f, far); err == nil || !strings.Contains(err.Error(), `"tari-pagamento": valid_until`) {
			t.Errorf("Write(%s) of a time in year 10000 = %v; want an error naming entry and field", f, err)
		}
	}
	var buf bytes.Buffer
	if err := Write(&buf, "xml", sampleEntries()); !errors.Is(err, kb.ErrInvalid) {
		t.Errorf("Write(xml) = %v; want ErrInvalid", err)
	}
}

// TestJSONIsKBJSON checks that a JSON Lines line is exactly how kb.Entry
// marshals itself, so an export and the web API agree.
func TestJSONIsKBJSON(t *testing.T) {
	for _, e := range append(sampleEntries(), richEntries()...) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(e); err != nil {
			t.Fatal(err)
		}
		got := write(t, JSONL, []*kb.Entry{e})
		if diff := cmp.Diff(want.String(), string(got)); diff != "" {
			t.Errorf("entry %s: JSON Lines differs from kb.Entry's JSON (-want +got):\n%s", e.ID, diff)
		}
	}
}

// TestWireMirrorsKB fails when kb.Entry, kb.Variant or kb.Link gain a field
// that the file types do not carry, which would drop it silently.
func TestWireMirrorsKB(t *testing.T) {
	pairs := []struct{ kb, file reflect.Type }{
		{reflect.TypeFor[kb.Entry](), reflect.TypeFor[fileEntry]()},
		{reflect.TypeFor[kb.Variant](), reflect.TypeFor[fileVariant]()},
	}
	tags := func(t reflect.Type) []string {
		var out []string
		for f := range t.Fields() {
			out = append(out, f.Name+" json:"+strings.TrimSuffix(f.Tag.Get("json"), ",omitzero")+
				" yaml:"+strings.TrimSuffix(f.Tag.Get("yaml"), ",omitempty"))
		}
		return out
	}
	for _, p := range pairs {
		want := tags(p.kb)
		var got []string
		for _, s := range tags(p.file) {
			got = append(got, strings.Replace(s, ",omitempty", "", 1))
		}
		for i := range want {
			want[i] = strings.Replace(want[i], ",omitempty", "", 1)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s fields differ from %s (-want +got):\n%s", p.file, p.kb, diff)
		}
	}
}

func TestReadVariants(t *testing.T) {
	one := func(mod func(e *kb.Entry)) []*kb.Entry {
		e := &kb.Entry{
			ID:     "cie",
			Status: kb.StatusPublished,
			Variants: map[string]*kb.Variant{
				"it": {Question: "Carta d'identità?", Answer: "Vai in Comune.\nPorta una foto."},
				"ar": {Question: "بطاقة الهوية؟", Answer: "اذهب إلى البلدية."},
			},
		}
		if mod != nil {
			mod(e)
		}
		return []*kb.Entry{e}
	}
	tests := []struct {
		name string
		f    Format
		in   string
		want []*kb.Entry
	}{
		{"jsonl blank lines CRLF BOM spaces", JSONL,
			"\uFEFF\r\n  \r\n" + `{ "variants": { "ar": {"answer": " اذهب إلى البلدية. ", "question": "بطاقة الهوية؟"}, "it": {"question":"Carta d'identità?","answer":"Vai in Comune.\nPorta una foto."} }, "id": " cie ", "valid_until": null, "tags": [] }` + "\r\n\r\n",
			one(nil)},
		{"json multi-line", JSON,
			"[\n\n  {\n    \"id\": \"cie\",\n    \"status\": \"draft\",\n    \"variants\": {\n      \"it\": {\"question\": \"Carta d'identità?\", \"answer\": \"Vai in Comune.\\nPorta una foto.\"},\n      \"ar\": {\"question\": \"بطاقة الهوية؟\", \"answer\": \"اذهب إلى البلدية.\"}\n    }\n  }\n]\n",
			one(func(e *kb.Entry) { e.Status = kb.StatusDraft })},
		{"yaml comments flow block", YAML, `# FAQ dell'anagrafe
- id: cie   # carta d'identità
  tags: [documenti, "2026"]
  valid_from: "2026-01-01T00:00:00Z"
  valid_until: ~
  variants:
    it:
      question: Carta d'identità?
      answer: |
        Vai in Comune.
        Porta una foto.
    ar: {question: بطاقة الهوية؟, answer: اذهب إلى البلدية.}
`, one(func(e *kb.Entry) {
			e.Tags = []string{"documenti", "2026"}
			e.ValidFrom = ts("2026-01-01T00:00:00Z")
		})},
		{"csv subset of columns, entry cells once, rows apart", CSV,
			"lang,answer,question,id,tags,valid_from\r\n" +
				"it,\"Vai in Comune.\nPorta una foto.\",Carta d'identità?,cie,documenti|identità,2026-01-01T00:00:00Z\r\n" +
				"it,Tutti i giorni.,Orari?,orari,,\r\n" +
				"ar,اذهب إلى البلدية.,بطاقة الهوية؟,cie, documenti | identità | ,\r\n",
			[]*kb.Entry{
				one(func(e *kb.Entry) {
					e.Tags = []string{"documenti", "identità"}
					e.ValidFrom = ts("2026-01-01T00:00:00Z")
				})[0],
				{ID: "orari", Status: kb.StatusPublished, Variants: map[string]*kb.Variant{"it": {Question: "Orari?", Answer: "Tutti i giorni."}}},
			}},
		{"csv with semicolons as Excel writes in Italy", CSV,
			"id;lang;question;answer\r\ncie;it;Carta d'identità?;\"Vai in Comune.\r\nPorta una foto.\"\r\ncie;ar;بطاقة الهوية؟;اذهب إلى البلدية.\r\n",
			one(nil)},
		{"csv later row sets an empty cell", CSV,
			"id,lang,question,answer,topic\ncie,it,Carta d'identità?,\"Vai in Comune.\nPorta una foto.\",\ncie,ar,بطاقة الهوية؟,اذهب إلى البلدية.,anagrafe\n,,,,\n",
			one(func(e *kb.Entry) { e.Topic = "anagrafe" })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Read(strings.NewReader(tt.in), "faq"+extOf[tt.f], tt.f, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Read mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	const ok1 = `{"id":"a","variants":{"it":{"question":"Q?","answer":"A."}}}`
	const ok2 = `{"id":"b","variants":{"it":{"question":"Q?","answer":"A."}}}`
	big := strings.Repeat("lungo ", 100_000/6)
	const yamlOK = "- id: a\n  variants:\n    it: {question: Q, answer: A.}\n"
	const csvHead = "id,lang,question,answer\n"
	tests := []struct {
		name  string
		f     Format
		in    string
		opts  ReadOptions
		line  int
		field string
		msg   string
		is    error
	}{
		// JSON Lines
		{"jsonl invalid utf8", JSONL, ok1 + "\n" + `{"id":"b","variants":{"it":{"question":"Citt` + "\xe0" + `?","answer":"A."}}}` + "\n", ReadOptions{}, 2, "", "invalid UTF-8 (byte 0xE0", kb.ErrInvalid},
		{"jsonl malformed", JSONL, ok1 + "\n" + ok2 + "\n" + `{"id":"c","variants":{"it":{"question":"Q?" "answer":"A."}}}`, ReadOptions{}, 3, "", "invalid JSON at column 45: invalid character '\"' after object key:value pair", kb.ErrInvalid},
		{"jsonl truncated", JSONL, ok1 + "\n" + `{"id":"c",`, ReadOptions{}, 2, "", "invalid JSON at column 11: the entry object is not closed", kb.ErrInvalid},
		{"jsonl array line", JSONL, ok1 + "\n[" + ok2 + "]\n", ReadOptions{}, 2, "", "is an array, not an entry object", kb.ErrInvalid},
		{"jsonl not JSON", JSONL, ok1 + "\nid: b\n", ReadOptions{}, 2, "", "invalid JSON at column 1: invalid character 'i' looking for beginning of value", kb.ErrInvalid},
		{"jsonl string line", JSONL, "\n\"hello\"\n", ReadOptions{}, 2, "", "is a string, not an entry object", kb.ErrInvalid},
		{"jsonl unknown field", JSONL, `{"id":"a","variants":{"it":{"question":"Q?","anwser":"A."}}}`, ReadOptions{}, 1, "variants.it.anwser", `unknown field (did you mean "answer"?)`, kb.ErrInvalid},
		{"jsonl field in wrong case", JSONL, `{"ID":"a","variants":{}}`, ReadOptions{}, 1, "ID", `unknown field (did you mean "id"?)`, kb.ErrInvalid},
		{"jsonl repeated key", JSONL, `{"id":"a","variants":{"it":{"question":"Q?","answer":"A.","answer":"B."}}}`, ReadOptions{}, 1, "variants.it.answer", "appears twice", kb.ErrInvalid},
		{"jsonl duplicate ids", JSONL, ok1 + "\n" + ok2 + "\n\n" + ok1 + "\n", ReadOptions{}, 4, "id", `"a" is also the id of the entry at line 1`, kb.ErrConflict},
		{"jsonl 100 KB answer", JSONL, `{"id":"a","variants":{"it":{"question":"Q?","answer":"` + big + `"}}}`, ReadOptions{}, 1, "variants.it.answer", "the limit is 8000", kb.ErrInvalid},
		{"jsonl unconfigured language", JSONL, `{"id":"a","variants":{"xx":{"question":"Q?","answer":"A."}}}`, ReadOptions{Languages: kb.DefaultLanguages}, 1, "variants.xx", `language "xx" is not configured`, kb.ErrInvalid},
		{"jsonl invalid language code", JSONL, `{"id":"a","variants":{"Italiano":{"question":"Q?","answer":"A."}}}`, ReadOptions{}, 1, "variants.Italiano", "is not a language code", kb.ErrInvalid},
		{"jsonl empty", JSONL, "", ReadOptions{}, 0, "", "no entries", kb.ErrInvalid},
		{"jsonl blank", JSONL, "\n \r\n\t\n", ReadOptions{}, 0, "", "no entries", kb.ErrInvalid},
		{"jsonl invalid date", JSONL, `{"id":"a","valid_from":"2026-13-01T00:00:00Z","variants":{"it":{"question":"Q?","answer":"A."}}}`, ReadOptions{}, 1, "valid_from", `"2026-13-01T00:00:00Z" is not an RFC 3339 time`, kb.ErrInvalid},
		{"jsonl invalid review date", JSONL, `{"id":"a","variants":{"it":{"question":"Q?","answer":"A.","reviewed_at":"ieri"}}}`, ReadOptions{}, 1, "variants.it.reviewed_at", `"ieri" is not an RFC 3339 time`, kb.ErrInvalid},
		{"jsonl wrong type", JSONL, `{"id":"a","tags":"documenti","variants":{}}`, ReadOptions{}, 1, "tags", "is a string; want an array of strings", kb.ErrInvalid},
		{"jsonl fractional revision", JSONL, `{"id":"a","revision":1.5,"variants":{}}`, ReadOptions{}, 1, "revision", "1.5 is not a whole number", kb.ErrInvalid},
		{"jsonl two objects on a line", JSONL, ok1 + " " + ok2, ReadOptions{}, 1, "", "unexpected text at column 62 after the entry object", kb.ErrInvalid},
		{"jsonl missing answer", JSONL, `{"id":"a","variants":{"it":{"question":"Q?"}}}`, ReadOptions{}, 1, "variants.it.answer", "is required", kb.ErrInvalid},
		{"jsonl too many", JSONL, ok1 + "\n" + ok2 + "\n", ReadOptions{MaxEntries: 1}, 2, "", "too many entries; the limit is 1", kb.ErrInvalid},

		// JSON array
		{"json invalid utf8", JSON, "[\n" + ok1 + ",\n{\"id\":\"b\",\n\"topic\":\"\xff\"}]", ReadOptions{}, 4, "", "invalid UTF-8 (byte 0xFF at byte 10 of the line)", kb.ErrInvalid},
		{"json malformed", JSON, "[\n  " + ok1 + "\n  " + ok2 + "\n]", ReadOptions{}, 3, "", "invalid JSON: expected comma after array element", kb.ErrInvalid},
		{"json unclosed", JSON, "[\n  " + ok1 + ",\n", ReadOptions{}, 2, "", "the file ends inside the array", kb.ErrInvalid},
		{"json string element", JSON, "[\n  " + ok1 + ",\n  \"b\"\n]", ReadOptions{}, 3, "", "is a string, not an entry object", kb.ErrInvalid},
		{"json unknown field line", JSON, "[" + ok1 + ",\n  {\n    \"id\": \"b\",\n    \"variants\": {\n      \"ar\": {\n        \"question\": \"س؟\",\n        \"anwser\": \"ج.\"}}}]", ReadOptions{}, 7, "variants.ar.anwser", `unknown field (did you mean "answer"?)`, kb.ErrInvalid},
		{"json duplicate ids", JSON, "[\n  " + ok1 + ",\n  " + ok2 + ",\n\n  " + ok1 + "\n]", ReadOptions{}, 5, "id", "also the id of the entry at line 2", kb.ErrConflict},
		{"json 100 KB answer", JSON, "[\n" + ok1 + ",\n{\"id\":\"b\",\n\"variants\":{\"it\":{\"question\":\"Q?\",\"answer\":\"" + big + "\"}}}]", ReadOptions{}, 3, "variants.it.answer", "the limit is 8000", kb.ErrInvalid},
		{"json unconfigured language", JSON, `[{"id":"a","variants":{"ro":{"question":"Q?","answer":"A."}}}]`, ReadOptions{Languages: []string{"it", "en"}}, 1, "variants.ro", `language "ro" is not configured (configured: it, en)`, kb.ErrInvalid},
		{"json object", JSON, "\n" + ok1, ReadOptions{}, 2, "", "must be a JSON array of entries: [{...}, {...}]; for one entry object per line, name the file .jsonl", kb.ErrInvalid},
		{"json empty", JSON, " \n", ReadOptions{}, 0, "", "no entries", kb.ErrInvalid},
		{"json empty array", JSON, "[]", ReadOptions{}, 0, "", "no entries", kb.ErrInvalid},
		{"json trailing", JSON, "[" + ok1 + "]\n\n[]", ReadOptions{}, 3, "", "unexpected JSON after the closing ]", kb.ErrInvalid},
		{"json invalid date", JSON, `[{"id":"a","valid_until":"2026-01-01","variants":{"it":{"question":"Q?","answer":"A."}}}]`, ReadOptions{}, 1, "valid_until", "is not an RFC 3339 time", kb.ErrInvalid},

		// YAML
		{"yaml invalid utf8", YAML, yamlOK + "- id: b\n  topic: \xe0\n", ReadOptions{}, 5, "", "invalid UTF-8 (byte 0xE0 at byte 10 of the line)", kb.ErrInvalid},
		{"yaml syntax", YAML, yamlOK + "- id: b\n  variants: [\n", ReadOptions{}, 5, "", "invalid YAML:", kb.ErrInvalid},
		{"yaml mapping at top", YAML, "id: a\nvariants: {}\n", ReadOptions{}, 1, "", `must be a list of entries, each starting with "- "`, kb.ErrInvalid},
		{"yaml text entry", YAML, yamlOK + "- just text\n", ReadOptions{}, 4, "", "the entry is text; want a mapping", kb.ErrInvalid},
		{"yaml unknown field", YAML, yamlOK + "- id: b\n  variants:\n    it:\n      question: Q?\n      anwser: A.\n", ReadOptions{}, 8, "variants.it.anwser", `unknown field (did you mean "answer"?)`, kb.ErrInvalid},
		{"yaml duplicate ids", YAML, yamlOK + yamlOK, ReadOptions{}, 4, "id", `"a" is also the id of the entry at line 1`, kb.ErrConflict},
		{"yaml 100 KB answer", YAML, yamlOK + "- id: b\n  variants:\n    it:\n      question: Q?\n      answer: " + big + "\n", ReadOptions{}, 4, "variants.it.answer", "the limit is 8000", kb.ErrInvalid},
		{"yaml unconfigured language", YAML, "- id: a\n  variants:\n    xx: {question: Q, answer: A.}\n", ReadOptions{Languages: kb.DefaultLanguages}, 1, "variants.xx", "is not configured", kb.ErrInvalid},
		{"yaml empty", YAML, "", ReadOptions{}, 0, "", "no entries", kb.ErrInvalid},
		{"yaml only comments", YAML, "# nothing yet\n", ReadOptions{}, 0, "", "no entries", kb.ErrInvalid},
		{"yaml empty list", YAML, "[]\n", ReadOptions{}, 0, "", "no entries", kb.ErrInvalid},
		{"yaml alias", YAML, "- id: a\n  tags: &t [x]\n  variants: {it: {question: Q, answer: A.}}\n- id: b\n  tags: *t\n", ReadOptions{}, 5, "tags", "aliases (*t) are not supported", kb.ErrInvalid},
		{"yaml date only", YAML, "- id: a\n  valid_from: 2026-01-01\n  variants: {it: {question: Q, answer: A.}}\n", ReadOptions{}, 1, "valid_from", `"2026-01-01" is not an RFC 3339 time`, kb.ErrInvalid},
		{"yaml second document", YAML, yamlOK + "---\n" + yamlOK, ReadOptions{}, 4, "", "a second YAML document", kb.ErrInvalid},
		{"yaml repeated key", YAML, "- id: a\n  variants:\n    it: {question: Q, answer: A.}\n  id: b\n", ReadOptions{}, 4, "id", "appears twice (also at line 1)", kb.ErrInvalid},
		{"yaml wrong type", YAML, "- id: a\n  revision: tre\n", ReadOptions{}, 2, "revision", "is text; want a whole number", kb.ErrInvalid},
		{"yaml list for text", YAML, "- id: a\n  variants:\n    it:\n      question: [Q]\n", ReadOptions{}, 4, "variants.it.question", "is a list; want text", kb.ErrInvalid},

		// CSV
		{"csv invalid utf8", CSV, csvHead + "a,it,Q?,A.\nb,it,Citt\xe0?,A.\n", ReadOptions{}, 3, "", "invalid UTF-8 (byte 0xE0 at byte 10 of the line)", kb.ErrInvalid},
		{"csv column count", CSV, csvHead + "a,it,Q?,A.\nb,it,Q?\n", ReadOptions{}, 3, "", "the row has 3 columns; the header has 4", kb.ErrInvalid},
		{"csv unknown column", CSV, "id,lang,question,anwser\n", ReadOptions{}, 1, "", `unknown column "anwser" (column 4)`, kb.ErrInvalid},
		{"csv missing column", CSV, "id,question,answer\na,Q?,A.\n", ReadOptions{}, 1, "", "lacks the required column lang", kb.ErrInvalid},
		{"csv repeated column", CSV, "id,lang,question,answer,lang\n", ReadOptions{}, 1, "lang", "column 5 repeats column 2", kb.ErrInvalid},
		{"csv duplicate id and lang", CSV, csvHead + "a,it,Q?,A.\na,ar,س؟,ج.\na,it,Q2?,A2.\n", ReadOptions{}, 4, "lang", `entry "a" already has a "it" row at line 2`, kb.ErrConflict},
		{"csv entry cells differ", CSV, "id,lang,question,answer,topic\na,it,Q?,A.,anagrafe\na,ar,س؟,ج.,tributi\n", ReadOptions{}, 3, "topic", `"tributi" differs from "anagrafe" at line 2`, kb.ErrInvalid},
		{"csv 100 KB answer", CSV, csvHead + "a,it,Q?,A.\na,ar,س؟," + big + "\n", ReadOptions{}, 3, "variants.ar.answer", "the limit is 8000", kb.ErrInvalid},
		{"csv unconfigured language", CSV, csvHead + "a,it,Q?,A.\na,tlh,Q?,A.\n", ReadOptions{Languages: kb.DefaultLanguages}, 3, "variants.tlh", "is not configured", kb.ErrInvalid},
		{"csv empty", CSV, "", ReadOptions{}, 0, "", "no entries", kb.ErrInvalid},
		{"csv header only", CSV, csvHead, ReadOptions{}, 0, "", "no entries", kb.ErrInvalid},
		{"csv invalid date", CSV, "id,lang,question,answer,valid_from\na,it,Q?,A.,01/02/2026\n", ReadOptions{}, 2, "valid_from", `"01/02/2026" is not an RFC 3339 time`, kb.ErrInvalid},
		{"csv invalid review date", CSV, "id,lang,question,answer,reviewed_at\na,it,Q?,A.,\na,zh,问?,答。,2026-02-30T00:00:00Z\n", ReadOptions{}, 3, "variants.zh.reviewed_at", "is not an RFC 3339 time", kb.ErrInvalid},
		{"csv bad link", CSV, "id,lang,question,answer,links\na,it,Q?,A.,Comune <https://comune.example> | https://x.example\n", ReadOptions{}, 2, "variants.it.links[1]", `"https://x.example" is not written as "title <url>"`, kb.ErrInvalid},
		{"csv bad flag", CSV, "id,lang,question,answer,machine_translated\na,it,Q?,A.,forse\n", ReadOptions{}, 2, "variants.it.machine_translated", `"forse" is not true or false`, kb.ErrInvalid},
		{"csv bare quote", CSV, csvHead + "a,it,Q \"x\"?,A.\n", ReadOptions{}, 2, "", `invalid CSV at column 8: bare " in non-quoted-field`, kb.ErrInvalid},
		{"csv missing id", CSV, csvHead + " ,it,Q?,A.\n", ReadOptions{}, 2, "id", "is required", kb.ErrInvalid},
		{"csv missing question", CSV, csvHead + "a,it,Q?,A.\n\na,ar,,ج.\n", ReadOptions{}, 4, "variants.ar.question", "is required", kb.ErrInvalid},
		{"csv too many", CSV, csvHead + "a,it,Q?,A.\na,ar,س؟,ج.\nb,it,Q?,A.\n", ReadOptions{MaxEntries: 1}, 4, "", "too many entries", kb.ErrInvalid},

		{"unknown format", Format("xml"), "<faq/>", ReadOptions{}, 0, "", `unknown format "xml"`, kb.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "faq" + extOf[tt.f]
			got, err := Read(strings.NewReader(tt.in), name, tt.f, tt.opts)
			if err == nil {
				t.Fatalf("Read succeeded with %d entries; want an error", len(got))
			}
			if got != nil {
				t.Errorf("Read returned %d entries with its error; want none", len(got))
			}
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %T %q is not an *Error", err, err)
			}
			if fe.File != name || fe.Line != tt.line || fe.Field != tt.field {
				t.Errorf("error at %s:%d field %q; want %s:%d field %q (%v)", fe.File, fe.Line, fe.Field, name, tt.line, tt.field, err)
			}
			prefix := name + ": "
			if tt.line > 0 {
				prefix = fmt.Sprintf("%s:%d: ", name, tt.line)
			}
			if tt.field != "" {
				prefix += tt.field + ": "
			}
			if msg := err.Error(); !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, tt.msg) {
				t.Errorf("error %q; want it to start with %q and contain %q", msg, prefix, tt.msg)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			if tt.is == kb.ErrInvalid && errors.Is(err, kb.ErrConflict) || tt.is == kb.ErrConflict && errors.Is(err, kb.ErrInvalid) {
				t.Errorf("error %v matches both ErrInvalid and ErrConflict", err)
			}
		})
	}
}

// TestFirstError checks that a problem early in a file wins over one after
// it even when the decoder has already read past both.
func TestFirstError(t *testing.T) {
	in := `{"id":"a","variants":{"it":{"question":"Q?"}}}` + "\n" + `{"id":"b","topic":"` + "\xff" + `"}` + "\n"
	_, err := Read(strings.NewReader(in), "f.jsonl", JSONL, ReadOptions{})
	if want := "f.jsonl:1: variants.it.answer: is required"; err == nil || err.Error() != want {
		t.Errorf("Read = %v; want %s", err, want)
	}
	in = "[\n" + `{"id":"a","variants":{"it":{"question":"Q?"}}},` + "\n" + `{"id":"b","topic":"` + "\xff" + `"}]`
	_, err = Read(strings.NewReader(in), "f.json", JSON, ReadOptions{})
	if want := "f.json:2: variants.it.answer: is required"; err == nil || err.Error() != want {
		t.Errorf("Read = %v; want %s", err, want)
	}
}

func TestWriteCSVRefuses(t *testing.T) {
	base := func() *kb.Entry {
		return &kb.Entry{ID: "a", Status: kb.StatusPublished, Variants: map[string]*kb.Variant{"it": {Question: "Q?", Answer: "A."}}}
	}
	tests := []struct {
		name  string
		mod   func(e *kb.Entry)
		field string
	}{
		{"tag with separator", func(e *kb.Entry) { e.Tags = []string{"a|b"} }, "tags[0]"},
		{"empty tag", func(e *kb.Entry) { e.Tags = []string{""} }, "tags[0]"},
		{"spaced tag", func(e *kb.Entry) { e.Tags = []string{" a"} }, "tags[0]"},
		{"alternate with separator", func(e *kb.Entry) { e.Variants["it"].Alternates = []string{"x | y"} }, "variants.it.alternates[0]"},
		{"link title with separator", func(e *kb.Entry) { e.Variants["it"].Links = []kb.Link{{Title: "a|b", URL: "https://x"}} }, "variants.it.links[0].title"},
		{"link url with <", func(e *kb.Entry) { e.Variants["it"].Links = []kb.Link{{Title: "a", URL: "https://x/<"}} }, "variants.it.links[0].url"},
		{"CRLF in answer", func(e *kb.Entry) { e.Variants["it"].Answer = "a\r\nb" }, "variants.it.answer"},
		{"no variants", func(e *kb.Entry) { e.Variants = nil }, "variants"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := base()
			tt.mod(e)
			err := Write(io.Discard, CSV, []*kb.Entry{e})
			if !errors.Is(err, kb.ErrInvalid) || !strings.Contains(fmt.Sprint(err), tt.field+":") {
				t.Errorf("Write = %v; want ErrInvalid naming %s", err, tt.field)
			}
		})
	}
	if err := Write(io.Discard, CSV, []*kb.Entry{base(), base()}); !errors.Is(err, kb.ErrConflict) {
		t.Errorf("Write of a repeated id = %v; want ErrConflict", err)
	}
}

func TestFormatOf(t *testing.T) {
	tests := []struct {
		name string
		want Format
		err  string
	}{
		{"faq.jsonl", JSONL, ""},
		{"dir.v2/FAQ.NDJSON", JSONL, ""},
		{"faq.json", JSON, ""},
		{"faq.yaml", YAML, ""},
		{"faq.YML", YAML, ""},
		{"traduzioni.csv", CSV, ""},
		{"faq.txt", "", `faq.txt: unknown file extension ".txt"; supported: .jsonl, .ndjson, .json, .yaml, .yml, .csv`},
		{"faq", "", "faq: no file extension; supported: .jsonl"},
		{"faq.jsonl.gz", "", `unknown file extension ".gz"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FormatOf(tt.name)
			if got != tt.want {
				t.Errorf("FormatOf(%q) = %q; want %q", tt.name, got, tt.want)
			}
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, kb.ErrInvalid)) {
				t.Errorf("FormatOf(%q) error = %v; want one containing %q", tt.name, err, tt.err)
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		e    *Error
		want string
	}{
		{&Error{File: "faq.jsonl", Line: 12, Field: "variants.ar.answer", Msg: "is required"}, "faq.jsonl:12: variants.ar.answer: is required"},
		{&Error{File: "faq.jsonl", Msg: "no entries"}, "faq.jsonl: no entries"},
		{&Error{Line: 3, Msg: "x"}, "line 3: x"},
		{&Error{Field: "id", Msg: "is required"}, "id: is required"},
		{&Error{File: "f.csv", Line: 2, Err: io.ErrUnexpectedEOF}, "f.csv:2: unexpected EOF"},
		{&Error{File: "f.csv", Line: 2}, "f.csv:2"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.e.Error(); got != tt.want {
				t.Errorf("Error() = %q; want %q", got, tt.want)
			}
		})
	}
}

type failingReader struct {
	data []byte
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestReaderFailure(t *testing.T) {
	boom := errors.New("disk on fire")
	for _, f := range formats {
		t.Run(string(f), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "sample"+extOf[f]))
			if err != nil {
				t.Fatal(err)
			}
			_, err = Read(&failingReader{data: data[:len(data)/2], err: boom}, "x", f, ReadOptions{})
			var fe *Error
			if !errors.As(err, &fe) || !errors.Is(err, boom) || errors.Is(err, kb.ErrInvalid) {
				t.Errorf("Read = %v; want an *Error wrapping the reader's error only", err)
			}
		})
	}
}

func TestProgress(t *testing.T) {
	var entries []*kb.Entry
	for i := range 400 {
		e := sampleEntries()[i%2]
		e.ID = fmt.Sprintf("%s-%d", e.ID, i)
		entries = append(entries, e)
	}
	for _, f := range formats {
		t.Run(string(f), func(t *testing.T) {
			data := write(t, f, entries)
			var calls []int64
			got, err := Read(bytes.NewReader(data), "x", f, ReadOptions{Progress: func(n int64) { calls = append(calls, n) }})
			if err != nil || len(got) != len(entries) {
				t.Fatalf("Read = %d entries, %v", len(got), err)
			}
			if len(calls) < 2 || calls[len(calls)-1] != int64(len(data)) {
				t.Fatalf("Progress calls %v; want several, the last %d", calls, len(data))
			}
			for i := 1; i < len(calls); i++ {
				if calls[i] <= calls[i-1] {
					t.Fatalf("Progress went backwards: %v", calls)
				}
			}
		})
	}
}

// FuzzRead feeds any bytes to Read in every format. Read must not panic,
// must fail with an *Error, and whatever it accepts must survive Write and
// Read in every format (CSV may refuse what it cannot hold) with Write
// stable on the second pass.
func FuzzRead(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, format string) {
		in := Format(format)
		entries, err := Read(bytes.NewReader(data), "fuzz", in, ReadOptions{})
		if err != nil {
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %T %v is not an *Error", err, err)
			}
			if entries != nil {
				t.Fatalf("Read returned entries with its error")
			}
			return
		}
		for _, out := range formats {
			var first bytes.Buffer
			if err := Write(&first, out, entries); err != nil {
				if out == CSV && in != CSV && errors.Is(err, kb.ErrInvalid) {
					continue
				}
				t.Fatalf("Write(%s) of what Read(%s) accepted: %v", out, in, err)
			}
			got, err := Read(bytes.NewReader(first.Bytes()), "again", out, ReadOptions{})
			if err != nil {
				t.Fatalf("Read(Write(%s)): %v\n%s", out, err, first.Bytes())
			}
			want := entries
			if out == CSV {
				want = withoutStoreFields(entries)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("Read(Write(%s)) mismatch (-want +got):\n%s\n%q", out, diff, first.Bytes())
			}
			var second bytes.Buffer
			if err := Write(&second, out, got); err != nil || !bytes.Equal(first.Bytes(), second.Bytes()) {
				t.Fatalf("Write(%s) not stable (err %v) (-want +got):\n%s", out, err, cmp.Diff(first.String(), second.String()))
			}
		}
	})
}

// awkwardTexts are texts that YAML and CSV writers are known to get wrong.
var awkwardTexts = []string{
	"\n", "\n\n", " a\n b", "a \nb", "a\n\n", "\ta", "a\tb", "a\r", "a\rb\n c",
	"x\u2028y", "a\u0085b", "\ufeffa", "a\u200fb", "0", "1e3", "true", "yes", "~", "null", "",
	"2026-01-01", "2026-01-01T00:00:00Z", "- a", "#a", "a #b", "a: b", "'", "\"", "|", ">", "&a", "*a", "!a", "%a", "@a", "`a",
	"? a", "[a]", "{a}", "a,b", "---", "...", " ", "a ", strings.Repeat("parola ", 40) + "fine",
	"مرحبا\nبالعالم", "你好\n世界",
}

// FuzzRoundTripText writes entries holding arbitrary texts in fields that
// Normalize leaves alone and checks that every format gives them back.
func FuzzRoundTripText(f *testing.F) {
	for _, s := range awkwardTexts {
		f.Add(s, "t")
	}
	f.Fuzz(func(t *testing.T, text, tag string) {
		e := &kb.Entry{
			ID:   "a",
			Tags: []string{tag},
			Variants: map[string]*kb.Variant{"it": {
				Question:   "Q" + text + "?",
				Answer:     "A" + text + ".",
				Alternates: []string{"x" + text + "x"},
				ReviewedBy: text,
				Links:      []kb.Link{{Title: text, URL: "https://x.example/" + tag}},
			}},
		}
		e.Normalize()
		canonical(e)
		if e.Validate(nil) != nil {
			return
		}
		for _, f := range formats {
			var buf bytes.Buffer
			if err := Write(&buf, f, []*kb.Entry{e}); err != nil {
				if f == CSV && errors.Is(err, kb.ErrInvalid) {
					continue // texts CSV cannot hold are refused, not mangled
				}
				t.Fatalf("Write(%s): %v", f, err)
			}
			got, err := Read(bytes.NewReader(buf.Bytes()), "x", f, ReadOptions{})
			if err != nil {
				t.Fatalf("Read(Write(%s)): %v\n%q", f, err, buf.Bytes())
			}
			if diff := cmp.Diff([]*kb.Entry{e}, got); diff != "" {
				t.Fatalf("Read(Write(%s)) mismatch (-want +got):\n%s\n%q", f, diff, buf.Bytes())
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	var entries []*kb.Entry
	for i := range 1000 {
		e := sampleEntries()[i%2]
		e.ID = fmt.Sprintf("%s-%d", e.ID, i)
		entries = append(entries, e)
	}
	for _, f := range formats {
		var buf bytes.Buffer
		if err := Write(&buf, f, entries); err != nil {
			b.Fatal(err)
		}
		b.Run(string(f), func(b *testing.B) {
			b.SetBytes(int64(buf.Len()))
			for b.Loop() {
				if _, err := Read(bytes.NewReader(buf.Bytes()), "x", f, ReadOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
