// Package smsctest is an SMSC for tests: a real SMPP 3.4 peer on
// loopback, written on the PDU codec of github.com/linxGnu/gosmpp and
// independent of the connector it tests. It decodes and reassembles what it
// receives with that library's own decoders, not with package telephony,
// so that a test compares two implementations.
//
// It accepts bind_transceiver with the configured credentials, answers
// submit_sm with message ids, and can be told to throttle the next
// submits, refuse them, hold their responses, or drop the connection in
// the middle of a burst. It delivers messages to the bound ESME in every
// concatenated form and sends delivery receipts in text and TLV form, on
// request or, as a carrier does, for every accepted part that asked for
// one. For load tests it bounds its outstanding deliver_sm by a window
// and tells when each message's last part arrived.
package smsctest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"sort"
	"sync"
	"time"

	"github.com/linxGnu/gosmpp/data"
	"github.com/linxGnu/gosmpp/pdu"
)

// Config configures a Server.
type Config struct {
	SystemID, Password string
	// GSMCoding is the data_coding the ESME uses for GSM-7 (0 or 1); the
	// server decodes it with the library's GSM 7-bit decoder.
	GSMCoding byte
	// AnswerDelay delays every submit_sm_resp, as the network and a real
	// SMSC do, for benchmarks of the window.
	AnswerDelay time.Duration
	// DeliverWindow bounds the deliver_sm (and other requests) awaiting
	// the ESME's response, as a real SMSC's window does; further ones
	// wait for a slot. Zero means no bound.
	DeliverWindow int
	// Receipts sends a delivery receipt (DELIVRD, in text and TLVs) for
	// every accepted part whose submit_sm asked for one, as soon as it
	// is accepted, through the same window. A receipt the ESME does not
	// take (no session, refused) is not sent again. ReceiptDelay delays
	// each, as a handset takes a while to receive a message.
	Receipts     bool
	ReceiptDelay time.Duration
	// OnMessage, when set, is called with each message once all its
	// parts are accepted, and when its last part was read (for a load
	// test, when the reply was complete at the SMSC). It is called
	// outside the server's lock, and must not block for long: it runs on
	// the connection's reader.
	OnMessage func(m Message, at time.Time)
}

// Submit is one submit_sm as received.
type Submit struct {
	// Conn numbers the connection it came on, from 1.
	Conn               int
	Seq                int32
	Source, Dest       string
	SourceTON, DestTON byte
	DataCoding         byte
	EsmClass           byte
	RegisteredDelivery byte
	// UDH is the header, as the library parsed it; Data the user data
	// after it.
	UDH  pdu.UDH
	Data []byte
	// Status is the command_status answered, MessageID the id given when
	// it was accepted; Answered is false when the connection was dropped
	// instead.
	Status    data.CommandStatusType
	MessageID string
	Answered  bool
}

// Message is a submitted message once all its parts were accepted,
// decoded by the library.
type Message struct {
	Source, Dest string
	Text         string
	DataCoding   byte
	Parts        int
	// MessageIDs are the ids given to the parts, in part order.
	MessageIDs []string
}

// Server is a fake SMSC. Its methods are safe for concurrent use.
type Server struct {
	cfg Config
	ln  net.Listener
	wg  sync.WaitGroup

	mu         sync.Mutex
	conns      map[*conn]struct{}
	bound      *conn
	boundCh    chan struct{} // closed and replaced at every bind
	connCount  int
	binds      int
	enquires   int
	nextID     int
	failNext   []data.CommandStatusType
	dropAfter  int
	lose       int
	hold       bool
	held       []*heldSubmit
	maxHeld    int
	seqReuse   int
	submits    []*Submit
	partials   map[partialKey]*partial
	messages   []Message
	closed     bool
	nextDlvSeq int32
	// readAt is when each submit_sm was read, kept for OnMessage.
	readAt map[*Submit]time.Time

	window   chan struct{} // nil: no bound
	ctx      context.Context
	cancel   context.CancelFunc
	receipts sync.WaitGroup
}

type heldSubmit struct {
	c   *conn
	sm  *pdu.SubmitSM
	rec *Submit
}

type partialKey struct {
	src, dst string
	iei      byte
	ref      uint16
	total    byte
}

type partial struct {
	dc    byte
	parts map[byte]*Submit
}

type conn struct {
	s    *Server
	n    int
	nc   net.Conn
	wmu  sync.Mutex
	seqs map[int32]bool

	mu      sync.Mutex
	waiting map[int32]chan pdu.PDU
}

// Start listens on 127.0.0.1 on a free port.
func Start(cfg Config) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("smsctest: listening: %w", err)
	}
	s := &Server{
		cfg: cfg, ln: ln,
		conns:    map[*conn]struct{}{},
		boundCh:  make(chan struct{}),
		partials: map[partialKey]*partial{},
		readAt:   map[*Submit]time.Time{},
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	if cfg.DeliverWindow > 0 {
		s.window = make(chan struct{}, cfg.DeliverWindow)
	}
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

// Addr is the host:port to bind to.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops listening, closes every connection and waits for them.
func (s *Server) Close() error {
	s.cancel()
	s.mu.Lock()
	s.closed = true
	for c := range s.conns {
		c.nc.Close()
	}
	s.mu.Unlock()
	err := s.ln.Close()
	s.wg.Wait()
	s.receipts.Wait()
	return err
}

func (s *Server) accept() {
	defer s.wg.Done()
	for {
		nc, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			nc.Close()
			return
		}
		s.connCount++
		c := &conn{s: s, n: s.connCount, nc: nc, seqs: map[int32]bool{}, waiting: map[int32]chan pdu.PDU{}}
		s.conns[c] = struct{}{}
		s.mu.Unlock()
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			c.serve()
		}()
	}
}

// Throttle answers the next n submit_sm with ESME_RTHROTTLED.
func (s *Server) Throttle(n int) {
	for range n {
		s.FailNext(data.ESME_RTHROTTLED)
	}
}

// FailNext answers the next submit_sm with status (queued after earlier
// calls).
func (s *Server) FailNext(status data.CommandStatusType) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = append(s.failNext, status)
}

// DropAfter closes the bound connection when the n-th submit_sm from now
// arrives, without answering it or any held one.
func (s *Server) DropAfter(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropAfter = n
}

// LoseAnswers accepts the next n submit_sm but never sends their
// responses, as if the network lost them: the ESME cannot know they were
// accepted and will submit them again.
func (s *Server) LoseAnswers(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lose = n
}

// Hold stops answering submit_sm until Release; MaxHeld then tells how
// many the ESME had outstanding at once.
func (s *Server) Hold() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hold = true
}

// Release answers every held submit_sm and stops holding.
func (s *Server) Release() {
	s.mu.Lock()
	held := s.held
	s.held, s.hold = nil, false
	s.mu.Unlock()
	for _, h := range held {
		h.c.answerSubmit(h.sm, h.rec)
	}
}

// Held is the number of submit_sm waiting for Release; MaxHeld the most
// there ever were.
func (s *Server) Held() (now, most int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.held), s.maxHeld
}

// Binds counts successful binds, EnquireLinks the enquire_link received,
// SeqReuse the submit_sm whose sequence number was already used on their
// connection (an ESME defect: responses cannot be matched).
func (s *Server) Binds() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.binds
}

// EnquireLinks counts the enquire_link requests received.
func (s *Server) EnquireLinks() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enquires
}

// SeqReuse counts submit_sm that reused a sequence number on their
// connection.
func (s *Server) SeqReuse() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seqReuse
}

// Submits returns copies of every submit_sm received so far.
func (s *Server) Submits() []Submit {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Submit, len(s.submits))
	for i, r := range s.submits {
		out[i] = *r
	}
	return out
}

// Messages returns the messages whose parts have all been accepted, in
// the order they completed. A part accepted twice (resubmitted after a
// lost response) completes nothing new on its own.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// WaitBinds waits until n binds have succeeded in all.
func (s *Server) WaitBinds(ctx context.Context, n int) error {
	for {
		s.mu.Lock()
		done, ch := s.binds >= n, s.boundCh
		s.mu.Unlock()
		if done {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("smsctest: waiting for bind %d: %w", n, ctx.Err())
		}
	}
}

func (c *conn) serve() {
	defer func() {
		c.nc.Close()
		c.s.mu.Lock()
		delete(c.s.conns, c)
		if c.s.bound == c {
			c.s.bound = nil
		}
		c.s.mu.Unlock()
		c.mu.Lock()
		for seq, ch := range c.waiting {
			close(ch)
			delete(c.waiting, seq)
		}
		c.mu.Unlock()
	}()
	r := bufio.NewReader(c.nc)
	for {
		p, err := pdu.Parse(r)
		if err != nil {
			return
		}
		switch p := p.(type) {
		case *pdu.BindRequest:
			if !c.bind(p) {
				return
			}
		case *pdu.SubmitSM:
			if !c.submit(p) {
				return
			}
		case *pdu.EnquireLink:
			c.s.mu.Lock()
			c.s.enquires++
			c.s.mu.Unlock()
			c.write(p.GetResponse())
		case *pdu.Unbind:
			c.write(p.GetResponse())
			return
		case *pdu.DeliverSMResp, *pdu.EnquireLinkResp, *pdu.GenericNack:
			c.mu.Lock()
			ch := c.waiting[p.GetSequenceNumber()]
			delete(c.waiting, p.GetSequenceNumber())
			c.mu.Unlock()
			if ch != nil {
				ch <- p
			}
		default:
			nack := pdu.NewGenericNack()
			nack.SetSequenceNumber(p.GetSequenceNumber())
			nack.(*pdu.GenericNack).CommandStatus = data.ESME_RINVCMDID
			c.write(nack)
		}
	}
}

func (c *conn) write(p pdu.PDU) {
	b := pdu.NewBuffer(nil)
	p.Marshal(b)
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_, _ = c.nc.Write(b.Bytes())
}

func (c *conn) bind(req *pdu.BindRequest) bool {
	resp := pdu.NewBindResp(*req)
	resp.SystemID = "smsctest"
	ok := req.BindingType == pdu.Transceiver
	switch {
	case !ok:
		resp.CommandStatus = data.ESME_RINVBNDSTS
	case req.SystemID != c.s.cfg.SystemID:
		resp.CommandStatus, ok = data.ESME_RINVSYSID, false
	case req.Password != c.s.cfg.Password:
		resp.CommandStatus, ok = data.ESME_RINVPASWD, false
	}
	c.write(resp)
	if !ok {
		return false
	}
	c.s.mu.Lock()
	c.s.bound = c
	c.s.binds++
	close(c.s.boundCh)
	c.s.boundCh = make(chan struct{})
	c.s.mu.Unlock()
	return true
}

// submit records a submit_sm and answers it, unless the connection is to
// be dropped now (false) or answers are held.
func (c *conn) submit(sm *pdu.SubmitSM) bool {
	at := time.Now()
	ud, _ := sm.Message.GetMessageData()
	rec := &Submit{
		Conn: c.n, Seq: sm.SequenceNumber,
		Source: sm.SourceAddr.Address(), Dest: sm.DestAddr.Address(),
		SourceTON: sm.SourceAddr.Ton(), DestTON: sm.DestAddr.Ton(),
		EsmClass: sm.EsmClass, RegisteredDelivery: sm.RegisteredDelivery,
		UDH: sm.Message.UDH(), Data: append([]byte(nil), ud...),
	}
	if enc := sm.Message.Encoding(); enc != nil {
		rec.DataCoding = enc.DataCoding()
	}
	s := c.s
	s.mu.Lock()
	s.submits = append(s.submits, rec)
	if s.cfg.OnMessage != nil {
		s.readAt[rec] = at
	}
	if c.seqs[sm.SequenceNumber] {
		s.seqReuse++
	}
	c.seqs[sm.SequenceNumber] = true
	if s.dropAfter > 0 {
		s.dropAfter--
		if s.dropAfter == 0 {
			s.held = nil
			s.mu.Unlock()
			return false
		}
	}
	if s.hold {
		s.held = append(s.held, &heldSubmit{c: c, sm: sm, rec: rec})
		s.maxHeld = max(s.maxHeld, len(s.held))
		s.mu.Unlock()
		return true
	}
	s.mu.Unlock()
	if d := s.cfg.AnswerDelay; d > 0 {
		time.AfterFunc(d, func() { c.answerSubmit(sm, rec) })
		return true
	}
	c.answerSubmit(sm, rec)
	return true
}

func (c *conn) answerSubmit(sm *pdu.SubmitSM, rec *Submit) {
	resp := sm.GetResponse().(*pdu.SubmitSMResp)
	s := c.s
	var done *Message
	var doneAt time.Time
	s.mu.Lock()
	if len(s.failNext) > 0 {
		resp.CommandStatus = s.failNext[0]
		s.failNext = s.failNext[1:]
	} else {
		s.nextID++
		resp.MessageID = fmt.Sprintf("%08X", 0x5A000000+s.nextID)
		rec.MessageID = resp.MessageID
		if m, at := s.file(rec); m != nil {
			cp := *m
			done, doneAt = &cp, at
		}
	}
	rec.Status = resp.CommandStatus
	lost := s.lose > 0 && rec.MessageID != ""
	if lost {
		s.lose--
	} else {
		rec.Answered = true
	}
	s.mu.Unlock()
	if !lost {
		c.write(resp)
	}
	if done != nil && s.cfg.OnMessage != nil {
		s.cfg.OnMessage(*done, doneAt)
	}
	if rec.MessageID != "" && s.cfg.Receipts && rec.RegisteredDelivery&1 != 0 {
		s.receipt(rec)
	}
}

// receipt reports rec delivered to the bound ESME, in the background.
func (s *Server) receipt(rec *Submit) {
	s.receipts.Add(1)
	go func() {
		defer s.receipts.Done()
		if d := s.cfg.ReceiptDelay; d > 0 {
			t := time.NewTimer(d)
			defer t.Stop()
			select {
			case <-t.C:
			case <-s.ctx.Done():
				return
			}
		}
		_, _ = s.SendReceipt(s.ctx, Receipt{
			MessageID: rec.MessageID, From: rec.Dest, To: rec.Source,
			Stat: "DELIVRD", Err: "000", TLVs: true, State: 2,
		})
	}()
}

// file files an accepted part and returns its message when this part
// completes one, with when its last part was read; s.mu is held.
func (s *Server) file(rec *Submit) (*Message, time.Time) {
	var key partialKey
	var seq byte
	found := false
	if ie, ok := rec.UDH.FindInfoElement(data.UDH_CONCAT_MSG_8_BIT_REF); ok && len(ie.Data) == 3 {
		key, seq, found = partialKey{rec.Source, rec.Dest, ie.ID, uint16(ie.Data[0]), ie.Data[1]}, ie.Data[2], true
	} else if ie, ok := rec.UDH.FindInfoElement(data.UDH_CONCAT_MSG_16_BIT_REF); ok && len(ie.Data) == 4 {
		key, seq, found = partialKey{rec.Source, rec.Dest, ie.ID, uint16(ie.Data[0])<<8 | uint16(ie.Data[1]), ie.Data[2]}, ie.Data[3], true
	}
	if !found {
		s.messages = append(s.messages, Message{
			Source: rec.Source, Dest: rec.Dest, Text: s.decode(rec.DataCoding, rec.Data),
			DataCoding: rec.DataCoding, Parts: 1, MessageIDs: []string{rec.MessageID},
		})
		at := s.readAt[rec]
		delete(s.readAt, rec)
		return &s.messages[len(s.messages)-1], at
	}
	p := s.partials[key]
	if p == nil {
		p = &partial{dc: rec.DataCoding, parts: map[byte]*Submit{}}
		s.partials[key] = p
	}
	p.parts[seq] = rec
	if len(p.parts) < int(key.total) {
		return nil, time.Time{}
	}
	delete(s.partials, key)
	seqs := make([]int, 0, len(p.parts))
	for k := range p.parts {
		seqs = append(seqs, int(k))
	}
	sort.Ints(seqs)
	var ud []byte
	m := Message{Source: rec.Source, Dest: rec.Dest, DataCoding: p.dc, Parts: len(seqs)}
	for _, k := range seqs {
		ud = append(ud, p.parts[byte(k)].Data...)
		m.MessageIDs = append(m.MessageIDs, p.parts[byte(k)].MessageID)
	}
	var at time.Time
	for _, part := range p.parts {
		if t := s.readAt[part]; t.After(at) {
			at = t
		}
		delete(s.readAt, part)
	}
	m.Text = s.decode(p.dc, ud)
	s.messages = append(s.messages, m)
	return &s.messages[len(s.messages)-1], at
}

func (s *Server) decode(dc byte, ud []byte) string {
	enc := data.FromDataCoding(dc)
	if dc == s.cfg.GSMCoding {
		enc = data.GSM7BIT
	}
	if enc == nil {
		return fmt.Sprintf("<data_coding %#x>", dc)
	}
	text, err := enc.Decode(ud)
	if err != nil {
		return fmt.Sprintf("<undecodable: %v>", err)
	}
	return text
}

// ErrNotBound is returned by Deliver when no ESME is bound.
var ErrNotBound = errors.New("smsctest: no ESME bound")

// DeliverPDU sends d to the bound ESME, with a fresh sequence number, and
// returns the status of its deliver_sm_resp.
func (s *Server) DeliverPDU(ctx context.Context, d *pdu.DeliverSM) (data.CommandStatusType, error) {
	st, _, err := s.DeliverPDUTimed(ctx, d)
	return st, err
}

// DeliverPDUTimed is DeliverPDU, and also tells when d was written to the
// ESME, after any wait for a slot in the window: where a load test
// starts a message's latency.
func (s *Server) DeliverPDUTimed(ctx context.Context, d *pdu.DeliverSM) (data.CommandStatusType, time.Time, error) {
	var sent time.Time
	p, err := s.roundTrip(ctx, d, &sent)
	if err != nil {
		return 0, sent, err
	}
	return p.GetHeader().CommandStatus, sent, nil
}

// EnquireLink sends enquire_link to the bound ESME and waits for the
// answer.
func (s *Server) EnquireLink(ctx context.Context) error {
	p, err := s.roundTrip(ctx, pdu.NewEnquireLink(), nil)
	if err != nil {
		return err
	}
	if _, ok := p.(*pdu.EnquireLinkResp); !ok {
		return fmt.Errorf("smsctest: enquire_link answered with %T", p)
	}
	return nil
}

// roundTrip sends a request to the bound ESME and waits for its response;
// it sets *sent, when not nil, to when the request was written.
func (s *Server) roundTrip(ctx context.Context, req pdu.PDU, sent *time.Time) (pdu.PDU, error) {
	if s.window != nil {
		select {
		case s.window <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		defer func() { <-s.window }()
	}
	s.mu.Lock()
	c := s.bound
	s.nextDlvSeq++
	seq := s.nextDlvSeq
	s.mu.Unlock()
	if c == nil {
		return nil, ErrNotBound
	}
	req.SetSequenceNumber(seq)
	ch := make(chan pdu.PDU, 1)
	c.mu.Lock()
	c.waiting[seq] = ch
	c.mu.Unlock()
	if sent != nil {
		*sent = time.Now()
	}
	c.write(req)
	select {
	case p, ok := <-ch:
		if !ok {
			return nil, errors.New("smsctest: connection closed before the response")
		}
		return p, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
