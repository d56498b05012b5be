package org.imapferry.protocol.literal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The final piece of a literal; it may be empty (a zero-length literal, or a literal whose bytes
 * all came in earlier chunks).
 */
public final class LastLiteralChunk extends LiteralChunk {
    public LastLiteralChunk(ByteBuf content) {
        super(content);
    }

    /** An empty last chunk; the buffer owns no memory. */
    public static LastLiteralChunk empty() {
        return new LastLiteralChunk(Unpooled.EMPTY_BUFFER);
    }

    @Override
    public LastLiteralChunk replace(ByteBuf content) {
        return new LastLiteralChunk(content);
    }
}
