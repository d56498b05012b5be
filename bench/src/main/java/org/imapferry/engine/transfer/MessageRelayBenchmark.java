package org.imapferry.engine.transfer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.LocalSessionFactory;
import org.imapferry.engine.identity.MessageKey;
import org.imapferry.protocol.types.Capabilities;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.ImapDateTime;
import org.imapferry.protocol.types.MailboxName;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The transfer core: source FETCH responses in, target APPEND bytes out, through the real
 * {@link MessageRelay}, codec and command pipelines of two sessions on one event loop (Netty's
 * local transport; {@link FetchResponder} and {@link AppendAnswerer} play the servers). Each
 * invocation copies {@value #MESSAGES} messages, with flags and an INTERNALDATE as a default run
 * sends them, and checks that every byte arrived. The score is messages per second (the
 * operation is one message); {@code bytes} is literal bytes per second, and with
 * {@code -prof gc} {@code gc.alloc.rate.norm} is bytes allocated per message, the fake servers'
 * few small buffers per message included. The servers run on the relay's event loop too, and
 * each iteration prints that loop's CPU time per message and the megabytes it moved per
 * CPU-second: what one core does, whatever else shares the machine.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar MessageRelay -prof gc    # six cases, about two minutes
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@OperationsPerInvocation(MessageRelayBenchmark.MESSAGES)
public class MessageRelayBenchmark {
    static final int MESSAGES = 50;

    /** Message size in bytes: a short note (~2 KB), a typical mail (75 KB), a large attachment (10 MB). */
    @Param({"2048", "76800", "10485760"})
    public int messageSize;

    /** One APPEND command per FETCH batch (RFC 3502) or one per message. */
    @Param({"false", "true"})
    public boolean multiappend;

    private EventLoopGroup group;
    private LocalSessionFactory sessions;
    private ByteBuf body;
    private ImapSession source;
    private ImapSession target;
    private AppendAnswerer answerer;
    private MessageRelay.Context context;
    private List<MessageMeta> messages;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long loopCpuAtStart;
    private long messagesThisIteration;

    /** Literal bytes per second next to the primary score. */
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
    public void setUp() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        sessions = new LocalSessionFactory(group);
        body = Unpooled.directBuffer(messageSize).writeBytes(body(messageSize));
        answerer = new AppendAnswerer();
        source = sessions.connect("src", Capabilities.of(List.of("IMAP4rev1")), new FetchResponder(body));
        target = sessions.connect(
                "dst", Capabilities.of(List.of("IMAP4rev1", "LITERAL+", "UIDPLUS", "MULTIAPPEND")), answerer);
        context = new MessageRelay.Context(
                source,
                target,
                MailboxName.of("INBOX"),
                flags -> flags,
                true,
                new TransferWindow(256, 64L * 1024 * 1024),
                RateGovernor.UNLIMITED,
                new StopSignal(),
                new MessageRelay.Progress() {
                    @Override
                    public void copied(MessageMeta message, long bytes) {}

                    @Override
                    public void failed(MessageMeta message, String reason) {
                        throw new IllegalStateException("message " + message.uid() + " failed: " + reason);
                    }
                });
        messages = new ArrayList<>();
        Instant date = Instant.parse("2024-03-01T08:00:00Z");
        for (int i = 1; i <= MESSAGES; i++) {
            messages.add(new MessageMeta(
                    i,
                    i,
                    List.of(Flag.SEEN),
                    ImapDateTime.ofUtc(date.plusSeconds(3_600L * i)),
                    messageSize,
                    MessageKey.ofText("<m" + i + "@bench>", true)));
        }
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

    /**
     * The event loop's CPU time, read on the loop itself: on a machine shared with other work the
     * wall-clock score says how much of a core the relay got, CPU time what it needed.
     */
    @Setup(Level.Iteration)
    public void startIteration() throws Exception {
        messagesThisIteration = 0;
        loopCpuAtStart = loopCpuNanos();
    }

    /** Prints what one core of relay work moves: every byte of it ran on the one event loop. */
    @TearDown(Level.Iteration)
    public void endIteration() throws Exception {
        long cpu = loopCpuNanos() - loopCpuAtStart;
        if (messagesThisIteration > 0 && cpu > 0) {
            double bytes = (double) messagesThisIteration * messageSize;
            System.out.printf(
                    Locale.ROOT,
                    "  [event loop: %.1f µs CPU per message, %.0f MB per CPU-second]%n",
                    cpu / 1e3 / messagesThisIteration,
                    bytes / 1e6 / (cpu / 1e9));
        }
    }

    private long loopCpuNanos() throws Exception {
        return group.next().submit(threads::getCurrentThreadCpuTime).get(10, TimeUnit.SECONDS);
    }

    @TearDown
    public void tearDown() {
        source.close();
        target.close();
        sessions.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        body.release();
    }

    @Benchmark
    public MessageRelay.Result relay(Throughput throughput) throws Exception {
        long before = answerer.literalBytes();
        MessageRelay relay =
                new MessageRelay(context, multiappend ? AppendStyle.BATCHED : AppendStyle.SINGLE, messages);
        MessageRelay.Result result = relay.start().get(1, TimeUnit.MINUTES);
        long expected = (long) MESSAGES * messageSize;
        if (result.copied.size() != MESSAGES || result.bytesCopied != expected) {
            throw new IllegalStateException("copied " + result.copied.size() + " messages, " + result.bytesCopied
                    + " bytes; expected " + MESSAGES + ", " + expected);
        }
        throughput.bytes += expected;
        messagesThisIteration += MESSAGES;
        return result;
    }
}
