package smpp_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/linxGnu/gosmpp/data"

	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/smpp"
	"github.com/sportello/sportello/telephony/smpp/smsctest"
)

const (
	citizen   = "+393331234567"
	shortCode = "44001"

	arabicReply = "يمكنك تجديد بطاقة الهوية الإلكترونية في مكتب السجل المدني بعد حجز موعد عبر الإنترنت. " +
		"أحضر البطاقة القديمة وصورة حديثة وإيصال دفع 22,21 يورو. التفاصيل: https://comune.example/cie"
	chineseReply = "您可以在预约后到户籍登记处更新电子身份证。请携带旧身份证、一张近期照片和22.21欧元的付款收据。" +
		"未成年人需要父母陪同。详情请见：https://comune.example/cie"
	italianReply = "Per rinnovare la carta d'identita' elettronica prenoti un appuntamento all'anagrafe " +
		"e porti la vecchia carta, una fototessera recente e la ricevuta di pagamento di 22,21 €. " +
		"I minori devono essere accompagnati da un genitore {entrambi se possibile}. " +
		"Dettagli e orari su https://comune.example/cie oppure chiami lo 020202."
)

// harness is a connector bound to a fake SMSC, recording what it hands to
// its handlers.
type harness struct {
	srv *smsctest.Server
	c   *smpp.Client

	mu       sync.Mutex
	inbound  []telephony.Inbound
	receipts []telephony.Receipt
	dropped  []smpp.Dropped
	// failMessages makes the message handler fail that many times.
	failMessages int

	runErr chan error
	cancel context.CancelFunc
}

func testConfig(addr string) smpp.Config {
	return smpp.Config{
		Gateway:         "smpp-test",
		Addr:            addr,
		SystemID:        "sportello",
		Password:        "secret",
		Window:          10,
		ResponseTimeout: 5 * time.Second,
		EnquireLink:     time.Minute,
		ReconnectMin:    time.Millisecond,
		ReconnectMax:    20 * time.Millisecond,
		ThrottleMin:     time.Millisecond,
		ThrottleMax:     10 * time.Millisecond,
		Logger:          slog.New(slog.DiscardHandler),
	}
}

func start(t testing.TB, configure func(*smpp.Config)) *harness {
	t.Helper()
	return startWith(t, smsctest.Config{}, configure)
}

// startWith starts a fake SMSC configured by scfg, with the test
// credentials, and a connector bound to it.
func startWith(t testing.TB, scfg smsctest.Config, configure func(*smpp.Config)) *harness {
	t.Helper()
	scfg.SystemID, scfg.Password = "sportello", "secret"
	srv, err := smsctest.Start(scfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	h := &harness{srv: srv, runErr: make(chan error, 1)}
	cfg := testConfig(srv.Addr())
	if configure != nil {
		configure(&cfg)
	}
	h.c, err = smpp.New(cfg, smpp.Handlers{
		Message: func(_ context.Context, in telephony.Inbound) error {
			h.mu.Lock()
			defer h.mu.Unlock()
			if h.failMessages > 0 {
				h.failMessages--
				return errors.New("store unavailable")
			}
			h.inbound = append(h.inbound, in)
			return nil
		},
		Receipt: func(_ context.Context, r telephony.Receipt) error {
			h.mu.Lock()
			defer h.mu.Unlock()
			h.receipts = append(h.receipts, r)
			return nil
		},
		Dropped: func(_ context.Context, d smpp.Dropped) {
			h.mu.Lock()
			defer h.mu.Unlock()
			h.dropped = append(h.dropped, d)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { h.runErr <- h.c.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-h.runErr; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	if err := srv.WaitBinds(testContext(t), 1); err != nil {
		t.Fatal(err)
	}
	return h
}

func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func (h *harness) takeInbound() []telephony.Inbound {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.inbound
	h.inbound = nil
	return out
}

func outbound(id, text string) telephony.Outbound {
	return telephony.Outbound{ID: id, Gateway: "smpp-test", To: citizen, From: shortCode, Text: text}
}

func TestReplyRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		text string
		dc   byte
	}{
		{"arabic ucs-2", arabicReply, 8},
		{"chinese ucs-2", chineseReply, 8},
		{"italian gsm-7 with extension characters", italianReply, 0},
		{"one segment", "Orari: lun-ven 8:30-12:00.", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := start(t, nil)
			ctx := testContext(t)
			ids, err := h.c.Submit(ctx, outbound("out-1", tc.text))
			if err != nil {
				t.Fatal(err)
			}
			info := telephony.Segments(tc.text)
			want := []smsctest.Message{{
				Source: shortCode, Dest: strings.TrimPrefix(citizen, "+"), Text: tc.text,
				DataCoding: tc.dc, Parts: info.Segments, MessageIDs: ids,
			}}
			if diff := cmp.Diff(want, h.srv.Messages()); diff != "" {
				t.Errorf("reassembled by the SMSC (-want +got):\n%s", diff)
			}
			for _, s := range h.srv.Submits() {
				if s.DestTON != 1 || s.RegisteredDelivery != 1 {
					t.Errorf("submit with destination TON %d, registered_delivery %d; want 1, 1", s.DestTON, s.RegisteredDelivery)
				}
				if udhi := s.EsmClass&0x40 != 0; udhi != (info.Segments > 1) {
					t.Errorf("esm_class %#x for a message of %d segments", s.EsmClass, info.Segments)
				}
				if n := len(s.Data) + s.UDH.UDHL(); n > 140 && tc.dc == 8 {
					t.Errorf("UCS-2 part of %d octets, over 140", n)
				}
			}
			if n := h.srv.SeqReuse(); n != 0 {
				t.Errorf("%d submits reused a sequence number", n)
			}
		})
	}
}

func TestRef16(t *testing.T) {
	h := start(t, func(c *smpp.Config) { c.Ref16 = true })
	if _, err := h.c.Submit(testContext(t), outbound("out-16", arabicReply)); err != nil {
		t.Fatal(err)
	}
	msgs := h.srv.Messages()
	if len(msgs) != 1 || msgs[0].Text != arabicReply {
		t.Fatalf("SMSC got %+v", msgs)
	}
	for _, s := range h.srv.Submits() {
		if _, ok := s.UDH.FindInfoElement(data.UDH_CONCAT_MSG_16_BIT_REF); !ok {
			t.Errorf("part without a 16-bit concatenation element: %v", s.UDH)
		}
	}
}

func TestInboundForms(t *testing.T) {
	long := strings.Repeat("Vorrei sapere come rinnovare il permesso di soggiorno {urgente} a € 40. ", 150)
	tests := []struct {
		name string
		mo   smsctest.MO
	}{
		{"single gsm", smsctest.MO{Text: "Orari anagrafe?", Form: smsctest.Single}},
		{"single arabic", smsctest.MO{Text: "كم تكلفة بطاقة الهوية؟", DataCoding: 8, Form: smsctest.Single}},
		{"udh 8-bit arabic", smsctest.MO{Text: arabicReply, DataCoding: 8, Form: smsctest.UDH8, Ref: 0x42}},
		{"udh 16-bit chinese", smsctest.MO{Text: chineseReply, DataCoding: 8, Form: smsctest.UDH16, Ref: 0xA1B2}},
		{"sar gsm", smsctest.MO{Text: italianReply, Form: smsctest.SAR, Ref: 0x0304}},
		// Cut by octets through escape pairs (every "{" and "€") and
		// surrogate pairs.
		{"udh 8-bit gsm cut inside escapes", smsctest.MO{Text: italianReply, Form: smsctest.UDH8, Ref: 9, PartOctets: 37}},
		{"udh 16-bit emoji cut inside surrogates", smsctest.MO{Text: strings.Repeat("ok 👍🏽 ", 30), DataCoding: 8, Form: smsctest.UDH16, Ref: 3, PartOctets: 14}},
		{"message_payload 10 kB", smsctest.MO{Text: long[:10000], Form: smsctest.Payload}},
		{"message_payload ucs-2", smsctest.MO{Text: strings.Repeat(chineseReply, 20), DataCoding: 8, Form: smsctest.Payload}},
	}
	h := start(t, nil)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := testContext(t)
			tc.mo.From, tc.mo.To = citizen, shortCode
			statuses, err := h.srv.Deliver(ctx, tc.mo)
			if err != nil {
				t.Fatal(err)
			}
			for i, st := range statuses {
				if st != data.ESME_ROK {
					t.Errorf("part %d answered %v", i+1, st)
				}
			}
			got := h.takeInbound()
			if len(got) != 1 {
				t.Fatalf("handler got %d messages, want 1", len(got))
			}
			want := telephony.Inbound{Gateway: "smpp-test", From: citizen, To: shortCode, Text: tc.mo.Text}
			if diff := cmp.Diff(want, got[0], cmpopts.IgnoreFields(telephony.Inbound{}, "CarrierID", "ReceivedAt")); diff != "" {
				t.Errorf("inbound (-want +got):\n%s", diff)
			}
			if got[0].CarrierID == "" || got[0].ReceivedAt.IsZero() {
				t.Errorf("carrier id %q, received at %v", got[0].CarrierID, got[0].ReceivedAt)
			}
		})
	}
}

func TestInboundRedeliveries(t *testing.T) {
	h := start(t, nil)
	ctx := testContext(t)
	mo := smsctest.MO{From: citizen, To: shortCode, Text: arabicReply, DataCoding: 8, Form: smsctest.UDH8, Ref: 77}
	parts, err := h.srv.MOParts(mo)
	if err != nil || len(parts) < 3 {
		t.Fatalf("%d parts, %v", len(parts), err)
	}
	deliver := func(i int) data.CommandStatusType {
		t.Helper()
		st, err := h.srv.DeliverPDU(ctx, parts[i])
		if err != nil {
			t.Fatal(err)
		}
		return st
	}

	// A part delivered twice, then the handler failing once: the last
	// part is refused for redelivery, and the message comes out once,
	// whole, when it comes again.
	h.mu.Lock()
	h.failMessages = 1
	h.mu.Unlock()
	deliver(1)
	deliver(1)
	deliver(0)
	if st := deliver(2); st != data.ESME_RX_T_APPN {
		t.Fatalf("last part with a failing handler answered %v, want ESME_RX_T_APPN", st)
	}
	if st := deliver(2); st != data.ESME_ROK {
		t.Fatalf("redelivered last part answered %v", st)
	}
	// The SMSC lost our response and sends a part once more.
	if st := deliver(0); st != data.ESME_ROK {
		t.Fatalf("late duplicate answered %v", st)
	}
	got := h.takeInbound()
	if len(got) != 1 || got[0].Text != arabicReply {
		t.Fatalf("handler got %d messages (%+v), want the text once", len(got), got)
	}
}

func TestInboundInvalid(t *testing.T) {
	h := start(t, nil)
	ctx := testContext(t)
	tests := []struct {
		name string
		mo   smsctest.MO
		// mangle edits the first PDU.
		mangle func(p []byte) []byte
		esm    byte
	}{
		{"odd-length ucs-2", smsctest.MO{Text: "ab", DataCoding: 8}, func(p []byte) []byte { return p[:3] }, 0},
		{"udh longer than the message", smsctest.MO{Text: "hello"}, func(p []byte) []byte { return append([]byte{0x20}, p...) }, 0x40},
		{"binary data_coding", smsctest.MO{Text: "hello", DataCoding: 4}, nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.mo.From, tc.mo.To = citizen, shortCode
			parts, err := h.srv.MOParts(tc.mo)
			if err != nil {
				t.Fatal(err)
			}
			p := parts[0]
			if tc.mangle != nil {
				ud, _ := p.Message.GetMessageData()
				_ = p.Message.SetMessageDataWithEncoding(tc.mangle(ud), p.Message.Encoding())
			}
			p.EsmClass |= tc.esm
			st, err := h.srv.DeliverPDU(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if st != data.ESME_RX_P_APPN {
				t.Errorf("answered %v, want ESME_RX_P_APPN", st)
			}
			h.mu.Lock()
			defer h.mu.Unlock()
			if len(h.dropped) != 1 || h.dropped[0].Reason != "invalid" || h.dropped[0].Err == nil || h.dropped[0].From != citizen {
				t.Errorf("dropped %+v, want one invalid message from the citizen", h.dropped)
			}
			h.dropped = nil
		})
	}
	if got := h.takeInbound(); len(got) != 0 {
		t.Errorf("invalid messages reached the handler: %+v", got)
	}
}

func TestReceipts(t *testing.T) {
	h := start(t, nil)
	ctx := testContext(t)
	tests := []struct {
		name string
		r    smsctest.Receipt
		want telephony.Receipt
	}{
		{"text delivered", smsctest.Receipt{MessageID: "5A000001", Stat: "DELIVRD", Err: "000"},
			telephony.Receipt{MessageID: "5A000001", Status: telephony.Delivered, Err: "000"}},
		{"text undeliverable, snippet mentioning stat", smsctest.Receipt{MessageID: "5A000002", Stat: "UNDELIV", Err: "001", Snippet: "stat:DELIVRD id:x"},
			telephony.Receipt{MessageID: "5A000002", Status: telephony.Undeliverable, Err: "001"}},
		{"tlvs win over a decimal text id", smsctest.Receipt{MessageID: "5A000003", TextID: "1509949443", Stat: "EXPIRED", Err: "000", TLVs: true, State: 3},
			telephony.Receipt{MessageID: "5A000003", Status: telephony.Expired, Err: "000"}},
		{"tlvs only", smsctest.Receipt{MessageID: "5A000004", TLVs: true, State: 8, NoText: true},
			telephony.Receipt{MessageID: "5A000004", Status: telephony.Rejected}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.r.From, tc.r.To = citizen, shortCode
			st, err := h.srv.SendReceipt(ctx, tc.r)
			if err != nil || st != data.ESME_ROK {
				t.Fatalf("receipt answered %v, %v", st, err)
			}
			h.mu.Lock()
			got := h.receipts
			h.receipts = nil
			h.mu.Unlock()
			tc.want.Gateway = "smpp-test"
			if diff := cmp.Diff([]telephony.Receipt{tc.want}, got, cmpopts.IgnoreFields(telephony.Receipt{}, "At")); diff != "" {
				t.Errorf("receipt (-want +got):\n%s", diff)
			}
		})
	}
	// A receipt naming no message is acknowledged, not handed on.
	st, err := h.srv.SendReceipt(ctx, smsctest.Receipt{From: citizen, To: shortCode, NoText: true})
	if err != nil || st != data.ESME_ROK {
		t.Fatalf("empty receipt answered %v, %v", st, err)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.receipts) != 0 {
		t.Errorf("empty receipt handed on: %+v", h.receipts)
	}
}

func TestThrottled(t *testing.T) {
	h := start(t, nil)
	h.srv.Throttle(3)
	ids, err := h.c.Submit(testContext(t), outbound("out-t", chineseReply))
	if err != nil {
		t.Fatal(err)
	}
	var throttled, accepted int
	for _, s := range h.srv.Submits() {
		switch s.Status {
		case data.ESME_RTHROTTLED:
			throttled++
		case data.ESME_ROK:
			accepted++
		}
	}
	if throttled != 3 || accepted != len(ids) {
		t.Errorf("SMSC throttled %d and accepted %d submits, want 3 and %d", throttled, accepted, len(ids))
	}
	if msgs := h.srv.Messages(); len(msgs) != 1 || msgs[0].Text != chineseReply {
		t.Errorf("SMSC got %+v", msgs)
	}
}

func TestRejected(t *testing.T) {
	h := start(t, nil)
	h.srv.FailNext(data.ESME_RINVDSTADR)
	_, err := h.c.Submit(testContext(t), outbound("out-r", "Grazie"))
	var se *smpp.StatusError
	if !errors.As(err, &se) || se.Status != uint32(data.ESME_RINVDSTADR) || se.Command != "submit_sm" {
		t.Fatalf("got %v, want a submit_sm StatusError with ESME_RINVDSTADR", err)
	}
	if strings.Contains(err.Error(), "393331234567") {
		t.Errorf("error %q names the phone number", err)
	}
}

func TestSubmitBadInput(t *testing.T) {
	h := start(t, nil)
	ctx := testContext(t)
	for _, out := range []telephony.Outbound{
		{ID: "empty", To: citizen, From: shortCode},
		{ID: "no-to", From: shortCode, Text: "x"},
		{ID: "bad-to", To: "+39 333 123", From: shortCode, Text: "x"},
		{ID: "long-sender", To: citizen, From: "ComuneDiMilanoInfo", Text: "x"},
		{ID: "too-long", To: citizen, From: shortCode, Text: strings.Repeat("€", 153*128+1)},
	} {
		if _, err := h.c.Submit(ctx, out); err == nil || !strings.Contains(err.Error(), out.ID) {
			t.Errorf("%s: got %v, want an error naming the message", out.ID, err)
		}
	}
	if n := len(h.srv.Submits()); n != 0 {
		t.Errorf("%d submits reached the SMSC", n)
	}
}

// TestDropMidBurst has the SMSC drop the connection in the middle of a
// burst of 200 replies, some of several parts, after losing the answers to
// a few submits it accepted: every reply is accepted after the
// reconnection, with ids the SMSC really gave, and exactly the parts whose
// answers were lost reach the SMSC twice.
func TestDropMidBurst(t *testing.T) {
	const n, window, lost = 200, 10, 4
	h := start(t, func(c *smpp.Config) { c.Window = window })
	ctx := testContext(t)
	h.srv.LoseAnswers(lost)
	h.srv.DropAfter(83)

	texts := make(map[string]string, n)
	for i := range n {
		id := fmt.Sprintf("out-%03d", i)
		texts[id] = fmt.Sprintf("Risposta %03d: gli uffici sono aperti dal lunedi' al venerdi'.", i)
		if i%10 == 0 {
			texts[id] = fmt.Sprintf("%03d %s", i, arabicReply)
		}
	}
	type result struct {
		ids []string
		err error
	}
	results := make(map[string]result, n)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for id, text := range texts {
		wg.Go(func() {
			ids, err := h.c.Submit(ctx, outbound(id, text))
			mu.Lock()
			results[id] = result{ids, err}
			mu.Unlock()
		})
	}
	wg.Wait()

	if b := h.srv.Binds(); b < 2 {
		t.Fatalf("%d binds: the connection was not dropped and re-established", b)
	}
	byText := map[string][]smsctest.Message{}
	for _, m := range h.srv.Messages() {
		byText[m.Text] = append(byText[m.Text], m)
	}
	accepted := map[string]bool{}
	for _, s := range h.srv.Submits() {
		if s.MessageID != "" {
			accepted[s.MessageID] = true
		}
	}
	dups, parts := 0, 0
	for id, text := range texts {
		r := results[id]
		if r.err != nil {
			t.Errorf("%s: %v", id, r.err)
			continue
		}
		want := telephony.Segments(text).Segments
		parts += want
		if len(r.ids) != want {
			t.Errorf("%s: %d message ids for %d parts", id, len(r.ids), want)
		}
		for _, mid := range r.ids {
			if !accepted[mid] {
				t.Errorf("%s: message id %s was never given by the SMSC", id, mid)
			}
		}
		got := byText[text]
		if len(got) == 0 {
			t.Errorf("%s: never reached the SMSC whole", id)
		}
		dups += len(got) - 1
	}
	if len(accepted) != parts+lost {
		t.Errorf("SMSC accepted %d parts, want the %d sent plus the %d whose answers were lost", len(accepted), parts, lost)
	}
	if dups > lost {
		t.Errorf("%d messages arrived twice, more than the %d whose answers were lost", dups, lost)
	}
	if n := h.srv.SeqReuse(); n != 0 {
		t.Errorf("%d submits reused a sequence number", n)
	}
	t.Logf("%d binds, %d submits for %d messages, %d duplicates", h.srv.Binds(), len(h.srv.Submits()), n, dups)
}

// TestWindow holds the SMSC's answers and checks that the connector never
// has more than Window submits outstanding.
func TestWindow(t *testing.T) {
	const window = 4
	h := start(t, func(c *smpp.Config) { c.Window = window })
	ctx := testContext(t)
	h.srv.Hold()
	var wg sync.WaitGroup
	errs := make(chan error, 30)
	for i := range 30 {
		wg.Go(func() {
			_, err := h.c.Submit(ctx, outbound(fmt.Sprint("w", i), fmt.Sprint("Messaggio ", i)))
			errs <- err
		})
	}
	for {
		if held, _ := h.srv.Held(); held >= window {
			break
		}
		if ctx.Err() != nil {
			t.Fatal("the SMSC never held a full window")
		}
		time.Sleep(time.Millisecond)
	}
	h.srv.Release()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if _, most := h.srv.Held(); most != window {
		t.Errorf("at most %d submits outstanding, want the window of %d", most, window)
	}
	if got := len(h.srv.Messages()); got != 30 {
		t.Errorf("SMSC accepted %d messages, want 30", got)
	}
}

func TestEnquireLink(t *testing.T) {
	h := start(t, func(c *smpp.Config) { c.EnquireLink = 5 * time.Millisecond })
	ctx := testContext(t)
	if err := h.srv.EnquireLink(ctx); err != nil {
		t.Fatalf("the connector did not answer enquire_link: %v", err)
	}
	for h.srv.EnquireLinks() < 3 {
		if ctx.Err() != nil {
			t.Fatal("the connector sent no keep-alives")
		}
		time.Sleep(time.Millisecond)
	}
	if b := h.srv.Binds(); b != 1 {
		t.Errorf("%d binds: keep-alives broke the connection", b)
	}
}

func TestBindRejected(t *testing.T) {
	srv, err := smsctest.Start(smsctest.Config{SystemID: "sportello", Password: "other"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c, err := smpp.New(testConfig(srv.Addr()), smpp.Handlers{
		Message: func(context.Context, telephony.Inbound) error { return nil },
		Receipt: func(context.Context, telephony.Receipt) error { return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	err = c.Run(testContext(t))
	var se *smpp.StatusError
	if !errors.As(err, &se) || se.Status != uint32(data.ESME_RINVPASWD) {
		t.Fatalf("Run returned %v, want ESME_RINVPASWD", err)
	}
	if _, err := c.Submit(testContext(t), outbound("x", "x")); !errors.Is(err, smpp.ErrClosed) {
		t.Errorf("Submit after Run: %v, want ErrClosed", err)
	}
}

func TestReconnectsUntilSMSCIsUp(t *testing.T) {
	// The SMSC drops every connection during its first binds; the
	// connector keeps trying and binds when it is back.
	h := start(t, nil)
	h.srv.DropAfter(1)
	_, err := h.c.Submit(testContext(t), outbound("r1", "Prima"))
	if err != nil {
		t.Fatal(err)
	}
	if b := h.srv.Binds(); b != 2 {
		t.Errorf("%d binds, want 2", b)
	}
}

func TestShutdown(t *testing.T) {
	h := start(t, nil)
	h.cancel()
	if err := <-h.runErr; err != nil {
		t.Fatalf("Run: %v", err)
	}
	h.runErr <- nil // for the cleanup
	if _, err := h.c.Submit(testContext(t), outbound("late", "x")); !errors.Is(err, smpp.ErrClosed) {
		t.Errorf("Submit after shutdown: %v, want ErrClosed", err)
	}
}

func TestConfigValidate(t *testing.T) {
	ok := testConfig("127.0.0.1:2775")
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func(*smpp.Config)
		want string
	}{
		{"no name", func(c *smpp.Config) { c.Gateway = "" }, "name"},
		{"no port", func(c *smpp.Config) { c.Addr = "smsc.example" }, "host:port"},
		{"no system id", func(c *smpp.Config) { c.SystemID = "" }, "system_id"},
		{"long password", func(c *smpp.Config) { c.Password = "123456789" }, "longer"},
		{"gsm data_coding 3", func(c *smpp.Config) { c.Codings.GSM = 3 }, "data_coding"},
		{"negative window", func(c *smpp.Config) { c.Window = -1 }, "negative"},
		{"backoff upside down", func(c *smpp.Config) { c.ReconnectMin = time.Hour }, "minimum"},
	}
	for _, tc := range tests {
		c := ok
		tc.edit(&c)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error mentioning %q", tc.name, err, tc.want)
		}
	}
}

// TestGSMDataCodingOne uses a carrier that carries GSM-7 on data_coding 1:
// replies go out with it and messages that arrive with it read as GSM-7,
// extension characters included.
func TestGSMDataCodingOne(t *testing.T) {
	h := startWith(t, smsctest.Config{GSMCoding: 1}, func(c *smpp.Config) { c.Codings.GSM = 1 })
	ctx := testContext(t)
	if _, err := h.c.Submit(ctx, outbound("dc1", italianReply)); err != nil {
		t.Fatal(err)
	}
	msgs := h.srv.Messages()
	if len(msgs) != 1 || msgs[0].DataCoding != 1 || msgs[0].Text != italianReply {
		t.Fatalf("SMSC got %+v, want the text with data_coding 1", msgs)
	}
	if _, err := h.srv.Deliver(ctx, smsctest.MO{From: citizen, To: shortCode, Text: "Costo {CIE}: 22 €?", DataCoding: 1}); err != nil {
		t.Fatal(err)
	}
	if got := h.takeInbound(); len(got) != 1 || got[0].Text != "Costo {CIE}: 22 €?" {
		t.Fatalf("handler got %+v", got)
	}
}
