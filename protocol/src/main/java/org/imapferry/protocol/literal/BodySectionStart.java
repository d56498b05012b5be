package org.imapferry.protocol.literal;

/**
 * The start of a streamed body section in a FETCH response:
 * {@code * 12 FETCH (BODY[] {52113}} has been read, and exactly {@code length} bytes follow as
 * {@link LiteralChunk}s, the last of them a {@link LastLiteralChunk}. Then the response goes on,
 * and its remaining attributes arrive as a {@link org.imapferry.protocol.response.FetchData}.
 *
 * <pre>
 * msg-att-static =/ "BODY" section ["&lt;" number "&gt;"] SP nstring / "RFC822" SP nstring
 *                   / "BINARY" section-binary [partial] SP (nstring / literal8)
 * literal8       = "~{" number "}" CRLF *OCTET      (RFC 3516 §4.2)
 * </pre>
 *
 * @param sequenceNumber the message sequence number; the UID may only come after the literal
 * @param item           "BODY", "BINARY" or "RFC822" (also RFC822.TEXT)
 * @param section        the text between the brackets, upper-cased; empty for the whole message
 * @param origin         the partial origin, or null
 * @param length         the announced literal length: the only length that frames the bytes
 * @param binary         true for a {@code ~{n}} literal, which may hold NUL bytes
 */
public record BodySectionStart(
        long sequenceNumber, String item, String section, Long origin, long length, boolean binary) {}
