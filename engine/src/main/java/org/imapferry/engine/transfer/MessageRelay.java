package org.imapferry.engine.transfer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.imapferry.engine.StopSignal;
import org.imapferry.engine.connection.CommandPipeline;
import org.imapferry.engine.connection.ConnectionClosedException;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.ResponseHandler;
import org.imapferry.protocol.command.Append;
import org.imapferry.protocol.command.AppendEnd;
import org.imapferry.protocol.command.AppendMessage;
import org.imapferry.protocol.command.ImapCommands;
import org.imapferry.protocol.command.TaggedCommand;
import org.imapferry.protocol.command.UidFetch;
import org.imapferry.protocol.literal.BodySectionStart;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.literal.LiteralMode;
import org.imapferry.protocol.literal.LiteralModes;
import org.imapferry.protocol.response.FetchData;
import org.imapferry.protocol.response.TaggedResponse;
import org.imapferry.protocol.types.Flag;
import org.imapferry.protocol.types.MailboxName;
import org.imapferry.protocol.types.ResponseCode;
import org.imapferry.protocol.types.SequenceSet;

/**
 * Streams messages from a selected source folder into APPENDs on the target, never holding a
 * message: each chunk of a {@code UID FETCH <set> BODY.PEEK[]} literal is written to the target
 * as it arrives, inside an APPEND whose literal announces the same length.
 *
 * <pre>
 * source ─ BodySectionStart(seq, n) ─▶ APPEND "box" (flags) "date" {n+}   ─▶ target
 *        ─ LiteralChunk ...        ─▶ the same buffers, written through
 *        ─ LastLiteralChunk        ─▶ CRLF (or, with MULTIAPPEND, the next message of the batch)
 * </pre>
 *
 * Both sessions share one event loop, and everything here runs on it. The source is read only
 * while the target is writable, the {@link TransferWindow} has room and no synchronizing literal
 * waits for its continuation; several FETCH batches and many APPENDs are in flight at once. With
 * MULTIAPPEND (RFC 3502) one FETCH batch becomes one APPEND command; a batch the target refuses
 * is handed back for single APPENDs, since MULTIAPPEND is all or nothing.
 */
final class MessageRelay implements ResponseHandler {
    /** After a stop, how long APPENDs already whole on the wire may take to be answered. */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /** Below this, a body literal's length is taken as it comes, whatever RFC822.SIZE said. */
    static final long IMPLAUSIBLE_FLOOR = 1L << 30;
    /** How many times its RFC822.SIZE a body literal past the floor may be. */
    static final long IMPLAUSIBLE_FACTOR = 16;

    /**
     * Where the relay is in the source's stream of body literals.
     *
     * <pre>
     * BETWEEN_MESSAGES ─ body of a message to copy ─▶ COPYING, or AWAITING_CONTINUATION ("{n}")
     * AWAITING_CONTINUATION ─ "+" ─▶ COPYING;  ─ NO ─▶ SKIPPING
     * BETWEEN_MESSAGES ─ body of no use (unknown, copied already) ─▶ SKIPPING
     * COPYING, SKIPPING ─ LastLiteralChunk ─▶ BETWEEN_MESSAGES
     * any ─ a connection lost, a FETCH ended mid-message, a stop ─▶ ABORTED (final)
     * </pre>
     */
    enum Phase {
        BETWEEN_MESSAGES,
        COPYING,
        SKIPPING,
        AWAITING_CONTINUATION,
        ABORTED;

        /** The transitions of the diagram above, all of them. */
        boolean canBecome(Phase next) {
            return (next == ABORTED && this != ABORTED)
                    || switch (this) {
                        case BETWEEN_MESSAGES -> next == COPYING || next == AWAITING_CONTINUATION || next == SKIPPING;
                        case AWAITING_CONTINUATION -> next == COPYING || next == SKIPPING;
                        case COPYING, SKIPPING -> next == BETWEEN_MESSAGES;
                        case ABORTED -> false;
                    };
        }
    }

    /** What every relay of a connection pair shares. */
    record Context(
            ImapSession source,
            ImapSession target,
            MailboxName mailbox,
            Function<List<Flag>, List<Flag>> flagFilter,
            boolean syncInternalDates,
            TransferWindow window,
            RateGovernor governor,
            StopSignal stop,
            Progress progress) {
        Context {
            if (source.eventLoop() != target.eventLoop()) {
                throw new IllegalArgumentException("a relay needs both sessions on one event loop");
            }
        }
    }

    /** What became of the messages handed to the relay. */
    static final class Result {
        final Map<Long, Long> copied = new LinkedHashMap<>();
        final Map<Long, Failure> failed = new LinkedHashMap<>();
        /** A refused MULTIAPPEND batch: each message is to go again on its own. */
        final List<MessageMeta> retrySingly = new ArrayList<>();

        final Set<Long> vanished = new HashSet<>();
        /** Messages whose bytes held a NUL, sent as an ordinary literal. */
        final Set<Long> withNul = new HashSet<>();

        long bytesCopied;
        Throwable connectionFailure;
        /** The run was stopped: messages not answered were left for the next run. */
        boolean stopped;

        /** Lost a connection or stopped: nothing more may be tried on this pair. */
        boolean cutShort() {
            return connectionFailure != null || stopped;
        }

        /** Adds what a later relay over some of the same messages did. */
        void merge(Result later) {
            copied.putAll(later.copied);
            failed.putAll(later.failed);
            vanished.addAll(later.vanished);
            withNul.addAll(later.withNul);
            bytesCopied += later.bytesCopied;
            if (connectionFailure == null) {
                connectionFailure = later.connectionFailure;
            }
            stopped |= later.stopped;
        }
    }

    /** Told about each message as its APPEND is answered. */
    interface Progress {
        void copied(MessageMeta message, long bytes);

        void failed(MessageMeta message, String reason);
    }

    /** The end of a FETCH command, kept in its place behind the events that came before it. */
    record FetchEnd(List<MessageMeta> batch, Throwable error) {}

    private final Context context;
    private final ImapSession source;
    private final ImapSession target;
    private final AppendStyle style;
    private final Map<Long, MessageMeta> bySequence = new LinkedHashMap<>();
    private final FetchBatches batches;
    private final HeldEvents held = new HeldEvents();
    private final Result result = new Result();
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private final Set<Long> streamed = new HashSet<>();
    /** The literal length each message really had: RFC822.SIZE is an estimate, this is the count. */
    private final Map<Long, Long> lengths = new HashMap<>();

    private Phase phase = Phase.BETWEEN_MESSAGES;
    private OpenAppend open;
    private int appendsInFlight;
    /** System.nanoTime() before which the source is not read: the rate governor's next slot. */
    private long pausedUntil = System.nanoTime();
    /** A message was cut off half written: the target must be closed before the relay is done. */
    private boolean closeTargetAtEnd;
    /** finish() ran: the future completes now, or once the target is closed. */
    private boolean finished;

    private Runnable unregisterStop = () -> {};
    /**
     * Either connection closing ends the relay at once. Commands in flight learn of it from their
     * pipeline, but a target with no APPEND in flight has none: without this, the next message
     * would go to a closed channel, never writable again, and the source would wait unread.
     */
    private final ChannelFutureListener closed = this::connectionClosed;

    private volatile long bytesMoved;

    MessageRelay(Context context, AppendStyle style, List<MessageMeta> messages) {
        this.context = context;
        this.source = context.source();
        this.target = context.target();
        this.style = style;
        for (MessageMeta m : messages) {
            bySequence.put(m.sequenceNumber(), m);
        }
        this.batches = new FetchBatches(messages);
    }

    /** Starts the relay; the future completes when every message is copied, failed or handed back. */
    CompletableFuture<Result> start() {
        source.eventLoop().execute(() -> {
            source.pipeline().onReadComplete(this::flushTarget);
            target.pipeline().onWritabilityChanged(this::updateReading);
            unregisterStop = context.stop().onRequest(() -> source.eventLoop().execute(this::stop));
            source.channel().closeFuture().addListener(closed);
            target.channel().closeFuture().addListener(closed);
            if (context.stop().requested()) {
                stop();
            }
            fetchMore();
            checkDone();
        });
        return done;
    }

    /**
     * Whether the relay, when nothing moves, is waiting on the source (a FETCH in flight and the
     * source read) rather than on the target (a "+", room in the window, APPEND answers). On the
     * event loop.
     */
    boolean waitsOnSource() {
        return batches.anyInFlight() && source.channel().config().isAutoRead();
    }

    /** Bytes written to the target so far; a watchdog reads it from another thread. */
    long bytesMoved() {
        return bytesMoved;
    }

    @Override
    public boolean offer(Object event) {
        if (event instanceof ConnectionClosedException closed) {
            lose(closed);
            return false;
        }
        boolean body = event instanceof BodySectionStart || event instanceof LiteralChunk || event instanceof FetchData;
        if (!batches.anyInFlight() || !body) {
            return false;
        }
        if (holding()) {
            held.hold(event);
        } else {
            handle(event);
        }
        return true;
    }

    private void handle(Object event) {
        if (event instanceof BodySectionStart start) {
            startMessage(start);
        } else if (event instanceof LiteralChunk chunk) {
            passOn(chunk);
        } else if (event instanceof FetchEnd end) {
            fetchEnded(end.batch(), end.error());
        }
        // FetchData: the attributes after a body, nothing to relay.
    }

    private void startMessage(BodySectionStart start) {
        if (phase == Phase.ABORTED) {
            return;
        }
        MessageMeta meta = bySequence.get(start.sequenceNumber());
        if (meta == null || !start.section().isEmpty() || streamed.contains(meta.uid())) {
            enter(Phase.SKIPPING);
            return;
        }
        long length = start.length();
        if (implausible(length, meta.size())) {
            // Opening an APPEND of that length would make the target wait for bytes that never
            // come, or refuse them with less clear words; the message is skipped, said why.
            streamed.add(meta.uid());
            markFailed(List.of(meta), Failure.implausibleLength(length, meta.size()));
            enter(Phase.SKIPPING);
            return;
        }
        context.governor().reserve(System.nanoTime());
        streamed.add(meta.uid());
        lengths.put(meta.uid(), length);
        LiteralMode mode = LiteralModes.choose(target.capabilities(), length);
        AppendMessage message = new AppendMessage(
                context.flagFilter().apply(meta.flags()),
                context.syncInternalDates() ? meta.internalDate() : null,
                length,
                style.binary(),
                mode);
        if (open == null) {
            Append command = new Append(context.mailbox(), message);
            open = new OpenAppend(target.pipeline().begin(command, NONE));
            target.channel().write(new TaggedCommand(open.pending().tag(), command));
        } else {
            target.channel().write(message);
        }
        open.add(meta, length);
        context.window().add(length);
        if (mode == LiteralMode.SYNCHRONIZING) {
            awaitContinuation(open);
        } else {
            enter(Phase.COPYING);
        }
    }

    /**
     * A body literal no message of this RFC822.SIZE can have (a broken or hostile source, a
     * 64-bit length out of nowhere). RFC822.SIZE is only an estimate on some servers (Exchange),
     * so only a length both past {@link #IMPLAUSIBLE_FLOOR} and many times the size counts.
     */
    static boolean implausible(long announced, long size) {
        return size >= 0 && announced > IMPLAUSIBLE_FLOOR && announced / IMPLAUSIBLE_FACTOR > size;
    }

    private void passOn(LiteralChunk chunk) {
        boolean last = chunk instanceof LastLiteralChunk;
        if (phase != Phase.COPYING) {
            ReferenceCountUtil.release(chunk);
            if (last && phase == Phase.SKIPPING) {
                enter(Phase.BETWEEN_MESSAGES);
            }
            return;
        }
        ByteBuf content = chunk.content();
        // A NUL byte has no place in an ordinary literal (RFC 3501 §9, CHAR8): noted, so that a
        // refusal can be answered with a literal8 where the target has BINARY.
        if (!style.binary() && NulScan.containsNul(content)) {
            result.withNul.add(open.last().uid());
        }
        bytesMoved += content.readableBytes();
        target.channel().write(chunk);
        if (last) {
            endMessage();
        }
    }

    private void endMessage() {
        enter(Phase.BETWEEN_MESSAGES);
        long wait = context.governor().untilNext(System.nanoTime());
        if (wait > 0) {
            pausedUntil = System.nanoTime() + wait;
            source.eventLoop().schedule(this::replay, wait, TimeUnit.NANOSECONDS);
        }
        if (!style.multiappend()) {
            endAppend();
        }
    }

    /** A synchronizing literal ({n}, RFC 3501 §7.5): its bytes wait for the target's "+". */
    private void awaitContinuation(OpenAppend append) {
        enter(Phase.AWAITING_CONTINUATION);
        append.pending().completion().whenComplete((ok, error) -> {
            if (error != null && phase == Phase.AWAITING_CONTINUATION && open == append) {
                refusedBeforeLiteral(error);
            }
        });
        target.pipeline().onContinuation(request -> {
            if (phase == Phase.AWAITING_CONTINUATION) {
                enter(Phase.COPYING);
                replay();
            }
        });
        target.channel().flush();
        updateReading();
    }

    /**
     * The target answered NO where a synchronizing literal expected "+": the bytes were never
     * sent, so the message is skipped (its chunks wait or are still to come) and what follows it
     * goes on.
     */
    private void refusedBeforeLiteral(Throwable error) {
        // The pipeline has already told the encoder that this literal will never be sent.
        target.pipeline().cancelContinuations();
        enter(Phase.SKIPPING);
        OpenAppend refused = open;
        open = null;
        appendsInFlight++;
        appendDone(refused, null, error);
        replay();
    }

    /** Ends the APPEND command on the wire; its answer settles every message in it. */
    private void endAppend() {
        if (open == null) {
            return;
        }
        OpenAppend ended = open;
        open = null;
        appendsInFlight++;
        // No flush here: every path that ends an APPEND runs inside a read of the source, whose
        // end flushes the target once for all the messages that read completed, or in replay(),
        // which flushes when it is done.
        target.channel().write(new AppendEnd());
        ended.pending().completion().whenComplete((ok, error) -> appendDone(ended, ok, error));
    }

    private void appendDone(OpenAppend append, TaggedResponse ok, Throwable error) {
        appendsInFlight--;
        List<MessageMeta> messages = append.messages();
        context.window().remove(messages.size(), append.bytes());
        if (error == null) {
            List<Long> targetUids = targetUids(ok, messages.size());
            for (int i = 0; i < messages.size(); i++) {
                MessageMeta m = messages.get(i);
                result.copied.put(m.uid(), targetUids == null ? -1L : targetUids.get(i));
                long length = lengths.getOrDefault(m.uid(), 0L);
                result.bytesCopied += length;
                context.progress().copied(m, length);
            }
        } else if (error instanceof ImapCommandException && messages.size() > 1) {
            result.retrySingly.addAll(messages);
        } else {
            markFailed(messages, Failure.of(error));
            if (error instanceof ConnectionClosedException closed) {
                lose(closed);
            }
        }
        updateReading();
        checkDone();
    }

    private void markFailed(List<MessageMeta> messages, Failure failure) {
        for (MessageMeta m : messages) {
            result.failed.put(m.uid(), failure);
            context.progress().failed(m, failure.text());
        }
    }

    private static List<Long> targetUids(TaggedResponse ok, int count) {
        if (ok.code() instanceof ResponseCode.AppendUid appendUid
                && appendUid.uids().size() == count) {
            List<Long> uids = new ArrayList<>();
            appendUid.uids().forEach(uids::add);
            return uids;
        }
        return null;
    }

    private void fetchMore() {
        while (phase != Phase.ABORTED) {
            Optional<List<MessageMeta>> batch = batches.next();
            if (batch.isEmpty()) {
                return;
            }
            fetch(batch.get());
        }
    }

    private void fetch(List<MessageMeta> batch) {
        List<Long> uids = new ArrayList<>();
        batch.forEach(m -> uids.add(m.uid()));
        UidFetch fetch = ImapCommands.uidFetch(SequenceSet.of(uids), "BODY.PEEK[]");
        CommandPipeline.Pending pending = source.pipeline().begin(fetch, this);
        pending.completion().whenComplete((ok, error) -> {
            if (holding()) {
                held.hold(new FetchEnd(batch, error));
            } else {
                fetchEnded(batch, error);
            }
        });
        source.channel().writeAndFlush(new TaggedCommand(pending.tag(), fetch));
    }

    private void fetchEnded(List<MessageMeta> batch, Throwable error) {
        batches.ended();
        if (error != null) {
            lose(error);
            return;
        }
        if (phase == Phase.COPYING) {
            // A FETCH that ends inside a literal means the stream is broken; never leave a
            // half-written APPEND behind.
            lose(new IllegalStateException("FETCH completed in the middle of a message"));
            return;
        }
        if (phase != Phase.ABORTED) {
            for (MessageMeta m : batch) {
                if (!streamed.contains(m.uid())) {
                    result.vanished.add(m.uid());
                }
            }
            if (style.multiappend()) {
                endAppend();
            }
            fetchMore();
        }
        checkDone();
    }

    /** Whether what arrives must wait, in order, behind what already waits. */
    private boolean holding() {
        return phase == Phase.AWAITING_CONTINUATION || paced() || !held.isEmpty();
    }

    private boolean paced() {
        return System.nanoTime() - pausedUntil < 0;
    }

    /** Relays what waited, in order, until it is all out or another synchronizing literal waits. */
    private void replay() {
        while (phase != Phase.AWAITING_CONTINUATION && !paced() && !held.isEmpty()) {
            handle(held.next());
        }
        target.channel().flush();
        updateReading();
    }

    private void enter(Phase next) {
        if (!phase.canBecome(next)) {
            throw new IllegalStateException("relay phase " + phase + " cannot become " + next);
        }
        phase = next;
    }

    /** A connection failed: the relay ends as {@link #abort} says, the failure kept as its cause. */
    private void lose(Throwable cause) {
        if (phase != Phase.ABORTED) {
            result.connectionFailure = cause;
        }
        abort(Failure.lost(cause));
    }

    /**
     * The run is to stop: as {@link #abort}, and a FETCH still streaming is cut by closing the
     * source (its bodies would only be thrown away). APPENDs already whole on the wire get
     * {@link #STOP_GRACE} to be answered, then the target is closed too.
     */
    private void stop() {
        if (phase == Phase.ABORTED || finished) {
            return;
        }
        result.stopped = true;
        abort(Failure.stopped());
        if (batches.anyInFlight()) {
            source.channel().close();
        }
        source.eventLoop()
                .schedule(
                        () -> {
                            if (!finished) {
                                target.channel().close();
                            }
                        },
                        STOP_GRACE.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    /**
     * The source or the target failed, or the run stops. An APPEND whose literal was not finished
     * is never committed by the server (RFC 3501 §6.3.11: the append is atomic), so closing the
     * target is what keeps a half message out of the mailbox; it is closed once the APPENDs
     * already whole on the wire are answered, so those count as copied rather than being found
     * again by the rerun. Between two messages of a MULTIAPPEND nothing is half written, and
     * ending the command commits what was sent. Messages not answered are reported failed and a
     * rerun copies them.
     */
    private void abort(Failure why) {
        if (phase == Phase.ABORTED) {
            checkDone();
            return;
        }
        boolean midMessage = phase == Phase.COPYING || phase == Phase.AWAITING_CONTINUATION;
        enter(Phase.ABORTED);
        for (int i = held.drop(); i > 0; i--) {
            batches.ended();
        }
        if (midMessage) {
            context.window().remove(open.messages().size(), open.bytes());
            markFailed(open.messages(), why);
            open = null;
            closeTargetAtEnd = true;
        } else {
            endAppend();
        }
        target.channel().flush();
        for (List<MessageMeta> batch : batches.withdraw()) {
            markFailed(batch, why);
        }
        checkDone();
    }

    private void flushTarget() {
        target.channel().flush();
        updateReading();
    }

    private void updateReading() {
        if (finished) {
            // finish() handed the source back with AUTO_READ on; a late call must not turn it off.
            return;
        }
        // Once aborted, what the source still sends for the FETCHes in flight is thrown away, so it
        // is read whatever the target's state: a closed target is never writable, and a source
        // left unread would hold the relay until the watchdog's timeout.
        boolean read = phase == Phase.ABORTED
                || (target.channel().isWritable()
                        && context.window().hasRoom()
                        && phase != Phase.AWAITING_CONTINUATION
                        && !paced());
        source.channel().config().setAutoRead(read);
        if (read) {
            source.channel().read();
        }
    }

    private void connectionClosed(ChannelFuture future) {
        lose(new ConnectionClosedException(
                (future.channel() == source.channel() ? source : target).name() + ": the connection was closed", null));
    }

    private void checkDone() {
        if (batches.allDone() && appendsInFlight == 0 && open == null && !finished) {
            finish();
        }
    }

    private void finish() {
        finished = true;
        source.channel().closeFuture().removeListener(closed);
        target.channel().closeFuture().removeListener(closed);
        unregisterStop.run();
        source.pipeline().onReadComplete(() -> {});
        target.pipeline().onWritabilityChanged(() -> {});
        source.channel().config().setAutoRead(true);
        if (closeTargetAtEnd) {
            // Done only once closed: whoever goes on must see the target as lost, not reuse it.
            target.channel().close().addListener(f -> done.complete(result));
        } else {
            done.complete(result);
        }
    }
}
