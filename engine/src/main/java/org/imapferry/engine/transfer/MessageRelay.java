package org.imapferry.engine.transfer;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.imapferry.engine.connection.CommandPipeline;
import org.imapferry.engine.connection.ConnectionClosedException;
import org.imapferry.engine.connection.ImapCommandException;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.ResponseHandler;
import org.imapferry.protocol.command.Append;
import org.imapferry.protocol.command.AppendEnd;
import org.imapferry.protocol.command.AppendMessage;
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
    /** Messages per FETCH batch, and FETCH batches in flight on the source. */
    static final int BATCH_MESSAGES = 50;
    static final long BATCH_BYTES = 16L * 1024 * 1024;
    static final int FETCHES_IN_FLIGHT = 2;

    /** What became of the messages handed to the relay. */
    static final class Result {
        final Map<Long, Long> copied = new LinkedHashMap<>();
        final Map<Long, String> failed = new LinkedHashMap<>();
        final List<MessageMeta> retrySingly = new ArrayList<>();
        /** Refused with [TRYCREATE]: the target folder is gone; also in {@link #failed}. */
        final List<MessageMeta> tryCreate = new ArrayList<>();
        final Set<Long> vanished = new HashSet<>();
        /** Messages whose bytes held a NUL, sent as an ordinary literal. */
        final Set<Long> withNul = new HashSet<>();
        long bytesCopied;
        Throwable connectionFailure;
    }

    /** Told about each message as its APPEND is answered. */
    interface Progress {
        void copied(MessageMeta message, long bytes);

        void failed(MessageMeta message, String reason);
    }

    private final ImapSession source;
    private final ImapSession target;
    private final MailboxName mailbox;
    private final Map<Long, MessageMeta> bySequence = new LinkedHashMap<>();
    private final boolean multiappend;
    private final boolean binary;
    private final Function<List<Flag>, List<Flag>> flagFilter;
    private final boolean syncInternalDates;
    private final TransferWindow window;
    private final RateGovernor governor;
    /** System.nanoTime() before which the source is not read: the rate governor's next slot. */
    private long pausedUntil = System.nanoTime();
    private final Progress progress;
    private final Deque<List<MessageMeta>> batches = new ArrayDeque<>();
    private final Result result = new Result();
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private final Set<Long> streamed = new HashSet<>();
    /** The literal length each message really had: RFC822.SIZE is an estimate, this is the count. */
    private final Map<Long, Long> lengths = new HashMap<>();

    private int fetchesInFlight;
    private int appendsInFlight;
    private volatile long bytesMoved;

    private MessageMeta current;
    /** A message was cut off half written: the target must be closed before the relay is done. */
    private boolean closeTargetAtEnd;
    private boolean skipping;
    private boolean awaitingContinuation;
    /**
     * What the source sent while a synchronizing literal waited for the target's "+", or while the
     * next message waited for its slot under --maxmessagespersecond: the rest of that message and
     * anything after it (the decoder goes on through bytes already read even with AUTO_READ off),
     * replayed in order once the wait is over. Body section starts, chunks, FETCH data and
     * {@link FetchEnd}s.
     */
    private final Deque<Object> waiting = new ArrayDeque<>();

    private CommandPipeline.Pending append;
    private List<MessageMeta> appendBatch;
    private long appendBytes;

    MessageRelay(ImapSession source, ImapSession target, MailboxName mailbox, List<MessageMeta> messages,
                 AppendStyle style, Function<List<Flag>, List<Flag>> flagFilter, boolean syncInternalDates,
                 TransferWindow window, RateGovernor governor, Progress progress) {
        if (source.eventLoop() != target.eventLoop()) {
            throw new IllegalArgumentException("a relay needs both sessions on one event loop");
        }
        this.source = source;
        this.target = target;
        this.mailbox = mailbox;
        this.multiappend = style.multiappend();
        this.binary = style.binary();
        this.flagFilter = flagFilter;
        this.syncInternalDates = syncInternalDates;
        this.window = window;
        this.governor = governor;
        this.progress = progress;
        for (MessageMeta m : messages) {
            bySequence.put(m.sequenceNumber(), m);
        }
        List<MessageMeta> batch = new ArrayList<>();
        long bytes = 0;
        for (MessageMeta m : messages) {
            if (!batch.isEmpty() && (batch.size() >= BATCH_MESSAGES || bytes + m.size() > BATCH_BYTES)) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(m);
            bytes += Math.max(0, m.size());
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
    }

    /** Starts the relay; the future completes when every message is copied, failed or handed back. */
    CompletableFuture<Result> start() {
        source.eventLoop().execute(() -> {
            source.pipeline().onReadComplete(this::flushTarget);
            target.pipeline().onWritabilityChanged(this::updateReading);
            while (fetchesInFlight < FETCHES_IN_FLIGHT && !batches.isEmpty()) {
                issueFetch(batches.poll());
            }
            checkDone();
        });
        return done;
    }

    /** Bytes written to the target so far; a watchdog reads it from another thread. */
    long bytesMoved() {
        return bytesMoved;
    }

    private void issueFetch(List<MessageMeta> batch) {
        List<Long> uids = new ArrayList<>();
        batch.forEach(m -> uids.add(m.uid()));
        UidFetch fetch = new UidFetch(SequenceSet.of(uids), List.of("BODY.PEEK[]"), null, false);
        CommandPipeline.Pending pending = source.pipeline().begin(fetch, this);
        fetchesInFlight++;
        pending.completion().whenComplete((ok, error) -> {
            if (holding()) {
                waiting.add(new FetchEnd(batch, error));
            } else {
                fetchDone(batch, error);
            }
        });
        source.channel().writeAndFlush(new TaggedCommand(pending.tag(), fetch));
    }

    /** The end of a FETCH command, kept in its place behind the events that came before it. */
    private record FetchEnd(List<MessageMeta> batch, Throwable error) {
    }

    @Override
    public boolean offer(Object event) {
        if (event instanceof ConnectionClosedException closed) {
            abort(closed);
            return false;
        }
        if (fetchesInFlight == 0) {
            return false;
        }
        if (!(event instanceof BodySectionStart || event instanceof LiteralChunk || event instanceof FetchData)) {
            return false;
        }
        if (holding()) {
            waiting.add(event);
        } else {
            process(event);
        }
        return true;
    }

    /**
     * Whether what arrives must wait, in order, behind what already waits: a synchronizing
     * literal before its "+", or the next message before its slot under --maxmessagespersecond.
     * What one socket read brought is all that can pile up: the source is not read meanwhile.
     */
    private boolean holding() {
        return awaitingContinuation || paced() || !waiting.isEmpty();
    }

    private boolean paced() {
        return System.nanoTime() - pausedUntil < 0;
    }

    private void process(Object event) {
        if (event instanceof BodySectionStart start) {
            MessageMeta meta = bySequence.get(start.sequenceNumber());
            if (result.connectionFailure != null || meta == null || !start.section().isEmpty()
                    || streamed.contains(meta.uid())) {
                skipping = true;
            } else {
                beginMessage(meta, start.length());
            }
        } else if (event instanceof LiteralChunk chunk) {
            if (skipping || current == null) {
                skipping = !(chunk instanceof LastLiteralChunk);
                ReferenceCountUtil.release(chunk);
            } else {
                relay(chunk);
            }
        } else if (event instanceof FetchEnd end) {
            fetchDone(end.batch(), end.error());
        }
        // FetchData: the attributes after a body, nothing to relay.
    }

    private void beginMessage(MessageMeta meta, long length) {
        current = meta;
        governor.reserve(System.nanoTime());
        streamed.add(meta.uid());
        lengths.put(meta.uid(), length);
        LiteralMode mode = LiteralModes.choose(target.capabilities(), length);
        AppendMessage message = new AppendMessage(flagFilter.apply(meta.flags()),
                syncInternalDates ? meta.internalDate() : null, length, binary, mode);
        if (append == null) {
            Append command = new Append(mailbox, message);
            append = target.pipeline().begin(command, NONE);
            appendBatch = new ArrayList<>();
            appendBytes = 0;
            target.channel().write(new TaggedCommand(append.tag(), command));
        } else {
            target.channel().write(message);
        }
        appendBatch.add(meta);
        appendBytes += length;
        window.add(length);
        if (mode == LiteralMode.SYNCHRONIZING) {
            CommandPipeline.Pending waitingAppend = append;
            waitingAppend.completion().whenComplete((ok, error) -> {
                if (error != null && awaitingContinuation && append == waitingAppend) {
                    refusedBeforeLiteral(error);
                }
            });
            awaitingContinuation = true;
            target.pipeline().onContinuation(request -> {
                awaitingContinuation = false;
                replay();
            });
            target.channel().flush();
            updateReading();
        }
    }

    private void relay(LiteralChunk chunk) {
        ByteBuf content = chunk.content();
        // A NUL byte has no place in an ordinary literal (RFC 3501 §9, CHAR8): noted, so that a
        // refusal can be answered with a literal8 where the target has BINARY.
        if (!binary && content.indexOf(content.readerIndex(), content.writerIndex(), (byte) 0) >= 0) {
            result.withNul.add(current.uid());
        }
        bytesMoved += content.readableBytes();
        target.channel().write(chunk);
        if (chunk instanceof LastLiteralChunk) {
            endMessage();
        }
    }

    /** Relays what waited, in order, until it is all out or another synchronizing literal waits. */
    private void replay() {
        while (!awaitingContinuation && !paced() && !waiting.isEmpty()) {
            process(waiting.poll());
        }
        target.channel().flush();
        updateReading();
    }

    /**
     * The target answered NO where a synchronizing literal expected "+": the bytes were never
     * sent, so the message is skipped (its chunks wait or are still to come) and what follows it
     * goes on.
     */
    private void refusedBeforeLiteral(Throwable error) {
        awaitingContinuation = false;
        // The pipeline has already told the encoder that this literal will never be sent.
        target.pipeline().cancelContinuations();
        skipping = current != null;
        current = null;
        List<MessageMeta> batch = appendBatch;
        long bytes = appendBytes;
        append = null;
        appendsInFlight++;
        appendDone(batch, bytes, null, error);
        replay();
    }

    private void endMessage() {
        current = null;
        long wait = governor.untilNext(System.nanoTime());
        if (wait > 0) {
            pausedUntil = System.nanoTime() + wait;
            source.eventLoop().schedule(this::replay, wait, TimeUnit.NANOSECONDS);
        }
        if (!multiappend) {
            endAppend();
        }
    }

    /** Ends the APPEND command on the wire; its answer settles every message in it. */
    private void endAppend() {
        if (append == null) {
            return;
        }
        CommandPipeline.Pending pending = append;
        List<MessageMeta> batch = appendBatch;
        long bytes = appendBytes;
        append = null;
        appendsInFlight++;
        // No flush here: every path that ends an APPEND runs inside a read of the source, whose
        // end flushes the target once for all the messages that read completed, or in replay(),
        // which flushes when it is done.
        target.channel().write(new AppendEnd());
        pending.completion().whenComplete((ok, error) -> appendDone(batch, bytes, ok, error));
    }

    private void appendDone(List<MessageMeta> batch, long bytes, TaggedResponse ok, Throwable error) {
        appendsInFlight--;
        window.remove(batch.size(), bytes);
        if (error instanceof ConnectionClosedException closed) {
            markFailed(batch, "not copied: " + closed.getMessage());
            abort(closed);
        } else if (error == null) {
            List<Long> targetUids = targetUids(ok, batch.size());
            for (int i = 0; i < batch.size(); i++) {
                MessageMeta m = batch.get(i);
                result.copied.put(m.uid(), targetUids == null ? -1L : targetUids.get(i));
                long length = lengths.getOrDefault(m.uid(), 0L);
                result.bytesCopied += length;
                progress.copied(m, length);
            }
        } else if (error instanceof ImapCommandException refused && batch.size() > 1) {
            result.retrySingly.addAll(batch);
        } else {
            if (error instanceof ImapCommandException refused && refused.hasCode(ResponseCode.TryCreate.class)) {
                result.tryCreate.addAll(batch);
            }
            markFailed(batch, error instanceof ImapCommandException refused
                    ? refused.getMessage() : "not copied: " + error.getMessage());
        }
        updateReading();
        checkDone();
    }

    private void markFailed(List<MessageMeta> batch, String reason) {
        for (MessageMeta m : batch) {
            result.failed.put(m.uid(), reason);
            progress.failed(m, reason);
        }
    }

    private static List<Long> targetUids(TaggedResponse ok, int count) {
        if (ok.code() instanceof ResponseCode.AppendUid appendUid && appendUid.uids().size() == count) {
            List<Long> uids = new ArrayList<>();
            appendUid.uids().forEach(uids::add);
            return uids;
        }
        return null;
    }

    private void fetchDone(List<MessageMeta> batch, Throwable error) {
        fetchesInFlight--;
        if (error != null || current != null) {
            // A FETCH that ends inside a literal means the stream is broken; never leave a
            // half-written APPEND behind.
            abort(error != null ? error : new IllegalStateException("FETCH completed in the middle of a message"));
            return;
        }
        if (result.connectionFailure != null) {
            checkDone();
            return;
        }
        for (MessageMeta m : batch) {
            if (!streamed.contains(m.uid())) {
                result.vanished.add(m.uid());
            }
        }
        if (multiappend) {
            endAppend();
        }
        if (!batches.isEmpty()) {
            issueFetch(batches.poll());
        }
        checkDone();
    }

    /**
     * The source or the target failed. An APPEND whose literal was not finished is never
     * committed by the server (RFC 3501 §6.3.11: the append is atomic), so closing the target is
     * what keeps a half message out of the mailbox; it is closed once the APPENDs already whole
     * on the wire are answered, so those count as copied rather than being found again by the
     * rerun. Between two messages of a MULTIAPPEND nothing is half written, and ending the
     * command commits what was sent. Messages not answered are reported failed and a rerun
     * copies them.
     */
    private void abort(Throwable cause) {
        if (result.connectionFailure != null) {
            checkDone();
            return;
        }
        result.connectionFailure = cause;
        while (!waiting.isEmpty()) {
            Object event = waiting.poll();
            if (event instanceof FetchEnd) {
                fetchesInFlight--;
            } else {
                ReferenceCountUtil.release(event);
            }
        }
        awaitingContinuation = false;
        if (current != null) {
            window.remove(appendBatch.size(), appendBytes);
            markFailed(appendBatch, "not copied: " + cause.getMessage());
            append = null;
            current = null;
            closeTargetAtEnd = true;
        } else if (append != null) {
            endAppend();
        }
        target.channel().flush();
        for (List<MessageMeta> batch : batches) {
            markFailed(batch, "not copied: " + cause.getMessage());
        }
        batches.clear();
        checkDone();
    }

    private void flushTarget() {
        target.channel().flush();
        updateReading();
    }

    private void updateReading() {
        if (done.isDone()) {
            // finish() handed the source back with AUTO_READ on; a late call must not turn it off.
            return;
        }
        boolean read = target.channel().isWritable() && window.hasRoom() && !awaitingContinuation && !paced();
        source.channel().config().setAutoRead(read);
        if (read) {
            source.channel().read();
        }
    }

    private void checkDone() {
        if (batches.isEmpty() && fetchesInFlight == 0 && appendsInFlight == 0 && append == null) {
            finish();
        }
    }

    private void finish() {
        if (closeTargetAtEnd) {
            target.channel().close();
        }
        source.pipeline().onReadComplete(() -> { });
        target.pipeline().onWritabilityChanged(() -> { });
        source.channel().config().setAutoRead(true);
        done.complete(result);
    }
}
