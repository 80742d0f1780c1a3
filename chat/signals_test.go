package chat

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
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
			"my grandpa is dying in this heat",
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
	"arabizi": {
		emergency: []string{
			"l3afia f ddar, 3ayto lpompier",
			"bba ma kaytnfsch, 3afak",
			"ibni ma 3am yetnafas",
			"rajli kaydrbni daba",
			"wa7ed 3ando mos 9dam lbab w ana khayfa",
			"mama t7at f l2ard w ma katjawbch",
			"3tqouni fissa kayn dkhan bzaf",
			"khoya kaymout sa3douni",
			"jibo l'ambulance daba",
		},
		human: []string{
			"bghit nhder m3a chi wa7ed",
			"baddi e7ki ma3 7ada",
			"3ayez akallem muwadaf",
			"muwadaf 3afak",
		},
		personal: []string{
			"talab dyali fin wsel?",
			"lmilaf dyali mazal ma jawbounich",
			"dossier dyali t2khr bzaf",
		},
		none: []string{
			"3afak fin nkhelles TARI?",
			"bghit ndir l'ISEE",
			"chno lwra9 dyal permesso di soggiorno",
			"certificat dyal l3afia l restaurant",
			"jibo lwra9 m3akom l rendez-vous",
			"sa3douni f l'ISEE 3afak",
			"kifach n3ref l'école dyal wldi",
			"wach lcomune m7lola nhar sebt?",
			"t7at lia lkarta f zan9a",
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

// More phrasings in every language, mixed: emergencies described by a
// witness, SMS spelling, poisoning, third parties being attacked; and FAQ
// questions that share words with emergencies (volunteering with the fire
// brigade, first aid courses, gas bills, "dying to know").
var (
	signalMoreEmergencies = []string{
		"aiutooo mio figlio non respira",
		"mio padre ha avuto un infarto",
		"c'è un incendio nel bosco vicino alle case",
		"mia moglie è caduta dalle scale e perde sangue dalla testa",
		"presto un'ambulanza in via roma 12",
		"mi vogliono uccidere",
		"il mio ex mi minaccia di morte",
		"sto male non riesco a respirare",
		"mia nonna non risponde e non si muove",
		"ho preso troppe pastiglie",
		"mio figlio di 3 anni è sparito al mercato",
		"si sente odore di gas fortissimo nelle scale",
		"incidente stradale gravissimo con feriti",
		"un uomo armato è entrato in banca",
		"picchiano un ragazzo davanti alla stazione",
		"la cucina sta andando a fuoco",
		"l'acqua sta entrando in casa e non riusciamo a uscire",
		"il fiume è esondato e siamo bloccati sul tetto",
		"mio marito è svenuto",
		"soffoca! ha qualcosa in gola",
		"vedo fiamme dal palazzo di fronte",
		"c'è un ragazzo accoltellato",
		"sta avendo una crisi epilettica",
		"chiamate il 118",
		"mia figlia vuole suicidarsi",
		"non ce la faccio più, voglio morire",
		"qualcuno mi sta seguendo da 10 minuti",
		"ci sono dei ladri in casa",
		"emergenza! mio padre è a terra",
		"aiuto mia madre sta male e non respira bene",
		"ambulanza",
		"mi sta picchiando",
		"è crollato il balcone con persone sotto",
		"my baby is not breathing",
		"help there's smoke coming from the apartment next door",
		"someone has been stabbed",
		"theres been an accident with a motorbike and the guy is bleeding",
		"my mother fell and hit her head, shes unconscious",
		"call 112",
		"i think my husband is having a heart attack",
		"my daughter took too many pills",
		"a kid is drowning in the river",
		"im being followed by a man",
		"there's a man with a gun in the square",
		"my ex is outside my door threatening me",
		"gas leak in the building",
		"i dont want to live anymore",
		"i'm going to end my life tonight",
		"my 5 year old is missing",
		"the house is flooding and we cant get out",
		"help! fire!",
		"send an ambulance to via roma 3",
		"my friend overdosed",
		"someone collapsed in the street",
		"my neighbour is screaming for help",
		"he's choking",
		"mon bebe ne respire plus",
		"il y a de la fumée qui sort de l'appartement du voisin",
		"quelqu'un a été poignardé",
		"accident de moto, le conducteur saigne beaucoup",
		"ma mère est tombée, elle est inconsciente",
		"appelez le 112",
		"je crois que mon mari fait une crise cardiaque",
		"ma fille a pris trop de médicaments",
		"un enfant se noie dans la rivière",
		"un homme me suit depuis la gare",
		"il y a un homme armé sur la place",
		"mon ex est devant ma porte et me menace",
		"fuite de gaz dans l'immeuble",
		"je ne veux plus vivre",
		"mon fils de 5 ans a disparu",
		"la maison est inondée on est coincés",
		"au feu !",
		"envoyez une ambulance",
		"il fait une overdose",
		"quelqu'un s'est effondré dans la rue",
		"il s'étouffe",
		"mi bebé no respira",
		"sale humo del piso de al lado",
		"han apuñalado a un chico",
		"accidente de moto, el conductor sangra mucho",
		"mi madre se cayó y está inconsciente",
		"llamen al 112",
		"creo que mi marido tiene un infarto",
		"mi hija se tomó muchas pastillas",
		"un niño se está ahogando en el río",
		"un hombre me está siguiendo",
		"hay un hombre armado en la plaza",
		"mi ex está en mi puerta amenazándome",
		"fuga de gas en el edificio",
		"no quiero vivir más",
		"mi hijo de 5 años ha desaparecido",
		"la casa se inunda y no podemos salir",
		"¡fuego!",
		"manden una ambulancia",
		"alguien se desplomó en la calle",
		"se está atragantando",
		"mein Baby atmet nicht",
		"aus der Nachbarwohnung kommt Rauch",
		"jemand wurde niedergestochen",
		"Motorradunfall, der Fahrer blutet stark",
		"meine Mutter ist gestürzt und bewusstlos",
		"ruft die 112",
		"ich glaube mein Mann hat einen Herzinfarkt",
		"meine Tochter hat zu viele Tabletten genommen",
		"ein Kind ertrinkt im Fluss",
		"ein Mann verfolgt mich",
		"ein bewaffneter Mann auf dem Platz",
		"mein Ex steht vor meiner Tür und bedroht mich",
		"Gasgeruch im Haus",
		"ich will nicht mehr leben",
		"mein 5jähriger Sohn ist verschwunden",
		"das Haus steht unter Wasser, wir kommen nicht raus",
		"Feuer!",
		"schicken Sie einen Krankenwagen",
		"jemand ist auf der Straße zusammengebrochen",
		"er erstickt",
		"طفلي لا يتنفس",
		"يخرج دخان من شقة الجيران",
		"شخص طعن بسكين",
		"حادث دراجة نارية والسائق ينزف كثيرا",
		"أمي سقطت وهي فاقدة الوعي",
		"اتصلوا ب 112",
		"أظن أن زوجي يعاني من نوبة قلبية",
		"ابنتي أخذت حبوب كثيرة",
		"طفل يغرق في النهر",
		"رجل يتبعني",
		"رجل مسلح في الساحة",
		"طليقي أمام بابي ويهددني",
		"تسرب غاز في العمارة",
		"لا أريد أن أعيش بعد الآن",
		"ابني عمره 5 سنوات مفقود",
		"البيت غرق بالماء ولا نستطيع الخروج",
		"حريق!",
		"أرسلوا سيارة إسعاف",
		"شخص انهار في الشارع",
		"يختنق",
		"bebelușul meu nu respiră",
		"iese fum din apartamentul vecinului",
		"cineva a fost înjunghiat",
		"accident de motocicletă, șoferul sângerează mult",
		"mama a căzut și e inconștientă",
		"sunați la 112",
		"cred că soțul meu face infarct",
		"fiica mea a luat prea multe pastile",
		"un copil se îneacă în râu",
		"un bărbat mă urmărește",
		"un bărbat înarmat în piață",
		"fostul meu e la ușă și mă amenință",
		"scurgere de gaz în bloc",
		"nu mai vreau să trăiesc",
		"fiul meu de 5 ani a dispărut",
		"casa e inundată și nu putem ieși",
		"foc!",
		"trimiteți o ambulanță",
		"cineva s-a prăbușit pe stradă",
		"se sufocă",
		"foshnja ime nuk merr frymë",
		"del tym nga apartamenti i fqinjit",
		"dikush u ther me thikë",
		"aksident me motor, shoferi po gjakoset shumë",
		"mamaja ra dhe është pa ndjenja",
		"telefononi 112",
		"mendoj se burri im ka sulm në zemër",
		"vajza ime piu shumë tableta",
		"një fëmijë po mbytet në lumë",
		"një burrë po më ndjek",
		"një burrë i armatosur në shesh",
		"ish-burri është te dera dhe më kërcënon",
		"rrjedhje gazi në pallat",
		"nuk dua të jetoj më",
		"djali im 5 vjeç është zhdukur",
		"shtëpia u përmbyt dhe nuk mund të dalim",
		"zjarr!",
		"dërgoni një ambulancë",
		"dikush u rrëzua në rrugë",
		"po i zihet fryma",
		"我的宝宝没有呼吸",
		"邻居家冒烟了",
		"有人被刀捅了",
		"摩托车车祸，司机流了很多血",
		"我妈妈摔倒了，昏迷不醒",
		"快打112",
		"我觉得我老公心脏病发作了",
		"我女儿吃了太多药",
		"有个小孩在河里溺水",
		"有个男人一直跟踪我",
		"广场上有个持枪的男人",
		"前夫在我家门口威胁我",
		"楼里煤气泄漏",
		"我不想活了",
		"我5岁的儿子失踪了",
		"房子被淹了，我们出不去",
		"着火了！",
		"派救护车来",
		"有人在街上晕倒了",
		"他噎住了",
		"x favore venite mio nonno nn respira",
		"aiuto fuoco in casa",
		"sento puzza di gas e mi gira la testa",
		"mio fratello si e tagliato e perde tantissimo sangue",
		"c e stato un incidente con la moto un ragazzo e a terra",
		"mia mamma ha un dolore fortissimo al petto",
		"un tizio col coltello minaccia la gente in piazza",
		"mio marito mi ha picchiata e ora dice che mi ammazza",
		"non trovo piu mia figlia di 6 anni",
		"voglio uccidermi",
		"sono chiusa in bagno, il mio compagno vuole ammazzarmi",
		"hanno sparato in via dante",
		"la macchina e finita nel canale con dentro una persona",
		"il bambino ha ingoiato qualcosa e non respira",
		"aiuto la casa brucia",
		"plz help my dad isnt breathing",
		"theres a fire in the kitchen omg",
		"my gf took a bunch of pills and wont wake up",
		"guy just got hit by a car outside",
		"my husband hit me and locked me in",
		"some1 is trying to break into my flat",
		"i wanna kill myself",
		"cant find my son anywhere he is 4",
		"smells like gas in the hallway and my head hurts",
		"old man collapsed at bus stop",
		"mon fils ne respire plu",
		"le feu a pris dans la cuisine",
		"g trop peur mon mari me frappe",
		"une voiture a renverse un enfant",
		"ya un mec avec un couteau",
		"je vais me tuer",
		"mi papa no respira ayuda",
		"hay fuego en la cocina",
		"mi novio me pego y me quiere matar",
		"un coche atropello a una senora",
		"me quiero suicidar",
		"mein mann hat mich geschlagen hilfe",
		"es brennt in der kueche",
		"mein vater ist umgefallen und atmet nicht",
		"ein auto hat ein kind angefahren",
		"ich bring mich um",
		"بيتنا فيه حريق",
		"ابي وقع على الارض ولا يتنفس",
		"زوجي ضربني وهددني بالقتل",
		"بدي انتحر",
		"ابني ضايع من ساعتين",
		"ajutati-ma tata nu mai respira",
		"arde bucataria",
		"sotul m-a batut si ma ameninta ca ma omoara",
		"vreau sa mor",
		"copilul meu s-a pierdut in parc",
		"ndihme babai nuk po merr fryme",
		"po digjet kuzhina",
		"burri me rrahu dhe me kercenon me thike",
		"dua te vetevritem",
		"vajza ime u zhduk",
		"救命 我爸爸倒地了 没有呼吸",
		"厨房起火了",
		"老公打我还说要杀了我",
		"我不想活了 想自杀",
		"孩子在商场走丢了",
		"c'è una fuga di gas in cantina",
		"è esplosa la caldaia, c'è gente ferita",
		"la strada è allagata e una macchina è stata trascinata via con dentro due persone",
		"un ragazzo è caduto nel fiume e non riesce a uscire",
		"mia suocera ha l'alzheimer ed è uscita di casa, non la troviamo da 3 ore",
		"mio figlio adolescente ha scritto che vuole farla finita",
		"il vicino urla che ammazza la moglie",
		"stanno picchiando un ragazzo fuori dal bar",
		"ho trovato un uomo sanguinante per terra",
		"mia figlia ha le convulsioni",
		"there is water everywhere and my grandma is trapped upstairs",
		"my son said he is going to kill himself",
		"we can hear a woman screaming next door, it sounds like he is hurting her",
		"my toddler swallowed bleach",
		"someone is lying on the road not moving",
		"il y a une fuite de gaz dans l'immeuble, ça sent très fort",
		"ma grand mère est tombée et ne peut plus se relever",
		"mon voisin menace de tuer sa femme",
		"il y a un homme qui frappe une femme dans la rue",
		"mon fils a avalé des médicaments",
		"hay un olor fuerte a gas en el portal",
		"mi abuela se cayó y no se puede levantar",
		"mi vecino dice que va a matar a su mujer",
		"un hombre está pegando a una mujer en la calle",
		"mi hijo se tomó lejía",
		"es riecht stark nach gas im keller",
		"meine oma ist gestürzt und kann nicht aufstehen",
		"mein nachbar droht seine frau umzubringen",
		"ein mann schlägt eine frau auf der straße",
		"mein sohn hat putzmittel getrunken",
		"هناك رائحة غاز قوية في الدرج",
		"جدتي سقطت ولا تستطيع النهوض",
		"جاري يهدد بقتل زوجته",
		"رجل يضرب امرأة في الشارع",
		"ابني شرب مادة تنظيف",
		"miroase puternic a gaz pe scară",
		"bunica a căzut și nu se poate ridica",
		"vecinul amenință că își omoară soția",
		"un bărbat bate o femeie pe stradă",
		"fiul meu a băut înălbitor",
		"vjen erë e fortë gazi në shkallë",
		"gjyshja ra dhe nuk mund të ngrihet",
		"fqinji kërcënon se do të vrasë gruan",
		"një burrë po rreh një grua në rrugë",
		"djali im piu zbardhues",
		"楼道里煤气味很重",
		"奶奶摔倒了起不来",
		"邻居说要杀了他老婆",
		"有个男人在街上打一个女人",
		"我儿子喝了漂白剂",
	}
	signalMoreHuman = []string{
		"vorrei un operatore per favore",
		"posso parlare con qualcuno del comune?",
		"operatore umano",
		"mi passate un impiegato",
		"can i speak to someone",
		"real human please",
		"i want a human",
		"je voudrais parler a un agent",
		"puis je parler a quelqu un",
		"quiero hablar con un operador",
		"me pasas con alguien?",
		"ich moechte einen mitarbeiter sprechen",
		"bitte mit einem menschen verbinden",
		"اريد موظف",
		"ممكن احكي مع شخص",
		"vreau sa vorbesc cu un angajat",
		"as vrea un operator",
		"dua te flas me dike nga bashkia",
		"我要找人工",
		"转人工服务",
	}
	signalMorePersonal = []string{
		"la mia domanda di cittadinanza e ferma da mesi",
		"non mi e ancora arrivata la carta d identita",
		"numero pratica 12345",
		"ho fatto richiesta del contrassegno ma non ho avuto risposta",
		"my passport renewal is taking too long",
		"i still havent received my residence permit",
		"case number 2024/556",
		"mon dossier est bloque depuis 3 mois",
		"je n'ai toujours pas reçu mon titre de séjour",
		"expediente numero 7788",
		"mi solicitud de empadronamiento sigue pendiente",
		"mein antrag auf wohngeld liegt seit monaten",
		"ich habe meinen aufenthaltstitel noch nicht bekommen",
		"لم تصلني بطاقة الاقامة بعد",
		"ما مصير ملفي؟",
		"dosarul meu de cetatenie e blocat",
		"nu am primit inca permisul",
		"ende nuk kam marre pergjigje per kerkesen time",
		"dosja ime ka mbetur ne pritje",
		"我的护照申请还没有结果",
	}
	signalMoreNone = []string{
		"come faccio a diventare volontario dei vigili del fuoco?",
		"dove si trova la caserma dei carabinieri?",
		"numero della polizia municipale",
		"quando passa il camion dei rifiuti? è urgente",
		"ho bisogno urgente di un appuntamento per la carta d'identità",
		"il mio cane si è perso, a chi mi rivolgo?",
		"mio figlio ha perso la tessera della mensa",
		"ho perso il portafoglio con i documenti",
		"come si smaltiscono le batterie al piombo?",
		"come richiedo il contrassegno disabili per mio padre?",
		"sono stato multato per eccesso di velocità, come faccio ricorso?",
		"posso bruciare le sterpaglie in giardino?",
		"dove butto l'olio da cucina?",
		"orari del pronto soccorso pediatrico",
		"vorrei iscrivere mio figlio al nido",
		"c'è un albero caduto in strada",
		"perdita d'acqua in strada",
		"quanto tempo ci vuole per il passaporto?",
		"voglio segnalare un incidente stradale avvenuto ieri per la buca",
		"bonus incentivi caldaia a gas",
		"la mia bolletta del gas è troppo alta",
		"avete la mappa del rischio alluvioni?",
		"quando arriva l'accredito del bonus affitto?",
		"sto sperando che la domanda venga accolta, quanto ci vuole di solito?",
		"c'è il sequestro dell'auto se non pago?",
		"how can I volunteer with the fire brigade?",
		"where is the police station?",
		"I need an urgent appointment for my passport",
		"my dog is lost, who do I contact?",
		"my son lost his school bus pass",
		"where do I throw away cooking oil?",
		"can I burn garden waste?",
		"what are the emergency room opening hours?",
		"I got a speeding fine, how do I appeal?",
		"there is a water leak in the street",
		"a tree fell on the road",
		"my gas bill is too high",
		"is there a flood risk map?",
		"I'm dying to know when the pool opens",
		"the heat is killing me, when do the pools open?",
		"is my car insured for the ZTL?",
		"the neighbours are shouting every night",
		"comment devenir pompier volontaire ?",
		"où est le commissariat ?",
		"j'ai besoin d'un rendez-vous urgent pour mon passeport",
		"mon chien s'est perdu, qui contacter ?",
		"mon fils a perdu sa carte de cantine",
		"où jeter l'huile de cuisson ?",
		"est-ce que je peux brûler les déchets verts ?",
		"horaires des urgences de l'hôpital",
		"j'ai reçu une amende pour excès de vitesse",
		"fuite d'eau dans la rue",
		"un arbre est tombé sur la route",
		"ma facture de gaz est trop élevée",
		"je meurs d'envie de savoir quand ouvre la piscine",
		"je suis au courant des nouvelles règles ?",
		"¿cómo ser bombero voluntario?",
		"¿dónde está la comisaría?",
		"necesito una cita urgente para el pasaporte",
		"mi perro se ha perdido",
		"mi hijo perdió la tarjeta del comedor",
		"¿dónde tiro el aceite de cocina?",
		"¿puedo quemar restos de poda?",
		"horario de urgencias del hospital",
		"me han puesto una multa por exceso de velocidad",
		"hay una fuga de agua en la calle",
		"se cayó un árbol en la carretera",
		"mi factura del gas es muy alta",
		"me muero de ganas de saber cuándo abre la piscina",
		"wie werde ich freiwilliger Feuerwehrmann?",
		"wo ist die Polizeiwache?",
		"ich brauche dringend einen Termin für meinen Pass",
		"mein Hund ist weggelaufen",
		"mein Sohn hat seinen Schülerausweis verloren",
		"wo entsorge ich Altöl?",
		"darf ich Gartenabfälle verbrennen?",
		"Öffnungszeiten der Notaufnahme",
		"ich habe einen Strafzettel bekommen",
		"Wasserrohrbruch auf der Straße",
		"ein Baum ist auf die Straße gefallen",
		"meine Gasrechnung ist zu hoch",
		"كيف أصبح متطوعا في الدفاع المدني؟",
		"أين مركز الشرطة؟",
		"أحتاج موعدا عاجلا لجواز السفر",
		"ضاع كلبي، بمن أتصل؟",
		"ابني أضاع بطاقة المقصف",
		"أين أرمي زيت الطبخ؟",
		"هل يمكنني حرق مخلفات الحديقة؟",
		"مواعيد قسم الطوارئ في المستشفى",
		"حصلت على مخالفة سرعة",
		"تسرب مياه في الشارع",
		"فاتورة الغاز مرتفعة جدا",
		"cum devin pompier voluntar?",
		"unde este secția de poliție?",
		"am nevoie urgent de o programare pentru pașaport",
		"mi s-a pierdut câinele",
		"fiul meu și-a pierdut cardul de la cantină",
		"unde arunc uleiul de gătit?",
		"pot arde resturile vegetale?",
		"programul de la urgențe",
		"am primit o amendă pentru viteză",
		"țeavă spartă pe stradă",
		"factura la gaz e prea mare",
		"si të bëhem zjarrfikës vullnetar?",
		"ku është stacioni i policisë?",
		"më duhet një takim urgjent për pasaportën",
		"më humbi qeni",
		"djali humbi kartën e mensës",
		"ku ta hedh vajin e gatimit?",
		"a mund të djeg mbeturinat e kopshtit?",
		"orari i urgjencës në spital",
		"mora një gjobë për shpejtësi",
		"rrjedhje uji në rrugë",
		"fatura e gazit është shumë e lartë",
		"怎么成为志愿消防员？",
		"警察局在哪里？",
		"我急需办护照的预约",
		"我的狗丢了",
		"我儿子的食堂卡丢了",
		"厨房废油扔哪里？",
		"可以烧花园垃圾吗？",
		"医院急诊几点开门",
		"我收到了超速罚单",
		"街上水管漏水",
		"煤气费太贵了",
		"come si rinnova il passaporto?",
		"quanto costa la carta d'identità?",
		"orari dell'anagrafe",
		"il mio bambino deve fare il vaccino, dove?",
		"dove si paga la tari?",
		"la raccolta del vetro quando passa?",
		"voglio iscrivere mio figlio alla mensa",
		"ho bisogno di un certificato di nascita urgente",
		"c'è molto traffico in centro, ci sono lavori?",
		"come funziona il bonus bebè?",
		"quali documenti servono per il cambio di residenza?",
		"posso parlare di questo problema in consiglio comunale?",
		"how do i register a birth?",
		"can i pay the waste tax online?",
		"where is the registry office?",
		"what documents do i need for residence?",
		"my son needs a school bus pass",
		"i want to report a broken bench in the park",
		"comment inscrire mon enfant à la crèche ?",
		"où payer la taxe des ordures ?",
		"quels documents pour la résidence ?",
		"¿cómo me empadrono?",
		"¿dónde pago la basura?",
		"¿qué necesito para el certificado de nacimiento?",
		"wie melde ich meinen wohnsitz an?",
		"wo bezahle ich die müllgebühr?",
		"كيف أسجل مولودا جديدا؟",
		"أين أدفع ضريبة النفايات؟",
		"cum îmi fac buletinul?",
		"unde plătesc taxa de gunoi?",
		"si ta regjistroj foshnjën?",
		"ku paguhet taksa e mbeturinave?",
		"怎么办理出生登记？",
		"垃圾费在哪里交？",
		"il gas della cucina va controllato ogni anno?",
		"dove posso fare la revisione della caldaia a gas?",
		"la strada è allagata quando piove, chi devo chiamare per il tombino?",
		"voglio iscrivermi al corso di primo soccorso",
		"mia nonna ha bisogno dell'assistenza domiciliare",
		"come si richiede l'invalidità per mio padre?",
		"il mio vicino ha la musica alta",
		"a che ora chiude il cimitero?",
		"how do I book a gas boiler check?",
		"the street floods every time it rains, who fixes the drain?",
		"where can I take a first aid course?",
		"my grandma needs home care",
		"is there a shelter for homeless people?",
		"comment faire contrôler ma chaudière à gaz ?",
		"où suivre une formation aux premiers secours ?",
		"¿dónde hago un curso de primeros auxilios?",
		"¿cómo pido la ayuda a domicilio para mi abuela?",
		"wo kann ich einen erste-hilfe-kurs machen?",
		"meine oma braucht häusliche pflege",
		"أين أجد دورة إسعافات أولية؟",
		"جدتي تحتاج رعاية منزلية",
		"unde pot face un curs de prim ajutor?",
		"bunica are nevoie de îngrijire la domiciliu",
		"ku mund të bëj një kurs të ndihmës së parë?",
		"gjyshja ka nevojë për kujdes në shtëpi",
		"哪里可以参加急救培训？",
		"我奶奶需要居家护理",
	}
)

// The examples the signals were specified with, verbatim.
var (
	signalBriefHuman = []string{
		"voglio parlare con un operatore", "passami una persona", "can I talk to a real person", "operator please",
		"je veux parler à un conseiller", "quiero hablar con una persona", "ich möchte mit einem Mitarbeiter sprechen",
		"أريد التحدث مع موظف", "vreau să vorbesc cu un operator", "dua të flas me një operator", "我要人工客服", "转人工",
		"operatore", "operator", "humano", "人工",
	}
	signalBriefPersonal = []string{
		"pratica n. 2024/1187", "protocollo 45123", "application number 7781", "numéro de dossier", "expediente 3321",
		"Aktenzeichen", "رقم الملف", "numărul dosarului", "numri i praktikës", "申请编号",
		"a che punto è la mia pratica", "my application is still pending", "où en est mon dossier", "mi solicitud no avanza",
		"wie ist der Stand meines Antrags", "ماذا حدث لطلبي", "ce se întâmplă cu dosarul meu", "si është kërkesa ime",
		"我的申请怎么样了", "I have not received my card yet",
	}
	signalBriefEmergency = []string{
		"call an ambulance", "call the police", "call the firefighters", "help me please someone is dying",
	}
	signalBriefNone = []string{
		"emergenza abitativa", "urgent certificate", "I need help filling the form", "aiuto per la TARI",
		"fire safety certificate for my restaurant", "my permit expired urgently", "accident report for insurance copy",
		"a broken street light", "a pothole", "noisy neighbours", "incendio boschivo prevention rules",
		"how do I renew my ID card", "my residence permit expires next month, what do I do",
	}
)

func TestSignalsMore(t *testing.T) {
	check := func(name string, texts []string, ok func(Signals) bool) {
		for _, text := range texts {
			t.Run(name+"/"+text, func(t *testing.T) {
				if s := DetectSignals(text); !ok(s) {
					t.Errorf("DetectSignals(%q) = %+v", text, s)
				}
			})
		}
	}
	emergency := func(s Signals) bool { return s.Emergency }
	human := func(s Signals) bool { return s.Human && !s.Emergency }
	personal := func(s Signals) bool { return s.Personal && !s.Emergency }
	none := func(s Signals) bool { return s == (Signals{}) }
	check("emergency", signalMoreEmergencies, emergency)
	check("human", signalMoreHuman, human)
	check("personal", signalMorePersonal, personal)
	check("none", signalMoreNone, none)
	check("brief/emergency", signalBriefEmergency, emergency)
	check("brief/human", signalBriefHuman, human)
	check("brief/personal", signalBriefPersonal, personal)
	check("brief/none", signalBriefNone, none)
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
	// Messages are capped at 2000 characters upstream, but DetectSignals
	// must not depend on that cap.
	f.Add(strings.Repeat("incendio pratica n. 2024/1187 人工 النجده ", 2600))
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

// emergencyRecallBlind are emergency messages written before the lexicon of
// their category was read, the way scared people type them (no accents,
// typos, no punctuation, code-switching), across drowning, road collisions,
// bleeding, unconsciousness, heart and stroke, breathing, seizures,
// poisoning, fire/gas/explosions, violence, suicide, missing children,
// electrocution and people trapped. They measure recall on wording the
// lexicon was not written from, so new phrasings go here as they are found.
// Caught before the lexicons were extended for them: this round 162 of 201,
// the held-out round 93 of 102 (96 after fixing this round's misses alone),
// round 3 63 of 90, round 4 43 of 72.
var emergencyRecallBlind = map[string][]string{
	"it": {
		"un ragazzo e caduto nel fiume e non riemerge",
		"la bambina e finita in acqua al lago e non sa nuotare",
		"una macchina ha investito un ciclista e sta a terra non si muove",
		"incidente con la moto il ragazzo e sull asfalto",
		"mio nonno ha sbattuto la testa e perde tanto sangue",
		"mia moglie non risponde non riesco a svegliarla",
		"mio papa ha un dolore forte al petto e il braccio sinistro formicola",
		"mia zia ha la bocca storta e non riesce a parlare",
		"il bimbo si e strozzato con una caramella",
		"mio figlio ha le convulsioni",
		"la bambina ha bevuto la candeggina",
		"esce fumo dall appartamento di sopra",
		"e esplosa una bombola nel palazzo",
		"ce qualcuno in casa mia mi sono chiusa in bagno",
		"un uomo vuole buttarsi dal ponte",
		"ho perso mia figlia al mercato non la trovo piu",
		"un operaio ha preso la scossa",
		"siamo bloccati in ascensore e mia madre sta male",
		"la macchina e bloccata nel sottopasso allagato con una signora dentro",
		"mi ha punto un ape e mi si gonfia la gola",
		"mio marito mi vuole ammazzare",
		"un ragazzo ha preso troppa roba e non si sveglia",
	},
	"en": {
		"my son fell in the lake and went under",
		"someone is drowning at the beach",
		"a car just hit a guy on a bike hes not moving",
		"motorbike crashed into a van the rider is lying on the road",
		"my dad hit his head and theres blood everywhere",
		"she passed out and wont wake up",
		"my husband is unresponsive",
		"grandmas face is drooping and she cant talk properly",
		"crushing pain in his chest and his left arm is numb",
		"my baby is choking",
		"his throat is swelling after eating peanuts",
		"my daughter is having a seizure",
		"toddler drank bleach",
		"i think my flatmate took an overdose",
		"smoke coming out of the house next door",
		"theres a strong smell of gas in the building",
		"someone is breaking into my house right now im hiding",
		"a man with a gun outside the school",
		"guy on the bridge says he wants to jump",
		"i want to kill myself",
		"my 5 year old is missing cant find him anywhere",
		"a worker got electrocuted",
		"the building collapsed people are trapped",
		"stuck in the lift and my mum is fainting",
	},
	"fr": {
		"un enfant est tombe dans la riviere il se noie",
		"mon fils a coule dans la piscine",
		"une voiture a renverse un cycliste il bouge plus",
		"accident de moto le motard est par terre",
		"il saigne beaucoup de la tete",
		"ma mere est inconsciente elle repond pas",
		"mon pere a tres mal a la poitrine",
		"il a la bouche de travers et il arrive pas a parler",
		"mon bebe s etouffe",
		"elle fait une crise d epilepsie",
		"ma fille a avale de la javel",
		"il y a de la fumee qui sort de l immeuble",
		"ca sent le gaz dans la cage d escalier",
		"quelqu un est entre chez moi je suis cachee",
		"mon copain me menace avec un couteau",
		"un homme veut sauter du pont",
		"j ai perdu mon fils au marche je le trouve plus",
		"il s est electrocute",
		"on est coinces dans l ascenseur",
		"un immeuble s est effondre",
		"je veux me suicider",
		"ma gorge gonfle j arrive plus a respirer",
	},
	"es": {
		"un nino se esta ahogando en la piscina",
		"mi amigo se cayo al rio y no sale",
		"un coche atropello a un chico en bici y no se mueve",
		"choque de moto el conductor esta en el suelo sangrando",
		"le sale mucha sangre de la cabeza",
		"mi abuela se desmayo y no despierta",
		"mi padre tiene dolor en el pecho y el brazo dormido",
		"tiene la cara torcida y no puede hablar",
		"se esta atragantando",
		"mi hijo esta convulsionando",
		"el nino se tomo lejia",
		"sale humo del edificio",
		"huele mucho a gas en la escalera",
		"hay alguien dentro de mi casa estoy escondida",
		"mi pareja me esta pegando",
		"una chica quiere tirarse del puente",
		"se perdio mi hija en el mercado no la encuentro",
		"le dio una descarga electrica",
		"estamos atrapados en el ascensor y mi madre se siente mal",
		"me quiero suicidar",
		"se le hincha la garganta no puede respirar",
		"se derrumbo un edificio hay gente debajo",
	},
	"de": {
		"mein sohn ist im fluss untergegangen",
		"da ertrinkt jemand im see",
		"ein auto hat einen radfahrer angefahren er bewegt sich nicht",
		"motorradunfall der fahrer liegt auf der strasse",
		"er blutet stark am kopf",
		"meine frau ist bewusstlos",
		"opa reagiert nicht mehr",
		"starke schmerzen in der brust und der linke arm ist taub",
		"ihr gesicht hangt auf einer seite und sie kann nicht sprechen",
		"mein baby erstickt",
		"hals schwillt zu nach bienenstich",
		"mein kind hat einen krampfanfall",
		"kind hat putzmittel getrunken",
		"es brennt im treppenhaus",
		"riecht stark nach gas",
		"jemand bricht gerade in meine wohnung ein",
		"er bedroht mich mit einem messer",
		"ein mann will von der brucke springen",
		"ich will mich umbringen",
		"mein kind ist weg ich finde es nicht",
		"er hat einen stromschlag bekommen",
		"wir stecken im aufzug fest",
		"haus eingesturzt leute verschuttet",
	},
	"ar": {
		"طفل يغرق في البحر",
		"ابني وقع في النهر وما طلع",
		"سيارة صدمت رجل على دراجة ولا يتحرك",
		"حادث سير وفي شخص مصاب",
		"راسه ينزف كثير",
		"امي مغمى عليها ولا ترد",
		"ابي عنده الم قوي في صدره",
		"وجهه مايل وما يقدر يتكلم",
		"الطفل يختنق",
		"ابني عنده تشنجات",
		"البنت شربت كلور",
		"في دخان كثير في العماره",
		"ريحة غاز قوية في البيت",
		"في حرامي في البيت",
		"زوجي يضربني",
		"رجل يريد ينتحر من الجسر",
		"ضاع ابني في السوق",
		"صعقه كهربائيه",
		"عالقين في المصعد",
		"انهار المبنى",
	},
	"ro": {
		"un copil se ineaca in lac",
		"o masina a lovit un biciclist si nu se misca",
		"accident cu motocicleta omul e jos",
		"sangereaza tare la cap",
		"mama a lesinat si nu se trezeste",
		"tata nu raspunde",
		"il doare tare in piept si mana stanga e amortita",
		"are gura stramba si nu poate vorbi",
		"copilul s a inecat cu o bomboana",
		"are convulsii",
		"copilul a baut clor",
		"iese fum din apartament",
		"miroase a gaz in bloc",
		"cineva a intrat in casa peste noi",
		"sotul meu ma bate",
		"un om vrea sa sara de pe pod",
		"mi s a pierdut copilul in parc",
		"s a electrocutat",
		"suntem blocati in lift",
		"s a prabusit blocul",
		"vreau sa ma sinucid",
	},
	"sq": {
		"nje femije po mbytet ne lum",
		"makina perplasi nje biciklist dhe nuk levize",
		"aksident me motor djali eshte ne toke",
		"i rrjedh shume gjak nga koka",
		"nena ra pa ndjenja dhe nuk zgjohet",
		"babai ka dhimbje te forte ne gjoks",
		"nuk mund te flase fytyra e shtrember",
		"femija nuk merr fryme",
		"ka kriza epileptike",
		"femija piu varikine",
		"del tym nga shtepia",
		"vjen ere gazi ne shkalle",
		"dikush hyri ne shtepi",
		"burri me rrah",
		"nje djale do te hidhet nga ura",
		"humbi djali im ne treg",
		"e zuri korrenti",
		"jemi bllokuar ne ashensor",
		"u shemb pallati",
		"dua te vras veten",
	},
	"zh": {
		"有人掉河里了",
		"孩子溺水了",
		"车撞了一个骑电动车的人 他不动了",
		"被车撞了 腿在流血",
		"我爸头撞破了 血流不止",
		"我妈晕倒了 叫不醒",
		"老公胸口很痛 左手发麻",
		"她嘴歪了 说不出话",
		"孩子喉咙卡住了 喘不过气",
		"我儿子在抽搐",
		"小孩喝了消毒水",
		"楼上冒烟了",
		"厨房有煤气味",
		"有人闯进我家 我躲在房间",
		"老公在打我",
		"有个人站在楼顶要跳楼",
		"孩子走丢了 找不到了",
		"有人触电了",
		"电梯困人 里面的老人不舒服",
		"房子塌了 有人被埋",
		"过敏 喉咙肿了",
	},
	"mix": {
		"help mio figlio e caduto in acqua",
		"pls ambulanza my friend collapsed",
		"aiuto my dad is not breathing",
		"socorro he is bleeding a lot",
		"bitte hilfe my wife is unconscious",
		"mama e lesinata come si dice chiamate ambulanza",
	},
}

// emergencyRecallHeldOut were written blind together with
// emergencyRecallBlind but kept aside while the lexicons were extended for
// the misses of the first batch, to measure how the fixes generalise.
var emergencyRecallHeldOut = map[string][]string{
	"it": {
		"mio fratello sta annegando",
		"hanno messo sotto un pedone sulle strisce e non si rialza",
		"mia mamma e svenuta in bagno e non apre gli occhi",
		"sta perdendo un sacco di sangue dal braccio",
		"non riesce a respirare ha le labbra blu",
		"ha ingerito un flacone di pillole",
		"sento odore di gas forte nelle scale",
		"il mio ex e sotto casa con un coltello e mi minaccia",
		"la mia amica mi ha scritto che si vuole uccidere",
		"e crollato il tetto ci sono persone sotto",
		"mio figlio ha toccato un filo elettrico ed e a terra",
		"un tizio si e accasciato al bar e non respira",
	},
	"en": {
		"kid went under the water at the pool and hasnt come up",
		"pedestrian knocked down by a bus he is bleeding from the head",
		"my wife collapsed and isnt responding",
		"he cant breathe his lips are blue",
		"my mum swallowed a whole bottle of pills",
		"fire in the kitchen spreading fast",
		"my ex is outside with a knife threatening me",
		"my friend texted me she is going to end it tonight",
		"the roof fell in people underneath",
		"my boyfriend is strangling me",
		"someone got shot",
		"dad is having a stroke",
	},
	"fr": {
		"mon frere est en train de se noyer",
		"un pieton a ete percute par une voiture il saigne",
		"ma femme s est effondree elle ne respire plus",
		"il a les levres bleues il respire mal",
		"elle a pris toute une boite de medicaments",
		"le feu prend dans la cuisine",
		"mon ex est devant chez moi avec un couteau",
		"mon ami veut en finir ce soir",
		"il fait un malaise cardiaque",
		"il y a une explosion dans la rue",
		"mon fils a disparu a la sortie de l ecole",
	},
	"es": {
		"mi hermano se ahoga en el mar",
		"atropellaron a una senora en el paso de cebra esta sangrando",
		"mi mujer se desplomo y no responde",
		"tiene los labios morados no respira bien",
		"se tomo un bote entero de pastillas",
		"hay fuego en la cocina",
		"mi ex esta afuera con un cuchillo amenazandome",
		"mi amiga dice que se va a matar",
		"le esta dando un infarto",
		"ha explotado algo en el edificio",
		"un hombre armado en la tienda",
	},
	"de": {
		"mein bruder ertrinkt",
		"ein fussganger wurde angefahren und blutet",
		"meine frau ist zusammengebrochen und atmet nicht",
		"er kriegt keine luft mehr die lippen sind blau",
		"sie hat eine ganze packung tabletten geschluckt",
		"feuer in der kuche",
		"mein ex steht mit einem messer vor der tur",
		"meine freundin will sich das leben nehmen",
		"er hat einen herzinfarkt",
		"explosion im haus nebenan",
		"mein kind ist verschwunden",
		"jemand ist ins wasser gefallen",
	},
	"ar": {
		"اخوي يغرق",
		"سيارة دهست ولد وهو ينزف",
		"زوجتي سقطت على الارض وما تتنفس",
		"ما يقدر يتنفس",
		"بلعت حبوب كثيرة",
		"حريق في المطبخ",
		"واحد معه سكين ويهددني",
		"صديقي يبي ينتحر",
		"نوبة قلبية",
		"انفجار في الشارع",
		"بنتي مفقودة",
	},
	"ro": {
		"fratele meu se ineaca in mare",
		"un pieton a fost calcat de o masina si sangereaza",
		"sotia mea s a prabusit si nu mai respira",
		"nu poate respira are buzele vinete",
		"a inghitit o cutie intreaga de pastile",
		"foc in bucatarie",
		"fostul meu e la usa cu un cutit",
		"prietena mea vrea sa se omoare",
		"face infarct",
		"explozie in bloc",
		"copilul meu a disparut",
	},
	"sq": {
		"vellai im po mbytet ne det",
		"nje kembesor u perplas nga makina dhe po i rrjedh gjak",
		"gruaja ra ne toke dhe nuk merr fryme",
		"ka buzet blu nuk merr dot fryme",
		"piu nje kuti te tere me hape",
		"ka zjarr ne kuzhine",
		"ish burri im eshte para deres me thike",
		"shoqja ime do te vrase veten",
		"ka infarkt",
		"shperthim ne pallat",
		"femija im ka humbur",
	},
	"zh": {
		"我弟弟在水里快淹死了",
		"有人被公交车撞了 流了很多血",
		"我老婆突然倒地 没有呼吸",
		"他喘不上气 嘴唇发紫",
		"她吃了一整瓶安眠药",
		"厨房着火了",
		"前夫拿着刀在我家门口",
		"我朋友说她不想活了",
		"心脏病发作",
		"楼下爆炸了",
		"我的孩子不见了",
	},
}

// emergencyRecallRound3 and emergencyRecallRound4 were written after the
// first two rounds had been fixed, again before being run, to measure what
// the lexicons still missed; their misses (weapon fights, stroke signs
// without the word "stroke", ice, cars in water, bites, drugs and cyanosis,
// heart signs without "chest", children locked in cars) were then fixed by
// category in every language.
var emergencyRecallRound3 = map[string][]string{
	"it": {
		"presto mio nipote e cascato nella piscina dei vicini e non esce",
		"ce un motociclista per terra dopo lo schianto e non parla",
		"mia suocera ha la faccia storta all improvviso",
		"il bimbo ha mangiato delle pastiglie della nonna",
		"il vicino sta picchiando la moglie sento urlare",
		"un uomo sul tetto della scuola dice che si butta",
		"il mio vicino anziano e a terra in cucina e non apre",
		"odore fortissimo di gas e la vicina non apre",
		"mio fratello e stato morso da un serpente e gli si gonfia il braccio",
		"mio padre e caduto dalla scala e non sente le gambe",
	},
	"en": {
		"my neighbour is lying on the kitchen floor and not answering",
		"a kid fell through the ice on the pond",
		"he took a load of pills and now hes really sleepy and wont answer",
		"guy just got stabbed outside the pub",
		"my sister is having a panic attack and cant breathe and her lips are going blue",
		"theres a man on the railway bridge about to jump",
		"the car went into the canal with people inside",
		"dad is slurring and his arm is weak",
		"my toddler swallowed a button battery",
		"some guys are fighting with knives in the square",
	},
	"fr": {
		"mon voisin est allonge dans la cuisine et ne repond plus",
		"un enfant a disparu dans les vagues",
		"elle a avale plein de cachets et elle dort plus moyen de la reveiller",
		"un homme s est fait poignarder devant le bar",
		"mon pere parle bizarrement et son bras est tout mou",
		"y a un gars sur le pont qui va sauter",
		"la voiture est tombee dans le canal avec des gens dedans",
		"ma fille a avale une pile bouton",
		"des types se battent au couteau sur la place",
		"mon mari est tombe de l echelle il sent plus ses jambes",
	},
	"es": {
		"mi vecino esta tirado en la cocina y no contesta",
		"un nino se cayo al hielo del lago",
		"se tomo un monton de pastillas y no hay quien la despierte",
		"acaban de apunalar a un chico en la puerta del bar",
		"mi padre habla raro y tiene el brazo flojo",
		"hay un hombre en el puente a punto de saltar",
		"el coche se cayo al canal con gente dentro",
		"mi nino se trago una pila de boton",
		"unos tipos se estan peleando con navajas en la plaza",
		"mi marido se cayo de la escalera y no siente las piernas",
	},
	"de": {
		"mein nachbar liegt in der kuche und antwortet nicht",
		"ein kind ist auf dem see ins eis eingebrochen",
		"sie hat ganz viele tabletten genommen und ist nicht wach zu kriegen",
		"vor der kneipe wurde gerade einer niedergestochen",
		"papa redet komisch und sein arm ist schlaff",
		"auf der brucke steht ein mann und will runter",
		"das auto ist mit leuten drin in den kanal gefahren",
		"mein kleiner hat eine knopfbatterie verschluckt",
		"ein paar typen gehen auf dem platz mit messern aufeinander los",
		"mein mann ist von der leiter gefallen und spurt seine beine nicht",
	},
	"ar": {
		"جاري واقع في المطبخ وما يرد",
		"طفل طاح في البركه",
		"بلعت حبوب كثير وما تصحى",
		"طعنوا شاب قدام المقهى",
		"ابوي كلامه مو واضح وايده ضعيفه",
		"في رجل على الجسر بيرمي حاله",
		"السياره وقعت في القناه وفيها ناس",
		"ابني بلع بطاريه صغيره",
		"في شباب يتضاربون بالسكاكين في الساحه",
		"زوجي وقع من السلم وما يحس برجليه",
	},
	"ro": {
		"vecinul meu e intins in bucatarie si nu raspunde",
		"un copil a cazut prin gheata pe lac",
		"a luat o gramada de pastile si nu se mai trezeste",
		"au injunghiat un tip in fata barului",
		"tata vorbeste ciudat si mana ii atarna",
		"e un om pe pod gata sa sara",
		"masina a cazut in canal cu oameni in ea",
		"copilul a inghitit o baterie mica",
		"niste tipi se bat cu cutite in piata",
		"sotul a cazut de pe scara si nu isi simte picioarele",
	},
	"sq": {
		"fqinji eshte shtrire ne kuzhine dhe nuk pergjigjet",
		"nje femije ra ne akull ne liqen",
		"piu shume hape dhe nuk zgjohet",
		"e theren me thike nje djale para lokalit",
		"babai flet cudi dhe dora i ka rene",
		"ka nje burre ne ure qe do te hidhet",
		"makina ra ne kanal me njerez brenda",
		"djali gelltiti nje bateri te vogel",
		"disa djem po grinden me thika ne shesh",
		"burri ra nga shkallet dhe nuk i ndjen kembet",
	},
	"zh": {
		"邻居倒在厨房里 叫他也不答应",
		"有个小孩掉进冰窟窿里了",
		"她吃了一大把药 现在叫不醒",
		"酒吧门口有人被捅了",
		"我爸说话含糊 手没力气",
		"桥上有个男的要往下跳",
		"车掉进河里了 里面还有人",
		"孩子吞了一颗纽扣电池",
		"广场上有几个人拿刀打架",
		"我老公从梯子上摔下来 腿没有知觉",
	},
}

var emergencyRecallRound4 = map[string][]string{
	"it": {
		"il mio compagno mi ha chiusa in casa e mi minaccia con il coltello",
		"mia figlia di 4 anni non si trova piu al centro commerciale",
		"esce gas dalla caldaia e c e odore fortissimo",
		"fiamme dal tetto della villetta accanto",
		"mio fratello si e fatto di eroina ed e tutto blu",
		"mio nonno ha un dolore al braccio sinistro e suda freddo",
		"un bambino e rimasto chiuso in macchina al sole",
		"siamo rimasti intrappolati in cantina con l acqua che sale",
	},
	"en": {
		"my ex broke in and is smashing everything im locked in the bathroom",
		"lost my little boy at the market he is 3",
		"gas cooker left on and the whole flat stinks of gas",
		"flames coming from the roof next door",
		"my brother shot up heroin and hes blue",
		"grandad has pain down his left arm and is sweaty and grey",
		"a baby is locked in a hot car in the car park",
		"we re trapped in the basement and the water keeps rising",
	},
	"fr": {
		"mon copain m a enfermee et me menace avec un couteau",
		"ma fille de 4 ans a disparu au centre commercial",
		"ca sent le gaz tres fort dans la cuisine",
		"des flammes sortent du toit de la maison d a cote",
		"mon frere s est injecte de l heroine il est tout bleu",
		"mon grand pere a mal au bras gauche et il transpire",
		"un bebe est enferme dans une voiture en plein soleil",
		"on est bloques a la cave et l eau monte",
	},
	"es": {
		"mi novio me ha encerrado y me amenaza con un cuchillo",
		"mi hija de 4 anos se ha perdido en el centro comercial",
		"huele muchisimo a gas en la cocina",
		"salen llamas del tejado de la casa de al lado",
		"mi hermano se ha metido heroina y esta morado",
		"mi abuelo tiene dolor en el brazo izquierdo y suda frio",
		"hay un bebe encerrado en un coche al sol",
		"estamos atrapados en el sotano y el agua sube",
	},
	"de": {
		"mein freund hat mich eingesperrt und droht mit dem messer",
		"meine vierjahrige tochter ist im einkaufszentrum verschwunden",
		"in der kuche riecht es extrem nach gas",
		"flammen schlagen aus dem dach vom nachbarhaus",
		"mein bruder hat sich heroin gespritzt und ist ganz blau",
		"opa hat schmerzen im linken arm und kalten schweiss",
		"ein baby ist in einem heissen auto eingesperrt",
		"wir sitzen im keller fest und das wasser steigt",
	},
	"ar": {
		"زوجي حبسني في البيت ويهددني بالسكين",
		"بنتي عمرها ٤ سنين ضاعت في المول",
		"ريحة غاز قوية جدا في المطبخ",
		"النار طالعة من سطح بيت الجيران",
		"اخوي اخذ هيروين وصار ازرق",
		"جدي عنده وجع في ايده اليسار وعرقان",
		"في طفل محبوس في سيارة تحت الشمس",
		"احنا محبوسين في القبو والمية عم تطلع",
	},
	"ro": {
		"prietenul m a incuiat in casa si ma ameninta cu cutitul",
		"fetita mea de 4 ani s a pierdut in mall",
		"miroase foarte tare a gaz in bucatarie",
		"ies flacari din acoperisul casei vecine",
		"fratele meu s a injectat cu heroina si e vanat",
		"bunicul are dureri in bratul stang si transpira rece",
		"un bebelus e inchis intr o masina la soare",
		"suntem blocati in pivnita si apa creste",
	},
	"sq": {
		"i dashuri me mbylli ne shtepi dhe me kercenon me thike",
		"vajza ime 4 vjec humbi ne qendren tregtare",
		"vjen ere e forte gazi ne kuzhine",
		"dalin flake nga catia e shtepise se fqinjit",
		"vellai im mori heroine dhe u be blu",
		"gjyshi ka dhimbje ne krahun e majte dhe djersitet",
		"nje bebe eshte mbyllur ne makine ne diell",
		"jemi bllokuar ne bodrum dhe uji po ngrihet",
	},
	"zh": {
		"男朋友把我锁在家里 拿刀威胁我",
		"我四岁的女儿在商场走丢了",
		"厨房煤气味特别大",
		"隔壁房顶冒火了",
		"我哥打了海洛因 脸都紫了",
		"爷爷左胳膊疼 一直出冷汗",
		"有个婴儿被锁在车里晒太阳",
		"我们被困在地下室 水一直在涨",
	},
}

func TestEmergencyRecallBlind(t *testing.T) {
	rounds := []struct {
		name  string
		texts map[string][]string
	}{
		{"blind", emergencyRecallBlind},
		{"heldout", emergencyRecallHeldOut},
		{"round3", emergencyRecallRound3},
		{"round4", emergencyRecallRound4},
	}
	for _, r := range rounds {
		for lang, texts := range r.texts {
			if r.name == "blind" && lang != "mix" && len(texts) < 8 {
				t.Errorf("%s: only %d blind phrasings, want at least 8", lang, len(texts))
			}
			for _, text := range texts {
				t.Run(r.name+"/"+lang+"/"+text, func(t *testing.T) {
					if s := DetectSignals(text); !s.Emergency || s.Cue == "" {
						t.Errorf("DetectSignals(%q) = %+v, want an emergency", text, s)
					}
				})
			}
		}
	}
}

// jsonLines calls fn with every non-empty line of a JSON Lines file.
func jsonLines(t *testing.T, path string, fn func(line []byte) error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if len(strings.TrimSpace(string(line))) == 0 {
			continue
		}
		if err := fn(line); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// evalMessage is one line of an eval set; expect is an entry id, a list of
// them, or "emergency".
type evalMessage struct {
	ID     string          `json:"id"`
	Lang   string          `json:"lang"`
	Text   string          `json:"text"`
	Expect json.RawMessage `json:"expect"`
}

func (m evalMessage) emergency() (bool, error) {
	var one string
	if err := json.Unmarshal(m.Expect, &one); err == nil {
		return one == "emergency", nil
	}
	var many []string
	if err := json.Unmarshal(m.Expect, &many); err != nil {
		return false, err
	}
	for _, e := range many {
		if e == "emergency" {
			return true, nil
		}
	}
	return false, nil
}

var evalSetFiles = []string{
	filepath.Join("..", "evals", "sets", "demo.jsonl"),
	filepath.Join("..", "evals", "sets", "holdout.jsonl"),
}

// Every message the eval sets expect to be an emergency must be one.
func TestEmergencyEvalSets(t *testing.T) {
	for _, path := range evalSetFiles {
		count := 0
		jsonLines(t, path, func(line []byte) error {
			var m evalMessage
			if err := json.Unmarshal(line, &m); err != nil {
				return err
			}
			em, err := m.emergency()
			if err != nil || !em {
				return err
			}
			count++
			if s := DetectSignals(m.Text); !s.Emergency {
				t.Errorf("%s %s: DetectSignals(%q) = %+v, want an emergency", filepath.Base(path), m.ID, m.Text, s)
			}
			return nil
		})
		if count == 0 {
			t.Errorf("%s: no emergency messages found", path)
		}
	}
}

// Emergency recall must not be bought with false alarms: no question,
// alternate or answer of the knowledge base, and no eval message that is
// not an emergency, may trigger one.
func TestEmergencyPrecisionCorpora(t *testing.T) {
	type variant struct {
		Question   string   `json:"question"`
		Alternates []string `json:"alternates"`
		Answer     string   `json:"answer"`
	}
	checked := 0
	check := func(where, text string) {
		checked++
		if s := DetectSignals(text); s.Emergency {
			t.Errorf("%s: DetectSignals(%q) = %+v, want no emergency", where, text, s)
		}
	}
	jsonLines(t, filepath.Join("..", "kb", "demo", "borgoverde.jsonl"), func(line []byte) error {
		var e struct {
			ID       string             `json:"id"`
			Variants map[string]variant `json:"variants"`
		}
		if err := json.Unmarshal(line, &e); err != nil {
			return err
		}
		for lang, v := range e.Variants {
			where := "kb " + e.ID + "/" + lang
			check(where+" question", v.Question)
			for _, a := range v.Alternates {
				check(where+" alternate", a)
			}
			check(where+" answer", v.Answer)
		}
		return nil
	})
	for _, path := range evalSetFiles {
		jsonLines(t, path, func(line []byte) error {
			var m evalMessage
			if err := json.Unmarshal(line, &m); err != nil {
				return err
			}
			em, err := m.emergency()
			if err != nil || em {
				return err
			}
			check(filepath.Base(path)+" "+m.ID, m.Text)
			return nil
		})
	}
	if checked < 500 {
		t.Errorf("only %d texts checked; were the corpora found?", checked)
	}
}

// emergencyLookalikes are everyday questions that use the words the
// emergency rules of each category are built on (a lift that is stuck, a
// pool, an allergy at the canteen, prices that "exploded"): each rule needs
// its event word and a context word so that these stay quiet.
var emergencyLookalikes = map[string][]string{
	"it": {
		"dove si trova il sert per le dipendenze da eroina?",
		"mia figlia ha dimenticato lo zaino in macchina",
		"ho male al braccio sinistro da mesi, serve l'impegnativa?",
		"mio figlio rischia lo shock anafilattico, come lo segnalo alla mensa?",
		"è scoppiato il tubo della lavatrice in casa, chi chiamo?",
		"si vuole buttare il divano vecchio, come prenoto il ritiro ingombranti?",
		"mi ha punto una vespa al parco, serve la crema?",
		"la lampadina del lampione si e fulminata in via roma",
		"corsi di nuoto per bambini alla piscina comunale, come mi iscrivo?",
		"l'ascensore del condominio e bloccato da giorni, chi lo ripara?",
		"mio figlio ha una reazione allergica alle arachidi, come segnalo la dieta alla mensa?",
		"il sito del comune non risponde da stamattina",
		"orari della piscina comunale ad agosto",
		"ho il braccio ingessato, posso delegare qualcuno per la carta d'identità?",
		"il mio vicino non risponde mai al citofono, come segnalo i rumori?",
		"c'è stata una rissa ieri sera in piazza con bottiglie rotte, dove faccio l'esposto?",
		"dove butto le pile esauste e la candeggina scaduta?",
		"l'auto è parcheggiata vicino al fiume, serve il permesso?",
		"è caduto il sistema dei pagamenti, posso pagare la tari domani?",
	},
	"en": {
		"where is the needle exchange for heroin users?",
		"I took something for my cold, is the pharmacy open on sunday?",
		"my daughter forgot her phone in the car, can she still come to the ID appointment?",
		"my son left in the car for school, can I pick up his certificate?",
		"my daughter has a peanut allergy and an epipen, what form do I need for school?",
		"the council said they are going to end it next year, the bus service",
		"my landlord is lying about the rent and not responding to my emails",
		"every night there is a loud bang from the building site next door",
		"I got stung by a bee in the park, is there a pharmacy open?",
		"the lift in our building is stuck again, who do I call for repairs?",
		"is the swimming pool open in august and are there lessons for kids?",
		"my son has a nut allergy, how do I tell the school canteen?",
		"the council website is not responding",
		"where can I dispose of old batteries and bleach bottles?",
		"my arm is weak after the surgery, can someone help me fill the form at home?",
		"can I jump the queue for the ID card if I travel next week?",
		"the car park by the river is flooded, where else can I park?",
		"I broke my leg, can my wife collect my residence permit for me?",
		"the street light bulb is flickering near the bridge",
		"my application seems to have gone under the radar, any news?",
		"the price of the bus pass went up, is there a discount?",
	},
	"fr": {
		"ma fille a oublié son sac dans la voiture",
		"j'ai mal au bras gauche depuis des mois, il faut une ordonnance ?",
		"mon fils a un risque de choc anaphylactique, quel formulaire pour la cantine ?",
		"la mairie ne donne plus signe de vie depuis ma demande",
		"une voiture a sauté le feu rouge devant l'école",
		"aucune réaction de la mairie à ma demande",
		"mon fils ne se lève pas le matin pour l'école",
		"la piscine municipale est ouverte en août ? il y a des cours de natation ?",
		"l'ascenseur de l'immeuble est en panne depuis une semaine, qui appeler ?",
		"mon fils a une allergie aux arachides, comment prévenir la cantine ?",
		"le site de la mairie ne répond plus",
		"où jeter les piles et l'eau de javel ?",
		"comment sauter une étape du formulaire en ligne ?",
		"ma voiture est garée près du canal, le stationnement est payant ?",
		"j'ai le bras cassé, puis-je faire une procuration pour voter ?",
		"le prix de la cantine a explosé cette année",
		"on s'est disputés avec le voisin pour le bruit, que faire ?",
		"mon dossier est tombé dans l'oubli, je n'ai pas de nouvelles",
	},
	"es": {
		"mi hijo se ha dejado las llaves en el coche",
		"tengo dolor en el brazo izquierdo desde hace meses, ¿necesito receta?",
		"mi hijo puede tener un shock anafiláctico, ¿qué papel necesito para el comedor?",
		"el ayuntamiento no da señales de vida desde hace un mes",
		"estalló la protesta en la calle mayor, ¿hay cortes de tráfico?",
		"el técnico tocó un cable y se fue la luz en el portal",
		"¿está abierta la piscina municipal en agosto? ¿hay clases de natación?",
		"el ascensor de la comunidad lleva semanas averiado",
		"mi hija es alérgica a los frutos secos, ¿cómo aviso al comedor?",
		"la web del ayuntamiento no responde",
		"¿dónde tiro las pilas y la lejía?",
		"tengo el brazo roto, ¿puedo pedir cita por teléfono?",
		"el coche está aparcado junto al río, ¿hay zona azul?",
		"se me cayó el móvil al agua, ¿puedo pedir la cita por web?",
		"han explotado los precios del alquiler, ¿hay ayudas?",
		"¿cómo me salto la cola para el padrón?",
	},
	"de": {
		"meine Tochter hat ihr Handy im Auto vergessen",
		"im Park liegt eine Spritze, wer holt die ab?",
		"in meinen Keller ist Wasser eingedrungen, wer zahlt den Schaden?",
		"die Sachbearbeiterin verdreht die Augen, wenn ich nach meinem Antrag frage",
		"wo gibt es den besten Bienenstich vom Bäcker?",
		"das Eis ist gebrochen zwischen uns und den Nachbarn",
		"jede Nacht ein lauter Knall aus der Wohnung nebenan, wer ist zuständig?",
		"ist das Hallenbad im August offen? gibt es Schwimmkurse für Kinder?",
		"der Aufzug in unserem Haus ist schon wieder kaputt, wer repariert ihn?",
		"mein Sohn hat eine Nussallergie, wie melde ich das der Mensa?",
		"die Webseite der Gemeinde reagiert nicht",
		"wo entsorge ich Batterien und Putzmittel?",
		"ich habe den Arm gebrochen, kann ich den Antrag online stellen?",
		"mein Antrag liegt seit Wochen beim Amt und die Sachbearbeiterin antwortet nicht",
		"wann geht die Sonne am See unter? gibt es dort einen Parkplatz?",
		"meine E-Mail ist im Postfach untergegangen, können Sie sie nochmal schicken?",
		"die Preise sind explodiert, gibt es Wohngeld?",
		"das Auto steht am Fluss, brauche ich einen Parkschein?",
		"kann ich beim Einwohnermeldeamt die Warteschlange überspringen?",
	},
	"ar": {
		"ابني نسي تلفونه في السيارة",
		"الموظف لا يرد علي منذ أسبوع",
		"ابني عنده حساسية شديدة، ما الاستمارة المطلوبة للمدرسة؟",
		"هل المسبح البلدي مفتوح في أغسطس؟",
		"المصعد في العمارة معطل من أسبوع، من يصلحه؟",
		"ابني عنده حساسية من الفول السوداني، كيف أبلغ المقصف؟",
		"موقع البلدية لا يستجيب",
		"أين أرمي البطاريات القديمة؟",
		"يدي مكسورة، هل يمكن لزوجتي أن تقدم الطلب عني؟",
		"السيارة واقفة قرب النهر، هل أحتاج تصريح وقوف؟",
		"وقع الهاتف في الماء، كيف أحجز موعد؟",
		"أريد أن أطعن في قرار الغرامة",
	},
	"ro": {
		"fiica mea a uitat telefonul în mașină",
		"s-a luat curentul în bloc, când revine?",
		"unde se aruncă gunoiul de la bloc?",
		"s-a spart gheața între noi și vecini",
		"nu mai dă semne de viață primăria, ce fac?",
		"piscina municipală e deschisă în august? sunt cursuri de înot?",
		"liftul din bloc e blocat de o săptămână, cine îl repară?",
		"fiul meu are alergie la arahide, cum anunț cantina?",
		"site-ul primăriei nu răspunde",
		"unde arunc bateriile vechi?",
		"am mâna ruptă, poate soția să depună cererea?",
		"mașina e parcată lângă râu, trebuie să plătesc parcarea?",
		"mi-a căzut telefonul în apă, cum fac programare?",
		"au explodat prețurile la chirii, există ajutor?",
	},
	"sq": {
		"djali harroi çantën në makinë",
		"ku hidhen mbeturinat nga pallati?",
		"gjyshja ra në akull para bashkisë, a ka kompensim?",
		"bashkia nuk jep shenja jete për kërkesën time",
		"a është e hapur pishina e bashkisë në gusht?",
		"ashensori i pallatit është i bllokuar prej një jave, kush e rregullon?",
		"djali ka alergji nga kikirikët, si e njoftoj mensën?",
		"faqja e bashkisë nuk përgjigjet",
		"ku i hedh bateritë e vjetra?",
		"kam dorën të thyer, a mund ta dorëzojë gruaja kërkesën?",
		"makina është parkuar afër lumit, duhet leje?",
		"më ra telefoni në ujë, si rezervoj takim?",
		"humbi afati për kërkesën, çfarë bëj?",
	},
	"zh": {
		"孩子把书包忘在车里了",
		"打针以后胳膊青了正常吗？",
		"站在桥上拍照可以吗？",
		"工人爬上楼顶修空调要物业同意吗？",
		"车胎爆了，路边可以停吗？",
		"我儿子有严重过敏，需要什么表格给学校？",
		"市游泳池八月开放吗？有儿童游泳课吗？",
		"我们楼的电梯坏了一个星期了，找谁修？",
		"我儿子对花生过敏，怎么告诉学校食堂？",
		"市政府网站没反应",
		"旧电池扔在哪里？",
		"我手骨折了，我老婆可以帮我交申请吗？",
		"车停在河边，需要停车证吗？",
		"手机掉进水里了，怎么预约？",
		"房租涨得太厉害了，有补贴吗？",
		"我想跳槽，怎么办理社保转移？",
	},
}

func TestEmergencyLookalikes(t *testing.T) {
	for lang, texts := range emergencyLookalikes {
		for _, text := range texts {
			t.Run(lang+"/"+text, func(t *testing.T) {
				if s := DetectSignals(text); s.Emergency {
					t.Errorf("DetectSignals(%q) = %+v, want no emergency", text, s)
				}
			})
		}
	}
}

// TestSmallTalk: a message that is only a greeting, thanks, "how are
// you", "who are you", a joke or the weather is small talk, in every
// language; the same words around a question are not.
func TestSmallTalk(t *testing.T) {
	for lang, c := range map[string]struct{ talk, not []string }{
		"it": {talk: []string{"ciao come stai?", "buongiorno", "grazie mille", "chi sei?", "mi racconti una barzelletta?", "che tempo farà domani a Borgoverde?"},
			not: []string{"ciao, come pago la tari?", "grazie, e quando scade la seconda rata?", "quanto tempo ci vuole per la carta d'identità?", "come va fatta la domanda per la mensa?"}},
		"en": {talk: []string{"hi", "how are you?", "thanks a lot", "who are you?", "tell me a joke", "what's the weather like tomorrow?"},
			not: []string{"hi, how do I renew my ID card?", "thanks, and when is the TARI due?"}},
		"fr": {talk: []string{"Bonjour, ça va ?", "merci beaucoup", "qui es-tu ?", "raconte-moi une blague", "Quel temps fera-t-il demain ?"},
			not: []string{"ça va coûter combien, la carte d'identité ?", "bonjour, comment payer la TARI ?"}},
		"es": {talk: []string{"hola, ¿qué tal?", "muchas gracias", "¿quién eres?", "cuéntame un chiste", "¿qué tiempo hará mañana?"},
			not: []string{"hola, ¿cómo pago la multa?", "gracias, ¿y cuándo vence la TARI?"}},
		"de": {talk: []string{"Hallo, wie geht's?", "vielen Dank", "wer bist du?", "erzähl mir einen Witz", "wie wird das Wetter morgen?"},
			not: []string{"Hallo, wie beantrage ich einen Personalausweis?", "danke, und wann ist die TARI fällig?"}},
		"ar": {talk: []string{"السلام عليكم، كيف حالك؟", "شكرا جزيلا", "من انت؟", "احكي لي نكتة", "ما هو الطقس غدا؟"},
			not: []string{"السلام عليكم، كيف أجدد بطاقة الهوية؟", "شكرا، ومتى آخر أجل لدفع ضريبة النفايات؟"}},
		"ro": {talk: []string{"Bună, ce faci?", "mulțumesc", "cine ești?", "spune-mi un banc", "Ce vreme va fi mâine?"},
			not: []string{"Bună ziua, cum îmi reînnoiesc buletinul?", "mulțumesc, și unde plătesc taxa pe gunoi?"}},
		"sq": {talk: []string{"përshëndetje", "si jeni?", "faleminderit shumë", "kush je?", "si do jetë moti nesër?"},
			not: []string{"përshëndetje, si paguhet TARI?", "faleminderit, po karta e identitetit?"}},
		"zh": {talk: []string{"你好", "你好，你是谁？", "谢谢", "讲个笑话", "明天天气怎么样？"},
			not: []string{"你好，身份证丢了怎么办？", "谢谢，垃圾税什么时候交？"}},
	} {
		for _, text := range c.talk {
			t.Run(lang+"/talk/"+text, func(t *testing.T) {
				if s := DetectSignals(text); !s.SmallTalk || s.Emergency || s.Human || s.Personal || s.Cue == "" {
					t.Errorf("DetectSignals(%q) = %+v, want small talk only", text, s)
				}
			})
		}
		for _, text := range c.not {
			t.Run(lang+"/not/"+text, func(t *testing.T) {
				if s := DetectSignals(text); s.SmallTalk {
					t.Errorf("DetectSignals(%q) = %+v, want no small talk", text, s)
				}
			})
		}
	}
}
