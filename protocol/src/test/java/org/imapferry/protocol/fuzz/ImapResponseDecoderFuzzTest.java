package org.imapferry.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import org.imapferry.protocol.ImapDecoderLimits;
import org.imapferry.protocol.ImapFramingException;
import org.imapferry.protocol.ImapResponseDecoder;
import org.imapferry.protocol.literal.BodySectionStart;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.response.ImapResponse;

/**
 * Arbitrary bytes, cut into arbitrary writes, under small random limits: the decoder either
 * emits well-formed events or stops with an {@link ImapFramingException}; nothing else escapes,
 * it never hangs (Jazzer's per-input timeout) and leaks nothing (paranoid leak detection and
 * {@code LeakCheckExtension}). The surefire configuration sets {@code JAZZER_FUZZ=1}, so
 * {@code mvn test} fuzzes for {@code maxDuration}; without it the test replays its seeds
 * ({@code ImapResponseDecoderFuzzTestInputs} in the test resources: responses from the
 * transcripts, each followed by the bytes the limits are taken from).
 */
class ImapResponseDecoderFuzzTest {
    @FuzzTest(maxDuration = "15s")
    void arbitraryBytesNeverEscapeAsAnythingButAFramingError(FuzzedDataProvider data) {
        int maxLine = 64 + data.consumeInt(0, 1024);
        ImapDecoderLimits limits = new ImapDecoderLimits(maxLine, data.consumeInt(1, 64), data.consumeInt(0, 256),
                maxLine + data.consumeInt(0, 4096));
        EmbeddedChannel channel = new EmbeddedChannel(new ImapResponseDecoder(limits));
        Events events = new Events(limits);
        try {
            while (data.remainingBytes() > 0) {
                byte[] piece = data.consumeBytes(data.consumeInt(1, 48));
                ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(Math.max(1, piece.length)).writeBytes(piece);
                channel.writeInbound(buf);
                events.drain(channel);
            }
        } catch (DecoderException e) {
            if (!(e instanceof ImapFramingException) && !(e.getCause() instanceof ImapFramingException)) {
                throw e;
            }
            events.drain(channel);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** Checks the event contract as events arrive, and releases every chunk. */
    private static final class Events {
        private final ImapDecoderLimits limits;
        private boolean inLiteral;
        private long literalLeft;

        Events(ImapDecoderLimits limits) {
            this.limits = limits;
        }

        void drain(EmbeddedChannel channel) {
            for (Object msg = channel.readInbound(); msg != null; msg = channel.readInbound()) {
                try {
                    check(msg);
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }
        }

        private void check(Object msg) {
            if (msg instanceof LiteralChunk chunk) {
                int n = chunk.content().readableBytes();
                assertTrue(inLiteral && literalLeft >= n, "chunk outside or past its literal");
                assertTrue(n <= limits.maxChunkSize(), "chunk too large");
                literalLeft -= n;
                assertEquals(literalLeft == 0, chunk instanceof LastLiteralChunk, "last chunk misplaced");
                inLiteral = literalLeft > 0;
            } else if (msg instanceof BodySectionStart start) {
                assertFalse(inLiteral, "section start inside a literal");
                inLiteral = true;
                literalLeft = start.length();
            } else {
                assertTrue(msg instanceof ImapResponse, () -> "unexpected event " + msg);
                assertFalse(inLiteral, "response inside a literal");
            }
        }
    }
}
