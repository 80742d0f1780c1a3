package smpp

import (
	"context"
	"encoding/binary"
	"log/slog"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/linxGnu/gosmpp/pdu"

	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/concat"
)

func TestBackoff(t *testing.T) {
	const lo, hi = time.Second, time.Minute
	least := func(n int64) int64 { return 0 }
	most := func(n int64) int64 { return n - 1 }
	tests := []struct {
		attempt   int
		min, max_ time.Duration
	}{
		{0, 500 * time.Millisecond, time.Second},
		{1, time.Second, 2 * time.Second},
		{3, 4 * time.Second, 8 * time.Second},
		{6, 30 * time.Second, time.Minute}, // 64s capped at 60s
		{100, 30 * time.Second, time.Minute},
	}
	for _, tc := range tests {
		if got := backoff(tc.attempt, lo, hi, least); got != tc.min {
			t.Errorf("backoff(%d) with the least jitter = %v, want %v", tc.attempt, got, tc.min)
		}
		if got := backoff(tc.attempt, lo, hi, most); got != tc.max_ {
			t.Errorf("backoff(%d) with the most jitter = %v, want %v", tc.attempt, got, tc.max_)
		}
	}
}

func TestParseReceiptText(t *testing.T) {
	tests := []struct {
		in   string
		want map[string]string
	}{
		{
			"id:0123456789 sub:001 dlvrd:001 submit date:2603020900 done date:2603020901 stat:DELIVRD err:000 text:Il tuo appuntamento",
			map[string]string{"id": "0123456789", "sub": "001", "dlvrd": "001", "submit date": "2603020900", "done date": "2603020901", "stat": "DELIVRD", "err": "000"},
		},
		{
			// Lower case, underscores, another order, and a text field
			// that quotes a receipt.
			"stat:undeliv ID:ab12 err:0x45 submit_date:2603020900 text:stat:DELIVRD id:zz",
			map[string]string{"id": "ab12", "stat": "undeliv", "err": "0x45", "submit date": "2603020900"},
		},
		{"garbage", map[string]string{}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, parseReceiptText(tc.in)); diff != "" {
			t.Errorf("parseReceiptText(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

func TestParseReceiptNetworkError(t *testing.T) {
	d := deliver{
		shortMessage: []byte("stat:UNDELIV"),
		tlv: map[uint16][]byte{
			tagReceiptedMessageID: []byte("AB01\x00"),
			tagNetworkErrorCode:   {3, 0x00, 0x22},
		},
	}
	got, err := parseReceipt(d, "g", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want := telephony.Receipt{Gateway: "g", MessageID: "AB01", Status: telephony.Undeliverable, Err: "3:34"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// deliverFrame marshals a deliver_sm with the library, for the parser.
func deliverFrame(tb testing.TB, esm, dc byte, sm []byte, tlvs ...pdu.Field) []byte {
	tb.Helper()
	d := pdu.NewDeliverSM().(*pdu.DeliverSM)
	d.SourceAddr = pdu.NewAddressWithTonNpi(1, 1)
	_ = d.SourceAddr.SetAddress("393331234567")
	_ = d.DestAddr.SetAddress("44001")
	d.EsmClass = esm
	if err := d.Message.SetMessageDataWithEncoding(sm, coding(dc)); err != nil {
		tb.Fatal(err)
	}
	for _, f := range tlvs {
		d.RegisterOptionalParam(f)
	}
	return marshal(d)
}

func TestParseDeliver(t *testing.T) {
	ud := []byte{0x05, 0x00, 0x03, 0x07, 0x02, 0x01, 0x06, 0x45}
	frame := deliverFrame(t, esmUDHI, 8, ud, pdu.Field{Tag: tagSARMsgRefNum, Data: []byte{1, 2}})
	d, err := parseDeliver(frame)
	if err != nil {
		t.Fatal(err)
	}
	if d.src != "393331234567" || d.srcTON != 1 || d.dst != "44001" || d.esmClass != esmUDHI || d.dataCoding != 8 {
		t.Errorf("parsed %+v", d)
	}
	if !cmp.Equal(d.shortMessage, ud) {
		t.Errorf("short_message % X, want the header kept: % X", d.shortMessage, ud)
	}
	if !cmp.Equal(d.tlv[tagSARMsgRefNum], []byte{1, 2}) {
		t.Errorf("TLVs %v", d.tlv)
	}

	// Every truncation is an error, never a panic or a short read.
	for n := 16; n < len(frame); n++ {
		cut := append([]byte(nil), frame[:n]...)
		binary.BigEndian.PutUint32(cut, uint32(n))
		if _, err := parseDeliver(cut); err == nil && n != len(frame)-6 {
			t.Errorf("frame cut to %d of %d octets parsed without error", n, len(frame))
		}
	}
}

// FuzzParseDeliver feeds arbitrary deliver_sm bodies to the parser and the
// receipt reader, which read what the network sends.
func FuzzParseDeliver(f *testing.F) {
	f.Add(deliverFrame(f, esmUDHI, 8, []byte{0x05, 0x00, 0x03, 0x07, 0x02, 0x01, 0x06, 0x45})[16:])
	f.Add(deliverFrame(f, esmReceipt, 0, []byte("id:1 stat:DELIVRD err:000 text:x"),
		pdu.Field{Tag: tagReceiptedMessageID, Data: []byte("1\x00")}, pdu.Field{Tag: tagMessageState, Data: []byte{2}})[16:])
	f.Fuzz(func(t *testing.T, body []byte) {
		frame := make([]byte, 16, 16+len(body))
		binary.BigEndian.PutUint32(frame, uint32(16+len(body)))
		frame = append(frame, body...)
		d, err := parseDeliver(frame)
		if err != nil {
			return
		}
		_, _ = parseReceipt(d, "g", time.Time{})
		_, _ = sarInfo(d.tlv)
	})
}

// TestOrphansReported delivers two parts of three and lets the timeout
// pass: the Dropped handler hears of them, with what could be read.
func TestOrphansReported(t *testing.T) {
	var got []Dropped
	c, err := New(Config{Gateway: "g", Addr: "127.0.0.1:1", SystemID: "x", Logger: slog.New(slog.DiscardHandler)}, Handlers{
		Message: func(context.Context, telephony.Inbound) error { t.Error("incomplete message handed on"); return nil },
		Receipt: func(context.Context, telephony.Receipt) error { return nil },
		Dropped: func(_ context.Context, d Dropped) { got = append(got, d) },
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, seq := range []byte{1, 3} {
		ud := []byte{0x05, 0x00, 0x03, 0x2A, 0x03, seq, 0x00, 0x40 + seq}
		if st := c.process(ctx, deliverFrame(t, esmUDHI, 8, ud)); st != statusOK {
			t.Fatalf("part %d answered %#x", seq, st)
		}
	}
	c.orphans(ctx, c.reasm.Expire(time.Now().Add(concat.DefaultTimeout)))
	want := []Dropped{{Gateway: "g", From: "+393331234567", To: "44001", Reason: "expired", Received: 2, Total: 3, Text: "AC"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("dropped (-want +got):\n%s", diff)
	}
}

func TestSARInfo(t *testing.T) {
	tests := []struct {
		tlv     map[uint16][]byte
		want    *concat.SARInfo
		wantErr bool
	}{
		{map[uint16][]byte{}, nil, false},
		{map[uint16][]byte{tagSARMsgRefNum: {0x01, 0x02}, tagSARTotalSegments: {3}, tagSARSegmentSeqnum: {2}}, &concat.SARInfo{Ref: 0x0102, Total: 3, Seq: 2}, false},
		{map[uint16][]byte{tagSARMsgRefNum: {0x01, 0x02}, tagSARTotalSegments: {3}}, nil, true},
		{map[uint16][]byte{tagSARMsgRefNum: {0x01}, tagSARTotalSegments: {3}, tagSARSegmentSeqnum: {2}}, nil, true},
	}
	for _, tc := range tests {
		got, err := sarInfo(tc.tlv)
		if (err != nil) != tc.wantErr || !cmp.Equal(tc.want, got) {
			t.Errorf("sarInfo(%v) = %+v, %v", tc.tlv, got, err)
		}
	}
}
