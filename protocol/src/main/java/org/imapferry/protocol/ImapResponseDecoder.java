package org.imapferry.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.imapferry.protocol.grammar.BodySectionScanner;
import org.imapferry.protocol.grammar.ResponseParser;
import org.imapferry.protocol.literal.BodySectionStart;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;

/**
 * Decodes the bytes an IMAP server sends into {@link org.imapferry.protocol.response.ImapResponse}
 * records, streaming message bodies instead of holding them.
 *
 * <p>Framing comes first and grammar second (as imap-codec's fragmentizer): the decoder finds where
 * a response ends (CRLF-terminated lines, where a {@code {n}}, {@code {n+}} or {@code ~{n}}
 * announcement at the end of a line means n bytes of literal follow and the response goes on after
 * them) before it parses anything. So a response it cannot parse is dropped whole, and literal
 * bytes are never read as responses. A bare LF is accepted as a line end (lenient servers).
 *
 * <p>Events, in order:
 * <ul>
 *   <li>an {@code ImapResponse} for each response, when its last line has arrived;</li>
 *   <li>for a FETCH body section ({@code BODY[...]}, {@code BINARY[...]}, {@code RFC822},
 *       {@code RFC822.TEXT}) sent as a literal: a {@link BodySectionStart} as soon as the literal
 *       is announced, then its bytes as {@link LiteralChunk}s, each at most
 *       {@link ImapDecoderLimits#maxChunkSize()} and emitted as soon as bytes are available, the
 *       final one a {@link LastLiteralChunk} (empty for a zero-length literal); then, when the
 *       response ends, the {@code FetchData} with the attributes that were not streamed (the UID
 *       may come only after the literal). Header sections (HEADER, HEADER.FIELDS, MIME,
 *       RFC822.HEADER) are decoded inline into {@code FetchData#sections()} unless they are larger
 *       than {@link ImapDecoderLimits#maxInlineLiteral()}, when they are streamed like a body.</li>
 * </ul>
 * Chunks are {@code readRetainedSlice} views of the socket buffer, never copies: whoever handles a
 * chunk last releases it. While a literal streams the decoder holds nothing but the bytes of the
 * current read, so memory stays flat whatever the message size.
 *
 * <pre>
 * S: * 12 FETCH (FLAGS (\Seen) BODY[] {52113}
 * S: ...52113 bytes... UID 4711)
 *
 * → BodySectionStart(12, "BODY", "", null, 52113, false)
 * → LiteralChunk(65536 max) ... → LastLiteralChunk
 * → FetchData(12, uid=4711, flags=[\Seen], ...)
 * </pre>
 *
 * <p>Errors. A response whose grammar is wrong but whose framing is sound becomes a
 * {@code MalformedResponse} (after the chunks of any literal it streamed) and decoding goes on.
 * A framing error (a line over {@link ImapDecoderLimits#maxLineLength()}, a response over
 * {@link ImapDecoderLimits#maxResponseSize()} counting its lines and inline literals, a literal
 * announcement that is not a number, a non-body literal over
 * {@link ImapDecoderLimits#maxInlineLiteral()}) throws {@link ImapFramingException}; the decoder
 * then discards all further input, since no later byte can be trusted to start a response.
 *
 * <p>If the stream ends inside a response, nothing more is emitted for it (a streamed literal then
 * has no {@link LastLiteralChunk}); {@code channelInactive} tells the next handler. The decoder
 * owns no buffer between reads, so there is nothing to release when it is removed.
 *
 * <pre>
 * pipeline.addLast("imap", new ImapResponseDecoder(ImapDecoderLimits.DEFAULT));
 * </pre>
 */
public class ImapResponseDecoder extends ByteToMessageDecoder {
    private static final int INITIAL_RESPONSE_CAPACITY = 512;
    /** A response buffer grown past this is given back after its response, to keep idle memory small. */
    private static final int RETAINED_RESPONSE_CAPACITY = 64 * 1024;

    private enum State {
        /** Collecting a line of the current response, up to LF. */
        READ_LINE,
        /** Copying an inline literal's bytes into the response. */
        READ_INLINE_LITERAL,
        /** Passing a body section's bytes on as chunks. */
        STREAM_LITERAL,
        /** A framing error happened; everything that follows is discarded. */
        BAD_MESSAGE
    }

    private final ImapDecoderLimits limits;
    private final BodySectionScanner scanner = new BodySectionScanner();
    private State state = State.READ_LINE;

    /** The current response: its lines without the last CRLF, announcements with CRLF, inline literals. */
    private byte[] response = new byte[INITIAL_RESPONSE_CAPACITY];

    private int responseLength;
    /** Where in {@link #response} each streamed literal's bytes would have been. */
    private int[] streamed = new int[4];

    private int streamedCount;
    /** How much of the current line was searched for LF already, so slow input is not rescanned. */
    private int scanned;
    /** Bytes still to come of the literal being read or streamed. */
    private long literalRemaining;
    /** Bytes consumed since the start of the stream, for error messages. */
    private long streamOffset;

    public ImapResponseDecoder() {
        this(ImapDecoderLimits.DEFAULT);
    }

    public ImapResponseDecoder(ImapDecoderLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        for (; ; ) {
            switch (state) {
                case READ_LINE:
                    if (!readLine(in, out)) {
                        return;
                    }
                    break;
                case READ_INLINE_LITERAL: {
                    int n = (int) Math.min(literalRemaining, in.readableBytes());
                    if (n == 0) {
                        return;
                    }
                    in.readBytes(response, responseLength, n);
                    responseLength += n;
                    streamOffset += n;
                    literalRemaining -= n;
                    if (literalRemaining == 0) {
                        state = State.READ_LINE;
                    }
                    break;
                }
                case STREAM_LITERAL: {
                    // Everything readable up to the literal's end is sliced off at once, so after a
                    // read inside a literal the cumulation is empty and ByteToMessageDecoder frees it;
                    // only the slices keep their bytes alive, until whoever handles them releases them.
                    int n = (int) Math.min(Math.min(literalRemaining, in.readableBytes()), limits.maxChunkSize());
                    if (n == 0) {
                        return;
                    }
                    ByteBuf slice = in.readRetainedSlice(n);
                    streamOffset += n;
                    literalRemaining -= n;
                    if (literalRemaining == 0) {
                        out.add(new LastLiteralChunk(slice));
                        state = State.READ_LINE;
                    } else {
                        out.add(new LiteralChunk(slice));
                    }
                    break;
                }
                case BAD_MESSAGE:
                    in.skipBytes(in.readableBytes());
                    return;
            }
        }
    }

    /**
     * Takes the next line of the current response, if it has fully arrived. A line that ends
     * with a literal announcement moves to reading that literal; any other line ends the response,
     * which is then parsed and emitted.
     *
     * @return false when more input is needed
     */
    private boolean readLine(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int lf = in.indexOf(start + scanned, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            scanned = in.readableBytes();
            // The line content plus CR may still fit; a longer run without LF cannot.
            if (scanned > limits.maxLineLength() + 1) {
                throw fail(in, "line longer than " + limits.maxLineLength() + " bytes", streamOffset);
            }
            return false;
        }
        scanned = 0;
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        int length = end - start;
        if (length > limits.maxLineLength()) {
            throw fail(in, "line of " + length + " bytes, longer than " + limits.maxLineLength(), streamOffset);
        }
        if ((long) responseLength + length > limits.maxResponseSize()) {
            throw fail(in, "response larger than " + limits.maxResponseSize() + " bytes", streamOffset);
        }
        boolean first = responseLength == 0 && streamedCount == 0;
        int lineStart = responseLength;
        ensureCapacity(responseLength + length + 2);
        in.getBytes(start, response, responseLength, length);
        responseLength += length;
        long lineOffset = streamOffset;
        in.readerIndex(lf + 1);
        streamOffset += lf + 1 - start;
        if (!announcesLiteral(lineStart, in, out, first, lineOffset)) {
            emitResponse(out);
        }
        return true;
    }

    /**
     * If the line just added ends with a literal announcement, prepares to read or stream it.
     *
     * <pre>
     * literal  = "{" number ["+"] "}" CRLF *CHAR8     (RFC 3501 §9, RFC 7888 §3)
     * literal8 = "~{" number "}" CRLF *OCTET          (RFC 3516 §4.2)
     * </pre>
     */
    private boolean announcesLiteral(int lineStart, ByteBuf in, List<Object> out, boolean first, long lineOffset) {
        int end = responseLength;
        if (end == lineStart || response[end - 1] != '}' || first && isTextOnly(lineStart, end)) {
            return false;
        }
        int open = end - 2;
        while (open >= lineStart && response[open] != '{') {
            open--;
        }
        if (open < lineStart) {
            return false;
        }
        int digitsEnd = end - 1;
        if (digitsEnd > open + 1 && response[digitsEnd - 1] == '+') {
            digitsEnd--;
        }
        long length = 0;
        for (int i = open + 1; i < digitsEnd; i++) {
            byte b = response[i];
            if (b < '0' || b > '9') {
                throw fail(
                        in,
                        "malformed literal announcement "
                                + new String(response, open, Math.min(end - open, 40), StandardCharsets.ISO_8859_1),
                        lineOffset + (open - lineStart));
            }
            if (length > (Long.MAX_VALUE - 9) / 10) {
                throw fail(in, "literal length overflows", lineOffset + (open - lineStart));
            }
            length = length * 10 + (b - '0');
        }
        if (digitsEnd == open + 1) {
            throw fail(in, "literal announcement without a length", lineOffset + (open - lineStart));
        }
        boolean binary = open > lineStart && response[open - 1] == '~';
        int announceAt = binary ? open - 1 : open;
        BodySectionScanner.Candidate section = scanner.literalAt(response, lineStart, announceAt, first);
        response[responseLength++] = '\r';
        response[responseLength++] = '\n';
        if (section != null && (!section.headerOnly() || length > limits.maxInlineLiteral())) {
            if (streamedCount == streamed.length) {
                streamed = Arrays.copyOf(streamed, streamedCount * 2);
            }
            streamed[streamedCount++] = responseLength;
            out.add(new BodySectionStart(
                    section.sequenceNumber(), section.item(), section.section(), section.origin(), length, binary));
            if (length == 0) {
                out.add(LastLiteralChunk.empty());
            } else {
                literalRemaining = length;
                state = State.STREAM_LITERAL;
            }
            return true;
        }
        if (length > limits.maxInlineLiteral()) {
            throw fail(
                    in,
                    "literal of " + length + " bytes, larger than " + limits.maxInlineLiteral()
                            + " and not a body section",
                    lineOffset + (open - lineStart));
        }
        if (responseLength + length > limits.maxResponseSize()) {
            throw fail(in, "response larger than " + limits.maxResponseSize() + " bytes", streamOffset);
        }
        ensureCapacity(responseLength + (int) length);
        literalRemaining = length;
        if (length > 0) {
            state = State.READ_INLINE_LITERAL;
        }
        return true;
    }

    /**
     * Whether the line is a continuation request or a status response, whose text may end in
     * "}" but never announces a literal:
     * <pre>
     * continue-req    = "+" SP (resp-text / base64) CRLF
     * response-tagged = tag SP resp-cond-state CRLF
     * resp-cond-state = ("OK" / "NO" / "BAD") SP resp-text
     * </pre>
     */
    private boolean isTextOnly(int start, int end) {
        if (response[start] == '+') {
            return true;
        }
        int i = start;
        while (i < end && response[i] != ' ') {
            i++;
        }
        while (i < end && response[i] == ' ') {
            i++;
        }
        int word = i;
        while (i < end && response[i] != ' ') {
            i++;
        }
        String status = new String(response, word, i - word, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        return switch (status) {
            case "OK", "NO", "BAD", "PREAUTH", "BYE" -> true;
            default -> false;
        };
    }

    private void emitResponse(List<Object> out) {
        out.add(ResponseParser.parse(response, responseLength, streamed, streamedCount));
        resetResponse();
    }

    private void resetResponse() {
        responseLength = 0;
        streamedCount = 0;
        scanner.reset();
        if (response.length > RETAINED_RESPONSE_CAPACITY) {
            response = new byte[INITIAL_RESPONSE_CAPACITY];
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > response.length) {
            response = Arrays.copyOf(
                    response, Math.max(needed, Math.min(response.length * 2, limits.maxResponseSize() + 2)));
        }
    }

    /** Enters BAD_MESSAGE: from here on the stream cannot be split into responses. */
    private ImapFramingException fail(ByteBuf in, String what, long offset) {
        state = State.BAD_MESSAGE;
        scanned = 0;
        in.skipBytes(in.readableBytes());
        resetResponse();
        return new ImapFramingException(what, offset);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        // The decoder holds no buffer of its own (chunks are handed on as they are cut), so only
        // the response under construction is dropped.
        resetResponse();
    }
}
