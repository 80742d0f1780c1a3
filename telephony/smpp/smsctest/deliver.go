package smsctest

import (
	"context"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/linxGnu/gosmpp/data"
	"github.com/linxGnu/gosmpp/pdu"
)

// Form is how Deliver sends a message.
type Form int

// Forms of delivery.
const (
	// Single sends one short_message; the text must fit.
	Single Form = iota
	// Payload sends the whole text in a message_payload TLV.
	Payload
	// UDH8 and UDH16 send parts with a concatenation header, with an
	// 8-bit or a 16-bit reference.
	UDH8
	UDH16
	// SAR sends parts with the SAR TLVs.
	SAR
)

// MO is a message from a handset, for Deliver.
type MO struct {
	// From is the sender, in E.164 with '+' (sent as TON 1), To the
	// short code.
	From, To string
	Text     string
	// DataCoding is 8 for UCS-2; anything else is encoded as unpacked
	// GSM 7-bit by the library and sent with this data_coding.
	DataCoding byte
	Form       Form
	Ref        uint16
	// PartOctets is the user data per part, cut by octets as some
	// handsets and SMSCs do, even inside an escape or a surrogate pair
	// (default 134 for UCS-2, 153 for GSM 7-bit).
	PartOctets int
}

// Deliver sends mo to the bound ESME as one or more deliver_sm, in order,
// and returns the status each was answered with.
func (s *Server) Deliver(ctx context.Context, mo MO) ([]data.CommandStatusType, error) {
	parts, err := s.moParts(mo)
	if err != nil {
		return nil, err
	}
	var out []data.CommandStatusType
	for _, p := range parts {
		st, err := s.DeliverPDU(ctx, p)
		if err != nil {
			return out, err
		}
		out = append(out, st)
	}
	return out, nil
}

// MOParts returns the deliver_sm PDUs Deliver would send for mo, for tests
// that reorder, repeat or withhold some of them.
func (s *Server) MOParts(mo MO) ([]*pdu.DeliverSM, error) { return s.moParts(mo) }

func (s *Server) moParts(mo MO) ([]*pdu.DeliverSM, error) {
	var enc data.Encoding = data.UCS2
	per := 134
	if mo.DataCoding != data.UCS2Coding {
		enc, per = data.NewCustomEncoding(mo.DataCoding, data.GSM7BIT), 153
	}
	if mo.PartOctets > 0 {
		per = mo.PartOctets
	}
	ud, err := enc.Encode(mo.Text)
	if err != nil {
		return nil, fmt.Errorf("smsctest: encoding: %w", err)
	}
	newPDU := func() *pdu.DeliverSM {
		d := pdu.NewDeliverSM().(*pdu.DeliverSM)
		d.SourceAddr = pdu.NewAddressWithTonNpi(0, 1)
		if strings.HasPrefix(mo.From, "+") {
			d.SourceAddr = pdu.NewAddressWithTonNpi(1, 1)
		}
		_ = d.SourceAddr.SetAddress(strings.TrimPrefix(mo.From, "+"))
		d.DestAddr = pdu.NewAddressWithTonNpi(0, 1)
		_ = d.DestAddr.SetAddress(mo.To)
		return d
	}
	switch mo.Form {
	case Single:
		d := newPDU()
		if err := d.Message.SetMessageDataWithEncoding(ud, enc); err != nil {
			return nil, err
		}
		return []*pdu.DeliverSM{d}, nil
	case Payload:
		d := newPDU()
		_ = d.Message.SetMessageDataWithEncoding(nil, enc)
		d.RegisterOptionalParam(pdu.Field{Tag: pdu.TagMessagePayload, Data: ud})
		return []*pdu.DeliverSM{d}, nil
	}
	if enc == data.UCS2 {
		per &^= 1
	}
	var chunks [][]byte
	for len(ud) > per {
		chunks = append(chunks, ud[:per])
		ud = ud[per:]
	}
	chunks = append(chunks, ud)
	if len(chunks) > 255 {
		return nil, fmt.Errorf("smsctest: %d parts", len(chunks))
	}
	total := byte(len(chunks))
	var out []*pdu.DeliverSM
	for i, c := range chunks {
		d := newPDU()
		if err := d.Message.SetMessageDataWithEncoding(c, enc); err != nil {
			return nil, err
		}
		seq := byte(i + 1)
		switch mo.Form {
		case UDH8:
			d.EsmClass |= data.SM_UDH_GSM
			d.Message.SetUDH(pdu.UDH{pdu.NewIEConcatMessage(total, seq, byte(mo.Ref))})
		case UDH16:
			d.EsmClass |= data.SM_UDH_GSM
			d.Message.SetUDH(pdu.UDH{{ID: data.UDH_CONCAT_MSG_16_BIT_REF, Data: []byte{byte(mo.Ref >> 8), byte(mo.Ref), total, seq}}})
		case SAR:
			ref := binary.BigEndian.AppendUint16(nil, mo.Ref)
			d.RegisterOptionalParam(pdu.Field{Tag: pdu.TagSarMsgRefNum, Data: ref})
			d.RegisterOptionalParam(pdu.Field{Tag: pdu.TagSarTotalSegments, Data: []byte{total}})
			d.RegisterOptionalParam(pdu.Field{Tag: pdu.TagSarSegmentSeqnum, Data: []byte{seq}})
		default:
			return nil, fmt.Errorf("smsctest: unknown form %d", mo.Form)
		}
		out = append(out, d)
	}
	return out, nil
}

// Receipt is a delivery receipt for SendReceipt.
type Receipt struct {
	// MessageID is the id the receipt is for.
	MessageID string
	// From is the handset the message went to, To the short code.
	From, To string
	// Stat and Err are the text fields ("DELIVRD", "000").
	Stat, Err string
	// TextID, when set, is written in the text instead of MessageID, as
	// SMSCs that print ids in another base do.
	TextID string
	// Snippet is the text field, the start of the message.
	Snippet string
	// TLVs adds receipted_message_id and message_state (State).
	TLVs  bool
	State byte
	// NoText sends an empty short_message, for SMSCs that only use TLVs.
	NoText bool
}

// SendReceipt sends a delivery receipt to the bound ESME and returns the
// status it was answered with.
func (s *Server) SendReceipt(ctx context.Context, r Receipt) (data.CommandStatusType, error) {
	d := pdu.NewDeliverSM().(*pdu.DeliverSM)
	d.EsmClass = data.SM_SMSC_DLV_RCPT_TYPE
	d.SourceAddr = pdu.NewAddressWithTonNpi(1, 1)
	_ = d.SourceAddr.SetAddress(strings.TrimPrefix(r.From, "+"))
	d.DestAddr = pdu.NewAddressWithTonNpi(0, 1)
	_ = d.DestAddr.SetAddress(r.To)
	id := r.TextID
	if id == "" {
		id = r.MessageID
	}
	var text string
	if !r.NoText {
		dlvrd := "001"
		if r.Stat != "DELIVRD" {
			dlvrd = "000"
		}
		text = fmt.Sprintf("id:%s sub:001 dlvrd:%s submit date:2603020900 done date:2603020901 stat:%s err:%s text:%.20s",
			id, dlvrd, r.Stat, r.Err, r.Snippet)
	}
	if err := d.Message.SetMessageDataWithEncoding([]byte(text), data.GSM7BIT); err != nil {
		return 0, err
	}
	if r.TLVs {
		d.RegisterOptionalParam(pdu.Field{Tag: pdu.TagReceiptedMessageID, Data: append([]byte(r.MessageID), 0)})
		d.RegisterOptionalParam(pdu.Field{Tag: pdu.TagMessageStateOption, Data: []byte{r.State}})
	}
	return s.DeliverPDU(ctx, d)
}
