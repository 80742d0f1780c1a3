package concat

import (
	"bytes"
	"container/list"
	"fmt"
	"sync"
	"time"
)

// Form is how a message travelled: whole, or in parts tied together by one
// of the three mechanisms SMSCs use.
type Form int

// Forms of an incoming message.
const (
	// Single is one short_message, possibly with a header that is not a
	// concatenation header.
	Single Form = iota + 1
	// Payload is one message_payload TLV, which holds up to 64 kB and so
	// needs no concatenation.
	Payload
	// UDH8 and UDH16 are parts carrying a concatenation information
	// element in their user data header, with an 8-bit (IEI 0x00) or a
	// 16-bit (IEI 0x08) reference.
	UDH8
	UDH16
	// SAR is parts carrying the sar_msg_ref_num, sar_total_segments and
	// sar_segment_seqnum TLVs.
	SAR
)

// String names the form for logs and reports.
func (f Form) String() string {
	switch f {
	case Single:
		return "single"
	case Payload:
		return "message_payload"
	case UDH8:
		return "UDH 8-bit"
	case UDH16:
		return "UDH 16-bit"
	case SAR:
		return "SAR"
	}
	return fmt.Sprintf("Form(%d)", int(f))
}

// SARInfo is the content of the three SAR TLVs of one part.
type SARInfo struct {
	Ref   uint16
	Total byte
	Seq   byte
}

// Part is one received deliver_sm or data_sm, as far as reassembly is
// concerned. Its byte slices are copied when kept, so they may alias a
// read buffer.
type Part struct {
	Source, Dest string
	DataCoding   byte
	// UDHI is bit 6 of esm_class: the user data starts with a header.
	UDHI bool
	// ShortMessage is the short_message field, header included.
	ShortMessage []byte
	// Payload is the message_payload TLV (header included when UDHI is
	// set), nil when the TLV is absent.
	Payload []byte
	// SAR holds the SAR TLVs when all three are present.
	SAR *SARInfo
}

// Config bounds a Reassembler. Zero fields take the defaults.
type Config struct {
	Codings Codings
	// Timeout is how long the parts of a message wait for the others,
	// counted from the first part to arrive (default 10 minutes; SMSCs
	// deliver the parts of one message within seconds, but a handset
	// out of coverage may send the rest much later). A completed message
	// is remembered as long, to recognise redelivered parts.
	Timeout time.Duration
	// MaxGroups caps the messages held, incomplete or recently completed
	// (default 10,000).
	MaxGroups int
	// MaxBytes caps the user data held, plus a fixed overhead per message
	// (default 16 MiB).
	MaxBytes int
}

// Defaults of Config.
const (
	DefaultTimeout   = 10 * time.Minute
	DefaultMaxGroups = 10000
	DefaultMaxBytes  = 16 << 20
)

// groupOverhead is what one held message costs beyond its user data: the
// map entry, the list element, the keys' strings and the parts slice.
const groupOverhead = 256

// Outcome is what became of one part given to Add.
type Outcome int

// Outcomes of Add.
const (
	// Stored: the part is kept until the rest of its message arrives.
	Stored Outcome = iota + 1
	// Complete: the part completed a message (or was a whole message),
	// returned in Result.Message.
	Complete
	// Duplicate: the part was already held, or belongs to a message
	// completed within the timeout with the same content; it is ignored.
	Duplicate
	// Invalid: the part or the message it completed cannot be read;
	// Result.Err says why. Nothing of it is kept for later.
	Invalid
)

// String names the outcome.
func (o Outcome) String() string {
	switch o {
	case Stored:
		return "stored"
	case Complete:
		return "complete"
	case Duplicate:
		return "duplicate"
	case Invalid:
		return "invalid"
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// Result is the outcome of Add.
type Result struct {
	Outcome Outcome
	// Message is set when Outcome is Complete.
	Message Message
	// Err is set when Outcome is Invalid.
	Err error
	// Dropped lists incomplete messages evicted to make room for this
	// part, oldest first; they are not reported again by Expire.
	Dropped []Orphan
}

// Message is a complete, decoded message.
type Message struct {
	Source, Dest string
	Text         string
	Form         Form
	DataCoding   byte
	// Parts is the number of parts it arrived in; Ref is their reference
	// (0 for a single message).
	Parts int
	Ref   int

	key  key
	last byte
}

// DropReason says why an incomplete message was given up.
type DropReason int

// Reasons for giving up an incomplete message.
const (
	// Expired: the timeout passed before every part arrived.
	Expired DropReason = iota + 1
	// Evicted: the reassembler's memory bounds were reached and this was
	// the oldest message held.
	Evicted
)

// String names the reason.
func (d DropReason) String() string {
	switch d {
	case Expired:
		return "expired"
	case Evicted:
		return "evicted"
	}
	return fmt.Sprintf("DropReason(%d)", int(d))
}

// Orphan is an incomplete message given up on: parts whose siblings never
// came.
type Orphan struct {
	Source, Dest string
	Form         Form
	Ref          int
	Total        int
	// Received counts the distinct parts that did arrive.
	Received  int
	FirstSeen time.Time
	Reason    DropReason
	// Text is the parts that arrived, in order and without marking the
	// gaps, or "" when they cannot be decoded on their own. A caller may
	// pass it on flagged as incomplete or discard it.
	Text string
}

// key identifies the parts of one message. Total belongs to it because
// the same reference with another part count is certainly another message.
type key struct {
	src, dst string
	form     Form
	ref      uint16
	total    byte
}

type group struct {
	key     key
	dc      byte
	charset Charset
	parts   [][]byte // by sequence number minus one; nil while missing
	have    int
	size    int
	since   time.Time // first part, or completion for a completed group
	elem    *list.Element
	last    byte
}

// Reassembler joins the parts of concatenated incoming messages. It is safe
// for concurrent use. Memory is bounded by Config; time is passed in by the
// caller, so that expiry is deterministic under test.
type Reassembler struct {
	cfg Config

	mu       sync.Mutex
	pending  map[key]*group
	done     map[key]*group
	pendingQ *list.List // of *group, oldest first
	doneQ    *list.List
	bytes    int
}

// New returns a Reassembler, or an error when cfg is inconsistent.
func New(cfg Config) (*Reassembler, error) {
	if err := cfg.Codings.Validate(); err != nil {
		return nil, err
	}
	if cfg.Timeout < 0 || cfg.MaxGroups < 0 || cfg.MaxBytes < 0 {
		return nil, fmt.Errorf("concat: negative timeout or bound in configuration")
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxGroups == 0 {
		cfg.MaxGroups = DefaultMaxGroups
	}
	if cfg.MaxBytes == 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	return &Reassembler{
		cfg:      cfg,
		pending:  make(map[key]*group),
		done:     make(map[key]*group),
		pendingQ: list.New(),
		doneQ:    list.New(),
	}, nil
}

// Add takes one received part and says what became of it.
func (r *Reassembler) Add(now time.Time, p Part) Result {
	ud, form := p.ShortMessage, Single
	if p.Payload != nil {
		if len(p.ShortMessage) > 0 {
			return invalid(fmt.Errorf("concat: both short_message and message_payload are set"))
		}
		ud, form = p.Payload, Payload
	}
	cs, err := r.cfg.Codings.Charset(p.DataCoding)
	if err != nil {
		return invalid(err)
	}
	body := ud
	var info concatInfo
	found := false
	if p.UDHI {
		if body, info, found, err = splitUDH(ud); err != nil {
			return invalid(err)
		}
	}
	if !found && p.SAR != nil {
		info, found = concatInfo{form: SAR, ref: p.SAR.Ref, total: p.SAR.Total, seq: p.SAR.Seq}, true
		if err := info.check(); err != nil {
			return invalid(err)
		}
	}
	if cs == CharsetUCS2 && len(body)%2 != 0 {
		return invalid(fmt.Errorf("concat: UCS-2 part has odd length %d", len(body)))
	}
	if !found || info.total == 1 {
		text, err := decodeCharset(cs, body)
		if err != nil {
			return invalid(err)
		}
		m := Message{Source: p.Source, Dest: p.Dest, Text: text, Form: form, DataCoding: p.DataCoding, Parts: 1}
		if found {
			m.Form, m.Ref = info.form, int(info.ref)
		}
		return Result{Outcome: Complete, Message: m}
	}

	k := key{src: p.Source, dst: p.Dest, form: info.form, ref: info.ref, total: info.total}
	partCost := len(body)
	groupCost := groupOverhead + len(p.Source) + len(p.Dest) + 24*int(info.total)
	if partCost+groupCost > r.cfg.MaxBytes {
		return invalid(fmt.Errorf("concat: a part of %d octets exceeds the reassembly budget of %d", partCost, r.cfg.MaxBytes))
	}

	r.mu.Lock()
	defer r.mu.Unlock()
	idx := int(info.seq) - 1
	if g := r.done[k]; g != nil {
		if g.parts[idx] != nil && bytes.Equal(g.parts[idx], body) {
			return Result{Outcome: Duplicate}
		}
		// The reference came round again: a new message.
		r.remove(g, r.done, r.doneQ)
	}
	var res Result
	g := r.pending[k]
	if g == nil {
		res.Dropped = r.makeRoom(partCost+groupCost, 1, nil)
		g = &group{key: k, dc: p.DataCoding, charset: cs, parts: make([][]byte, info.total), size: groupCost, since: now}
		g.elem = r.pendingQ.PushBack(g)
		r.pending[k] = g
		r.bytes += groupCost
	} else {
		if g.parts[idx] != nil {
			return Result{Outcome: Duplicate}
		}
		if g.dc != p.DataCoding {
			return invalid(fmt.Errorf("concat: part %d has data_coding %#02x, the message started with %#02x", info.seq, p.DataCoding, g.dc))
		}
		res.Dropped = r.makeRoom(partCost, 0, g)
		if r.bytes+partCost > r.cfg.MaxBytes {
			// Only this message is left and it alone is too big.
			r.remove(g, r.pending, r.pendingQ)
			res.Dropped = append(res.Dropped, g.orphan(Evicted))
			res.Outcome, res.Err = Invalid, fmt.Errorf("concat: a message of %d parts exceeds the reassembly budget of %d octets", len(g.parts), r.cfg.MaxBytes)
			return res
		}
	}
	g.parts[idx] = append(make([]byte, 0, len(body)), body...)
	g.have++
	g.size += partCost
	r.bytes += partCost
	if g.have < len(g.parts) {
		res.Outcome = Stored
		return res
	}

	// Complete: remember it for a while to recognise redelivered parts.
	r.pendingQ.Remove(g.elem)
	delete(r.pending, k)
	g.since, g.last = now, info.seq
	g.elem = r.doneQ.PushBack(g)
	r.done[k] = g
	text, err := decodeCharset(g.charset, bytes.Join(g.parts, nil))
	if err != nil {
		res.Outcome, res.Err = Invalid, err
		return res
	}
	res.Outcome = Complete
	res.Message = Message{
		Source: p.Source, Dest: p.Dest, Text: text, Form: info.form, DataCoding: g.dc,
		Parts: len(g.parts), Ref: int(info.ref), key: k, last: info.seq,
	}
	return res
}

func invalid(err error) Result { return Result{Outcome: Invalid, Err: err} }

// makeRoom evicts held messages until cost more bytes and groups more
// groups fit: completed ones first, silently, then the oldest incomplete
// ones, which are returned. keep is never evicted.
func (r *Reassembler) makeRoom(cost, groups int, keep *group) []Orphan {
	var dropped []Orphan
	over := func() bool {
		return r.bytes+cost > r.cfg.MaxBytes || len(r.pending)+len(r.done)+groups > r.cfg.MaxGroups
	}
	for over() && r.doneQ.Len() > 0 {
		r.remove(r.doneQ.Front().Value.(*group), r.done, r.doneQ)
	}
	for e := r.pendingQ.Front(); over() && e != nil; {
		g := e.Value.(*group)
		e = e.Next()
		if g == keep {
			continue
		}
		r.remove(g, r.pending, r.pendingQ)
		dropped = append(dropped, g.orphan(Evicted))
	}
	return dropped
}

func (r *Reassembler) remove(g *group, m map[key]*group, q *list.List) {
	q.Remove(g.elem)
	delete(m, g.key)
	r.bytes -= g.size
}

func (g *group) orphan(why DropReason) Orphan {
	o := Orphan{
		Source: g.key.src, Dest: g.key.dst, Form: g.key.form, Ref: int(g.key.ref),
		Total: len(g.parts), Received: g.have, FirstSeen: g.since, Reason: why,
	}
	if text, err := decodeCharset(g.charset, bytes.Join(g.parts, nil)); err == nil {
		o.Text = text
	}
	return o
}

// Expire gives up the incomplete messages whose first part arrived
// Timeout or more before now, and forgets completed ones as old.
func (r *Reassembler) Expire(now time.Time) []Orphan {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Orphan
	for e := r.pendingQ.Front(); e != nil; e = r.pendingQ.Front() {
		g := e.Value.(*group)
		if now.Sub(g.since) < r.cfg.Timeout {
			break
		}
		r.remove(g, r.pending, r.pendingQ)
		out = append(out, g.orphan(Expired))
	}
	for e := r.doneQ.Front(); e != nil; e = r.doneQ.Front() {
		g := e.Value.(*group)
		if now.Sub(g.since) < r.cfg.Timeout {
			break
		}
		r.remove(g, r.done, r.doneQ)
	}
	return out
}

// Reopen undoes the completion of m, for a caller that could not take the
// message and refused its last part so that the SMSC sends it again: the
// other parts wait again for it, with a fresh timeout. It reports false
// when m was a single message or is no longer remembered, in which case
// the redelivered part will start over.
func (r *Reassembler) Reopen(now time.Time, m Message) bool {
	if m.last == 0 {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	g := r.done[m.key]
	if g == nil || r.pending[m.key] != nil {
		return false
	}
	r.doneQ.Remove(g.elem)
	delete(r.done, m.key)
	idx := int(m.last) - 1
	r.bytes -= len(g.parts[idx])
	g.size -= len(g.parts[idx])
	g.parts[idx] = nil
	g.have--
	g.since = now
	g.elem = r.pendingQ.PushBack(g)
	r.pending[m.key] = g
	return true
}

// Held reports how many messages are held (incomplete, and completed but
// remembered) and the bytes they are accounted for.
func (r *Reassembler) Held() (incomplete, completed, bytes int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.pending), len(r.done), r.bytes
}
