package org.imapferry.engine.watch;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.SyncListener;
import org.imapferry.engine.SyncOptions;
import org.imapferry.engine.connection.CommandPipeline;
import org.imapferry.engine.connection.ImapConnector;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.ResponseHandler;
import org.imapferry.engine.connection.Transport;
import org.imapferry.engine.testserver.DovecotServer;
import org.imapferry.engine.testserver.GreenMailServer;
import org.imapferry.engine.testserver.RawImap;
import org.imapferry.engine.verify.Verifier;
import org.imapferry.engine.verify.VerifyOptions;
import org.imapferry.engine.verify.VerifyReport;
import org.imapferry.protocol.command.AppendEnd;
import org.imapferry.protocol.command.Create;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralMode;
import org.imapferry.protocol.response.TaggedResponse;
import org.imapferry.protocol.types.MailboxName;

/** A watch running in a background thread, and what a test waits for on its target. */
final class WatchedAccount implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(50);

    private final SyncOptions options;
    private final StopSignal stop = new StopSignal();
    private final CompletableFuture<Watch.Outcome> outcome = new CompletableFuture<>();
    private final CompletableFuture<WatchReport> following = new CompletableFuture<>();
    private final RawImap target;
    private volatile String mechanism = "";

    private WatchedAccount(SyncOptions options) {
        this.options = options;
        this.target = RawImap.login(options.target());
    }

    static WatchedAccount start(SyncOptions options, WatchOptions watchOptions, WatchListener also) {
        WatchedAccount account = new WatchedAccount(options);
        WatchListener status = now -> {
            also.watching(now);
            account.mechanism = now.mechanism();
            if (now.passes() >= 1) {
                account.following.complete(now);
            }
        };
        Thread thread = new Thread(
                () -> {
                    try {
                        account.outcome.complete(
                                new Watch(options, watchOptions, SyncListener.NONE, status, account.stop).run());
                    } catch (Throwable t) {
                        account.outcome.completeExceptionally(t);
                        account.following.completeExceptionally(t);
                    }
                },
                "test-watch");
        thread.setDaemon(true);
        thread.start();
        return account;
    }

    static String id(String n) {
        return "<" + n + "@watch.example>";
    }

    static byte[] message(String n) {
        return ("From: a@example.org\r\nSubject: message " + n + "\r\nMessage-ID: " + id(n)
                        + "\r\nDate: Mon, 2 Mar 2020 10:00:00 +0000\r\n\r\nBody of " + n + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static void deliver(DovecotServer dovecot, String user, String folder, String n) {
        dovecot.deliver(user, folder, message(n), Set.of(), Instant.parse("2020-03-02T10:00:00Z"));
    }

    static void deliver(GreenMailServer greenMail, String user, String folder, String n) {
        greenMail.deliver(user, folder, message(n), Set.of(), Instant.parse("2020-03-02T10:00:00Z"));
    }

    /** Creates a folder on the source as a mail client would, with CREATE. */
    static void create(SyncOptions options, String folder) {
        onSource(options, session -> session.run(new Create(MailboxName.of(folder), List.of())));
    }

    /**
     * Appends a message to the source as a delivery agent would, through the server: a Maildir
     * file placed behind Dovecot's back is not in its index, and Dovecot's NOTIFY works from the
     * index (it noticed such a file in INBOX once, not twice in a row).
     */
    static void append(SyncOptions options, String folder, String n) {
        byte[] bytes = message(n);
        onSource(options, session -> {
            CompletableFuture<TaggedResponse> done = new CompletableFuture<>();
            session.eventLoop().execute(() -> {
                CommandPipeline.Pending pending = session.pipeline()
                        .begin(
                                ImapCommands.append(
                                        MailboxName.of(folder),
                                        List.of(),
                                        null,
                                        bytes.length,
                                        LiteralMode.NON_SYNCHRONIZING),
                                ResponseHandler.NONE);
                session.channel().write(new TaggedCommand(pending.tag(), pending.command()));
                session.channel().write(new LastLiteralChunk(Unpooled.wrappedBuffer(bytes)));
                session.channel().writeAndFlush(new AppendEnd());
                pending.completion().whenComplete((ok, error) -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                    } else {
                        done.complete(ok);
                    }
                });
            });
            session.await(done, "APPEND");
        });
    }

    private static void onSource(SyncOptions options, Consumer<ImapSession> work) {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(1);
        try (ImapSession session = new ImapConnector(group, transport).connect(options.source())) {
            work.accept(session);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** Waits until the first look after the watch connected is done: from then on changes are heard. */
    void awaitFollowing(String expectedMechanism) throws Exception {
        WatchReport report = following.get(60, TimeUnit.SECONDS);
        assertTrue(report.mechanism().equals(expectedMechanism), report::toString);
    }

    Set<String> targetIds(String folder) {
        Set<String> ids = new TreeSet<>();
        try {
            target.messages(folder).forEach(m -> ids.add(m.messageId()));
        } catch (UncheckedIOException e) {
            // Not created yet.
        }
        return ids;
    }

    /** Waits for a message on the target; fails after {@code most}. Returns how long it took. */
    Duration awaitOnTarget(String folder, String n, Duration most) throws InterruptedException {
        return await(folder + " holds " + n, () -> targetIds(folder).contains(id(n)), most);
    }

    Duration awaitGone(String folder, String n, Duration most) throws InterruptedException {
        return await(n + " gone from " + folder, () -> !targetIds(folder).contains(id(n)), most);
    }

    Duration awaitFlag(String folder, String n, String flag, Duration most) throws InterruptedException {
        return await(
                n + " has " + flag,
                () -> target.messages(folder).stream()
                        .anyMatch(m -> m.messageId().equals(id(n)) && m.flags().contains(flag)),
                most);
    }

    private Duration await(String what, BooleanSupplier done, Duration most) throws InterruptedException {
        long start = System.nanoTime();
        while (!done.getAsBoolean()) {
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (waited.compareTo(most) > 0) {
                fail("not within " + most.toMillis() + " ms: " + what + " (watch via " + mechanism + ")");
            }
            Thread.sleep(POLL.toMillis());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Asks the watch to stop and waits for its outcome. */
    Watch.Outcome stop() throws Exception {
        stop.request();
        return outcome.get(30, TimeUnit.SECONDS);
    }

    void assertSameOnBothSides() {
        VerifyReport proof = new Verifier(options, VerifyOptions.strict()).run();
        assertTrue(proof.clean(), () -> "the verifier found differences: " + proof);
    }

    @Override
    public void close() {
        stop.request();
        target.close();
        try {
            outcome.handle((o, e) -> o).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the watch did not end within 30 s", e);
        }
    }
}
