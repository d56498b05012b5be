package org.imapferry.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imapferry.protocol.literal.BodySectionStart;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;

/**
 * Feeds bytes through an {@link ImapResponseDecoder} in an {@link EmbeddedChannel}, in pieces,
 * and returns what came out in a form that does not depend on how the input was split: records
 * as they are, and the chunks of each literal joined into one {@link Literal}. Every buffer read
 * is released, the chunk contract is checked on the way, and the channel must finish empty.
 */
final class DecoderRun {
    /** The bytes of one streamed literal, joined from its chunks. */
    record Literal(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Literal l && Arrays.equals(l.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return "Literal(" + bytes.length + " bytes)";
        }
    }

    /** The events, and the framing error that ended decoding, if any. */
    record Result(List<Object> events, ImapFramingException failure) {
        @SuppressWarnings("unchecked")
        <T> List<T> all(Class<T> type) {
            List<T> out = new ArrayList<>();
            for (Object e : events) {
                if (type.isInstance(e)) {
                    out.add((T) e);
                }
            }
            return out;
        }

        <T> T only(Class<T> type) {
            List<T> found = all(type);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + type.getSimpleName() + " in " + events);
            }
            return found.get(0);
        }
    }

    private DecoderRun() {}

    static Result whole(byte[] input) {
        return run(input, new int[0], ImapDecoderLimits.DEFAULT);
    }

    static Result whole(String input) {
        return whole(input.getBytes(StandardCharsets.UTF_8));
    }

    static Result whole(String input, ImapDecoderLimits limits) {
        return run(input.getBytes(StandardCharsets.UTF_8), new int[0], limits);
    }

    static Result bytewise(byte[] input) {
        int[] cuts = new int[Math.max(0, input.length - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return run(input, cuts, ImapDecoderLimits.DEFAULT);
    }

    /**
     * Writes {@code input} cut at the given ascending offsets.
     */
    static Result run(byte[] input, int[] cuts, ImapDecoderLimits limits) {
        EmbeddedChannel channel = new EmbeddedChannel(new ImapResponseDecoder(limits));
        List<Object> events = new ArrayList<>();
        ByteArrayOutputStream literal = null;
        ImapFramingException failure = null;
        int from = 0;
        for (int i = 0; i <= cuts.length && failure == null; i++) {
            int to = i < cuts.length ? cuts[i] : input.length;
            ByteBuf piece = ByteBufAllocator.DEFAULT.buffer(Math.max(1, to - from));
            piece.writeBytes(input, from, to - from);
            from = to;
            try {
                channel.writeInbound(piece);
            } catch (ImapFramingException e) {
                failure = e;
            }
            literal = drain(channel, events, literal, limits);
        }
        assertNull(literal, "a literal was left unfinished: " + events);
        assertFalse(channel.finish());
        return new Result(events, failure);
    }

    private static ByteArrayOutputStream drain(
            EmbeddedChannel channel, List<Object> events, ByteArrayOutputStream literal, ImapDecoderLimits limits) {
        ByteArrayOutputStream current = literal;
        for (Object msg = channel.readInbound(); msg != null; msg = channel.readInbound()) {
            if (msg instanceof LiteralChunk chunk) {
                try {
                    assertNotNull(current, "a chunk without a BodySectionStart");
                    int n = chunk.content().readableBytes();
                    assertTrue(n <= limits.maxChunkSize(), "chunk of " + n + " bytes");
                    assertTrue(n > 0 || chunk instanceof LastLiteralChunk, "an empty chunk that is not the last");
                    byte[] bytes = new byte[n];
                    chunk.content().getBytes(chunk.content().readerIndex(), bytes);
                    current.writeBytes(bytes);
                    if (chunk instanceof LastLiteralChunk) {
                        events.add(new Literal(current.toByteArray()));
                        current = null;
                    }
                } finally {
                    chunk.release();
                }
            } else {
                if (msg instanceof BodySectionStart) {
                    assertNull(current, "a BodySectionStart inside a literal");
                    current = new ByteArrayOutputStream();
                }
                assertFalse(msg instanceof ByteBuf, "a raw buffer came out of the decoder");
                events.add(msg);
            }
        }
        return current;
    }
}
