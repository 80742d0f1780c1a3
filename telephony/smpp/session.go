package smpp

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/linxGnu/gosmpp/data"
	"github.com/linxGnu/gosmpp/pdu"
)

// errSessionClosed tells a request that its connection went away before it
// was answered; the caller resubmits it on the next one.
var errSessionClosed = errors.New("smpp: connection closed")

// response is what came back for one request.
type response struct {
	status    uint32
	messageID string
}

// session is one bound connection. It lives from the bind to the first
// error; the client then makes a new one.
type session struct {
	c    *Client
	conn net.Conn
	r    *bufio.Reader // several PDUs per read under load

	wmu sync.Mutex // one PDU at a time on the wire

	mu      sync.Mutex
	seq     uint32
	pending map[uint32]chan response
	closed  bool
	err     error

	window chan struct{}
	done   chan struct{}
}

func newSession(c *Client, conn net.Conn) *session {
	return &session{
		c:       c,
		conn:    conn,
		r:       bufio.NewReaderSize(conn, 16<<10),
		pending: make(map[uint32]chan response),
		window:  make(chan struct{}, c.cfg.Window),
		done:    make(chan struct{}),
	}
}

// nextSeq returns a fresh sequence number for every request, in 1 to
// 0x7FFFFFFF as SMPP 3.4 requires: each part of a split message gets its
// own, since responses are matched by it.
func (s *session) nextSeq() uint32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	if s.seq > 0x7FFFFFFF {
		s.seq = 1
	}
	return s.seq
}

func (s *session) close(err error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed, s.err = true, err
	s.mu.Unlock()
	close(s.done)
	s.conn.Close()
}

func (s *session) write(p pdu.PDU) error {
	b := marshal(p)
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.conn.SetWriteDeadline(time.Now().Add(s.c.cfg.ResponseTimeout)); err != nil {
		return err
	}
	_, err := s.conn.Write(b)
	return err
}

// respond answers a request of the SMSC. A failure closes the session;
// the SMSC will send the request again on the next one.
func (s *session) respond(p pdu.PDU, seq uint32, status uint32) {
	p.SetSequenceNumber(int32(seq))
	setStatus(p, status)
	if err := s.write(p); err != nil {
		s.close(fmt.Errorf("smpp: writing a response: %w", err))
	}
}

func setStatus(p pdu.PDU, status uint32) {
	st := data.CommandStatusType(status)
	switch r := p.(type) {
	case *pdu.DeliverSMResp:
		r.CommandStatus = st
	case *pdu.GenericNack:
		r.CommandStatus = st
	case *pdu.EnquireLinkResp:
		r.CommandStatus = st
	case *pdu.UnbindResp:
		r.CommandStatus = st
	}
}

// request sends p and waits for its response. Windowed requests (the
// submits) wait for a free slot first, so that at most Window of them are
// outstanding on the connection.
func (s *session) request(ctx context.Context, p pdu.PDU, windowed bool) (response, error) {
	if windowed {
		select {
		case s.window <- struct{}{}:
			defer func() { <-s.window }()
		case <-s.done:
			return response{}, errSessionClosed
		case <-ctx.Done():
			return response{}, ctx.Err()
		}
	}
	seq := s.nextSeq()
	p.SetSequenceNumber(int32(seq))
	ch := make(chan response, 1)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return response{}, errSessionClosed
	}
	s.pending[seq] = ch
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.pending, seq)
		s.mu.Unlock()
	}()

	if err := s.write(p); err != nil {
		s.close(fmt.Errorf("smpp: writing a request: %w", err))
		return response{}, errSessionClosed
	}
	timer := time.NewTimer(s.c.cfg.ResponseTimeout)
	defer timer.Stop()
	select {
	case r := <-ch:
		return r, nil
	case <-s.done:
		select {
		case r := <-ch: // answered just before the connection went
			return r, nil
		default:
			return response{}, errSessionClosed
		}
	case <-timer.C:
		s.close(fmt.Errorf("smpp: no response within %v", s.c.cfg.ResponseTimeout))
		return response{}, errSessionClosed
	case <-ctx.Done():
		return response{}, ctx.Err()
	}
}

// resolve hands a response to the request waiting for it. A response
// nobody waits for (its request timed out or was abandoned) is dropped.
func (s *session) resolve(seq uint32, r response) {
	s.mu.Lock()
	ch := s.pending[seq]
	delete(s.pending, seq)
	s.mu.Unlock()
	if ch != nil {
		ch <- r
	}
}

// readLoop reads PDUs until the connection fails. The read deadline
// catches a peer that went silent: enquire_link traffic alone keeps a
// healthy connection busier than that.
func (s *session) readLoop(ctx context.Context) {
	idle := s.c.cfg.EnquireLink + s.c.cfg.ResponseTimeout
	for {
		if err := s.conn.SetReadDeadline(time.Now().Add(idle)); err != nil {
			s.close(err)
			return
		}
		frame, err := readFrame(s.r)
		if err != nil {
			s.close(fmt.Errorf("smpp: reading: %w", err))
			return
		}
		h := parseHeader(frame)
		if h.id&respBit != 0 {
			s.resolve(h.seq, parseResponse(frame, h))
			continue
		}
		switch data.CommandIDType(h.id) {
		case data.ENQUIRE_LINK:
			s.respond(pdu.NewEnquireLinkResp(), h.seq, 0)
		case data.UNBIND:
			s.respond(pdu.NewUnbindResp(), h.seq, 0)
			s.close(errors.New("smpp: the SMSC unbound"))
			return
		case data.DELIVER_SM:
			s.c.enqueue(ctx, s, h.seq, frame)
		case data.ALERT_NOTIFICATION:
			// No response is defined for it, and nothing here needs it.
		default:
			s.respond(pdu.NewGenericNack(), h.seq, uint32(data.ESME_RINVCMDID))
		}
	}
}

func parseResponse(frame []byte, h header) response {
	r := response{status: h.status}
	if data.CommandIDType(h.id) == data.SUBMIT_SM_RESP && h.status == 0 {
		if p, err := pdu.Parse(bytes.NewReader(frame)); err == nil {
			if sr, ok := p.(*pdu.SubmitSMResp); ok {
				r.messageID = sr.MessageID
			}
		}
	}
	return r
}

// keepAlive sends enquire_link every interval; a missing answer closes the
// session.
func (s *session) keepAlive(ctx context.Context) {
	t := time.NewTicker(s.c.cfg.EnquireLink)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			if _, err := s.request(ctx, pdu.NewEnquireLink(), false); err != nil && ctx.Err() == nil {
				s.close(fmt.Errorf("smpp: enquire_link: %w", err))
				return
			}
		case <-s.done:
			return
		case <-ctx.Done():
			return
		}
	}
}

// unbind ends the session politely, waiting briefly for unbind_resp.
func (s *session) unbind() {
	ctx, cancel := context.WithTimeout(context.Background(), s.c.cfg.ResponseTimeout)
	defer cancel()
	_, _ = s.request(ctx, pdu.NewUnbind(), false)
	s.close(errors.New("smpp: unbound"))
}
