// Package sms is Sportello's SMS channel: the one way every gateway's
// messages (SMPP, Kannel, Twilio-compatible and generic webhooks) take
// through the conversation engine, and back through the outbox.
//
// For each inbound message, Service.Receive:
//
//  1. refuses a sender that is not a phone number (ErrInvalid), and
//     otherwise replaces the number with its pseudonym (Vault: a keyed
//     HMAC) and seals the number itself (AES-GCM) for the reply;
//  2. stores the message, deduplicated by gateway and carrier id, before
//     anything else: a replay of a message already answered is reported
//     and not answered again, and one a crash interrupted is finished by
//     Resume;
//  3. matches keywords before anything else, in nine languages (STOP,
//     START, HELP, OPERATOR and their equivalents, see keywordWords), and
//     honours them at once: STOP puts the number on the suppression list
//     and cancels what was queued for it, and nothing more goes to it until
//     START;
//  4. otherwise gives the message to the conversation of that phone number
//     (chat.Service, channel "sms", contact = pseudonym), where a reply of
//     "2" after a numbered menu picks the second choice;
//  5. turns the decision into one SMS within a budget of segments: the
//     entry's short SMS answer, or the answer shortened with a link to its
//     public page; a clarification as a numbered menu; a handoff with the
//     reference code and the number to call; an emergency with the 112
//     message; and puts it in the outbox under a key derived from the
//     inbound message, so it is enqueued once whatever happens.
//
// Replies are normalised (telephony.Normalize), transliterated for the
// configured languages, and sent in GSM-7 when they fit it and UCS-2
// otherwise; which data_coding carries GSM-7 is the connector's business.
//
// Logs carry pseudonyms, ids and outcomes, never a number or a text.
package sms
