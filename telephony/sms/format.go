package sms

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/telephony"
)

// ellipsis ends a shortened text; Truncate writes it "..." in a GSM-7
// message.
const ellipsis = "…"

// compose turns the bot's reply into an SMS, prepared and within the
// budget. It works from the stored turn, so that a reply rebuilt after a
// crash is the one a live message would have had.
func (s *Service) compose(ctx context.Context, out *chat.Outcome) string {
	bot := out.Reply
	lang := bot.Lang
	d := bot.Decision
	if d == nil {
		return s.fit(bot.Text, lang)
	}
	switch d.Kind {
	case chat.Answer:
		var v *kb.Variant
		if out.Decision != nil && out.Decision.Entry != nil {
			v = out.Decision.Entry.Variants[lang]
		} else if s.Entries != nil {
			if e, err := s.Entries.Get(ctx, d.EntryID); err == nil {
				v = e.Variants[lang]
			}
		}
		short := ""
		if v != nil && !d.MachineTranslated {
			short = v.SMS
		}
		return s.answerText(bot.Text, short, lang, d.EntryID)
	case chat.Clarify:
		return s.menuText(bot.Text, d.Choices, lang)
	case chat.Handoff:
		return s.fit(s.handoffReply(ctx, lang, d.HandoffCode), lang)
	}
	return s.fit(bot.Text, lang) // emergency: the 112 message as the engine wrote it
}

// prepare rewrites text for the cheapest encoding it can have: typography
// normalised, and transliterated where the language is configured so.
func (s *Service) prepare(text, lang string) string {
	text = telephony.Normalize(strings.TrimSpace(text))
	if slices.Contains(s.Transliterate, lang) {
		text = telephony.Transliterate(text)
	}
	return text
}

// fit prepares text and cuts it to the budget.
func (s *Service) fit(text, lang string) string {
	return telephony.Truncate(s.prepare(text, lang), s.maxSegments(), ellipsis)
}

// link is the public page of an entry, or "" without a base URL.
func (s *Service) link(lang, entryID string) string {
	if s.BaseURL == "" || entryID == "" {
		return ""
	}
	return strings.TrimRight(s.BaseURL, "/") + "/" + url.PathEscape(lang) + "/faq/" + url.PathEscape(entryID)
}

// answerText is the entry's short SMS answer when it has one that fits,
// otherwise the answer shortened to the budget with the link to the whole
// text. The link is added to a text that fits whole only when it costs no
// extra segment.
func (s *Service) answerText(answer, short, lang, entryID string) string {
	link := s.link(lang, entryID)
	budget := s.maxSegments()
	for _, body := range []string{s.prepare(short, lang), s.prepare(answer, lang)} {
		n := telephony.Segments(body).Segments
		if body == "" || n > budget {
			continue
		}
		if link != "" && telephony.Segments(body+"\n"+link).Segments == n {
			return body + "\n" + link
		}
		return body
	}
	body := s.prepare(answer, lang)
	if link == "" {
		return telephony.Truncate(body, budget, ellipsis)
	}
	return telephony.Truncate(body, budget, ellipsis+" "+link)
}

// menuText writes a clarification as a numbered menu: the engine's
// question, one line per choice, and "reply 1, 2 or 3". Choices are
// shortened evenly until the whole fits the budget.
func (s *Service) menuText(prompt string, choices []chat.Choice, lang string) string {
	t := textsFor(lang)
	tail := fill(t.Menu, "list", numberList(t, len(choices)))
	build := func(limit int) string {
		var b strings.Builder
		b.WriteString(prompt)
		for i, c := range choices {
			q := []rune(strings.TrimSpace(c.Question))
			if len(q) > limit {
				q = append(q[:max(limit-1, 0)], []rune(ellipsis)...)
			}
			b.WriteString("\n" + strconv.Itoa(i+1) + " " + string(q))
		}
		b.WriteString("\n" + tail)
		return s.prepare(b.String(), lang)
	}
	longest := 0
	for _, c := range choices {
		longest = max(longest, len([]rune(c.Question)))
	}
	for limit := longest; limit > 8; limit = limit * 85 / 100 {
		if text := build(limit); telephony.Segments(text).Segments <= s.maxSegments() {
			return text
		}
	}
	return telephony.Truncate(build(8), s.maxSegments(), ellipsis)
}

// handoffReply is handoffText, and when the office that takes the handoff
// was closed at the time, the engine's offer of a callback to this number
// (a reply of yes is understood by chat.Service).
func (s *Service) handoffReply(ctx context.Context, lang, code string) string {
	text := s.handoffText(lang, code)
	cb := s.Chat.Callbacks
	if cb == nil || cb.Hours == nil || cb.Queue == nil || s.Chat.Engine.Messages == nil {
		return text
	}
	tk, err := s.Chat.Store.Ticket(ctx, code)
	if err != nil {
		return text
	}
	if op, err := cb.Hours.Opening(ctx, tk, tk.CreatedAt); err != nil || op.Open {
		return text
	}
	return text + " " + s.Chat.Engine.Messages.Message(lang, "CallbackAskSMS", nil)
}

// handoffText tells the reference code, grouped for reading, and the
// number to call.
func (s *Service) handoffText(lang, code string) string {
	t := textsFor(lang)
	text := fill(t.Handoff, "code", chat.FormatCode(code))
	if s.HandoffPhone != "" {
		text += fill(t.HandoffPhone, "phone", s.HandoffPhone)
	}
	return text
}
