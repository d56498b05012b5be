package org.imapferry.bench.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imapferry.protocol.ImapCommandEncoder;
import org.imapferry.protocol.command.AppendEnd;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.literal.LiteralMode;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.ImapDateTime;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.Tag;
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
 * One APPEND through {@link ImapCommandEncoder}: the header line, the message as 64 KiB
 * {@link LiteralChunk}s (retained slices of one buffer, as the relay hands them on), the end of
 * the command. The chunks pass through without a copy, so the cost per message should hardly
 * grow with its size; {@code bytes} is the message bytes moved per second.
 *
 * <pre>
 * mvn -q -DskipTests package &amp;&amp; java -jar bench/target/benchmarks.jar ImapCommandEncoder -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ImapCommandEncoderBenchmark {
    private static final int CHUNK = 64 * 1024;
    private static final Tag TAG = new Tag("A1");
    private static final MailboxName MAILBOX = MailboxName.of("Archive/2016 Entwürfe");
    private static final ImapDateTime DATE =
            new ImapDateTime(OffsetDateTime.of(2016, 3, 12, 10, 0, 0, 0, ZoneOffset.ofHours(1)));

    /** Message size in bytes: a short note, a typical mail, a large attachment. */
    @Param({"2048", "76800", "10485760"})
    public int messageSize;

    private ByteBuf body;
    private EmbeddedChannel channel;

    /** Message bytes per second, reported next to the operation rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Throughput {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup
    public void setUp() {
        body = PooledByteBufAllocator.DEFAULT.directBuffer(messageSize);
        for (int i = 0; i < messageSize; i++) {
            body.writeByte('a' + i % 26);
        }
        channel = new EmbeddedChannel(new ImapCommandEncoder());
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
        body.release();
    }

    @Benchmark
    public int append(Throughput throughput) {
        channel.write(new TaggedCommand(
                TAG,
                ImapCommands.append(MAILBOX, List.of(Flag.SEEN), DATE, messageSize, LiteralMode.NON_SYNCHRONIZING)));
        int offset = 0;
        while (messageSize - offset > CHUNK) {
            channel.write(new LiteralChunk(body.retainedSlice(offset, CHUNK)));
            offset += CHUNK;
        }
        channel.write(new LastLiteralChunk(body.retainedSlice(offset, messageSize - offset)));
        channel.writeAndFlush(new AppendEnd());
        // The consumer (the socket) releases what it wrote.
        int written = 0;
        for (; ; ) {
            Object out = channel.readOutbound();
            if (out == null) {
                break;
            }
            written += ((ByteBuf) out).readableBytes();
            ReferenceCountUtil.release(out);
        }
        throughput.bytes += messageSize;
        return written;
    }
}
