// Package telephony prepares Sportello's answers for the SMS short code
// channel.
//
// Every answer sent to a resident's phone is billed to the municipality per
// segment, and the segment count depends on the encoding far more than on
// the length of the answer. A message that fits the GSM 03.38 default
// alphabet carries 160 characters in one segment; a single character outside
// it (an È typed by the answer's author, a curly quote pasted from a word
// processor, an emoji) switches the whole message to UCS-2, which carries
// 70. Concatenated messages lose room to the concatenation header as well:
// 153 or 67 per segment with an 8-bit reference, 152 or 66 with a 16-bit one.
//
// Hence the layers here, applied in this order by the sender:
//
//   - Normalize rewrites typography that has a GSM equivalent, so that
//     Italian answers stay GSM-7; Transliterate optionally folds Romanian and
//     Albanian letters where a carrier or a deployment prefers GSM-7 to
//     correct diacritics.
//   - Choose and Segments tell what the message will cost before it is sent,
//     and Truncate makes it fit a budget of segments.
//   - Split cuts the text into the parts an SMSC accepts, never inside a GSM
//     escape pair or a UTF-16 surrogate pair (either would reach the handset
//     as garbage), and at a space where that costs nothing.
//   - EncodeGSM7, DecodeGSM7, EncodeUCS2 and DecodeUCS2 convert between text
//     and the user data octets that gateways and SMPP expect. GSM-7 septets
//     stay unpacked, one per octet, because that is what SMPP carries with
//     data_coding 0; packing into 7-bit words is the SMSC's job.
//
// The default alphabet is the one of 3GPP TS 23.038 without national
// language shift tables, which handsets and SMSCs do not support uniformly.
// Where the standard and the Unicode Consortium's mapping disagree (0x09 is
// capital Ç in the standard, small ç in GSM0338.TXT) this package follows the
// standard, as ICU does and as most handsets do.
package telephony
