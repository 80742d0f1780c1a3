package smpp

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/sportello/sportello/telephony"
)

// receiptField matches the fields of the receipt text of SMPP 3.4
// appendix B ("id:… sub:… dlvrd:… submit date:… done date:… stat:… err:…
// text:…"), in any order and case, with the underscore spelling some SMSCs
// use for the dates.
var receiptField = regexp.MustCompile(`(?i)(?:^|\s)(id|sub|dlvrd|submit[ _]date|done[ _]date|stat|err):(\S*)`)

// receiptTextStart finds the text field, which repeats the start of the
// message and may itself contain "stat:" or "id:".
var receiptTextStart = regexp.MustCompile(`(?i)(?:^|\s)text:`)

// parseReceiptText returns the fields of a receipt text by lower-case name
// ("submit date" with a space).
func parseReceiptText(s string) map[string]string {
	if loc := receiptTextStart.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	out := map[string]string{}
	for _, m := range receiptField.FindAllStringSubmatch(s, -1) {
		name := strings.ReplaceAll(strings.ToLower(m[1]), "_", " ")
		if _, seen := out[name]; !seen {
			out[name] = m[2]
		}
	}
	return out
}

// statText maps the stat field's values, abbreviated as appendix B has
// them and spelt out as some SMSCs send them.
var statText = map[string]telephony.DeliveryStatus{
	"DELIVRD": telephony.Delivered, "DELIVERED": telephony.Delivered,
	"EXPIRED": telephony.Expired,
	"DELETED": telephony.Undeliverable,
	"UNDELIV": telephony.Undeliverable, "UNDELIVERABLE": telephony.Undeliverable,
	"ACCEPTD": telephony.Accepted, "ACCEPTED": telephony.Accepted,
	"REJECTD": telephony.Rejected, "REJECTED": telephony.Rejected,
	"UNKNOWN": telephony.Unknown,
	// ENROUTE is an intermediate state; telephony has no name for it.
	"ENROUTE": telephony.Unknown,
}

// messageState maps the message_state TLV (SMPP 3.4, 5.2.28).
var messageState = map[byte]telephony.DeliveryStatus{
	1: telephony.Unknown, // ENROUTE
	2: telephony.Delivered,
	3: telephony.Expired,
	4: telephony.Undeliverable, // DELETED
	5: telephony.Undeliverable,
	6: telephony.Accepted,
	7: telephony.Unknown,
	8: telephony.Rejected,
}

// parseReceipt reads a delivery receipt. The TLVs, where present, win over
// the text: receipted_message_id is in the format submit_sm_resp gave,
// while the text's id is in whatever format the SMSC's receipt generator
// prefers (some print hexadecimal ids in decimal there).
func parseReceipt(d deliver, gateway string, at time.Time) (telephony.Receipt, error) {
	fields := parseReceiptText(string(d.shortMessage))
	r := telephony.Receipt{Gateway: gateway, Status: telephony.Unknown, At: at, Err: fields["err"]}

	r.MessageID = fields["id"]
	if v, ok := d.tlv[tagReceiptedMessageID]; ok {
		r.MessageID = strings.TrimRight(string(v), "\x00")
	}
	if r.MessageID == "" {
		return r, fmt.Errorf("smpp: delivery receipt without a message id")
	}

	if s, ok := statText[strings.ToUpper(fields["stat"])]; ok {
		r.Status = s
	}
	if v, ok := d.tlv[tagMessageState]; ok && len(v) == 1 {
		if s, ok := messageState[v[0]]; ok {
			r.Status = s
		}
	}
	if v, ok := d.tlv[tagNetworkErrorCode]; ok && len(v) == 3 && r.Err == "" {
		// network type (GSM, ANSI-136…) then a 16-bit error code
		r.Err = fmt.Sprintf("%d:%d", v[0], uint16(v[1])<<8|uint16(v[2]))
	}
	return r, nil
}
