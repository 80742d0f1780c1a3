package langid

import (
	"regexp"
	"strings"
	"unicode"
)

// Arabizi is Arabic written in Latin letters, with digits for the Arabic
// letters Latin lacks: 3 for ع, 7 for ح, 9 for ق, 2 for ء, 5 for خ ("3afak",
// "t7at", "l9dima"). Many Maghrebi, Levantine and Egyptian residents type
// that way on a phone. Its letters are Latin, so the script settles nothing
// and the n-grams of words no corpus has point at whatever Latin language
// they happen to resemble; the reply then comes in Italian or English to
// someone who wrote in Arabic. looksArabizi recognises it from two kinds of
// evidence that other Latin-script languages do not produce: words in
// which such a digit stands next to letters, and words that only Arabic
// dialects have.

// arabiziWords are frequent dialect words as they are usually typed in
// Latin letters, chosen because none of them is a word of Italian,
// English, French, Spanish, German, Romanian or Albanian: not "fin"
// (French), "chi" (Italian), "fein" and "fach" (German), "chou" (French)
// nor "salam", which is Romanian for salami.
var arabiziWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		bghit bghina bghiti nbghi kifach kifash kifech kifch chno chnou chnu achno wach wech wesh
		dyal dyali dyalek dyalha dyalo dyalna diali dialek dialha
		daba bzaf bezzaf bzzaf mzyan mezyan mzyana khoya khouya khti
		ntoma 7na hna hnaya temma chhal ch7al bch7al 3lach 3lash alach
		walakin wlakin ghadi ghad kayn kayna kaynin kayen makaynch makaynach makaynash
		ma3ndich ma3ndi 3andi 3ndi 3endi 3andek m3a m3aya m3ak mnin imta emta
		choukran chokran shukran inchallah inshallah nchallah lhamdulillah hamdulillah tbarkallah
		kolchi koulchi walo wlh wallah hadchi hadak hadik
		mrati rajli wlidi wldi bnti drari lmdrasa lmadrasa lmadrassa lkhedma khdma khedma flous flouss
		ndir ndiro ndirha nkhles nkhelles tkhles nakhod nakhd nchouf jit jina mchit mchina nemchi
		3tini 3awnni 3awnouni sa3douni sa3dni 3ayan mrid mrida
		ezay ezzay izzay 3ayez 3ayz 3awez 3awz 3ayza keda kda leh bta3i bta3y bta3ti
		shu shou baddi biddi badde halla2 hala2 mnih ktir kteer hek hayda haydi ma3i ma3ak
	`) {
		m[w] = true
	}
	return m
}()

// looksArabizi reports whether text, written in Latin letters only, reads
// as Arabizi: one word in which a digit stands for an Arabic letter
// ("t7at", "3afak"), or two distinct Arabizi words ("bghit", "kifach").
// Level and form codes (A2, F24, 5G, 2nd) are not such words: their digits
// stand at one end, after or before at most two letters.
func looksArabizi(text string) bool {
	if len(text) > maxInput {
		text = text[:maxInput]
	}
	latin := false
	seen := map[string]bool{}
	for _, tok := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		for _, r := range tok {
			switch {
			case unicode.Is(unicode.Arabic, r) || unicode.Is(unicode.Han, r):
				return false // an Arabic-script or Chinese message needs no guessing
			case unicode.IsLetter(r):
				latin = true
			}
		}
		if digitWord(tok) {
			return true
		}
		if arabiziWords[tok] {
			seen[tok] = true
		}
	}
	return latin && len(seen) >= 2
}

// digitWord reports whether tok has a digit standing for an Arabic letter
// (2 3 5 7 9) next to a letter, and two letters at least, other than as a
// code: letters then digits (a2, f24, covid19) or digits then one or two
// letters (5g, 2nd, 10am).
func digitWord(tok string) bool {
	if codeLike.MatchString(tok) || !arabiziDigit.MatchString(tok) {
		return false
	}
	letters := 0
	for _, r := range tok {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

var (
	codeLike     = regexp.MustCompile(`^(\pL+\d+|\d+\pL{1,2})$`)
	arabiziDigit = regexp.MustCompile(`\pL[23579]|[23579]\pL`)
)
