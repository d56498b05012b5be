package org.imapferry.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.imapferry.protocol.ImapDecoderLimits;
import org.imapferry.protocol.ImapFramingException;
import org.imapferry.protocol.ImapResponseDecoder;
import org.imapferry.protocol.literal.BodySectionStart;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.response.ImapResponse;

/**
 * What an {@link ImapResponseDecoder} made of a stream, in a form that does not depend on how the
 * stream was cut into reads: responses and section starts as they are, each streamed literal's
 * chunks joined into one {@link Body}, the bytes of a literal the stream ended in, and the byte of
 * the stream where a framing error stopped decoding (comparing messages would be wrong: a long line
 * is caught before its LF arrives or after it, with different words for the same fault).
 *
 * <p>Unlike the test suite's {@code DecoderRun}, which expects complete, valid streams, this takes
 * any bytes: it checks the chunk contract as events arrive, releases every chunk, keeps writing
 * after a framing error to check that nothing more comes out, and lets any exception other than an
 * {@link ImapFramingException} escape as a finding.
 *
 * @param events       responses, {@link BodySectionStart}s and {@link Body}s, in order
 * @param unfinished   the bytes of a streamed literal the stream ended in, or null
 * @param failedAtByte the stream offset of the framing error, or null
 */
record DecodedStream(List<Object> events, Body unfinished, Long failedAtByte) {
    /** One streamed literal's bytes, Latin-1 decoded so that records compare them by value. */
    record Body(String latin1) {
        static Body of(byte[] bytes) {
            return new Body(new String(bytes, StandardCharsets.ISO_8859_1));
        }

        @Override
        public String toString() {
            return "Body(" + latin1.length() + " bytes, hash " + latin1.hashCode() + ")";
        }
    }

    /** Writes {@code input} cut at the given ascending offsets. */
    static DecodedStream of(byte[] input, int[] cuts, ImapDecoderLimits limits) {
        EmbeddedChannel channel = new EmbeddedChannel(new ImapResponseDecoder(limits));
        Collector collector = new Collector(limits);
        Long failedAtByte = null;
        try {
            int from = 0;
            for (int i = 0; i <= cuts.length; i++) {
                int to = i < cuts.length ? cuts[i] : input.length;
                ByteBuf piece = ByteBufAllocator.DEFAULT.buffer(Math.max(1, to - from));
                piece.writeBytes(input, from, to - from);
                from = to;
                boolean failedBefore = failedAtByte != null;
                int before = collector.events.size();
                try {
                    channel.writeInbound(piece);
                } catch (ImapFramingException e) {
                    failedAtByte = e.streamOffset();
                }
                collector.drain(channel);
                if (failedBefore && collector.events.size() > before) {
                    throw new AssertionError("events after the framing error at byte " + failedAtByte);
                }
            }
            // The stream ends: nothing may come out of the decoder now (a literal stays unfinished).
            assertFalse(channel.finish(), "the end of the stream produced events");
        } finally {
            channel.finishAndReleaseAll();
        }
        return new DecodedStream(collector.events, collector.unfinished(), failedAtByte);
    }

    /** Checks the event contract as events arrive, joins each literal's chunks, releases them. */
    private static final class Collector {
        private final ImapDecoderLimits limits;
        private final List<Object> events = new ArrayList<>();
        private ByteArrayOutputStream literal;
        private long literalLeft;

        Collector(ImapDecoderLimits limits) {
            this.limits = limits;
        }

        void drain(EmbeddedChannel channel) {
            for (Object msg = channel.readInbound(); msg != null; msg = channel.readInbound()) {
                try {
                    accept(msg);
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }
        }

        Body unfinished() {
            return literal == null ? null : Body.of(literal.toByteArray());
        }

        private void accept(Object msg) {
            if (msg instanceof LiteralChunk chunk) {
                ByteBuf content = chunk.content();
                int n = content.readableBytes();
                assertTrue(literal != null && literalLeft >= n, "a chunk outside or past its literal");
                assertTrue(n <= limits.maxChunkSize(), "a chunk of " + n + " bytes");
                assertTrue(n > 0 || chunk instanceof LastLiteralChunk, "an empty chunk that is not the last");
                literalLeft -= n;
                assertEquals(literalLeft == 0, chunk instanceof LastLiteralChunk, "the last chunk misplaced");
                byte[] bytes = new byte[n];
                content.getBytes(content.readerIndex(), bytes);
                literal.writeBytes(bytes);
                if (literalLeft == 0) {
                    events.add(Body.of(literal.toByteArray()));
                    literal = null;
                }
            } else if (msg instanceof BodySectionStart start) {
                assertTrue(literal == null, "a section start inside a literal");
                literal = new ByteArrayOutputStream();
                literalLeft = start.length();
                events.add(start);
            } else {
                assertTrue(msg instanceof ImapResponse, () -> "unexpected event " + msg);
                assertTrue(literal == null, "a response inside a literal");
                events.add(msg);
            }
        }
    }
}
