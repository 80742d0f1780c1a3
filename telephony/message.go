package telephony

import "time"

// Inbound is one text message from a citizen, in the same shape whatever
// gateway carried it (SMPP, Kannel, a Twilio-compatible or a generic JSON
// webhook). Gateways fill it; one function runs it through the chat engine.
type Inbound struct {
	// Gateway names the configured gateway that received the message
	// ("smpp-main", "kannel", "twilio"), and CarrierID is the identifier
	// the carrier or gateway gave it. Together they deduplicate
	// redeliveries: a carrier that retries sends the same CarrierID.
	Gateway   string
	CarrierID string
	// From is the citizen's number in E.164 ("+393331234567"), To the
	// short code or number the message was sent to.
	From string
	To   string
	// Text is the whole message, already decoded and, for a concatenated
	// message, reassembled.
	Text       string
	ReceivedAt time.Time
}

// Outbound is one reply to be sent. The outbox stores it before any
// attempt, so a reply survives a restart.
type Outbound struct {
	// ID is ours, unique, and stable across retries; a gateway that
	// accepts it returns its own message id for delivery receipts.
	ID       string
	Gateway  string
	To       string
	From     string
	Text     string
	Encoding Encoding
	// Segments is what the message costs, as Segments reports it.
	Segments int
}

// DeliveryStatus is the final or intermediate state a delivery receipt
// reports.
type DeliveryStatus string

// Delivery states, after SMPP 3.4 appendix B's stat values.
const (
	Delivered     DeliveryStatus = "delivered"
	Undeliverable DeliveryStatus = "undeliverable"
	Expired       DeliveryStatus = "expired"
	Rejected      DeliveryStatus = "rejected"
	Accepted      DeliveryStatus = "accepted"
	Unknown       DeliveryStatus = "unknown"
)

// Receipt is a delivery report for a message we sent, identified by the
// gateway's message id.
type Receipt struct {
	Gateway   string
	MessageID string
	Status    DeliveryStatus
	// Err is the carrier's error code, when it gives one.
	Err string
	At  time.Time
}
