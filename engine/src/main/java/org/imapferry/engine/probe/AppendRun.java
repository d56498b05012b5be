package org.imapferry.engine.probe;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.imapferry.engine.connection.CommandPipeline;
import org.imapferry.engine.connection.ImapSession;
import org.imapferry.engine.connection.ResponseHandler;
import org.imapferry.protocol.command.Append;
import org.imapferry.protocol.command.AppendEnd;
import org.imapferry.protocol.command.AppendMessage;
import org.imapferry.protocol.literal.LastLiteralChunk;
import org.imapferry.protocol.literal.LiteralChunk;
import org.imapferry.protocol.literal.LiteralMode;
import org.imapferry.protocol.literal.LiteralModes;
import org.imapferry.protocol.response.Status;
import org.imapferry.protocol.response.UntaggedStatus;
import org.imapferry.protocol.types.Capability;
import org.imapferry.protocol.types.MailboxName;

/**
 * One connection's share of a write phase: APPENDs of generated messages, written chunk by chunk
 * while the channel is writable, with the literal mode the server allows (LITERAL+ or LITERAL-
 * without waiting, RFC 7888; otherwise each literal waits for "+") and, with MULTIAPPEND
 * (RFC 3502), several messages per command. Everything runs on the session's event loop.
 */
final class AppendRun implements ResponseHandler {
    static final int CHUNK = 16 * 1024;
    static final int APPENDS_IN_FLIGHT = 2;
    static final int BATCH_MESSAGES = 10;
    static final long BATCH_BYTES = 4_000_000L;

    private enum State {
        READY,
        AWAITING_CONTINUATION,
        FINISHED
    }

    private final ImapSession session;
    private final Channel channel;
    private final MailboxName mailbox;
    private final WriteSource source;
    private final boolean multiappend;
    private final CompletableFuture<AppendRun> done = new CompletableFuture<>();
    private final List<RateSample> samples = new ArrayList<>();
    private State state = State.READY;
    private boolean pumping;
    private boolean exhausted;
    private CommandPipeline.Pending append;
    private int batchMessages;
    private long batchBytes;
    private GeneratedMessage message;
    private long offset;
    private int appendsInFlight;
    private long bytes;
    private long messages;
    private long started;
    private long ended;
    private Throwable failure;
    private UntaggedStatus bye;

    AppendRun(ImapSession session, MailboxName mailbox, WriteSource source) {
        this.session = session;
        this.channel = session.channel();
        this.mailbox = mailbox;
        this.source = source;
        this.multiappend = session.has(Capability.MULTIAPPEND);
    }

    CompletableFuture<AppendRun> start() {
        session.eventLoop().execute(() -> {
            started = System.nanoTime();
            samples.add(new RateSample(started, 0));
            session.pipeline().onWritabilityChanged(this::pump);
            pump();
        });
        return done;
    }

    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            do {
                fill();
                channel.flush();
                // A flush that drains the channel makes it writable again while this very loop
                // runs, and that event was ignored above: go on writing here instead.
            } while (state == State.READY && message != null && channel.isWritable() && channel.isActive());
        } finally {
            pumping = false;
        }
        finishIfDone();
    }

    private void fill() {
        while (state == State.READY) {
            if (message != null) {
                if (!writeLiteral()) {
                    break;
                }
            } else if (append != null
                    && (failure != null
                            || exhausted
                            || !multiappend
                            || batchMessages >= BATCH_MESSAGES
                            || batchBytes >= BATCH_BYTES)) {
                endAppend();
            } else if (append == null && (appendsInFlight >= APPENDS_IN_FLIGHT || failure != null || exhausted)) {
                break;
            } else {
                GeneratedMessage next = source.next();
                if (next == null) {
                    exhausted = true;
                } else {
                    begin(next);
                }
            }
        }
    }

    private void begin(GeneratedMessage next) {
        LiteralMode mode = LiteralModes.choose(session.capabilities(), next.size());
        AppendMessage part = new AppendMessage(List.of(), null, next.size(), false, mode);
        if (append == null) {
            CommandPipeline.Pending pending = PipelinedCommand.write(session, new Append(mailbox, part), this);
            append = pending;
            batchMessages = 0;
            batchBytes = 0;
            pending.completion().whenComplete((ok, error) -> {
                if (error != null
                        && append == pending
                        && (state == State.AWAITING_CONTINUATION || !channel.isActive())) {
                    abandon(error);
                }
            });
            if (append == null) {
                return; // the connection was gone already, and the command abandoned at once
            }
        } else {
            channel.write(part);
        }
        message = next;
        offset = 0;
        batchBytes += next.size();
        if (mode == LiteralMode.SYNCHRONIZING) {
            state = State.AWAITING_CONTINUATION;
            session.pipeline().onContinuation(request -> {
                if (state == State.AWAITING_CONTINUATION) {
                    state = State.READY;
                    pump();
                }
            });
        }
    }

    /** Writes the current message on while the channel takes more; false when it must wait. */
    private boolean writeLiteral() {
        while (offset < message.size()) {
            if (!channel.isWritable()) {
                return false;
            }
            int n = (int) Math.min(CHUNK, message.size() - offset);
            ByteBuf buf = channel.alloc().buffer(n);
            message.writeTo(buf, offset, n);
            offset += n;
            channel.write(offset == message.size() ? new LastLiteralChunk(buf) : new LiteralChunk(buf));
        }
        message = null;
        batchMessages++;
        return true;
    }

    private void endAppend() {
        CommandPipeline.Pending pending = append;
        int count = batchMessages;
        long size = batchBytes;
        append = null;
        appendsInFlight++;
        channel.write(new AppendEnd());
        pending.completion().whenComplete((ok, error) -> settled(count, size, error));
    }

    /**
     * The open APPEND is over before its end: a NO where a synchronizing literal waited for "+"
     * (the bytes were never sent, and the pipeline has told the encoder so), or a lost connection.
     */
    private void abandon(Throwable error) {
        session.pipeline().cancelContinuations();
        failure = failure == null ? error : failure;
        append = null;
        message = null;
        state = State.READY;
        pump();
    }

    private void settled(int count, long size, Throwable error) {
        appendsInFlight--;
        if (error == null) {
            messages += count;
            bytes += size;
            samples.add(new RateSample(System.nanoTime(), bytes));
        } else if (failure == null) {
            failure = error;
        }
        pump();
    }

    private void finishIfDone() {
        if (state == State.READY
                && message == null
                && append == null
                && appendsInFlight == 0
                && (failure != null || exhausted)) {
            state = State.FINISHED;
            ended = System.nanoTime();
            done.complete(this);
        }
    }

    @Override
    public boolean offer(Object event) {
        if (event instanceof UntaggedStatus status && status.status() == Status.BYE) {
            bye = status;
        }
        return false;
    }

    long bytes() {
        return bytes;
    }

    long messages() {
        return messages;
    }

    long started() {
        return started;
    }

    long ended() {
        return ended;
    }

    Throwable failure() {
        return failure;
    }

    UntaggedStatus bye() {
        return bye;
    }

    List<RateSample> samples() {
        return samples;
    }
}
