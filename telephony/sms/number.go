package sms

import (
	"errors"
	"strings"
)

// ErrInvalid marks an inbound message the channel refuses before storing
// anything: a sender that is not a phone number, a missing gateway name.
var ErrInvalid = errors.New("sms: invalid message")

// CanonicalNumber returns the form of a phone number that pseudonyms are
// computed on, so that "+39 333 123 4567", "+39-333-1234567" and
// "0039 3331234567" are one citizen. A leading 00 becomes +. Numbers
// without a prefix (as some gateways deliver national numbers) are kept
// as digits: a gateway delivers one citizen's number the same way every
// time. Anything else (alphanumeric senders, which cannot be answered,
// empty or overlong numbers) is ErrInvalid.
func CanonicalNumber(s string) (string, error) {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return "", errors.Join(ErrInvalid, errors.New("sms: the sender is not a phone number"))
		}
	}
	n := b.String()
	if strings.HasPrefix(n, "00") {
		n = "+" + n[2:]
	}
	digits := len(strings.TrimPrefix(n, "+"))
	if digits < 3 || digits > 15 {
		return "", errors.Join(ErrInvalid, errors.New("sms: a phone number has 3 to 15 digits"))
	}
	return n, nil
}
