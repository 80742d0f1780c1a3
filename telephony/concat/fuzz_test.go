package concat

import (
	"math/rand/v2"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzReassemble feeds arbitrary sequences of parts, as a hostile or broken
// SMSC could send them, and checks that nothing panics, memory stays within
// its bounds, every message comes out as valid UTF-8, and expiry empties
// the reassembler.
//
// The input is read as records: a flags octet (bit 0 UDHI, bit 1 SAR TLVs,
// bit 2 message_payload, bit 3 second sender, bits 4-5 advance the clock),
// a data_coding octet, three SAR octets, a length octet and that many
// octets of data.
func FuzzReassemble(f *testing.F) {
	f.Add(cat(
		[]byte{0x01, 0x08, 0, 0, 0, 8}, udh8(7, 2, 2), []byte{0x00, 0x41},
		[]byte{0x01, 0x08, 0, 0, 0, 8}, udh8(7, 2, 1), []byte{0x06, 0x45},
	))
	f.Add(cat(
		[]byte{0x02, 0x00, 0x12, 0x02, 0x01, 3}, []byte("abc"),
		[]byte{0x12, 0x00, 0x12, 0x02, 0x02, 3}, []byte("def"),
		[]byte{0x02, 0x00, 0x12, 0x02, 0x02, 3}, []byte("def"),
	))
	f.Add(cat([]byte{0x05, 0x08, 0, 0, 0, 9}, udh16(0x0102, 1, 1), []byte{0xD8, 0x3D}))
	f.Add(cat([]byte{0x01, 0x00, 0, 0, 0, 4}, []byte{0x03, 0x00, 0x03, 0x01}))
	f.Fuzz(func(t *testing.T, in []byte) {
		const maxBytes, maxGroups = 2048, 4
		r, err := New(Config{Timeout: time.Minute, MaxBytes: maxBytes, MaxGroups: maxGroups})
		if err != nil {
			t.Fatal(err)
		}
		now := time.Unix(1_700_000_000, 0)
		for len(in) >= 6 {
			flags, dc, n := in[0], in[1], int(in[5])
			p := Part{Source: citizen, Dest: shortCode, DataCoding: dc, UDHI: flags&0x01 != 0}
			if flags&0x02 != 0 {
				p.SAR = &SARInfo{Ref: uint16(in[2]), Total: in[3], Seq: in[4]}
			}
			if flags&0x08 != 0 {
				p.Source = "393339999999"
			}
			now = now.Add(time.Duration(flags>>4&0x03) * 20 * time.Second)
			in = in[6:]
			if n > len(in) {
				n = len(in)
			}
			data := in[:n:n]
			in = in[n:]
			if flags&0x04 != 0 {
				p.Payload = data
			} else {
				p.ShortMessage = data
			}

			res := r.Add(now, p)
			switch res.Outcome {
			case Stored, Duplicate:
			case Complete:
				if !utf8.ValidString(res.Message.Text) {
					t.Fatalf("message text is not valid UTF-8: %q", res.Message.Text)
				}
				if res.Message.Parts < 1 {
					t.Fatalf("complete message of %d parts", res.Message.Parts)
				}
			case Invalid:
				if res.Err == nil {
					t.Fatal("invalid outcome without an error")
				}
			default:
				t.Fatalf("unknown outcome %v", res.Outcome)
			}
			if a, b, bytes := r.Held(); bytes > maxBytes || a+b > maxGroups || bytes < 0 {
				t.Fatalf("holding %d+%d messages in %d bytes, bounds %d and %d", a, b, bytes, maxGroups, maxBytes)
			}
			for _, o := range r.Expire(now) {
				if o.Received < 1 || o.Received >= o.Total {
					t.Fatalf("orphan with %d of %d parts", o.Received, o.Total)
				}
			}
		}
		r.Expire(now.Add(time.Minute))
		if a, b, bytes := r.Held(); a+b+bytes != 0 {
			t.Fatalf("after expiry still holding %d, %d, %d bytes", a, b, bytes)
		}
	})
}

// FuzzRoundTrip cuts any text as the SMPP connector's peers would, in each
// of the concatenated forms, delivers the parts shuffled and some of them
// twice, and checks that exactly one message comes out, equal to the text.
func FuzzRoundTrip(f *testing.F) {
	f.Add(arabicQuestion, uint8(0), uint64(1))
	f.Add(italianLong, uint8(1), uint64(2))
	f.Add(chineseQuestion+" 😀👍🏽", uint8(2), uint64(3))
	f.Fuzz(func(t *testing.T, text string, formSel uint8, seed uint64) {
		if !utf8.ValidString(text) || text == "" {
			return
		}
		form := []Form{UDH8, UDH16, SAR, Payload}[int(formSel)%4]
		parts := partsOf(t, text, form, uint16(seed))
		if len(parts) > 255 {
			return
		}
		rng := rand.New(rand.NewPCG(seed, seed>>32))
		order := make([]Part, 0, 2*len(parts))
		for _, p := range parts {
			order = append(order, p)
			// A whole message sent twice is two messages here: telling a
			// redelivery from a repeated question is the caller's job.
			if len(parts) > 1 && rng.IntN(3) == 0 {
				order = append(order, p)
			}
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })

		r, err := New(Config{})
		if err != nil {
			t.Fatal(err)
		}
		now := time.Unix(0, 0)
		complete := 0
		for _, p := range order {
			res := r.Add(now, p)
			switch res.Outcome {
			case Complete:
				complete++
				if res.Message.Text != text {
					t.Fatalf("reassembled %q, want %q", res.Message.Text, text)
				}
				if res.Message.Parts != len(parts) {
					t.Fatalf("message of %d parts, sent %d", res.Message.Parts, len(parts))
				}
			case Invalid:
				t.Fatalf("part rejected: %v", res.Err)
			}
		}
		if complete != 1 {
			t.Fatalf("%d messages came out, want 1", complete)
		}
	})
}
