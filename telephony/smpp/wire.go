package smpp

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/linxGnu/gosmpp/data"
	"github.com/linxGnu/gosmpp/pdu"
)

// maxPDU bounds command_length: message_payload holds up to 64 kB, so a
// PDU a little larger is legitimate and anything beyond is an attack or a
// lost frame boundary.
const maxPDU = 70 << 10

// Command identifiers and statuses used here, as plain numbers so that the
// API does not expose the library's types.
const (
	respBit = 0x80000000

	esmUDHI        = 0x40
	esmTypeMask    = 0x3C
	esmReceipt     = 0x04 // SMSC delivery receipt
	esmIntermediat = 0x20 // intermediate delivery notification

	tagReceiptedMessageID = 0x001E
	tagSARMsgRefNum       = 0x020C
	tagSARTotalSegments   = 0x020E
	tagSARSegmentSeqnum   = 0x020F
	tagNetworkErrorCode   = 0x0423
	tagMessagePayload     = 0x0424
	tagMessageState       = 0x0427
)

// StatusError is a request the SMSC answered with an error status.
type StatusError struct {
	// Command is the request ("submit_sm", "bind_transceiver").
	Command string
	// Status is the command_status, e.g. 0x0B for ESME_RINVDSTADR.
	Status uint32
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("smpp: %s refused with %s (%#x)", e.Command, data.CommandStatusType(e.Status), e.Status)
}

// readFrame reads one PDU, header included, from r.
func readFrame(r io.Reader) ([]byte, error) {
	var head [4]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(head[:])
	if n < 16 || n > maxPDU {
		return nil, fmt.Errorf("smpp: command_length %d out of range: the stream is out of step", n)
	}
	frame := make([]byte, n)
	copy(frame, head[:])
	if _, err := io.ReadFull(r, frame[4:]); err != nil {
		return nil, err
	}
	return frame, nil
}

type header struct {
	id, status, seq uint32
}

func parseHeader(frame []byte) header {
	return header{
		id:     binary.BigEndian.Uint32(frame[4:]),
		status: binary.BigEndian.Uint32(frame[8:]),
		seq:    binary.BigEndian.Uint32(frame[12:]),
	}
}

// deliver is a deliver_sm as received. It is parsed here rather than by
// pdu.DeliverSM because that one strips the user data header when it can
// parse it and refuses the whole PDU when it cannot; the reassembler reads
// the header itself and has a defined outcome for every malformed one.
type deliver struct {
	srcTON, srcNPI byte
	src            string
	dstTON, dstNPI byte
	dst            string
	esmClass       byte
	dataCoding     byte
	shortMessage   []byte
	tlv            map[uint16][]byte
}

var errTruncated = errors.New("smpp: deliver_sm body ends early")

func parseDeliver(frame []byte) (deliver, error) {
	var d deliver
	b := pdu.NewBuffer(frame[16:])
	skipCString := func() error {
		_, err := b.ReadCString()
		return err
	}
	readByte := func(p *byte) error {
		v, err := b.ReadByte()
		*p = v
		return err
	}
	var src, dst pdu.Address
	var skip, smLen byte
	steps := []func() error{
		skipCString, // service_type
		func() error { return src.Unmarshal(b) },
		func() error { return dst.Unmarshal(b) },
		func() error { return readByte(&d.esmClass) },
		func() error { return readByte(&skip) }, // protocol_id
		func() error { return readByte(&skip) }, // priority_flag
		skipCString,                             // schedule_delivery_time
		skipCString,                             // validity_period
		func() error { return readByte(&skip) }, // registered_delivery
		func() error { return readByte(&skip) }, // replace_if_present_flag
		func() error { return readByte(&d.dataCoding) },
		func() error { return readByte(&skip) }, // sm_default_msg_id
		func() error { return readByte(&smLen) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return d, errTruncated
		}
	}
	if int(smLen) > b.Len() {
		return d, fmt.Errorf("smpp: sm_length %d exceeds the %d octets left in deliver_sm", smLen, b.Len())
	}
	d.shortMessage = b.Next(int(smLen))
	d.srcTON, d.srcNPI, d.src = src.Ton(), src.Npi(), src.Address()
	d.dstTON, d.dstNPI, d.dst = dst.Ton(), dst.Npi(), dst.Address()
	tlv, err := parseTLVs(b.Bytes())
	if err != nil {
		return d, err
	}
	d.tlv = tlv
	return d, nil
}

// parseTLVs reads optional parameters. pdu.Field reads the length as a
// signed 16-bit number, which turns lengths above 32 kB (a long
// message_payload) into garbage, so they are read here.
func parseTLVs(b []byte) (map[uint16][]byte, error) {
	out := map[uint16][]byte{}
	for len(b) > 0 {
		if len(b) < 4 {
			return nil, fmt.Errorf("smpp: %d stray octets after the optional parameters", len(b))
		}
		tag, n := binary.BigEndian.Uint16(b), int(binary.BigEndian.Uint16(b[2:]))
		if 4+n > len(b) {
			return nil, fmt.Errorf("smpp: optional parameter %#04x of length %d overruns the PDU", tag, n)
		}
		out[tag] = b[4 : 4+n : 4+n]
		b = b[4+n:]
	}
	return out, nil
}

// coding is a data.Encoding that only names a data_coding: the user data
// is encoded by package telephony, whose segmenter and GSM tables are
// right where the library's are not.
type coding byte

func (c coding) Encode(string) ([]byte, error) {
	return nil, fmt.Errorf("smpp: data_coding %d: text is encoded by package telephony", byte(c))
}

func (c coding) Decode([]byte) (string, error) {
	return "", fmt.Errorf("smpp: data_coding %d: text is decoded by package concat", byte(c))
}

func (c coding) DataCoding() byte { return byte(c) }

func marshal(p pdu.PDU) []byte {
	b := pdu.NewBuffer(nil)
	p.Marshal(b)
	return b.Bytes()
}
