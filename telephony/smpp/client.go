package smpp

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/linxGnu/gosmpp/data"
	"github.com/linxGnu/gosmpp/pdu"

	"github.com/sportello/sportello/telephony"
	"github.com/sportello/sportello/telephony/concat"
)

// Statuses the connector sends or acts on.
const (
	statusOK        = uint32(data.ESME_ROK)
	statusThrottled = uint32(data.ESME_RTHROTTLED)
	statusQueueFull = uint32(data.ESME_RMSGQFUL)
	statusTempError = uint32(data.ESME_RX_T_APPN)
	statusPermError = uint32(data.ESME_RX_P_APPN)
	statusBadPasswd = uint32(data.ESME_RINVPASWD)
	statusBadSysID  = uint32(data.ESME_RINVSYSID)
)

// ErrClosed is returned by Submit once Run has returned.
var ErrClosed = errors.New("smpp: connector stopped")

// Handlers receive what the SMSC delivers. Message and Receipt are called
// from several workers at once. An error from either refuses the
// deliver_sm with ESME_RX_T_APPN, so that the SMSC delivers it again later;
// return nil once the message or receipt is stored.
type Handlers struct {
	Message func(ctx context.Context, in telephony.Inbound) error
	Receipt func(ctx context.Context, r telephony.Receipt) error
	// Dropped, optional, is told about incoming messages that will not
	// reach Message: unreadable ones, and parts whose siblings never came.
	// They are logged either way, without numbers or text.
	Dropped func(ctx context.Context, d Dropped)
}

// Dropped is an incoming message given up on.
type Dropped struct {
	Gateway  string
	From, To string
	// Reason is "invalid" (the message cannot be read, Err says why),
	// "expired" (its other parts did not come in time) or "evicted" (the
	// memory bound for incomplete messages was reached).
	Reason string
	Err    error
	// Received and Total count the parts, for an incomplete message.
	Received, Total int
	// Text is what could be read of an incomplete message, possibly "".
	Text string
}

// Client is an SMPP 3.4 ESME bound to one SMSC as a transceiver.
type Client struct {
	cfg   Config
	h     Handlers
	log   *slog.Logger
	reasm *concat.Reassembler
	work  chan job
	ref   atomic.Uint32

	running atomic.Bool
	stopped chan struct{}

	mu      sync.Mutex
	sess    *session
	changed chan struct{} // closed and replaced whenever sess changes

	tmu           sync.Mutex
	throttleUntil time.Time
	throttleLevel int
}

type job struct {
	s     *session
	seq   uint32
	frame []byte
}

// New checks cfg and returns a connector; Run connects it.
func New(cfg Config, h Handlers) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if h.Message == nil || h.Receipt == nil {
		return nil, fmt.Errorf("smpp: gateway %s: Message and Receipt handlers are required", cfg.Gateway)
	}
	cfg = cfg.withDefaults()
	r, err := concat.New(cfg.Reassembly)
	if err != nil {
		return nil, fmt.Errorf("smpp: gateway %s: %w", cfg.Gateway, err)
	}
	c := &Client{
		cfg:     cfg,
		h:       h,
		log:     cfg.Logger.With("gateway", cfg.Gateway),
		reasm:   r,
		work:    make(chan job, cfg.Queue),
		stopped: make(chan struct{}),
		changed: make(chan struct{}),
	}
	// Start references at random, so that a restart does not reuse the
	// ones of the messages sent just before it.
	c.ref.Store(rand.Uint32())
	return c, nil
}

// Run binds to the SMSC and keeps the connection up until ctx is done,
// reconnecting after any failure with exponential backoff and jitter. It
// returns nil after unbinding on cancellation, and an error only when the
// SMSC rejects the credentials, which retrying cannot fix. Run may be
// called once.
func (c *Client) Run(ctx context.Context) error {
	if !c.running.CompareAndSwap(false, true) {
		return errors.New("smpp: Run called twice")
	}
	defer close(c.stopped)
	var wg sync.WaitGroup
	defer wg.Wait()
	// Workers and the janitor stop with Run, whatever ends it.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for range c.cfg.Workers {
		wg.Go(func() { c.worker(ctx) })
	}
	wg.Go(func() { c.janitor(ctx) })

	attempt := 0
	for {
		s, err := c.bind(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			var se *StatusError
			if errors.As(err, &se) && (se.Status == statusBadPasswd || se.Status == statusBadSysID) {
				c.log.Error("smpp: the SMSC rejected the credentials", "err", err)
				return err
			}
			delay := backoff(attempt, c.cfg.ReconnectMin, c.cfg.ReconnectMax, rand.Int64N)
			attempt++
			c.log.Warn("smpp: bind failed", "err", err, "attempt", attempt, "retry_in", delay)
			if !sleep(ctx, delay) {
				return nil
			}
			continue
		}

		bound := time.Now()
		c.log.Info("smpp: bound as transceiver", "addr", c.cfg.Addr)
		c.setSession(s)
		go s.readLoop(ctx)
		go s.keepAlive(ctx)
		select {
		case <-s.done:
		case <-ctx.Done():
			s.unbind()
		}
		c.setSession(nil)
		if ctx.Err() != nil {
			return nil
		}
		// A connection that dies right after the bind is a failure too;
		// only one that lasted resets the backoff.
		if time.Since(bound) >= c.cfg.EnquireLink {
			attempt = 0
		}
		delay := backoff(attempt, c.cfg.ReconnectMin, c.cfg.ReconnectMax, rand.Int64N)
		attempt++
		c.log.Warn("smpp: connection lost", "err", s.err, "retry_in", delay)
		if !sleep(ctx, delay) {
			return nil
		}
	}
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// backoff is the wait before retry number attempt (from 0): lo doubled
// each time up to hi, half of it fixed and half random ("equal jitter"),
// so that gateways restarted together do not reconnect in step.
func backoff(attempt int, lo, hi time.Duration, randN func(int64) int64) time.Duration {
	d := hi
	if attempt < 40 && lo<<attempt < hi && lo<<attempt > 0 {
		d = lo << attempt
	}
	half := d / 2
	return half + time.Duration(randN(int64(d-half)+1))
}

func (c *Client) setSession(s *session) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sess = s
	close(c.changed)
	c.changed = make(chan struct{})
}

// current waits for a bound session.
func (c *Client) current(ctx context.Context) (*session, error) {
	for {
		c.mu.Lock()
		s, changed := c.sess, c.changed
		c.mu.Unlock()
		if s != nil {
			select {
			case <-s.done:
			default:
				return s, nil
			}
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-c.stopped:
			return nil, ErrClosed
		}
	}
}

// bind connects and binds as a transceiver.
func (c *Client) bind(ctx context.Context) (*session, error) {
	dctx, cancel := context.WithTimeout(ctx, c.cfg.ResponseTimeout)
	defer cancel()
	conn, err := c.cfg.Dial(dctx, "tcp", c.cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("smpp: connecting: %w", err)
	}
	s := newSession(c, conn)
	req := pdu.NewBindRequest(pdu.Transceiver)
	req.SystemID, req.Password, req.SystemType = c.cfg.SystemID, c.cfg.Password, c.cfg.SystemType
	seq := s.nextSeq()
	req.SetSequenceNumber(int32(seq))
	if err := s.write(req); err != nil {
		conn.Close()
		return nil, fmt.Errorf("smpp: sending bind_transceiver: %w", err)
	}
	if err := conn.SetReadDeadline(time.Now().Add(c.cfg.ResponseTimeout)); err != nil {
		conn.Close()
		return nil, err
	}
	for {
		frame, err := readFrame(s.r)
		if err != nil {
			conn.Close()
			return nil, fmt.Errorf("smpp: waiting for bind_transceiver_resp: %w", err)
		}
		h := parseHeader(frame)
		switch data.CommandIDType(h.id) {
		case data.BIND_TRANSCEIVER_RESP, data.GENERIC_NACK:
			if h.seq != seq {
				continue
			}
			if h.status != statusOK {
				conn.Close()
				return nil, &StatusError{Command: "bind_transceiver", Status: h.status}
			}
			return s, nil
		case data.ENQUIRE_LINK:
			s.respond(pdu.NewEnquireLinkResp(), h.seq, statusOK)
		default:
			conn.Close()
			return nil, fmt.Errorf("smpp: %v received before the bind was answered", data.CommandIDType(h.id))
		}
	}
}

// Submit sends out as one submit_sm per segment, cut by telephony.Split
// (whose encoding decides data_coding: Config.Codings.GSM for GSM-7, 8 for
// UCS-2) under a concatenation header, and returns the SMSC's message id
// of each part, in order, for matching delivery receipts. The text is
// sent as given: normalise and truncate it before.
//
// Each part is resubmitted on the next connection when the connection
// fails before the part was answered, and after a pause when the SMSC
// answers ESME_RTHROTTLED or ESME_RMSGQFUL, until ctx is done. So a part
// can reach the SMSC twice (at least once, never silently lost), and the
// outbox must record Outbound.ID as sent only once Submit returns nil. Any
// other error status fails the message with a *StatusError; the ids of the
// parts accepted before it are returned with the error.
func (c *Client) Submit(ctx context.Context, out telephony.Outbound) ([]string, error) {
	src, err := c.address(out.From, true)
	if err != nil {
		return nil, fmt.Errorf("smpp: message %s: source: %w", out.ID, err)
	}
	dst, err := c.address(out.To, false)
	if err != nil {
		return nil, fmt.Errorf("smpp: message %s: destination: %w", out.ID, err)
	}
	enc, texts := telephony.Split(out.Text, c.cfg.Ref16)
	switch {
	case len(texts) == 0:
		return nil, fmt.Errorf("smpp: message %s has no text", out.ID)
	case len(texts) > 255:
		return nil, fmt.Errorf("smpp: message %s needs %d parts, more than the 255 a header can number", out.ID, len(texts))
	}
	dc := c.cfg.Codings.GSM
	if enc == telephony.UCS2 {
		dc = 8
	}
	ref := c.ref.Add(1)
	ids := make([]string, 0, len(texts))
	for i, text := range texts {
		var ud []byte
		if enc == telephony.UCS2 {
			ud = telephony.EncodeUCS2(text)
		} else if ud, err = telephony.EncodeGSM7(text); err != nil {
			return ids, fmt.Errorf("smpp: message %s: %w", out.ID, err)
		}
		sm, err := c.submitSM(src, dst, dc, ud, ref, len(texts), i+1)
		if err != nil {
			return ids, fmt.Errorf("smpp: message %s: %w", out.ID, err)
		}
		id, err := c.submitPart(ctx, sm)
		if err != nil {
			return ids, fmt.Errorf("smpp: message %s, part %d of %d: %w", out.ID, i+1, len(texts), err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func (c *Client) submitSM(src, dst pdu.Address, dc byte, ud []byte, ref uint32, total, seq int) (*pdu.SubmitSM, error) {
	sm := pdu.NewSubmitSM().(*pdu.SubmitSM)
	sm.SourceAddr, sm.DestAddr = src, dst
	if !c.cfg.NoReceipts {
		sm.RegisteredDelivery = 1
	}
	var msg pdu.ShortMessage
	if err := msg.SetMessageDataWithEncoding(ud, coding(dc)); err != nil {
		return nil, err
	}
	if total > 1 {
		sm.EsmClass |= esmUDHI
		var ie pdu.InfoElement
		if c.cfg.Ref16 {
			ie = pdu.InfoElement{ID: data.UDH_CONCAT_MSG_16_BIT_REF, Data: []byte{byte(ref >> 8), byte(ref), byte(total), byte(seq)}}
		} else {
			ie = pdu.NewIEConcatMessage(byte(total), byte(seq), byte(ref))
		}
		msg.SetUDH(pdu.UDH{ie})
	}
	sm.Message = msg
	return sm, nil
}

// submitPart sends one submit_sm until it is answered.
func (c *Client) submitPart(ctx context.Context, sm *pdu.SubmitSM) (string, error) {
	for {
		s, err := c.current(ctx)
		if err != nil {
			return "", err
		}
		if err := c.waitThrottle(ctx); err != nil {
			return "", err
		}
		sent := time.Now()
		r, err := s.request(ctx, sm, true)
		switch {
		case errors.Is(err, errSessionClosed):
			continue
		case err != nil:
			return "", err
		}
		switch r.status {
		case statusOK:
			c.unthrottle()
			return r.messageID, nil
		case statusThrottled, statusQueueFull:
			c.throttled(sent)
		default:
			return "", &StatusError{Command: "submit_sm", Status: r.status}
		}
	}
}

func (c *Client) waitThrottle(ctx context.Context) error {
	c.tmu.Lock()
	d := time.Until(c.throttleUntil)
	c.tmu.Unlock()
	if d <= 0 {
		return nil
	}
	if !sleep(ctx, d) {
		return ctx.Err()
	}
	return nil
}

// throttled pauses every submit on the connector. Only a refusal of a
// request sent after the current pause began lengthens it: the others
// were already in flight and say nothing new about the SMSC's limit.
func (c *Client) throttled(sent time.Time) {
	c.tmu.Lock()
	defer c.tmu.Unlock()
	if sent.Before(c.throttleUntil) {
		return
	}
	d := backoff(c.throttleLevel, c.cfg.ThrottleMin, c.cfg.ThrottleMax, rand.Int64N)
	c.throttleLevel++
	c.throttleUntil = time.Now().Add(d)
	c.log.Warn("smpp: throttled by the SMSC", "pause", d, "level", c.throttleLevel)
}

func (c *Client) unthrottle() {
	c.tmu.Lock()
	c.throttleLevel = 0
	c.tmu.Unlock()
}

// address turns an E.164 number, a short code or an alphanumeric sender
// into an SMPP address. Errors never quote the number, since they are
// logged.
func (c *Client) address(s string, source bool) (pdu.Address, error) {
	var ton, npi byte
	switch {
	case s == "":
		return pdu.Address{}, errors.New("empty address")
	case s[0] == '+' && digits(s[1:]) && len(s) <= 16:
		ton, npi, s = 1, 1, s[1:]
	case digits(s) && len(s) <= 20:
		ton, npi = 0, 1
		if source {
			ton, npi = c.cfg.ShortCodeTON, c.cfg.ShortCodeNPI
		}
	case source && len(s) <= 11 && printableASCII(s):
		ton, npi = 5, 0
	default:
		return pdu.Address{}, fmt.Errorf("not an E.164 number, a short code or an alphanumeric sender (%d characters)", len(s))
	}
	return pdu.NewAddressWithTonNpiAddr(ton, npi, s)
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func printableASCII(s string) bool {
	for _, r := range s {
		if r < 0x20 || r > 0x7E {
			return false
		}
	}
	return true
}

// enqueue hands a deliver_sm to the workers without ever blocking the
// read loop, which must go on matching submit responses: when the queue is
// full the SMSC is asked to try again later.
func (c *Client) enqueue(ctx context.Context, s *session, seq uint32, frame []byte) {
	select {
	case c.work <- job{s: s, seq: seq, frame: frame}:
	default:
		c.log.Warn("smpp: incoming queue full, deliver_sm deferred", "queue", c.cfg.Queue)
		s.respond(pdu.NewDeliverSMResp(), seq, statusTempError)
	}
}

func (c *Client) worker(ctx context.Context) {
	for {
		select {
		case j := <-c.work:
			status := c.process(ctx, j.frame)
			select {
			case <-j.s.done:
				// The SMSC will deliver it again on the next connection.
			default:
				j.s.respond(pdu.NewDeliverSMResp(), j.seq, status)
			}
		case <-ctx.Done():
			return
		}
	}
}

// process handles one deliver_sm and returns the status to answer it with.
func (c *Client) process(ctx context.Context, frame []byte) uint32 {
	now := time.Now()
	d, err := parseDeliver(frame)
	if err != nil {
		c.drop(ctx, Dropped{Reason: "invalid", Err: err})
		return statusPermError
	}
	if t := d.esmClass & esmTypeMask; t == esmReceipt || t == esmIntermediat {
		r, err := parseReceipt(d, c.cfg.Gateway, now)
		if err != nil {
			// Asking again would bring the same receipt back.
			c.log.Warn("smpp: unreadable delivery receipt acknowledged and ignored", "err", err)
			return statusOK
		}
		if err := c.h.Receipt(ctx, r); err != nil {
			c.log.Warn("smpp: receipt handler failed; the SMSC will deliver it again", "err", err)
			return statusTempError
		}
		return statusOK
	}

	part := concat.Part{
		Source: formatAddr(d.srcTON, d.src), Dest: d.dst, DataCoding: d.dataCoding,
		UDHI: d.esmClass&esmUDHI != 0, ShortMessage: d.shortMessage,
	}
	if v, ok := d.tlv[tagMessagePayload]; ok {
		part.Payload = v
	}
	sar, err := sarInfo(d.tlv)
	if err != nil {
		c.drop(ctx, Dropped{From: part.Source, To: part.Dest, Reason: "invalid", Err: err})
		return statusPermError
	}
	part.SAR = sar
	res := c.reasm.Add(now, part)
	c.orphans(ctx, res.Dropped)
	switch res.Outcome {
	case concat.Stored, concat.Duplicate:
		return statusOK
	case concat.Invalid:
		c.drop(ctx, Dropped{From: part.Source, To: part.Dest, Reason: "invalid", Err: res.Err})
		return statusPermError
	}
	m := res.Message
	in := telephony.Inbound{
		Gateway: c.cfg.Gateway, CarrierID: carrierID(m),
		From: m.Source, To: m.Dest, Text: m.Text, ReceivedAt: now,
	}
	if err := c.h.Message(ctx, in); err != nil {
		c.reasm.Reopen(time.Now(), m)
		c.log.Warn("smpp: message handler failed; the SMSC will deliver it again", "err", err, "carrier_id", in.CarrierID)
		return statusTempError
	}
	return statusOK
}

// sarInfo reads the SAR TLVs: all three or none.
func sarInfo(tlv map[uint16][]byte) (*concat.SARInfo, error) {
	ref, okRef := tlv[tagSARMsgRefNum]
	total, okTotal := tlv[tagSARTotalSegments]
	seq, okSeq := tlv[tagSARSegmentSeqnum]
	switch {
	case !okRef && !okTotal && !okSeq:
		return nil, nil
	case !okRef || !okTotal || !okSeq:
		return nil, errors.New("smpp: some but not all of the SAR TLVs are present")
	case len(ref) != 2 || len(total) != 1 || len(seq) != 1:
		return nil, errors.New("smpp: SAR TLV of the wrong length")
	}
	return &concat.SARInfo{Ref: binary.BigEndian.Uint16(ref), Total: total[0], Seq: seq[0]}, nil
}

// formatAddr writes an international number in E.164 with its '+'.
func formatAddr(ton byte, addr string) string {
	if ton == 1 && addr != "" && addr[0] != '+' {
		return "+" + addr
	}
	return addr
}

// carrierID names an incoming message for deduplication. SMPP gives
// mobile-originated messages no identifier, so this is a digest of what
// the SMSC would send again on redelivery: a citizen who sends the same
// text twice gets the same id, and the store must therefore deduplicate
// SMPP ids only within a window of minutes.
func carrierID(m concat.Message) string {
	h := sha256.New()
	for _, s := range []string{m.Source, m.Dest, m.Form.String(), fmt.Sprint(m.Ref, "/", m.Parts), m.Text} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "smpp-" + hex.EncodeToString(h.Sum(nil)[:16])
}

func (c *Client) drop(ctx context.Context, d Dropped) {
	d.Gateway = c.cfg.Gateway
	c.log.Warn("smpp: incoming message dropped", "reason", d.Reason, "err", d.Err, "parts", d.Received, "of", d.Total)
	if c.h.Dropped != nil {
		c.h.Dropped(ctx, d)
	}
}

func (c *Client) orphans(ctx context.Context, os []concat.Orphan) {
	for _, o := range os {
		c.drop(ctx, Dropped{From: o.Source, To: o.Dest, Reason: o.Reason.String(), Received: o.Received, Total: o.Total, Text: o.Text})
	}
}

// janitor gives up incomplete messages past the reassembly timeout.
func (c *Client) janitor(ctx context.Context) {
	every := min(max(c.reassemblyTimeout()/10, time.Second), time.Minute)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case now := <-t.C:
			c.orphans(ctx, c.reasm.Expire(now))
		case <-ctx.Done():
			return
		}
	}
}

func (c *Client) reassemblyTimeout() time.Duration {
	if c.cfg.Reassembly.Timeout > 0 {
		return c.cfg.Reassembly.Timeout
	}
	return concat.DefaultTimeout
}
