package analysis

import "strings"

// stopwords are the function words of each language, which carry no topic.
// They are written plainly and folded at start-up, so that "perché" and
// "perche" are both dropped. Question words that change meaning in a FAQ
// ("quanto" costs, "quando" deadlines, "dove" places) are kept.
var stopwords = buildStopwords(map[string]string{
	"it": `a ad al alla alle allo agli ai anche avere c che chi ci col con cui da dal dalla dalle dagli dai
		del della delle dello degli dei di e ed gli ha hai hanno ho i il in io la le lei li lo loro lui ma
		me mi mia mie miei mio ne nei nel nella nelle nello negli noi non o per perche piu puo posso possiamo
		qua quale quali questa queste questi questo se sei si sia sono su sua sue sui sul sulla suo suoi ti
		tra fra tu tuo tua un una uno vi voi come devo deve fare faccio salve buongiorno buonasera ciao grazie
		gentilmente cortesemente vorrei sapere essere e stato ecco qualcuno favore xfavore`,
	"en": `a an and are as at be been by can could do does for from have has had hello hi how i i'm if in
		into is it its me my of on or our please should so thank thanks that the their them there these
		they this to us was we what which who will with would you your im want know need get`,
	"fr": `a au aux avec bonjour ce ces cet cette comment dans de des du elle en est et etre il ils je j la
		le les leur lui ma mais me merci mes moi mon ne nous on ou par pas pour qu que qui sa se ses son
		sur ta te tes toi ton tu un une vous votre vos y l d s n c faire faut dois peux puis sil plait svp veux
		voudrais savoir`,
	"es": `a al como con de del el ella en es esta este esto estoy hola la las le lo los me mi mis no nos o
		para pero por que se su sus te tengo tu un una uno y yo gracias quiero puedo debo hacer saber favor
		hay`,
	"de": `am an auf aus bei bin bitte danke das dem den der des die du ein eine einem einen einer es fur
		hallo ich ihr im in ist ja kann man mein meine mich mir mit muss nach nicht oder sie sind und uns
		von vom was wie wir zu zum zur guten tag habe hat haben will mochte wissen`,
	"ar": `في من الى إلى على عن مع هذا هذه ذلك التي الذي ان أن او أو ما ماذا هل لا كيف انا أنا نحن هو هي
		كان يكون لي لك عند كل ثم قد و يا مرحبا السلام عليكم شكرا من فضلك لو سمحت اريد أريد ممكن
		واش ديال شو بدي بدو كيفاش كيف شحال فين وين علاش ليش دابا هاد هادي هذي باش راه شي حتى لازم عندي
		انا بغيت ابغي نبغي ابي اللي يلي
		غادي غدي خاصني خصني كاين كاينه ماشي مش مو بس لسا هلق هلا كتير بزاف شويه شوي دابا ديالي ديالك ديالنا ديالو
		عندنا نقدر نعرف بغينا حيت حيث ملي فاش امتى اشنو شنو علاش ليه ازاي عايز عاوز ايه اللى دي ده هاي هيك كده
		الحين هسه هسا برك بالزاف
		الحمد لله الله شاء ماشاء عافاك بليز مرسي داك ديك هداك هديك عم رح راح حدا بدها بدنا بدك عنا
		عندك عندها عندو معو معك كمان برضه برضو يعني طيب اقدر بقدر يقدر تقدر ينفع بينفع يمكن يمكنني فوقاش
		حالك حالكم الحال بخير لاباس كيداير كيدايره شلونك ازيك اهلا الخير`,
	"ro": `a al ale am ar are as ca care ce cu da de din este eu fi in la le lui ma mea meu mi ne nu o pe
		pentru sa se si sunt un una va vreau pot trebuie buna ziua salut multumesc va rog cum cand unde`,
	"sq": `a dhe e i te të me per për nga ne në se si qe që jam je eshte është kam ke ka kemi keni kane kanë
		nje një ky kjo këto keto ata ato une unë ti ju ne mua tuaj im ime mund duhet dua pershendetje
		përshëndetje faleminderit ju lutem pse ku kur do ta na po jetë qenë ishte janë jemi jeni isha kisha
		kishte çfarë`,
})

// allStop is the union of every language's stop words, used when the
// language of a text is not known.
var allStop = func() map[string]bool {
	all := map[string]bool{}
	for _, words := range stopwords {
		for w := range words {
			all[w] = true
		}
	}
	return all
}()

// zhStop are Chinese function characters that break bigram runs.
var zhStop = func() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range "的了吗呢吧啊呀嘛我你您请问怎么如何什哪是在和与或" {
		m[r] = true
	}
	return m
}()

func buildStopwords(raw map[string]string) map[string]map[string]bool {
	out := make(map[string]map[string]bool, len(raw))
	for lang, words := range raw {
		set := map[string]bool{}
		for _, w := range strings.Fields(words) {
			for _, f := range strings.Fields(Fold(w)) {
				set[f] = true
			}
		}
		out[lang] = set
	}
	return out
}

// IsStopword reports whether the folded word w is a stop word in lang.
func IsStopword(lang, w string) bool { return stopwords[base(lang)][w] }

// IsAnyStopword reports whether the folded word w is a stop word in any
// language; language-blind code such as the offline embedder uses it.
func IsAnyStopword(w string) bool { return allStop[w] }
