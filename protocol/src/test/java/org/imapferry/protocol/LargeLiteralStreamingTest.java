package org.imapferry.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.imapferry.protocol.literal.BodySectionStart;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.response.TaggedResponse;
import org.junit.jupiter.api.Test;

/**
 * A 100 MB message streams through the decoder with flat memory: the bytes come out whole and in
 * order, in chunks no larger than the limit, while the decoder's cumulation buffer never grows
 * past a write or two. The message is generated piece by piece; no 100 MB array exists.
 */
class LargeLiteralStreamingTest {
    private static final long SIZE = 100L * 1024 * 1024;
    private static final int WRITE = 8 * 1024;

    /** Records the largest cumulation buffer the decoder was ever handed, and what it kept between reads. */
    private static final class MeasuredDecoder extends ImapResponseDecoder {
        private int maxCumulation;

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            maxCumulation = Math.max(maxCumulation, in.capacity());
            super.decode(ctx, in, out);
        }

        int cumulationCapacity() {
            ByteBuf kept = internalBuffer();
            return Math.max(maxCumulation, kept == null ? 0 : kept.capacity());
        }
    }

    /** Byte {@code i} of the generated message. */
    private static byte messageByte(long i) {
        return (byte) ((i * 31 + (i >>> 11)) & 0xff);
    }

    @Test
    void hundredMegabytesInEightKibWrites() throws NoSuchAlgorithmException {
        MeasuredDecoder decoder = new MeasuredDecoder();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        byte[] head = ("* 42 FETCH (FLAGS (\\Seen) BODY[] {" + SIZE + "}\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = " UID 4711)\r\nA1 OK done\r\n".getBytes(StandardCharsets.US_ASCII);
        long total = head.length + SIZE + tail.length;

        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long receivedBytes = 0;
        int maxChunk = 0;
        int maxCumulation = 0;
        long maxPoolUse = 0;
        boolean sawStart = false;
        boolean sawLast = false;
        FetchData fetch = null;
        TaggedResponse done = null;
        byte[] piece = new byte[WRITE];
        for (long offset = 0; offset < total; offset += WRITE) {
            int n = (int) Math.min(WRITE, total - offset);
            for (int i = 0; i < n; i++) {
                long at = offset + i;
                if (at < head.length) {
                    piece[i] = head[(int) at];
                } else if (at < head.length + SIZE) {
                    piece[i] = messageByte(at - head.length);
                } else {
                    piece[i] = tail[(int) (at - head.length - SIZE)];
                }
            }
            long literalFrom = Math.max(offset, head.length) - head.length;
            long literalTo = Math.min(offset + n, head.length + SIZE) - head.length;
            if (literalTo > literalFrom) {
                sent.update(piece, (int) (literalFrom + head.length - offset), (int) (literalTo - literalFrom));
            }
            ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(n);
            buf.writeBytes(piece, 0, n);
            channel.writeInbound(buf);
            maxCumulation = Math.max(maxCumulation, decoder.cumulationCapacity());
            maxPoolUse =
                    Math.max(maxPoolUse, PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory());
            for (Object msg = channel.readInbound(); msg != null; msg = channel.readInbound()) {
                if (msg instanceof LiteralChunk chunk) {
                    ByteBuf content = chunk.content();
                    maxChunk = Math.max(maxChunk, content.readableBytes());
                    receivedBytes += content.readableBytes();
                    received.update(content.nioBuffer());
                    sawLast |= chunk instanceof LastLiteralChunk;
                    chunk.release();
                } else if (msg instanceof BodySectionStart start) {
                    assertEquals(new BodySectionStart(42, "BODY", "", null, SIZE, false), start);
                    sawStart = true;
                } else if (msg instanceof FetchData f) {
                    fetch = f;
                } else {
                    done = assertInstanceOf(TaggedResponse.class, msg);
                }
            }
        }
        assertTrue(sawStart && sawLast);
        assertEquals(SIZE, receivedBytes);
        assertArrayEquals(sent.digest(), received.digest());
        assertTrue(maxChunk <= ImapDecoderLimits.DEFAULT.maxChunkSize(), "chunk of " + maxChunk);
        assertTrue(maxCumulation <= 2 * WRITE, "cumulation grew to " + maxCumulation);
        // The pool hands out whole chunks of memory; what matters is that use does not track the message size.
        assertTrue(maxPoolUse <= 32L * 1024 * 1024, "pooled direct memory in use reached " + maxPoolUse);
        assertEquals(4711L, fetch.uid());
        assertEquals("done", done.text());
        assertFalse(channel.finish());
    }
}
