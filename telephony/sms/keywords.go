package sms

import (
	"slices"
	"strings"

	"github.com/sportello/sportello/kb/analysis"
)

// Keyword is a one-word command a citizen texts instead of a question.
type Keyword string

// The keywords. Every language has its own words for them (see
// keywordWords); they are matched before anything else and honoured at
// once.
const (
	// KeywordStop puts the number on the suppression list: after the
	// confirmation it receives nothing more until KeywordStart.
	KeywordStop Keyword = "stop"
	// KeywordStart takes the number off the suppression list.
	KeywordStart Keyword = "start"
	// KeywordHelp answers with what the service is, the keywords and the
	// phone number.
	KeywordHelp Keyword = "help"
	// KeywordOperator hands the conversation to a person, with a
	// reference code.
	KeywordOperator Keyword = "operator"
)

// keywordWords are the words of each keyword per language, as people
// type them on a phone; matching folds case, accents and Arabic letter
// variants, so ARRÊT and arret, NDIHMË and ndihme, إيقاف and ايقاف are one
// word. The choices:
//
//   - stop: the word carriers and regulators expect (STOP; STOPP in
//     German, BAJA in Spanish, 退订 and TD in Chinese, where "reply TD to
//     unsubscribe" is the national convention), the plain verbs for
//     "stop"/"enough" (BASTA, ALT, ARRÊT, PARAR, NDALO, OPRIRE, توقف), and
//     the English opt-out words US carriers standardised (UNSUBSCRIBE,
//     CANCEL, END, QUIT, STOPALL).
//   - start: START everywhere, and the verbs for "begin again" (INIZIA,
//     REPRENDRE, ALTA, ANMELDEN, PORNIRE, FILLO, ابدأ, 开始).
//   - help: HELP, AIUTO, AIDE, AYUDA, HILFE, مساعدة, AJUTOR, NDIHMË, 帮助,
//     and INFO in Italian, where it is what people send.
//   - operator: the word each language uses for the person on the line
//     (OPERATORE, OPERATOR, OPÉRATEUR, OPERADOR, BERATER, موظف, 人工 as in
//     "转人工"), and AGENT/HUMAN, CONSEILLER, AGENTE, MITARBEITER, 客服.
//
// Words that are also everyday answers were left out: FINE ("fine,
// thanks"), SI/YES, NO.
var keywordWords = map[string]map[Keyword][]string{
	"it": {
		KeywordStop:     {"STOP", "BASTA", "ALT", "DISATTIVA"},
		KeywordStart:    {"START", "INIZIA", "RIATTIVA"},
		KeywordHelp:     {"AIUTO", "INFO"},
		KeywordOperator: {"OPERATORE", "OPERATRICE"},
	},
	"en": {
		KeywordStop:     {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"},
		KeywordStart:    {"START", "UNSTOP", "RESUME"},
		KeywordHelp:     {"HELP"},
		KeywordOperator: {"OPERATOR", "AGENT", "HUMAN"},
	},
	"fr": {
		KeywordStop:     {"ARRÊT", "STOP", "DÉSABONNER"},
		KeywordStart:    {"START", "REPRENDRE"},
		KeywordHelp:     {"AIDE"},
		KeywordOperator: {"OPÉRATEUR", "OPÉRATRICE", "CONSEILLER"},
	},
	"es": {
		KeywordStop:     {"BAJA", "PARAR", "ALTO", "STOP"},
		KeywordStart:    {"ALTA", "START"},
		KeywordHelp:     {"AYUDA"},
		KeywordOperator: {"OPERADOR", "OPERADORA", "AGENTE"},
	},
	"de": {
		KeywordStop:     {"STOPP", "STOP", "ABMELDEN"},
		KeywordStart:    {"START", "ANMELDEN"},
		KeywordHelp:     {"HILFE"},
		KeywordOperator: {"BERATER", "MITARBEITER", "OPERATOR"},
	},
	"ar": {
		KeywordStop:     {"توقف", "إيقاف", "الغاء", "STOP"},
		KeywordStart:    {"ابدأ", "بدء", "START"},
		KeywordHelp:     {"مساعدة"},
		KeywordOperator: {"موظف", "موظفة"},
	},
	"ro": {
		KeywordStop:     {"STOP", "OPRIRE", "DEZABONARE"},
		KeywordStart:    {"START", "PORNIRE"},
		KeywordHelp:     {"AJUTOR"},
		KeywordOperator: {"OPERATOR"},
	},
	"sq": {
		KeywordStop:     {"NDALO", "STOP"},
		KeywordStart:    {"FILLO", "START"},
		KeywordHelp:     {"NDIHMË"},
		KeywordOperator: {"OPERATOR", "OPERATORI"},
	},
	"zh": {
		KeywordStop:     {"退订", "停止", "TD"},
		KeywordStart:    {"开始", "START"},
		KeywordHelp:     {"帮助"},
		KeywordOperator: {"人工", "客服"},
	},
}

// keywordMatch is one folded word: the keyword it stands for and the
// languages that use it.
type keywordMatch struct {
	keyword Keyword
	langs   []string
}

// keywordIndex maps folded words to what they mean. A word that two
// keywords shared would be a mistake in keywordWords; TestKeywordWords
// checks there is none.
var keywordIndex = func() map[string]keywordMatch {
	idx := map[string]keywordMatch{}
	for lang, words := range keywordWords {
		for kw, list := range words {
			for _, w := range list {
				f := analysis.Fold(w)
				m := idx[f]
				m.keyword = kw
				if !slices.Contains(m.langs, lang) {
					m.langs = append(m.langs, lang)
				}
				slices.Sort(m.langs)
				idx[f] = m
			}
		}
	}
	return idx
}()

// MatchKeyword reports whether text is a keyword: the whole message, once
// case, accents and punctuation are folded away ("Stop.", "stop!", "ARRÊT"
// and "arret" all match; "stop al traffico" is a question). langs are the
// languages the word belongs to, sorted; the reply uses the conversation's
// language when it is one of them.
func MatchKeyword(text string) (kw Keyword, langs []string, ok bool) {
	if len(text) > 64 {
		return "", nil, false
	}
	m, ok := keywordIndex[strings.TrimSpace(analysis.Fold(text))]
	if !ok {
		return "", nil, false
	}
	return m.keyword, m.langs, true
}

// KeywordWords returns the words of kw in lang, as they are documented
// and as the help message lists them.
func KeywordWords(lang string, kw Keyword) []string {
	return slices.Clone(keywordWords[lang][kw])
}
