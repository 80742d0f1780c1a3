// Package concat turns the parts of incoming SMS back into messages.
//
// A citizen's question longer than one segment reaches the gateway in
// parts, and SMSCs tie the parts together in one of three ways: a
// concatenation element in the user data header (IEI 0x00 with an 8-bit
// reference, or 0x08 with a 16-bit one), the SMPP SAR TLVs
// (sar_msg_ref_num, sar_total_segments, sar_segment_seqnum), or not at all,
// delivering the whole text in one message_payload TLV. A Reassembler
// accepts all of them, keyed by sender, recipient and reference, and
// decodes the joined user data by its data_coding, so that an escape pair
// or a surrogate pair split across parts still reads correctly.
//
// Nothing that arrives is trusted. Every bad input has a defined outcome
// rather than a panic: a malformed header, odd-length UCS-2, binary data or
// an unknown data_coding is Invalid; a part seen before is a Duplicate;
// parts whose siblings never come are given up after a timeout and reported
// as Orphans, and memory is bounded by a number of messages and a number of
// bytes, the oldest incomplete message making way when either is reached.
//
// The package knows nothing of sessions or sockets: the SMPP connector
// fills a Part from each deliver_sm, and the fuzz targets do the same from
// random bytes.
package concat
