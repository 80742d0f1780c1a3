package concat

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sportello/sportello/telephony"
)

const (
	citizen   = "393331234567"
	shortCode = "44001"

	arabicQuestion = "مرحبا، أريد أن أعرف كيف يمكنني تجديد بطاقة الهوية الإلكترونية وما هي الوثائق المطلوبة وكم تكلف وأين يجب أن أذهب لحجز موعد في مكتب السجل المدني؟"
	italianLong    = "Buongiorno, vorrei sapere come si rinnova la carta d'identita' elettronica: " +
		"serve la vecchia carta, una fototessera recente e la ricevuta del pagamento di 22,21 €. " +
		"Bisogna prenotare un appuntamento all'anagrafe {sportello 3} oppure si puo' andare senza? Grazie mille."
	chineseQuestion = "你好，我想知道如何更新电子身份证，需要哪些文件，费用是多少，以及我应该去哪里预约户籍登记处的时间？" +
		"我的孩子也需要身份证吗？如果我没有居留许可，还可以申请吗？办理需要多长时间？谢谢你的帮助。"
)

func mustNew(tb testing.TB, cfg Config) *Reassembler {
	tb.Helper()
	r, err := New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

func udh8(ref, total, seq byte) []byte { return []byte{0x05, 0x00, 0x03, ref, total, seq} }

func udh16(ref uint16, total, seq byte) []byte {
	return []byte{0x06, 0x08, 0x04, byte(ref >> 8), byte(ref), total, seq}
}

func cat(bs ...[]byte) []byte {
	var out []byte
	for _, b := range bs {
		out = append(out, b...)
	}
	return out
}

// encode returns the user data of text and its data_coding, as a sender
// using the package telephony would produce them.
func encode(tb testing.TB, enc telephony.Encoding, text string) ([]byte, byte) {
	tb.Helper()
	if enc == telephony.UCS2 {
		return telephony.EncodeUCS2(text), 0x08
	}
	b, err := telephony.EncodeGSM7(text)
	if err != nil {
		tb.Fatal(err)
	}
	return b, 0x00
}

// partsOf cuts text into the parts a sender would send in form.
func partsOf(tb testing.TB, text string, form Form, ref uint16) []Part {
	tb.Helper()
	enc, texts := telephony.Split(text, form == UDH16)
	var parts []Part
	switch form {
	case Single, Payload:
		ud, dc := encode(tb, enc, text)
		p := Part{Source: citizen, Dest: shortCode, DataCoding: dc, ShortMessage: ud}
		if form == Payload {
			p.ShortMessage, p.Payload = nil, ud
		}
		return []Part{p}
	}
	for i, s := range texts {
		ud, dc := encode(tb, enc, s)
		p := Part{Source: citizen, Dest: shortCode, DataCoding: dc}
		seq, total := byte(i+1), byte(len(texts))
		switch form {
		case UDH8:
			p.UDHI, p.ShortMessage = true, cat(udh8(byte(ref), total, seq), ud)
		case UDH16:
			p.UDHI, p.ShortMessage = true, cat(udh16(ref, total, seq), ud)
		case SAR:
			p.ShortMessage, p.SAR = ud, &SARInfo{Ref: ref, Total: total, Seq: seq}
		}
		parts = append(parts, p)
	}
	return parts
}

var ignoreKey = cmpopts.IgnoreUnexported(Message{})

func TestReassembleForms(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		text  string
		form  Form
		ref   uint16
		parts int
		dc    byte
	}{
		{"single gsm", "Orari anagrafe?", Single, 0, 1, 0x00},
		{"single ucs-2", "كم تكلفة البطاقة؟", Single, 0, 1, 0x08},
		{"udh 8-bit arabic", arabicQuestion, UDH8, 0xA7, 3, 0x08},
		{"udh 16-bit chinese", chineseQuestion, UDH16, 0xBEEF, 2, 0x08},
		{"sar gsm", italianLong, SAR, 0x1234, 2, 0x00},
		{"udh 8-bit gsm", italianLong, UDH8, 7, 2, 0x00},
		{"payload 10 kB", strings.Repeat("ن", 5000), Payload, 0, 1, 0x08},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := mustNew(t, Config{})
			parts := partsOf(t, tc.text, tc.form, tc.ref)
			if len(parts) != tc.parts {
				t.Fatalf("test text gives %d parts, want %d", len(parts), tc.parts)
			}
			// Deliver out of order: last part first.
			order := append([]Part{parts[len(parts)-1]}, parts[:len(parts)-1]...)
			for i, p := range order {
				res := r.Add(t0, p)
				if i < len(order)-1 {
					if res.Outcome != Stored {
						t.Fatalf("part %d: %v (%v), want stored", i, res.Outcome, res.Err)
					}
					continue
				}
				if res.Outcome != Complete {
					t.Fatalf("last part: %v (%v), want complete", res.Outcome, res.Err)
				}
				want := Message{Source: citizen, Dest: shortCode, Text: tc.text, Form: tc.form, DataCoding: tc.dc, Parts: tc.parts, Ref: int(tc.ref)}
				if diff := cmp.Diff(want, res.Message, ignoreKey); diff != "" {
					t.Errorf("message (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestReassembleSplitPairs(t *testing.T) {
	// Senders that cut by octets rather than characters split escape and
	// surrogate pairs; decoding the joined data still reads them.
	tests := []struct {
		name   string
		dc     byte
		first  []byte
		second []byte
		want   string
	}{
		{"gsm escape pair", 0x00, []byte{0x43, 0x6F, 0x73, 0x74, 0x6F, 0x20, 0x1B}, []byte{0x65, 0x20, 0x35}, "Costo € 5"},
		{"ucs-2 surrogate pair", 0x08, []byte{0x00, 0x4F, 0x00, 0x6B, 0xD8, 0x3D}, []byte{0xDC, 0x4D}, "Ok👍"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := mustNew(t, Config{})
			now := time.Unix(0, 0)
			first := Part{Source: citizen, Dest: shortCode, DataCoding: tc.dc, UDHI: true, ShortMessage: cat(udh8(9, 2, 1), tc.first)}
			second := Part{Source: citizen, Dest: shortCode, DataCoding: tc.dc, UDHI: true, ShortMessage: cat(udh8(9, 2, 2), tc.second)}
			if res := r.Add(now, first); res.Outcome != Stored {
				t.Fatalf("first part: %v %v", res.Outcome, res.Err)
			}
			res := r.Add(now, second)
			if res.Outcome != Complete || res.Message.Text != tc.want {
				t.Fatalf("got %v %q (%v), want %q", res.Outcome, res.Message.Text, res.Err, tc.want)
			}
		})
	}
}

func TestReassembleKeys(t *testing.T) {
	// The same reference from two senders, to two short codes, and with a
	// different part count makes four different messages.
	r := mustNew(t, Config{})
	now := time.Unix(0, 0)
	body := []byte{0x41}
	parts := []Part{
		{Source: citizen, Dest: shortCode, UDHI: true, ShortMessage: cat(udh8(1, 2, 1), body)},
		{Source: "393339999999", Dest: shortCode, UDHI: true, ShortMessage: cat(udh8(1, 2, 1), body)},
		{Source: citizen, Dest: "44002", UDHI: true, ShortMessage: cat(udh8(1, 2, 1), body)},
		{Source: citizen, Dest: shortCode, UDHI: true, ShortMessage: cat(udh8(1, 3, 1), body)},
		{Source: citizen, Dest: shortCode, UDHI: true, ShortMessage: cat(udh16(1, 2, 1), body)},
		{Source: citizen, Dest: shortCode, ShortMessage: body, SAR: &SARInfo{Ref: 1, Total: 2, Seq: 1}},
	}
	for i, p := range parts {
		if res := r.Add(now, p); res.Outcome != Stored {
			t.Fatalf("part %d: %v %v, want stored", i, res.Outcome, res.Err)
		}
	}
	if n, _, _ := r.Held(); n != len(parts) {
		t.Errorf("holding %d messages, want %d", n, len(parts))
	}
}

func TestReassembleDuplicates(t *testing.T) {
	r := mustNew(t, Config{})
	now := time.Unix(0, 0)
	parts := partsOf(t, arabicQuestion, UDH8, 3)
	steps := []struct {
		part Part
		want Outcome
	}{
		{parts[0], Stored},
		{parts[0], Duplicate},
		{parts[1], Stored},
		{parts[1], Duplicate},
		{parts[2], Complete},
		// Redelivered after completion (the SMSC missed our response).
		{parts[2], Duplicate},
		{parts[0], Duplicate},
	}
	for i, s := range steps {
		if res := r.Add(now, s.part); res.Outcome != s.want {
			t.Fatalf("step %d: %v (%v), want %v", i, res.Outcome, res.Err, s.want)
		}
	}

	// The reference comes round again with another text: a new message,
	// not a duplicate.
	again := partsOf(t, strings.Replace(arabicQuestion, "مرحبا", "سلام", 1), UDH8, 3)
	if res := r.Add(now, again[0]); res.Outcome != Stored {
		t.Fatalf("new message on a reused reference: %v (%v), want stored", res.Outcome, res.Err)
	}
}

func TestReassembleExpiry(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	r := mustNew(t, Config{Timeout: time.Minute})
	parts := partsOf(t, arabicQuestion, UDH16, 0x0102)
	r.Add(t0, parts[0])
	r.Add(t0.Add(30*time.Second), parts[2])

	if got := r.Expire(t0.Add(time.Minute - time.Nanosecond)); len(got) != 0 {
		t.Fatalf("expired before the timeout: %+v", got)
	}
	got := r.Expire(t0.Add(time.Minute))
	want := []Orphan{{
		Source: citizen, Dest: shortCode, Form: UDH16, Ref: 0x0102, Total: 3, Received: 2,
		FirstSeen: t0, Reason: Expired, Text: partText(t, parts[0]) + partText(t, parts[2]),
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("orphans (-want +got):\n%s", diff)
	}
	if a, b, n := r.Held(); a != 0 || b != 0 || n != 0 {
		t.Errorf("still holding %d incomplete, %d completed, %d bytes", a, b, n)
	}
	// The missing part, late: it starts over and waits in turn.
	if res := r.Add(t0.Add(2*time.Minute), parts[1]); res.Outcome != Stored {
		t.Errorf("late part: %v, want stored", res.Outcome)
	}
}

func partText(tb testing.TB, p Part) string {
	tb.Helper()
	body, _, _, err := splitUDH(p.ShortMessage)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := Codings{}.Decode(p.DataCoding, body)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestReassembleBounds(t *testing.T) {
	now := time.Unix(0, 0)
	t.Run("groups", func(t *testing.T) {
		r := mustNew(t, Config{MaxGroups: 2})
		var dropped []Orphan
		for ref := byte(1); ref <= 4; ref++ {
			res := r.Add(now, Part{Source: citizen, Dest: shortCode, UDHI: true, ShortMessage: cat(udh8(ref, 2, 1), []byte{0x41})})
			if res.Outcome != Stored {
				t.Fatalf("ref %d: %v %v", ref, res.Outcome, res.Err)
			}
			dropped = append(dropped, res.Dropped...)
		}
		if len(dropped) != 2 || dropped[0].Ref != 1 || dropped[1].Ref != 2 || dropped[0].Reason != Evicted {
			t.Errorf("dropped %+v, want references 1 and 2, evicted", dropped)
		}
		if n, _, _ := r.Held(); n != 2 {
			t.Errorf("holding %d, want 2", n)
		}
	})
	t.Run("bytes", func(t *testing.T) {
		const budget = 4096
		r := mustNew(t, Config{MaxBytes: budget})
		ud := make([]byte, 134)
		for ref := 0; ref < 100; ref++ {
			res := r.Add(now, Part{Source: citizen, Dest: shortCode, DataCoding: 0x08, UDHI: true, ShortMessage: cat(udh8(byte(ref), 3, 1), ud)})
			if res.Outcome != Stored {
				t.Fatalf("ref %d: %v %v", ref, res.Outcome, res.Err)
			}
			if _, _, n := r.Held(); n > budget {
				t.Fatalf("holding %d bytes, over the budget of %d", n, budget)
			}
		}
	})
	t.Run("one message over budget", func(t *testing.T) {
		r := mustNew(t, Config{MaxBytes: 1024})
		ud := make([]byte, 134)
		var res Result
		for seq := byte(1); seq <= 10 && res.Outcome != Invalid; seq++ {
			res = r.Add(now, Part{Source: citizen, Dest: shortCode, DataCoding: 0x08, UDHI: true, ShortMessage: cat(udh8(1, 10, seq), ud)})
		}
		if res.Outcome != Invalid || len(res.Dropped) != 1 || res.Dropped[0].Received == 0 {
			t.Fatalf("got %v %v dropped %+v, want invalid with the message dropped", res.Outcome, res.Err, res.Dropped)
		}
		if a, _, n := r.Held(); a != 0 || n != 0 {
			t.Errorf("still holding %d messages, %d bytes", a, n)
		}
	})
}

func TestReassembleInvalid(t *testing.T) {
	now := time.Unix(0, 0)
	base := Part{Source: citizen, Dest: shortCode}
	with := func(f func(p *Part)) Part {
		p := base
		f(&p)
		return p
	}
	tests := []struct {
		name string
		part Part
		want string
	}{
		{"udhi without data", with(func(p *Part) { p.UDHI = true }), "empty"},
		{"udh longer than data", with(func(p *Part) { p.UDHI, p.ShortMessage = true, []byte{0x09, 0x00, 0x03, 1} }), "exceeds"},
		{"element overruns header", with(func(p *Part) { p.UDHI, p.ShortMessage = true, []byte{0x03, 0x00, 0x03, 1, 2, 1} }), "overruns"},
		{"header ends inside element", with(func(p *Part) { p.UDHI, p.ShortMessage = true, []byte{0x01, 0x00, 0x41} }), "inside"},
		{"8-bit element of length 4", with(func(p *Part) { p.UDHI, p.ShortMessage = true, []byte{0x06, 0x00, 0x04, 1, 2, 1, 0, 0x41} }), "want 3"},
		{"16-bit element of length 3", with(func(p *Part) { p.UDHI, p.ShortMessage = true, []byte{0x05, 0x08, 0x03, 1, 2, 1, 0x41} }), "want 4"},
		{"part 0", with(func(p *Part) { p.UDHI, p.ShortMessage = true, cat(udh8(1, 2, 0), []byte{0x41}) }), "part 0 of 2"},
		{"part 3 of 2", with(func(p *Part) { p.UDHI, p.ShortMessage = true, cat(udh8(1, 2, 3), []byte{0x41}) }), "part 3 of 2"},
		{"zero parts", with(func(p *Part) { p.UDHI, p.ShortMessage = true, cat(udh8(1, 0, 1), []byte{0x41}) }), "0 parts"},
		{"sar part 5 of 4", with(func(p *Part) { p.ShortMessage, p.SAR = []byte{0x41}, &SARInfo{Ref: 1, Total: 4, Seq: 5} }), "part 5 of 4"},
		{"payload and short message", with(func(p *Part) { p.ShortMessage, p.Payload = []byte{0x41}, []byte{0x42} }), "both"},
		{"odd ucs-2 part", with(func(p *Part) {
			p.DataCoding, p.UDHI, p.ShortMessage = 0x08, true, cat(udh8(1, 2, 1), []byte{0x06, 0x45, 0x06})
		}), "odd length"},
		{"odd ucs-2 single", with(func(p *Part) { p.DataCoding, p.ShortMessage = 0x08, []byte{0x06, 0x45, 0x06} }), "odd length"},
		{"binary", with(func(p *Part) { p.DataCoding, p.ShortMessage = 0x04, []byte{0xCA, 0xFE} }), "binary"},
		{"gsm above 0x7f", with(func(p *Part) { p.ShortMessage = []byte{0x41, 0xC8} }), "not a GSM"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := mustNew(t, Config{})
			res := r.Add(now, tc.part)
			if res.Outcome != Invalid || res.Err == nil || !strings.Contains(res.Err.Error(), tc.want) {
				t.Fatalf("got %v (%v), want invalid mentioning %q", res.Outcome, res.Err, tc.want)
			}
			if strings.Contains(res.Err.Error(), citizen) {
				t.Errorf("error %q names the phone number", res.Err)
			}
			if a, b, n := r.Held(); a+b+n != 0 {
				t.Errorf("an invalid part left %d, %d, %d bytes behind", a, b, n)
			}
		})
	}
}

func TestReassembleInvalidMessage(t *testing.T) {
	// Parts that are each acceptable but do not make a readable message.
	now := time.Unix(0, 0)
	r := mustNew(t, Config{})
	first := Part{Source: citizen, Dest: shortCode, UDHI: true, ShortMessage: cat(udh8(5, 2, 1), []byte{0x41, 0x42})}
	second := Part{Source: citizen, Dest: shortCode, UDHI: true, ShortMessage: cat(udh8(5, 2, 2), []byte{0x41, 0x1B})}
	mixed := second
	mixed.DataCoding = 0x08
	r.Add(now, first)
	if res := r.Add(now, mixed); res.Outcome != Invalid || !strings.Contains(res.Err.Error(), "data_coding") {
		t.Fatalf("part with another data_coding: %v %v", res.Outcome, res.Err)
	}
	if res := r.Add(now, second); res.Outcome != Invalid || !strings.Contains(res.Err.Error(), "escape") {
		t.Fatalf("message ending in an escape: %v %v", res.Outcome, res.Err)
	}
	// Its redelivered parts are recognised rather than starting over.
	if res := r.Add(now, second); res.Outcome != Duplicate {
		t.Fatalf("redelivered part of an invalid message: %v", res.Outcome)
	}
}

func TestReopen(t *testing.T) {
	now := time.Unix(0, 0)
	r := mustNew(t, Config{})
	parts := partsOf(t, chineseQuestion, SAR, 77)
	r.Add(now, parts[0])
	res := r.Add(now, parts[1])
	if res.Outcome != Complete {
		t.Fatalf("%v %v", res.Outcome, res.Err)
	}
	// The handler failed, the last part was refused and comes again.
	if !r.Reopen(now, res.Message) {
		t.Fatal("Reopen reported nothing to reopen")
	}
	again := r.Add(now.Add(time.Second), parts[1])
	if again.Outcome != Complete || again.Message.Text != chineseQuestion {
		t.Fatalf("after Reopen: %v %q", again.Outcome, again.Message.Text)
	}
	if r.Reopen(now, Message{Text: "single"}) {
		t.Error("Reopen of a single message reported true")
	}
}
