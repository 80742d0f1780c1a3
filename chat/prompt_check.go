package chat

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/sportello/sportello/kb/analysis"
	"golang.org/x/text/language"
)

// The checks below are the real safety net of the LLM path: whatever the
// model was told or tricked into, an answer reaches the citizen only if
// every link, e-mail address, domain and number in it comes from the
// entries it was given, its words are mostly the entries' words (when it
// is not a translation), it is in the citizen's language and script, and
// it does not recite the rules.

var (
	// urlPattern finds links: with a scheme, with a www. prefix, or a
	// host followed by a path ("comune.example.it/prenota"). The
	// characters are those of RFC 3986, so a link written next to
	// non-ASCII punctuation ends where the punctuation starts.
	urlPattern = regexp.MustCompile(`(?i)\b(?:(?:https?://|www\.)[a-z0-9\-._~:/?#@!$&*+,;=%]+|(?:[a-z0-9\-]+\.)+[a-z]{2,24}/[a-z0-9\-._~:/?#@!$&*+,;=%]*)`)
	// emailPattern finds e-mail addresses.
	emailPattern = regexp.MustCompile(`(?i)[a-z0-9._%+\-]+@(?:[a-z0-9\-]+\.)+[a-z]{2,24}`)
	// domainPattern finds bare domain names ("comune.example.it"). The
	// top-level domains are listed so that abbreviations such as
	// "sig.ra" are not taken for domains.
	domainPattern = regexp.MustCompile(`(?i)\b(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+(?:it|eu|com|org|net|gov|edu|info|io|biz|co|uk|de|fr|es|ro|al|cn|ru|ch|at|app|online|site|xyz|top|me|ly|tk|link|click|example)\b`)
)

// evidence is what an answer may mention: the links, hosts, e-mail
// addresses and numbers of the entries the model was given, and their
// analysed terms in the answer's language.
type evidence struct {
	urls, hosts, emails, numbers, terms map[string]bool
	lang                                string
}

// newEvidence collects the evidence of sources for answers in lang.
// Terms come only from the variants in lang: a translation cannot be
// compared word by word with its original.
func newEvidence(sources []source, lang string) *evidence {
	ev := &evidence{urls: map[string]bool{}, hosts: map[string]bool{}, emails: map[string]bool{}, numbers: map[string]bool{}, terms: map[string]bool{}, lang: lang}
	for _, s := range sources {
		texts := append([]string{s.v.Question, s.v.Answer}, s.v.Alternates...)
		for _, l := range s.v.Links {
			texts = append(texts, l.Title, l.URL)
		}
		for _, t := range texts {
			ev.add(t, s.lang == lang)
		}
	}
	return ev
}

// add adds the links, addresses, numbers and, if withTerms, the terms of
// text to the evidence.
func (ev *evidence) add(text string, withTerms bool) {
	urls, emails, domains := references(text)
	for _, u := range urls {
		n := normURL(u)
		ev.urls[n] = true
		ev.hosts[hostOf(n)] = true
	}
	for _, e := range emails {
		e = strings.ToLower(e)
		ev.emails[e] = true
		ev.hosts[e[strings.LastIndexByte(e, '@')+1:]] = true
	}
	for _, d := range domains {
		ev.hosts[hostOf(normURL(d))] = true
	}
	for _, n := range digitRuns(text) {
		ev.numbers[n] = true
	}
	if withTerms {
		for _, t := range analysis.Terms(ev.lang, text) {
			ev.terms[t] = true
		}
	}
}

// ungrounded returns the first link, e-mail address, domain or number of
// text that the evidence does not contain, and whether there is one.
func (ev *evidence) ungrounded(text string) (string, bool) {
	urls, emails, domains := references(text)
	for _, u := range urls {
		n := normURL(u)
		if !ev.urls[n] && !(pathless(n) && ev.hosts[hostOf(n)]) {
			return "link " + u, true
		}
	}
	for _, e := range emails {
		if !ev.emails[strings.ToLower(e)] {
			return "e-mail address " + e, true
		}
	}
	for _, d := range domains {
		if !ev.hosts[hostOf(normURL(d))] {
			return "domain " + d, true
		}
	}
	for _, n := range digitRuns(text) {
		// Single digits are list numbers and counts ("2 photos") more
		// often than facts, and numbers made of them are caught by the
		// runs around them.
		if len(n) > 1 && !ev.numbers[n] {
			return "number " + n, true
		}
	}
	return "", false
}

// overlap is the share of text's distinct terms, in the evidence's
// language, that the entries contain; 1 when text has no terms.
func (ev *evidence) overlap(text string) float64 {
	seen := map[string]bool{}
	in := 0
	for _, t := range analysis.Terms(ev.lang, text) {
		if seen[t] {
			continue
		}
		seen[t] = true
		if ev.terms[t] {
			in++
		}
	}
	if len(seen) == 0 {
		return 1
	}
	return float64(in) / float64(len(seen))
}

// references returns the links, e-mail addresses and bare domains in
// text, each found once: a link's host is not also a bare domain.
func references(text string) (urls, emails, domains []string) {
	rest := text
	for _, m := range urlPattern.FindAllString(rest, -1) {
		urls = append(urls, strings.TrimRight(m, ".,;:!?)'*"))
	}
	rest = urlPattern.ReplaceAllString(rest, " ")
	emails = emailPattern.FindAllString(rest, -1)
	rest = emailPattern.ReplaceAllString(rest, " ")
	domains = domainPattern.FindAllString(rest, -1)
	return urls, emails, domains
}

// normURL lower-cases a link and drops its scheme, a www. prefix and a
// trailing slash, so that the same page written two ways compares equal.
func normURL(u string) string {
	u = strings.ToLower(u)
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	u = strings.TrimPrefix(u, "www.")
	return strings.TrimRight(u, "/")
}

// hostOf returns the host of a normalised link.
func hostOf(n string) string {
	if i := strings.IndexAny(n, "/?#"); i >= 0 {
		n = n[:i]
	}
	return strings.TrimPrefix(n, "www.")
}

// pathless reports whether a normalised link names only a host.
func pathless(n string) bool { return !strings.ContainsAny(n, "/?#") }

// digitRuns returns the runs of decimal digits in text, in any script's
// digits, as ASCII without leading zeros ("08:30" gives "8" and "30").
func digitRuns(text string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			n := strings.TrimLeft(b.String(), "0")
			if n == "" {
				n = "0"
			}
			out = append(out, n)
			b.Reset()
		}
	}
	for _, r := range text {
		if d, ok := digitValue(r); ok {
			b.WriteByte('0' + byte(d))
			continue
		}
		flush()
	}
	flush()
	return out
}

// digitValue returns the value of a decimal digit in the scripts the
// answers use: ASCII, Arabic-Indic, Extended Arabic-Indic (Persian, Urdu),
// Devanagari and full-width forms.
func digitValue(r rune) (int, bool) {
	for _, zero := range []rune{'0', '\u0660', '\u06F0', '\u0966', '\uFF10'} {
		if r >= zero && r <= zero+9 {
			return int(r - zero), true
		}
	}
	return 0, false
}

// scriptTables are the Unicode scripts that text in a language written in
// the given ISO 15924 script must mostly use.
var scriptTables = map[string][]*unicode.RangeTable{
	"Latn": {unicode.Latin},
	"Arab": {unicode.Arabic},
	"Hans": {unicode.Han},
	"Hant": {unicode.Han},
	"Cyrl": {unicode.Cyrillic},
	"Grek": {unicode.Greek},
	"Hebr": {unicode.Hebrew},
	"Deva": {unicode.Devanagari},
	"Beng": {unicode.Bengali},
	"Guru": {unicode.Gurmukhi},
	"Ethi": {unicode.Ethiopic},
	"Geor": {unicode.Georgian},
	"Armn": {unicode.Armenian},
	"Thai": {unicode.Thai},
	"Taml": {unicode.Tamil},
	"Jpan": {unicode.Han, unicode.Hiragana, unicode.Katakana},
	"Kore": {unicode.Hangul, unicode.Han},
}

// inScript reports whether at least half of text's words are in the
// script lang is usually written in. A Han or kana character counts as a
// word, as those scripts do not separate words, so that a Chinese answer
// naming "TARI" and "pagoPA" is still Chinese. Text with no letters, and
// languages whose script is not known, pass: other checks handle them.
func inScript(text, lang string) bool {
	tag, err := language.Parse(lang)
	if err != nil {
		return true
	}
	if _, conf := tag.Base(); conf != language.Exact {
		return true
	}
	script, conf := tag.Script()
	tables := scriptTables[script.String()]
	if conf == language.No || tables == nil {
		return true
	}
	words, in := 0, 0
	inWord := false
	for _, r := range text {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			inWord = false
		case unicode.IsLetter(r) || unicode.IsMark(r):
			if inWord {
				continue
			}
			inWord = true
		default:
			inWord = false
			continue
		}
		words++
		if unicode.IsOneOf(tables, r) {
			in++
		}
	}
	return words == 0 || 2*in >= words
}

// letterCount is the number of letters in text.
func letterCount(text string) int {
	n := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// leakWindow is the length, in words, of a sequence of the rules that an
// answer may not repeat.
const leakWindow = 8

// recitesRules reports whether text repeats leakWindow consecutive words
// of the system prompt: the model was talked into reciting its rules.
func recitesRules(text, system string) bool {
	words := strings.Fields(analysis.Fold(text))
	if len(words) < leakWindow {
		return false
	}
	rules := strings.Fields(analysis.Fold(system))
	seqs := make(map[string]bool, len(rules))
	for i := 0; i+leakWindow <= len(rules); i++ {
		seqs[strings.Join(rules[i:i+leakWindow], " ")] = true
	}
	for i := 0; i+leakWindow <= len(words); i++ {
		if seqs[strings.Join(words[i:i+leakWindow], " ")] {
			return true
		}
	}
	return false
}
