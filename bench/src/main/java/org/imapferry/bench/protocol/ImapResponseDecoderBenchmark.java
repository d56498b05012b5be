package org.imapferry.bench.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.imapferry.protocol.ImapDecoderLimits;
import org.imapferry.protocol.ImapResponseDecoder;
import org.imapferry.protocol.literal.LiteralChunk;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoder throughput on a recorded-style stream of body fetches,
 * {@code * n FETCH (UID u FLAGS (\Seen) BODY[] {len}\r\n<bytes>)\r\n}, about 16 MiB per
 * invocation whatever the message size. The stream arrives as 64 KiB socket reads, each a fresh
 * buffer from the allocator (the copy a socket read makes), so frames straddle reads as they do
 * on a real connection. A consumer after the decoder releases every event, as the relay does
 * once it has written a chunk on. {@code bytes} is stream bytes decoded per second; the primary
 * score is messages per second ({@code @OperationsPerInvocation} is not usable with a
 * size-dependent count, so {@code messages} is an aux counter too).
 *
 * <pre>
 * mvn -q -DskipTests package &amp;&amp; java -jar bench/target/benchmarks.jar ImapResponseDecoder -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ImapResponseDecoderBenchmark {
    private static final int STREAM_TARGET = 16 * 1024 * 1024;
    private static final int SOCKET_READ = 64 * 1024;

    /** Message size in bytes: a short note (~2 KB), a typical mail (75 KB), a large attachment (10 MB). */
    @Param({"2048", "76800", "10485760"})
    public int messageSize;

    @Param({"pooled", "unpooled"})
    public String allocator;

    private byte[] stream;
    private int messages;
    private ByteBufAllocator alloc;
    private EmbeddedChannel channel;
    private Consumer consumer;

    /** Rates per second next to the primary score. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Throughput {
        public long bytes;
        public long messages;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
            messages = 0;
        }
    }

    /** Releases every decoded event; counts the literal bytes so none can be skipped unseen. */
    private static final class Consumer extends ChannelInboundHandlerAdapter {
        long literalBytes;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof LiteralChunk chunk) {
                literalBytes += chunk.content().readableBytes();
            }
            ReferenceCountUtil.release(msg);
        }
    }

    @Setup
    public void setUp() {
        alloc = allocator.equals("pooled") ? PooledByteBufAllocator.DEFAULT : UnpooledByteBufAllocator.DEFAULT;
        messages = Math.max(1, STREAM_TARGET / messageSize);
        byte[] body = body(messageSize);
        ByteBuf recorded = UnpooledByteBufAllocator.DEFAULT.heapBuffer();
        for (int i = 1; i <= messages; i++) {
            recorded.writeCharSequence(
                    "* " + i + " FETCH (UID " + (1000 + i) + " FLAGS (\\Seen) BODY[] {" + messageSize + "}\r\n",
                    StandardCharsets.US_ASCII);
            recorded.writeBytes(body);
            recorded.writeCharSequence(")\r\n", StandardCharsets.US_ASCII);
        }
        stream = new byte[recorded.readableBytes()];
        recorded.readBytes(stream);
        recorded.release();
        consumer = new Consumer();
        channel = new EmbeddedChannel(new ImapResponseDecoder(ImapDecoderLimits.DEFAULT), consumer);
    }

    /** Mail-like text: header lines, then 76-character body lines ending in CRLF. */
    private static byte[] body(int size) {
        byte[] b = new byte[size];
        byte[] header = "From: a@example.com\r\nSubject: benchmark\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            if (i < header.length) {
                b[i] = header[i];
            } else {
                int col = (i - header.length) % 78;
                b[i] = (byte) (col == 76 ? '\r' : col == 77 ? '\n' : 'a' + col % 26);
            }
        }
        return b;
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Benchmark
    public long decode(Throughput throughput) {
        long before = consumer.literalBytes;
        for (int offset = 0; offset < stream.length; offset += SOCKET_READ) {
            int length = Math.min(SOCKET_READ, stream.length - offset);
            ByteBuf read = alloc.directBuffer(length);
            read.writeBytes(stream, offset, length);
            channel.writeInbound(read);
        }
        long decoded = consumer.literalBytes - before;
        if (decoded != (long) messages * messageSize) {
            throw new IllegalStateException(
                    "decoded " + decoded + " literal bytes, expected " + (long) messages * messageSize);
        }
        throughput.bytes += stream.length;
        throughput.messages += messages;
        return decoded;
    }
}
