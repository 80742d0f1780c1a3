package concat

import "fmt"

// Information element identifiers of the concatenation headers (3GPP TS
// 23.040, 9.2.3.24.1 and 9.2.3.24.8).
const (
	ieConcat8  = 0x00
	ieConcat16 = 0x08
)

// concatInfo is what a concatenation header or the SAR TLVs say about one
// part.
type concatInfo struct {
	form  Form
	ref   uint16
	total byte
	seq   byte
}

// splitUDH separates the user data header from the text of ud and reads the
// concatenation information element in it, if any. Other elements (port
// addressing, text formatting) are skipped. When an element is repeated the
// last one counts, as TS 23.040 asks of receivers.
func splitUDH(ud []byte) (body []byte, info concatInfo, found bool, err error) {
	if len(ud) == 0 {
		return nil, info, false, fmt.Errorf("concat: esm_class announces a user data header but the message is empty")
	}
	end := 1 + int(ud[0])
	if end > len(ud) {
		return nil, info, false, fmt.Errorf("concat: user data header length %d exceeds the %d octets of user data", ud[0], len(ud)-1)
	}
	for i := 1; i < end; {
		if i+2 > end {
			return nil, info, false, fmt.Errorf("concat: user data header ends inside an information element")
		}
		id, n := ud[i], int(ud[i+1])
		data := ud[i+2:]
		if i+2+n > end {
			return nil, info, false, fmt.Errorf("concat: information element %#02x of length %d overruns the user data header", id, n)
		}
		data = data[:n]
		switch id {
		case ieConcat8:
			if n != 3 {
				return nil, info, false, fmt.Errorf("concat: 8-bit concatenation element has length %d, want 3", n)
			}
			info, found = concatInfo{form: UDH8, ref: uint16(data[0]), total: data[1], seq: data[2]}, true
		case ieConcat16:
			if n != 4 {
				return nil, info, false, fmt.Errorf("concat: 16-bit concatenation element has length %d, want 4", n)
			}
			info, found = concatInfo{form: UDH16, ref: uint16(data[0])<<8 | uint16(data[1]), total: data[2], seq: data[3]}, true
		}
		i += 2 + n
	}
	if found {
		if err := info.check(); err != nil {
			return nil, info, false, err
		}
	}
	return ud[end:], info, found, nil
}

func (c concatInfo) check() error {
	if c.total == 0 {
		return fmt.Errorf("concat: %v header gives 0 parts", c.form)
	}
	if c.seq == 0 || c.seq > c.total {
		return fmt.Errorf("concat: %v header gives part %d of %d", c.form, c.seq, c.total)
	}
	return nil
}
