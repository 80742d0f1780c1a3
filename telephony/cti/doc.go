// Package cti is Sportello's bridge to the phone side of the contact
// center: the look-up API that an IVR, ACD or agent desktop (Asterisk,
// Genesys, Amazon Connect) calls with a reference code typed on the
// keypad or the caller's number (ANI) to show the operator the whole
// handoff; the callback queue that handoffs made outside the opening hours
// feed; and the opening hours that decide when a callback is offered.
//
// See docs/telephony-integration.md for how a phone system integrates.
package cti
