package org.imapferry.protocol;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * The server's byte stream can no longer be split into responses: a line longer than
 * {@link ImapDecoderLimits#maxLineLength()}, a response larger than
 * {@link ImapDecoderLimits#maxResponseSize()}, a literal announcement that is not a number, or a
 * literal too large to hold. Once a frame boundary is lost, literal bytes could be read as
 * responses, so {@link ImapResponseDecoder} discards everything after it and the connection must
 * be closed. The message says what was wrong and at which byte of the stream.
 */
public final class ImapFramingException extends CorruptedFrameException {
    private static final long serialVersionUID = 1L;

    private final long streamOffset;

    public ImapFramingException(String message, long streamOffset) {
        super(message + " (at byte " + streamOffset + " of the stream)");
        this.streamOffset = streamOffset;
    }

    /** The offset, counted from the first byte the decoder received, where the fault starts. */
    public long streamOffset() {
        return streamOffset;
    }
}
