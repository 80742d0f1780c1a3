// Package smpp connects Sportello to a carrier's SMSC over SMPP 3.4, the
// protocol carriers and Italian aggregators offer for a short code.
//
// A Client binds as a transceiver and stays bound: it answers and sends
// enquire_link, reconnects after any failure with exponential backoff and
// jitter, and pauses every submit when the SMSC answers ESME_RTHROTTLED or
// ESME_RMSGQFUL. Incoming deliver_sm are reassembled (package concat: UDH
// with 8- and 16-bit references, SAR TLVs, message_payload) and handed to
// Handlers.Message as a telephony.Inbound; delivery receipts, in the text
// form of appendix B and in TLVs, become a telephony.Receipt. Submit sends a
// telephony.Outbound cut by telephony.Split, one submit_sm per segment with
// its own sequence number under a concatenation header, with at most
// Config.Window requests outstanding.
//
// Only the PDU codec of github.com/linxGnu/gosmpp is used; the session is
// written here over a net.Conn. The library's session layer splits UCS-2 by
// characters rather than UTF-16 units, gives the parts of a split message
// one sequence number, rebinds at a fixed interval, insists on keep-alives
// of a minute or more and reports submit results through callbacks, while
// an outbox needs each reply's result returned to the call that sent it.
// Its deliver_sm parser is bypassed as well: it refuses a whole PDU whose
// user data header it cannot read, where the reassembler gives every
// malformed header a defined outcome.
//
// Delivery is at least once. A submit whose response is lost with the
// connection is sent again on the next one; the outbox deduplicates by
// Outbound.ID and records a reply as sent only when Submit returns nil. An
// incoming message is acknowledged only after Handlers.Message returns nil,
// so a failure makes the SMSC deliver it again. Logs carry events, counts
// and errors, never message text or phone numbers.
package smpp
