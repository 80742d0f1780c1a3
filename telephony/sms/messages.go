package sms

import (
	"strings"
)

// texts are the channel's own words in one language. They are short
// because every character is paid for, and they avoid letters outside GSM
// 03.38 where the language allows (Italian, English, French and German
// stay GSM-7), because one such letter triples the cost of the message.
type texts struct {
	// Help lists what one can text; {phone} sentences are dropped when
	// no phone number is configured.
	Help      string
	HelpPhone string
	Stopped   string
	Started   string
	// Menu closes a numbered list of choices; {list} is "1, 2 or 3".
	Menu string
	Or   string
	// Handoff tells the reference {code}; HandoffPhone adds the number
	// to call.
	Handoff      string
	HandoffPhone string
	// Waiting answers OPERATOR when people already have the conversation.
	Waiting string
	// Unreadable answers a message the gateway could not decode.
	Unreadable string
}

var catalog = map[string]texts{
	"it": {
		Help:         "Scrivi la tua domanda e ti rispondiamo. Invia OPERATORE per parlare con una persona, STOP per non ricevere altri messaggi.",
		HelpPhone:    " Telefono: {phone}.",
		Stopped:      "Non riceverai altri messaggi da questo numero. Invia START per riattivarli.",
		Started:      "Messaggi riattivati. Scrivi la tua domanda.",
		Menu:         "Rispondi con il numero: {list}.",
		Or:           "o",
		Handoff:      "Un operatore ti risponderà qui. Il tuo codice è {code}.",
		HandoffPhone: " Puoi anche chiamare il {phone} e dare il codice.",
		Waiting:      "La tua richiesta è già presso un operatore, che ti risponderà qui.",
		Unreadable:   "Non riesco a leggere il messaggio. Puoi riscriverlo?",
	},
	"en": {
		Help:         "Text your question and we will answer. Send OPERATOR to talk to a person, STOP to receive no more messages.",
		HelpPhone:    " Phone: {phone}.",
		Stopped:      "You will receive no more messages from this number. Send START to turn them on again.",
		Started:      "Messages are on again. Text your question.",
		Menu:         "Reply with the number: {list}.",
		Or:           "or",
		Handoff:      "An operator will answer you here. Your reference is {code}.",
		HandoffPhone: " You can also call {phone} and give the reference.",
		Waiting:      "Your request is already with an operator, who will answer you here.",
		Unreadable:   "We could not read your message. Please write it again.",
	},
	"fr": {
		Help:         "Écrivez votre question, nous vous répondrons. Envoyez OPERATEUR pour parler à une personne, STOP pour ne plus recevoir de messages.",
		HelpPhone:    " Tél. {phone}.",
		Stopped:      "Vous ne recevrez plus de messages de ce numéro. Envoyez START pour les réactiver.",
		Started:      "Messages réactivés. Écrivez votre question.",
		Menu:         "Répondez avec le numéro : {list}.",
		Or:           "ou",
		Handoff:      "Un agent vous répondra ici. Votre référence est {code}.",
		HandoffPhone: " Vous pouvez aussi appeler le {phone} et donner la référence.",
		Waiting:      "Votre demande est déjà chez un agent, qui vous répondra ici.",
		Unreadable:   "Nous n'avons pas pu lire votre message. Pouvez-vous le réécrire ?",
	},
	"es": {
		Help:         "Escriba su pregunta y le responderemos. Envíe OPERADOR para hablar con una persona, BAJA para no recibir más mensajes.",
		HelpPhone:    " Tel. {phone}.",
		Stopped:      "No recibirá más mensajes de este número. Envíe ALTA para reactivarlos.",
		Started:      "Mensajes reactivados. Escriba su pregunta.",
		Menu:         "Responda con el número: {list}.",
		Or:           "o",
		Handoff:      "Un operador le responderá aquí. Su código es {code}.",
		HandoffPhone: " También puede llamar al {phone} e indicar el código.",
		Waiting:      "Su solicitud ya está con un operador, que le responderá aquí.",
		Unreadable:   "No pudimos leer su mensaje. ¿Puede escribirlo de nuevo?",
	},
	"de": {
		Help:         "Schreiben Sie Ihre Frage, wir antworten. Senden Sie BERATER für eine Person, STOPP für keine weiteren Nachrichten.",
		HelpPhone:    " Tel. {phone}.",
		Stopped:      "Sie erhalten keine Nachrichten mehr von dieser Nummer. Senden Sie START, um sie wieder zu erhalten.",
		Started:      "Nachrichten wieder aktiv. Schreiben Sie Ihre Frage.",
		Menu:         "Antworten Sie mit der Nummer: {list}.",
		Or:           "oder",
		Handoff:      "Ein Mitarbeiter antwortet Ihnen hier. Ihr Code ist {code}.",
		HandoffPhone: " Sie können auch {phone} anrufen und den Code nennen.",
		Waiting:      "Ihre Anfrage liegt schon bei einem Mitarbeiter, der Ihnen hier antwortet.",
		Unreadable:   "Wir konnten Ihre Nachricht nicht lesen. Bitte schreiben Sie sie erneut.",
	},
	"ar": {
		Help:         "اكتب سؤالك وسنجيبك. أرسل موظف للتحدث مع شخص، أو توقف لإيقاف الرسائل.",
		HelpPhone:    " الهاتف: {phone}.",
		Stopped:      "لن تصلك رسائل أخرى من هذا الرقم. أرسل ابدأ لإعادة تفعيلها.",
		Started:      "تمت إعادة تفعيل الرسائل. اكتب سؤالك.",
		Menu:         "أجب بالرقم: {list}.",
		Or:           "أو",
		Handoff:      "سيجيبك موظف هنا. رمزك المرجعي {code}.",
		HandoffPhone: " يمكنك أيضا الاتصال بالرقم {phone} وذكر الرمز.",
		Waiting:      "طلبك لدى موظف بالفعل، وسيجيبك هنا.",
		Unreadable:   "تعذرت قراءة رسالتك. يرجى كتابتها مرة أخرى.",
	},
	"ro": {
		Help:         "Scrieți întrebarea și vă răspundem. Trimiteți OPERATOR pentru o persoană, STOP pentru a nu mai primi mesaje.",
		HelpPhone:    " Telefon: {phone}.",
		Stopped:      "Nu veți mai primi mesaje de la acest număr. Trimiteți START pentru a le reactiva.",
		Started:      "Mesajele sunt reactivate. Scrieți întrebarea.",
		Menu:         "Răspundeți cu numărul: {list}.",
		Or:           "sau",
		Handoff:      "Un operator vă va răspunde aici. Codul dvs. este {code}.",
		HandoffPhone: " Puteți suna și la {phone}, spunând codul.",
		Waiting:      "Cererea dvs. este deja la un operator, care vă va răspunde aici.",
		Unreadable:   "Nu am putut citi mesajul. Vă rugăm să-l scrieți din nou.",
	},
	"sq": {
		Help:         "Shkruani pyetjen dhe ju përgjigjemi. Dërgoni OPERATOR për një person, NDALO për të mos marrë më mesazhe.",
		HelpPhone:    " Tel. {phone}.",
		Stopped:      "Nuk do të merrni më mesazhe nga ky numër. Dërgoni FILLO për t'i riaktivizuar.",
		Started:      "Mesazhet u riaktivizuan. Shkruani pyetjen.",
		Menu:         "Përgjigjuni me numrin: {list}.",
		Or:           "ose",
		Handoff:      "Një operator do t'ju përgjigjet këtu. Kodi juaj është {code}.",
		HandoffPhone: " Mund të telefononi edhe në {phone} dhe të jepni kodin.",
		Waiting:      "Kërkesa juaj është tashmë te një operator, që do t'ju përgjigjet këtu.",
		Unreadable:   "Nuk mundëm ta lexojmë mesazhin. Ju lutemi shkruajeni përsëri.",
	},
	"zh": {
		Help:         "请发送您的问题，我们会回复。发送“人工”联系工作人员，发送“退订”停止接收短信。",
		HelpPhone:    "电话：{phone}。",
		Stopped:      "您将不再收到此号码的短信。发送“开始”可重新接收。",
		Started:      "短信已恢复。请发送您的问题。",
		Menu:         "请回复编号：{list}。",
		Or:           "或",
		Handoff:      "工作人员将在此回复您。您的编号是 {code}。",
		HandoffPhone: "您也可以拨打 {phone} 并告知编号。",
		Waiting:      "您的请求已转给工作人员，他们将在此回复您。",
		Unreadable:   "无法读取您的短信，请重新发送。",
	},
}

// textsFor returns the channel's words in lang, in English for a language
// the catalog lacks.
func textsFor(lang string) texts {
	if t, ok := catalog[lang]; ok {
		return t
	}
	return catalog["en"]
}

// fill replaces {name} placeholders.
func fill(s string, kv ...string) string {
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{"+kv[i]+"}", kv[i+1])
	}
	return s
}

// numberList writes "1, 2 or 3" in the language of t.
func numberList(t texts, n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		switch {
		case i == 1:
		case i == n:
			b.WriteString(" " + t.Or + " ")
		default:
			b.WriteString(", ")
		}
		b.WriteByte(byte('0' + i))
	}
	return b.String()
}
