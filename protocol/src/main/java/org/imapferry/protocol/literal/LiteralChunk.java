package org.imapferry.protocol.literal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A piece of a literal's bytes, in both directions: from the decoder, a retained slice of the
 * socket buffer; to the encoder, the bytes of an APPEND passed through untouched. It is a
 * {@link io.netty.buffer.ByteBufHolder}, so write watermarks count it, and whoever handles it last
 * releases it.
 */
public class LiteralChunk extends DefaultByteBufHolder {
    public LiteralChunk(ByteBuf content) {
        super(content);
    }

    @Override
    public LiteralChunk replace(ByteBuf content) {
        return new LiteralChunk(content);
    }

    @Override
    public LiteralChunk copy() {
        return replace(content().copy());
    }

    @Override
    public LiteralChunk duplicate() {
        return replace(content().duplicate());
    }

    @Override
    public LiteralChunk retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public LiteralChunk retain() {
        super.retain();
        return this;
    }

    @Override
    public LiteralChunk retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public LiteralChunk touch() {
        super.touch();
        return this;
    }

    @Override
    public LiteralChunk touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + content().readableBytes() + " bytes)";
    }
}
