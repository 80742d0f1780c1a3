package chat

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// signalCases are realistic messages per language. Emergency phrasings
// include lowercase, unaccented and misspelt forms because that is how
// people type when they are scared; negatives include the FAQ questions
// that share words with emergencies ("emergenza abitativa", "fire safety
// certificate") and general questions that merely contain "my".
var signalCases = map[string]struct {
	emergency, human, personal, none []string
}{
	"it": {
		emergency: []string{
			"Aiuto c'è un incendio nel mio palazzo!",
			"mio padre non respira piu",
			"mia madre è svenuta e non si sveglia",
			"chiamate un ambulanza subito",
			"mio marito mi picchia, aiutatemi",
			"c'è un uomo con un coltello sotto casa",
			"voglio farla finita",
			"non trovo più mio figlio al parco",
			"sento puzza di gas in cucina",
			"incidnte sulla statale ci sono feriti",
			"la casa va a fuoco",
			"ambulanzaa presto",
			"mi stanno seguendo ho paura",
			"cantina allagata, mia nonna è bloccata dentro e l'acqua sale",
			"il bambino sta affogando in piscina",
			"qualcuno chiami la polizia stanno sfondando la porta",
			"un signore è caduto a terra e non si muove",
			"infarto!! venite subito",
			"hanno accoltellato un ragazzo davanti al bar",
			"mio figlio non respria",
			"incendio!",
		},
		human: []string{
			"voglio parlare con un operatore",
			"passami una persona",
			"operatore",
			"posso parlare con un essere umano?",
			"mi metta in contatto con un impiegato del comune",
		},
		personal: []string{
			"a che punto è la mia pratica?",
			"pratica n. 2024/1187",
			"protocollo 45123, mi sapete dire qualcosa?",
			"non ho ancora ricevuto la carta d'identità elettronica",
			"ho presentato la domanda per il bonus tre mesi fa e nessuna risposta",
		},
		none: []string{
			"emergenza abitativa: come faccio domanda per una casa popolare?",
			"mi serve un certificato urgente di residenza",
			"ho bisogno di aiuto per compilare il modulo",
			"aiuto per la TARI, come si calcola?",
			"come rinnovo la mia carta d'identità?",
			"il mio permesso di soggiorno scade il mese prossimo, cosa devo fare?",
			"quali sono le regole per la prevenzione degli incendi boschivi?",
			"certificato di prevenzione incendi per il mio ristorante",
			"come richiedo copia del verbale dell'incidente per l'assicurazione?",
			"un lampione è rotto in via Garibaldi",
			"c'è una buca enorme in strada",
			"i vicini fanno rumore tutta la notte, chi devo chiamare?",
			"quanto costa la mensa scolastica?",
			"quando passa la raccolta dell'umido?",
			"orari dell'operatore ecologico",
			"il mio permesso è scaduto, è urgente, cosa faccio?",
			"come si chiama l'ufficio della polizia locale?",
			"ho fatto domanda nel 2024 per la mensa, quanto costa?",
			"la pratica per il passo carrabile costa 150 euro?",
			"come faccio la pulizia del contatore del gas?",
			"licenza per commercio ambulante urgente",
			"come uccidere le zanzare tigre in giardino?",
		},
	},
	"en": {
		emergency: []string{
			"there is a fire in my building help",
			"my dad collapsed and isnt breathing",
			"call an ambulance please",
			"someone is beating me",
			"a man has a knife outside my door",
			"i want to kill myself",
			"my son is missing, i cant find him anywhere",
			"i smell gas in the kitchen",
			"bad car crash on the ring road, people injured",
			"help me please someone is dying",
			"my wife is having a stroke",
			"my husband is threatening to kill me",
			"hes unconcious on the floor",
			"the river flooded and we are trapped on the roof",
			"someone is following me and im scared",
			"heart atack",
		},
		human: []string{
			"can I talk to a real person",
			"operator please",
			"I want to speak with an operator",
			"human",
			"put me through to someone",
		},
		personal: []string{
			"my application is still pending",
			"application number 7781",
			"I haven't received my card yet",
			"what's the status of my residence permit request?",
			"I applied for the housing bonus 2 months ago and heard nothing",
		},
		none: []string{
			"how do I renew my ID card?",
			"my residence permit expires next month, what do I do?",
			"I need help filling the form",
			"fire safety certificate for my restaurant",
			"can I get a copy of the accident report for my insurance?",
			"urgent certificate of residence needed",
			"there is a pothole on my street",
			"the street light is broken",
			"my neighbours are very noisy at night",
			"how much is the school canteen?",
			"when is the waste collected?",
			"emergency housing assistance: who can apply?",
			"what are the rules for wildfire prevention?",
			"my permit expired, it's urgent, what do I do?",
			"how much does the application cost? 100 euros?",
			"is the flu shot free for my child?",
		},
	},
	"fr": {
		emergency: []string{
			"au secours il y a le feu dans mon immeuble",
			"mon père ne respire plus",
			"appelez une ambulance vite",
			"mon mari me frappe",
			"il y a un homme avec un couteau devant chez moi",
			"je veux me suicider",
			"ma fille a disparu je ne la trouve plus",
			"ca sent le gaz dans la cuisine",
			"grave accident sur la route, il y a des blessés",
			"elle s'est evanouie et ne se reveille pas",
			"quelqu'un me suit j'ai peur",
			"crise cardiaque aidez moi",
			"inconsient par terre",
		},
		human: []string{
			"je veux parler à un conseiller",
			"passez-moi un opérateur",
			"conseiller",
			"je voudrais parler avec une vraie personne",
		},
		personal: []string{
			"où en est mon dossier ?",
			"numéro de dossier 2024-553",
			"je n'ai toujours pas reçu ma carte de séjour",
			"ma demande de logement est toujours en attente",
		},
		none: []string{
			"comment renouveler ma carte d'identité ?",
			"mon titre de séjour expire le mois prochain, que faire ?",
			"j'ai besoin d'aide pour remplir le formulaire",
			"certificat de sécurité incendie pour mon restaurant",
			"copie du constat d'accident pour l'assurance",
			"hébergement d'urgence : comment faire une demande ?",
			"il y a un nid de poule dans ma rue",
			"le lampadaire est cassé",
			"mes voisins font trop de bruit",
			"combien coûte la cantine scolaire ?",
			"règles de prévention des feux de forêt",
			"à l'aide du formulaire en ligne, comment payer la taxe ?",
		},
	},
	"es": {
		emergency: []string{
			"socorro hay un incendio en mi casa",
			"mi abuelo no respira",
			"llamen a una ambulancia rapido",
			"mi marido me pega",
			"hay un hombre con un cuchillo en la puerta",
			"me quiero matar",
			"mi hijo ha desaparecido, no lo encuentro",
			"huele a gas en toda la casa",
			"accidente grave en la autopista, hay heridos",
			"se desmayo y no se despierta",
			"me estan siguiendo tengo miedo",
			"ataque al corazon, ayuda",
			"inconciente en el suelo",
		},
		human: []string{
			"quiero hablar con una persona",
			"pásame con un operador",
			"humano",
			"¿puedo hablar con un agente?",
		},
		personal: []string{
			"mi solicitud no avanza",
			"expediente 3321",
			"todavía no me ha llegado la tarjeta",
			"¿en qué estado está mi trámite de empadronamiento?",
		},
		none: []string{
			"¿cómo renuevo mi DNI?",
			"mi permiso de residencia caduca el mes que viene, ¿qué hago?",
			"necesito ayuda para rellenar el formulario",
			"certificado de seguridad contra incendios para mi restaurante",
			"copia del informe del accidente para el seguro",
			"ayuda de emergencia habitacional, ¿quién puede pedirla?",
			"hay un bache en mi calle",
			"la farola está rota",
			"los vecinos hacen mucho ruido",
			"¿cuánto cuesta el comedor escolar?",
			"certificado urgente de empadronamiento",
		},
	},
	"de": {
		emergency: []string{
			"Hilfe es brennt in unserer Wohnung",
			"mein Vater atmet nicht mehr",
			"ruft einen Krankenwagen schnell",
			"mein Mann schlägt mich",
			"ein Mann mit einem Messer bedroht mich",
			"ich will mich umbringen",
			"mein Kind ist verschwunden",
			"es riecht nach Gas im Treppenhaus",
			"schwerer Unfall auf der Kreuzung, es gibt Verletzte",
			"sie ist bewustlos",
			"jemand verfolgt mich, ich habe angst",
			"herzinfarkt hilfe",
			"meine Oma ist gestuerzt und reagiert nicht",
		},
		human: []string{
			"ich möchte mit einem Mitarbeiter sprechen",
			"kann ich mit einem echten Menschen reden",
			"Mitarbeiter bitte",
			"verbinden Sie mich mit einem Sachbearbeiter",
		},
		personal: []string{
			"wie ist der Stand meines Antrags",
			"Aktenzeichen 45-1234/2024",
			"ich habe meinen Ausweis immer noch nicht erhalten",
			"was ist mit meinem Antrag auf Wohngeld passiert?",
		},
		none: []string{
			"wie verlängere ich meinen Personalausweis?",
			"mein Aufenthaltstitel läuft nächsten Monat ab, was muss ich tun?",
			"ich brauche Hilfe beim Ausfüllen des Formulars",
			"Brandschutzbescheinigung für mein Restaurant",
			"Kopie des Unfallberichts für die Versicherung",
			"Notunterkunft beantragen, wie geht das?",
			"Schlagloch in meiner Straße",
			"die Straßenlaterne ist kaputt",
			"meine Nachbarn sind zu laut",
			"was kostet das Schulessen?",
			"dringende Meldebescheinigung benötigt",
		},
	},
	"ar": {
		emergency: []string{
			"النجدة يوجد حريق في البيت",
			"أبي لا يتنفس",
			"اتصلوا بالإسعاف بسرعة",
			"زوجي يضربني",
			"رجل معه سكين أمام الباب",
			"أريد أن أنتحر",
			"ابني مفقود لا أجده",
			"رائحة غاز في المطبخ",
			"حادث سير خطير يوجد جرحى",
			"أمي فقدت الوعي",
			"شخص يلاحقني أنا خائفة",
			"نوبة قلبية ساعدوني",
		},
		human: []string{
			"أريد التحدث مع موظف",
			"حولني إلى شخص حقيقي",
			"موظف من فضلك",
			"ممكن أكلم موظف؟",
		},
		personal: []string{
			"ماذا حدث لطلبي؟",
			"رقم الملف 12345",
			"لم أستلم بطاقتي بعد",
			"ما هي حالة طلبي للإقامة",
		},
		none: []string{
			"كيف أجدد بطاقة الهوية؟",
			"تصريح إقامتي ينتهي الشهر القادم، ماذا أفعل؟",
			"أحتاج مساعدة في ملء الاستمارة",
			"شهادة السلامة من الحريق لمطعمي",
			"نسخة من تقرير الحادث للتأمين",
			"سكن طارئ، كيف أقدم طلب؟",
			"يوجد حفرة في الشارع",
			"عمود الإنارة مكسور",
			"الجيران يسببون إزعاج في الليل",
			"كم تكلفة المقصف المدرسي؟",
		},
	},
	"ro": {
		emergency: []string{
			"ajutor arde blocul",
			"tata nu mai respira",
			"chemati ambulanta repede",
			"sotul ma bate",
			"un barbat cu un cutit ma ameninta",
			"vreau să mă sinucid",
			"copilul meu a disparut",
			"miroase a gaz în bucătărie",
			"accident grav pe sosea, sunt raniti",
			"mama a leșinat si nu se trezeste",
			"ma urmareste cineva mi e frica",
			"infarct ajutati ma",
		},
		human: []string{
			"vreau să vorbesc cu un operator",
			"pot vorbi cu o persoana reala?",
			"operator",
			"dati-mi un operator va rog",
		},
		personal: []string{
			"ce se întâmplă cu dosarul meu?",
			"numărul dosarului 2024/778",
			"nu am primit încă buletinul",
			"cererea mea de alocatie este blocata",
		},
		none: []string{
			"cum îmi reînnoiesc buletinul?",
			"permisul meu de ședere expiră luna viitoare, ce fac?",
			"am nevoie de ajutor să completez formularul",
			"aviz de securitate la incendiu pentru restaurant",
			"copie după procesul verbal de accident pentru asigurare",
			"locuință de urgență, cum aplic?",
			"groapă în stradă",
			"stâlpul de iluminat e stricat",
			"vecinii fac gălăgie toată noaptea",
			"cât costă cantina școlii?",
		},
	},
	"sq": {
		emergency: []string{
			"ndihmë ka zjarr në pallat",
			"babai nuk merr frymë",
			"thirrni ambulancën shpejt",
			"burri më rreh",
			"një burrë me thikë më kërcënon",
			"dua të vras veten",
			"djali im është zhdukur",
			"vjen erë gazi në kuzhinë",
			"aksident i rëndë, ka të plagosur",
			"mamaja ra pa ndjenja",
			"dikush më ndjek kam frikë",
			"sulm në zemër ndihmë",
		},
		human: []string{
			"dua të flas me një operator",
			"më lidhni me një njeri të vërtetë",
			"operator",
			"a mund te flas me nje punonjes?",
		},
		personal: []string{
			"si është kërkesa ime?",
			"numri i praktikës 5567",
			"ende nuk kam marrë letërnjoftimin",
			"praktika 2024/331",
		},
		none: []string{
			"si ta rinovoj letërnjoftimin tim?",
			"leja ime e qëndrimit skadon muajin tjetër, çfarë të bëj?",
			"kam nevojë për ndihmë për të plotësuar formularin",
			"certifikatë sigurie nga zjarri për restorantin",
			"kopje e raportit të aksidentit për sigurimin",
			"strehim emergjent, si aplikoj?",
			"ka një gropë në rrugë",
			"drita e rrugës është e prishur",
			"fqinjët bëjnë zhurmë",
			"sa kushton mensa e shkollës?",
		},
	},
	"zh": {
		emergency: []string{
			"救命！家里着火了",
			"我爸爸没有呼吸了",
			"快叫救护车",
			"我老公在打我",
			"有人拿刀在我家门口",
			"我想自杀",
			"我的孩子不见了",
			"厨房里有煤气泄漏的味道",
			"车祸，有人受伤流血",
			"她晕倒了",
			"有人一直跟着我，我好害怕",
			"心脏病发作",
		},
		human: []string{
			"我要人工客服",
			"转人工",
			"人工",
			"能不能找工作人员",
		},
		personal: []string{
			"我的申请怎么样了",
			"申请编号 2024-1187",
			"我的居留证还没收到",
			"我的申请进度",
		},
		none: []string{
			"怎么更新身份证？",
			"我的居留许可下个月到期，怎么办？",
			"我需要帮助填写表格",
			"餐厅的消防安全证书怎么办理",
			"交通事故报告复印件，用于保险",
			"紧急住房援助怎么申请",
			"路上有个坑",
			"路灯坏了",
			"邻居太吵了",
			"学校食堂多少钱",
			"人工智能是什么",
		},
	},
}

func TestSignalsPerLanguage(t *testing.T) {
	for lang, c := range signalCases {
		if len(c.emergency) < 6 || len(c.human) < 3 || len(c.personal) < 3 || len(c.none) < 8 {
			t.Errorf("%s: too few cases: %d emergency, %d human, %d personal, %d negative",
				lang, len(c.emergency), len(c.human), len(c.personal), len(c.none))
		}
		for _, text := range c.emergency {
			t.Run(lang+"/emergency/"+text, func(t *testing.T) {
				if s := DetectSignals(text); !s.Emergency || s.Cue == "" {
					t.Errorf("DetectSignals(%q) = %+v, want an emergency", text, s)
				}
			})
		}
		for _, text := range c.human {
			t.Run(lang+"/human/"+text, func(t *testing.T) {
				if s := DetectSignals(text); !s.Human || s.Emergency || s.Cue == "" {
					t.Errorf("DetectSignals(%q) = %+v, want a person request only", text, s)
				}
			})
		}
		for _, text := range c.personal {
			t.Run(lang+"/personal/"+text, func(t *testing.T) {
				if s := DetectSignals(text); !s.Personal || s.Emergency || s.Cue == "" {
					t.Errorf("DetectSignals(%q) = %+v, want a personal case only", text, s)
				}
			})
		}
		for _, text := range c.none {
			t.Run(lang+"/none/"+text, func(t *testing.T) {
				if s := DetectSignals(text); s != (Signals{}) {
					t.Errorf("DetectSignals(%q) = %+v, want no signal", text, s)
				}
			})
		}
	}
}

// Detection must not depend on the language the message was written in
// being the one its words come from: citizens mix them.
func TestSignalsCodeSwitching(t *testing.T) {
	for _, text := range []string{
		"scusate, my father is not breathing",
		"aiuto aiuto! 着火了",
		"bonjour, mio marito mi picchia",
		"hola, there is a fire in my kitchen",
	} {
		t.Run(text, func(t *testing.T) {
			if s := DetectSignals(text); !s.Emergency {
				t.Errorf("DetectSignals(%q) = %+v, want an emergency", text, s)
			}
		})
	}
}

func TestSignalsCue(t *testing.T) {
	tests := []struct {
		text, cue string
	}{
		{"mio padre non respira", "non respira*"},
		{"voglio parlare con un operatore", "parlare con un operator*"},
		{"mia madre e svenuta", "svenut*"},
		{"incendio in cucina, aiuto", "incendi* + cucina"},
		{"pratica n. 2024/1187", "pratic* + <number>"},
		{"come rinnovo la carta d'identità?", ""},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := DetectSignals(tt.text).Cue; got != tt.cue {
				t.Errorf("DetectSignals(%q).Cue = %q, want %q", tt.text, got, tt.cue)
			}
		})
	}
}

// An emergency wins over a person request for the cue, since the caller
// acts on the emergency.
func TestSignalsSeveral(t *testing.T) {
	s := DetectSignals("voglio parlare con un operatore, mio padre non respira")
	if !s.Emergency || !s.Human || s.Cue != "non respira*" {
		t.Errorf("got %+v, want emergency and human with the emergency cue", s)
	}
}

func TestSignalsFileNumber(t *testing.T) {
	tests := []struct {
		text     string
		personal bool
	}{
		{"pratica n. 2024/1187", true},
		{"protocollo 45123", true},
		{"expediente 3321", true},
		{"domanda n. 45123", true},
		{"la mia domanda 45123", false},             // weak file word without a number marker
		{"ho fatto domanda nel 2024", false},        // a year
		{"pratica del 12/03/2024", false},           // a date
		{"la pratica costa 150 euro", false},        // money
		{"pratica 12", false},                       // too short
		{"via Roma 1187, come pago la TARI", false}, // no file word
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if got := DetectSignals(tt.text).Personal; got != tt.personal {
				t.Errorf("DetectSignals(%q).Personal = %v, want %v", tt.text, got, tt.personal)
			}
		})
	}
}

func TestSignalsEdgeInputs(t *testing.T) {
	for _, text := range []string{"", "   ", "!!!", "\xff\xfe", strings.Repeat("a", 100_000), "ﬁre", "ＦＩＲＥ"} {
		s := DetectSignals(text)
		if !s.Emergency && !s.Human && !s.Personal && s.Cue != "" {
			t.Errorf("DetectSignals(%q) has a cue without a signal: %+v", text, s)
		}
	}
	// Full-width letters fold to ASCII, so a message typed on a Chinese
	// keyboard in Latin letters is still read.
	if !DetectSignals("ＣＡＬＬ ＡＮ ＡＭＢＵＬＡＮＣＥ").Emergency {
		t.Error("full-width emergency not detected")
	}
}

func FuzzSignals(f *testing.F) {
	for _, c := range signalCases {
		for _, s := range c.emergency[:1] {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := DetectSignals(text)
		if (s.Cue != "") != (s.Emergency || s.Human || s.Personal) {
			t.Errorf("DetectSignals(%q) = %+v: a cue must come with a signal and only with one", text, s)
		}
		if !utf8.ValidString(s.Cue) {
			t.Errorf("invalid UTF-8 cue %q", s.Cue)
		}
	})
}

func BenchmarkDetectSignals(b *testing.B) {
	var texts []string
	for _, c := range signalCases {
		texts = append(texts, c.emergency...)
		texts = append(texts, c.none...)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		DetectSignals(texts[i%len(texts)])
		i++
	}
}
