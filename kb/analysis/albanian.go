package analysis

// Albanian light stemming.
//
// No published stemmer exists for Albanian. This one removes the endings
// that inflect a word (the definite article, which Albanian writes at the
// end, case and number), and then the ones that make a verb or a noun of
// the same root, so that the forms a citizen writes meet the ones an
// editor wrote: karta, kartën, kartës and kartat meet kart; shtëpi,
// shtëpia, shtëpinë and shtëpisë meet shtep; rinovoj, rinovim, rinovimin,
// rinovohet and rinovuar meet rinov. Words are folded first (ë → e, ç →
// c), which is also how most Albanians type without an Albanian keyboard.

// sqVerbEndings are whole-word verb endings, tried first since their last
// letters look like noun inflections: the passive (-ohem -ohet -ohen
// -uhet -uhen), the present plural (-ojmë -ojnë), the participle (-uar
// -yer) and -uaj (paguaj).
var sqVerbEndings = []string{"ojme", "ojne", "ohem", "ohet", "ohen", "uhet", "uhen", "uaj", "uar", "yer"}

// sqInflections are the endings of the definite article, case and number,
// longest first: plural genitive -rave -ave -eve, ablative -ash -esh, the
// article after a stem in -i (shtëpisë, shtëpinë, shtëpitë, shtëpive,
// shtëpia), the accusative -in -un -en, the genitive and dative -it -ut
// -es, plurals -at -et -ra -re, and a bare final vowel. A bare -n or -t is
// not among them: too many stems end with one (person, dokument).
var sqInflections = []string{
	"rave", "reve",
	"ave", "eve", "ive", "ash", "esh", "ise", "ine", "ite",
	"ia", "in", "un", "it", "ut", "en", "es", "et", "at", "ra", "re", "ri",
	"a", "e", "i", "u",
}

// sqDerivations are what is left of a verb's present (-oj) and the ending
// that makes a noun of it (-im): votoj and votim meet vot.
var sqDerivations = []string{"oj", "im"}

// stemAlbanian returns the stem of the folded Albanian word w.
func stemAlbanian(w string) string {
	if s, ok := stripEnding(w, sqVerbEndings, 3); ok {
		return s
	}
	w, _ = stripEnding(w, sqInflections, 0)
	w, _ = stripEnding(w, sqDerivations, 3)
	return w
}

// stripEnding removes the first of endings (longest first) that w ends
// with and that leaves a stem of at least min letters. With min 0, the
// least stem depends on the ending: four letters after a bare vowel (a
// word of four letters keeps it: Romë, the city, does not become rom-) or
// after an ending of three letters (makinë keeps the -in of its stem,
// shtëpinë loses the -inë of its article), three after two.
func stripEnding(w string, endings []string, min int) (string, bool) {
	for _, e := range endings {
		keep := min
		if keep == 0 {
			keep = 4
			if len(e) == 2 {
				keep = 3
			}
		}
		if n := len(w) - len(e); n >= keep && w[n:] == e {
			return w[:n], true
		}
	}
	return w, false
}
